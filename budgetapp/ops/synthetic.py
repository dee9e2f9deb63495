"""A synthetic kommun for benchmarks and query-count tests.

Builds, per year, kommun → nämnder → förvaltningar → verksamhetsområden → enheter, with budgets,
twelve months of year-to-date actuals, forecasts at the three follow-ups, investment projects and
goals with indicators. Everything is derived from one seeded random generator, so the same seed and
name always give the same figures; rebuilding first deletes what an earlier run created under the
same name, which makes the command idempotent. Rows are written with `bulk_create` only: 300 units
over three years is ~60 000 rows and takes seconds.

Amounts are consistent the way real reports are: costs and revenues are generated on the units and
summed up the tree, and each node's net figure is derived with `budget.calc` in the node's own
convention (net cost, or result for revenue-funded nodes).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from budgetapp.budget import calc
from budgetapp.budget.models import Figure, FigureChange, Measure, PeriodKind, Scenario
from budgetapp.core.models import FiscalYear
from budgetapp.goals.models import (
    AssessmentStatus,
    Goal,
    GoalArea,
    GoalAssessment,
    GoalKind,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
)
from budgetapp.investments.models import LARGE_PROJECT_THRESHOLD_TKR, InvestmentProject, ProjectStatus
from budgetapp.organisation.models import Financing, NodeKind, OrgNode

BATCH = 2000
COMMITTEE_NAMES = [
    "Kommunstyrelsen", "Barn- och ungdomsnämnden", "Utbildningsnämnden", "Äldrenämnden",
    "Omsorgsnämnden", "Kultur- och fritidsnämnden", "Samhällsbyggnadsnämnden", "Miljönämnden",
    "Socialnämnden", "Tekniska nämnden", "Bildningsnämnden", "Arbetsmarknadsnämnden",
]
AREA_WORDS = ["Förskola", "Grundskola", "Hemtjänst", "Boende", "Stöd", "Fritid", "Bibliotek", "Gata",
              "Park", "Vatten", "Kost", "Lokaler", "Bygglov", "Tillsyn", "Stab", "Service"]
GOAL_AREAS = ["Attraktiv kommun", "Trygghet och hälsa", "Utbildning och arbete", "Hållbar miljö",
              "Effektiv organisation"]
FORECAST_PERIODS = [(PeriodKind.TERTIAL_1, 4), (PeriodKind.INTERIM, 8), (PeriodKind.OCTOBER, 10)]
Q3 = Decimal("0.001")


@dataclass
class KommunSummary:
    name: str
    years: list[int]
    nodes: int
    figures: int
    investments: int
    goals: int


def _d(value: float) -> Decimal:
    return Decimal(str(round(value, 3))).quantize(Q3)


def delete_kommun(name: str) -> int:
    """Remove every tree whose root is called `name`, with everything hanging off it."""
    roots = list(OrgNode.objects.filter(parent__isnull=True, name=name).values_list("pk", flat=True))
    if not roots:
        return 0
    from budgetapp.organisation.selectors import subtree_ids

    ids = subtree_ids(roots)
    # The figure table is the big one: detach its audit rows and delete in one statement instead of
    # letting the cascade collector load every figure into memory (seconds → milliseconds).
    FigureChange.objects.filter(figure__node_id__in=ids).update(figure=None)
    Figure.objects.filter(node_id__in=ids)._raw_delete(Figure.objects.db)
    IndicatorValue.objects.filter(indicator__goal__node_id__in=ids).delete()
    OrgNode.objects.filter(pk__in=roots).delete()
    MunicipalGoal.objects.filter(name__startswith=f"{name}: ").delete()
    return len(ids)


@transaction.atomic
def generate_kommun(*, units: int = 300, years: int = 3, first_year: int = 2024, seed: int = 1,
                    name: str = "Syntetkommun", investments: int = 100, goals: int = 200,
                    publish: bool = True) -> KommunSummary:
    """Build (or rebuild) the synthetic kommun `name`; same arguments → same data."""
    rng = random.Random(f"{seed}:{name}")
    delete_kommun(name)
    year_list = list(range(first_year, first_year + years))
    for year in year_list:
        FiscalYear.objects.get_or_create(year=year, defaults={"is_published": publish})
        if publish:
            FiscalYear.objects.filter(year=year).update(is_published=True)

    areas = [GoalArea.objects.get_or_create(name=a, defaults={"sort_order": i})[0]
             for i, a in enumerate(GOAL_AREAS)]
    municipal_goals = MunicipalGoal.objects.bulk_create([
        MunicipalGoal(goal_area=areas[i % len(areas)], name=f"{name}: kommunmål {i + 1}",
                      valid_from=first_year, valid_to=year_list[-1])
        for i in range(10)
    ])

    # At least three nämnder so even a tiny kommun has a revenue-funded förvaltning.
    n_committees = max(min(3, units), min(len(COMMITTEE_NAMES), round(units / 40)))
    areas_per_admin = max(1, min(4, units // (n_committees * 3) or 1))
    # Fixed per-unit base amounts so a unit's budget moves smoothly from year to year.
    unit_base = [(rng.uniform(2_000, 60_000), rng.uniform(0.05, 0.4)) for _ in range(units)]
    revenue_committee = n_committees - 1 if n_committees > 2 else None

    totals = KommunSummary(name, year_list, 0, 0, 0, 0)
    for y_index, year in enumerate(year_list):
        nodes = _build_tree(name, year, units, n_committees, areas_per_admin, revenue_committee)
        totals.nodes += len(nodes["all"])
        totals.figures += _build_figures(rng, year, nodes, unit_base, y_index, is_last=year == year_list[-1])
        totals.investments += _build_investments(rng, year, nodes, investments)
        totals.goals += _build_goals(rng, name, year, nodes, goals, areas, municipal_goals)
    return totals


def _build_tree(name: str, year: int, units: int, n_committees: int, areas_per_admin: int,
                revenue_committee: int | None) -> dict[str, list[OrgNode]]:
    kommun = OrgNode.objects.create(year=year, name=name, kind=NodeKind.MUNICIPALITY, code="K")
    committees = OrgNode.objects.bulk_create([
        OrgNode(year=year, parent=kommun, name=COMMITTEE_NAMES[i], kind=NodeKind.COMMITTEE, code=f"N{i:02}",
                sort_order=i)
        for i in range(n_committees)
    ])
    admins = OrgNode.objects.bulk_create([
        OrgNode(year=year, parent=c, name=c.name.replace("nämnden", "förvaltningen").replace("styrelsen",
                "ledningsförvaltningen"), kind=NodeKind.ADMINISTRATION, code=f"F{i:02}", sort_order=i,
                financing=Financing.REVENUE if i == revenue_committee else Financing.APPROPRIATION,
                within_frame=i != revenue_committee)
        for i, c in enumerate(committees)
    ])
    op_areas = OrgNode.objects.bulk_create([
        OrgNode(year=year, parent=a, name=f"{AREA_WORDS[(i * areas_per_admin + j) % len(AREA_WORDS)]} {i + 1}.{j + 1}",
                kind=NodeKind.OPERATIONAL_AREA, code=f"V{i:02}{j:02}", sort_order=j, financing=a.financing,
                within_frame=a.within_frame)
        for i, a in enumerate(admins) for j in range(areas_per_admin)
    ])
    leaves = OrgNode.objects.bulk_create([
        OrgNode(year=year, parent=op_areas[u % len(op_areas)], name=f"Enhet {u + 1:04}", kind=NodeKind.UNIT,
                code=f"E{u:05}", sort_order=u, financing=op_areas[u % len(op_areas)].financing,
                within_frame=op_areas[u % len(op_areas)].within_frame)
        for u in range(units)
    ], batch_size=BATCH)
    all_nodes = [kommun, *committees, *admins, *op_areas, *leaves]
    return {"kommun": [kommun], "committees": committees, "admins": admins, "areas": op_areas,
            "leaves": leaves, "all": all_nodes}


def _ancestry(nodes: dict[str, list[OrgNode]]) -> dict[int, list[int]]:
    """Node id → ids of itself and all ancestors (the tree is built in memory, no queries)."""
    by_id = {n.pk: n for n in nodes["all"]}
    chains: dict[int, list[int]] = {}
    for node in nodes["all"]:
        chain, current = [], node
        while current is not None:
            chain.append(current.pk)
            current = by_id.get(current.parent_id) if current.parent_id else None
        chains[node.pk] = chain
    return chains


def _build_figures(rng: random.Random, year: int, nodes: dict[str, list[OrgNode]],
                   unit_base: list[tuple[float, float]], y_index: int, is_last: bool) -> int:
    chains = _ancestry(nodes)
    # (node, scenario, period, month) → [cost, revenue], summed from the leaves up.
    sums: dict[tuple[int, str, str, int], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    growth = 1 + 0.03 * y_index
    for leaf, (base, revenue_share) in zip(nodes["leaves"], unit_base, strict=True):
        budget_cost = _d(base * growth)
        budget_revenue = _d(base * growth * revenue_share)
        outcome_factor = rng.uniform(0.94, 1.06)
        cells: list[tuple[str, str, int, Decimal, Decimal]] = [
            (Scenario.BUDGET, PeriodKind.FULL_YEAR, 12, budget_cost, budget_revenue),
        ]
        for month in range(1, 13):
            seasonal = month / 12 * outcome_factor * rng.uniform(0.98, 1.02)
            cells.append((Scenario.ACTUAL, PeriodKind.MONTH, month, _d(base * growth * seasonal),
                          _d(base * growth * revenue_share * seasonal)))
        for period, month in FORECAST_PERIODS:
            drift = outcome_factor * rng.uniform(0.99, 1.01)
            cells.append((Scenario.FORECAST, period, month, _d(base * growth * drift),
                          _d(base * growth * revenue_share * drift)))
        if not is_last:
            cells.append((Scenario.YEAR_END_OUTCOME, PeriodKind.FULL_YEAR, 12, _d(base * growth * outcome_factor),
                          _d(base * growth * revenue_share * outcome_factor)))
        for scenario, period, month, cost, revenue in cells:
            for node_id in chains[leaf.pk]:
                acc = sums[(node_id, scenario, period, month)]
                acc[0] += cost
                acc[1] += revenue

    financing = {n.pk: n.financing for n in nodes["all"]}
    committee_ids = {n.pk for n in nodes["committees"]}
    rows: list[Figure] = []
    for (node_id, scenario, period, month), (cost, revenue) in sums.items():
        revenue_funded = financing[node_id] == Financing.REVENUE
        net_measure = Measure.RESULT if revenue_funded else Measure.NET_COST
        net = calc.result(cost, revenue) if revenue_funded else calc.net_cost(cost, revenue)
        for measure, amount in ((Measure.COST, cost), (Measure.REVENUE, revenue), (net_measure, net)):
            rows.append(Figure(node_id=node_id, year=year, basis_year=year, period=period, month=month,
                               scenario=scenario, measure=measure, amount=amount))
        if scenario == Scenario.BUDGET and node_id in committee_ids:
            rows.append(Figure(node_id=node_id, year=year, basis_year=year, period=period, month=month,
                               scenario=Scenario.FRAME, measure=net_measure, amount=net))
    Figure.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _build_investments(rng: random.Random, year: int, nodes: dict[str, list[OrgNode]], count: int) -> int:
    owners = nodes["admins"] + nodes["areas"]
    projects = []
    for i in range(count):
        approved = _d(rng.choice([rng.uniform(500, 20_000), rng.uniform(20_000, 400_000)]))
        year_budget = _d(float(approved) * rng.uniform(0.1, 0.5))
        year_actual = _d(float(year_budget) * rng.uniform(0.3, 1.2))
        projects.append(InvestmentProject(
            node=owners[i % len(owners)], year=year, period=PeriodKind.FULL_YEAR,
            name=f"Investeringsprojekt {i + 1:03}", status=rng.choice(ProjectStatus.values),
            approved_budget=approved, accumulated_actual=_d(float(approved) * rng.uniform(0.1, 0.9)),
            year_budget=year_budget, year_actual=year_actual,
            year_forecast=_d(float(year_actual) * rng.uniform(1.0, 1.3)),
            total_forecast=_d(float(approved) * rng.uniform(0.9, 1.15)), end_year=year + rng.randint(0, 4),
            is_large=approved >= LARGE_PROJECT_THRESHOLD_TKR,
        ))
    InvestmentProject.objects.bulk_create(projects, batch_size=BATCH)
    return len(projects)


def _build_goals(rng: random.Random, name: str, year: int, nodes: dict[str, list[OrgNode]], count: int,
                 areas: list[GoalArea], municipal_goals: list[MunicipalGoal]) -> int:
    owners = nodes["committees"] + nodes["admins"]
    goals = Goal.objects.bulk_create([
        Goal(node=owners[i % len(owners)], year=year, sort_order=i, name=f"Mål {i + 1:03}",
             kind=GoalKind.COMMITTEE_GOAL if owners[i % len(owners)].kind == NodeKind.COMMITTEE
             else GoalKind.ADMINISTRATION_GOAL,
             municipal_goal=municipal_goals[i % len(municipal_goals)], goal_area=areas[i % len(areas)])
        for i in range(count)
    ], batch_size=BATCH)
    indicators = Indicator.objects.bulk_create([
        Indicator(goal=g, name=f"Indikator {g.sort_order + 1}.{k + 1}", unit="%", sort_order=k,
                  desired_direction="Öka")
        for g in goals for k in range(2)
    ], batch_size=BATCH)
    values = []
    for ind in indicators:
        target = rng.uniform(40, 95)
        outcome = target * rng.uniform(0.8, 1.1)
        values.append(IndicatorValue(indicator=ind, year=year, is_target=True, raw=f"{target:.1f}".replace(".", ","),
                                     value=Decimal(f"{target:.1f}")))
        values.append(IndicatorValue(indicator=ind, year=year, is_target=False,
                                     raw=f"{outcome:.1f}".replace(".", ","), value=Decimal(f"{outcome:.1f}")))
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    GoalAssessment.objects.bulk_create([
        GoalAssessment(goal=g, year=year, period=PeriodKind.FULL_YEAR, status=rng.choice(AssessmentStatus.values))
        for g in goals
    ], batch_size=BATCH)
    return len(goals)
