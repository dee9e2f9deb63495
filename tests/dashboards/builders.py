"""Test data for dashboards and the API: a small kommun with figures, investments and goals.

`build_kommun(stabs=n)` scales the number of staber (and their units), so query-count tests can
compare a small kommun with one ten times larger.
"""

from __future__ import annotations

from decimal import Decimal

from budgetapp.budget.models import BudgetChange, BudgetChangeKind, Measure, PeriodKind, Scenario
from budgetapp.goals.models import (
    AssessmentStatus,
    Goal,
    GoalArea,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
    ValueState,
)
from budgetapp.investments.models import (
    FrameKind,
    InvestmentFrame,
    InvestmentPlanItem,
    InvestmentProject,
    ProjectStatus,
)
from budgetapp.organisation.models import NodeKind, OrgLineage
from tests.factories import FigureFactory, FiscalYearFactory, OrgNodeFactory, SourceDocumentFactory, small_municipality

D = Decimal


def fig(node, scenario, amount, *, period=PeriodKind.FULL_YEAR, measure=Measure.NET_COST, year=None,
        basis_year=None, month=None, doc=None, line=None):
    kwargs = {"node": node, "scenario": scenario, "amount": D(amount), "period": period, "measure": measure,
              "year": year or node.year, "basis_year": basis_year or year or node.year}
    if month:
        kwargs["month"] = month
    if doc:
        kwargs["source_document"] = doc
        kwargs["source_line"] = line
    return FigureFactory(**kwargs)


def build_kommun(year: int = 2024, *, stabs: int = 0, published: bool = True) -> dict:
    """kommun → KS → KLF (Ekonomistaben, HR-staben + `stabs` extra) and VSS (revenue-funded).

    Figures (tkr, net cost unless noted), interim round is the latest:
      Ekonomistaben budget 10 000, prognos T1 10 500, delår 10 800, utfall t.o.m. aug 7 000
      HR-staben     budget 20 000, prognos T1 19 500, delår 19 000, utfall t.o.m. aug 12 000
      VSS (result)  budget 0, prognos delår +500 (surplus)
    """
    FiscalYearFactory(year=year, is_published=published)
    nodes = small_municipality(year)
    doc = SourceDocumentFactory(title=f"Internbudget {year}", year=year)
    a, b, vss = nodes["stab_a"], nodes["stab_b"], nodes["vss"]
    fig(a, Scenario.BUDGET, 10000, doc=doc, line=313)
    fig(b, Scenario.BUDGET, 20000, doc=doc, line=320)
    fig(a, Scenario.FORECAST, 10500, period=PeriodKind.TERTIAL_1)
    fig(b, Scenario.FORECAST, 19500, period=PeriodKind.TERTIAL_1)
    fig(a, Scenario.FORECAST, 10800, period=PeriodKind.INTERIM)
    fig(b, Scenario.FORECAST, 19000, period=PeriodKind.INTERIM)
    fig(a, Scenario.ACTUAL, 7000, period=PeriodKind.MONTH, month=8)
    fig(b, Scenario.ACTUAL, 12000, period=PeriodKind.MONTH, month=8)
    fig(a, Scenario.PLAN, 10200, year=year + 1, basis_year=year)
    fig(b, Scenario.PLAN, 20400, year=year + 1, basis_year=year)
    fig(vss, Scenario.BUDGET, 0, measure=Measure.RESULT)
    fig(vss, Scenario.FORECAST, 500, period=PeriodKind.INTERIM, measure=Measure.RESULT)
    BudgetChange.objects.create(kind=BudgetChangeKind.CHANGE_SPECIFICATION, node=a, budget_year=year, year=year,
                                reason="Effektiviseringskrav", amount=D(-300), source_document=doc, source_line=315)
    BudgetChange.objects.create(kind=BudgetChangeKind.CHANGE_SPECIFICATION, node=a, budget_year=year,
                                year=year + 1, reason="Effektiviseringskrav", amount=D(-600))
    extra = []
    for i in range(stabs):
        stab = OrgNodeFactory(year=year, name=f"Stab {i:03d}", parent=nodes["klf"])
        unit = OrgNodeFactory(year=year, name=f"Enhet {i:03d}", parent=stab, kind=NodeKind.UNIT)
        fig(unit, Scenario.BUDGET, 1000)
        fig(unit, Scenario.FORECAST, 900, period=PeriodKind.TERTIAL_1)
        fig(unit, Scenario.FORECAST, 1100, period=PeriodKind.INTERIM)
        fig(unit, Scenario.ACTUAL, 700, period=PeriodKind.MONTH, month=8)
        BudgetChange.objects.create(kind=BudgetChangeKind.CHANGE_SPECIFICATION, node=stab, budget_year=year,
                                    year=year, reason="Löneuppräkning", amount=D(20))
        extra.append(stab)
    nodes["extra"] = extra
    nodes["doc"] = doc
    return nodes


def add_closed_year(nodes: dict, prev_nodes: dict | None = None) -> None:
    """Year-end outcome for the year (and the previous year's outcome on `prev_nodes`)."""
    a, b = nodes["stab_a"], nodes["stab_b"]
    fig(a, Scenario.YEAR_END_OUTCOME, 11000)
    fig(b, Scenario.YEAR_END_OUTCOME, 18500)
    fig(nodes["vss"], Scenario.YEAR_END_OUTCOME, 700, measure=Measure.RESULT)
    if prev_nodes:
        fig(prev_nodes["stab_a"], Scenario.YEAR_END_OUTCOME, 9000)
        fig(prev_nodes["stab_b"], Scenario.YEAR_END_OUTCOME, 19000)


def add_investments(nodes: dict) -> dict:
    year = nodes["ks"].year
    klf = nodes["klf"]
    InvestmentFrame.objects.create(node=klf, basis_year=year, year=year, kind=FrameKind.DECIDED_FRAME,
                                   amount=D(60000), source_document=nodes["doc"], source_line=612)
    big = InvestmentProject.objects.create(
        node=klf, year=year, period=PeriodKind.INTERIM, name="Ny simhall", status=ProjectStatus.ONGOING,
        approved_budget=D(80000), accumulated_actual=D(30000), year_budget=D(20000), year_actual=D(12000),
        year_forecast=D(22000), end_year=year + 2, is_large=True)
    done = InvestmentProject.objects.create(
        node=nodes["stab_a"], year=year, period=PeriodKind.INTERIM, name="Ekonomisystem",
        status=ProjectStatus.COMPLETED, approved_budget=D(5000), accumulated_actual=D(4800), year_budget=D(1000),
        year_actual=D(800), year_forecast=D(800))
    part = InvestmentProject.objects.create(
        node=nodes["stab_a"], year=year, period=PeriodKind.INTERIM, name="Modul budget", parent=done,
        status=ProjectStatus.COMPLETED, approved_budget=D(2000), accumulated_actual=D(1900))
    ongoing = InvestmentProject.objects.create(
        node=nodes["stab_b"], year=year, period=PeriodKind.INTERIM, name="HR-system",
        status=ProjectStatus.ONGOING, approved_budget=D(3000), accumulated_actual=D(1000), year_budget=D(2000),
        year_actual=D(900), year_forecast=D(2100))
    for offset in range(3):
        InvestmentPlanItem.objects.create(node=klf, basis_year=year, name="Ny simhall", year=year + offset,
                                          amount=D(20000 + offset * 1000))
    return {"big": big, "done": done, "part": part, "ongoing": ongoing}


def add_goals(nodes: dict) -> dict:
    year = nodes["ks"].year
    area, _ = GoalArea.objects.get_or_create(name="Samhälle", defaults={"sort_order": 1})
    eco, _ = GoalArea.objects.get_or_create(name="Ekonomi", defaults={"sort_order": 3})
    mg, _ = MunicipalGoal.objects.get_or_create(name="Ett tryggt och säkert Linköping", valid_from=year,
                                                defaults={"goal_area": area})
    safe = Goal.objects.create(node=nodes["ks"], year=year, goal_area=area, municipal_goal=mg,
                               name="God trygghet och säkerhet", sort_order=1)
    control = Goal.objects.create(node=nodes["ks"], year=year, goal_area=eco, name="God ekonomisk kontroll",
                                  sort_order=2)
    brand = Goal.objects.create(node=nodes["ks"], year=year, goal_area=area, municipal_goal=mg,
                                name="Starkt varumärke", sort_order=3)
    GoalAssessment.objects.create(goal=safe, year=year, period=PeriodKind.INTERIM,
                                  status=AssessmentStatus.PARTLY_FULFILLED,
                                  analysis="Tryggheten har ökat men inte nått målvärdet.")
    GoalAssessment.objects.create(goal=control, year=year, period=PeriodKind.INTERIM,
                                  status=AssessmentStatus.FULFILLED, analysis="Budget i balans.")
    GoalAssessment.objects.create(goal=control, year=year, period=PeriodKind.TERTIAL_1,
                                  status=AssessmentStatus.NOT_FULFILLED)
    ind = Indicator.objects.create(goal=safe, name="Andel trygga invånare", unit="%", sort_order=1)
    women = Indicator.objects.create(goal=safe, parent=ind, name="Kvinnor", unit="%", sort_order=2)
    men = Indicator.objects.create(goal=safe, parent=ind, name="Män", unit="%", sort_order=3)
    for y, total, w, m in ((year - 3, "60", "55", "65"), (year - 2, "I.U.", "I.U.", "I.U."),
                           (year - 1, "64", "60", "68")):
        for indicator, raw in ((ind, total), (women, w), (men, m)):
            no_data = raw == "I.U."
            IndicatorValue.objects.create(indicator=indicator, year=y, raw=raw,
                                          value=None if no_data else D(raw),
                                          state=ValueState.NO_DATA if no_data else ValueState.VALUE)
    IndicatorValue.objects.create(indicator=ind, year=year, is_target=True, raw="70", value=D(70))
    return {"safe": safe, "control": control, "brand": brand, "indicator": ind}


def add_previous_year(nodes: dict, *, published: bool = False) -> dict:
    """Year N−1 with the same tree, except HR-staben was then called 'Personalstaben' (lineage link)."""
    year = nodes["ks"].year - 1
    prev = small_municipality(year)
    FiscalYearFactory(year=year, is_published=published)
    prev["stab_b"].name = "Personalstaben"
    prev["stab_b"].save()
    OrgLineage.objects.create(predecessor=prev["stab_b"], successor=nodes["stab_b"], kind="renamed")
    fig(prev["stab_a"], Scenario.BUDGET, 9500)
    fig(prev["stab_b"], Scenario.BUDGET, 19500)
    return prev
