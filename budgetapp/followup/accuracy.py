"""Forecast accuracy (prognossäkerhet): closed rounds' forecasts compared with the year's outcome.

Error is stated in favourable terms, like avvikelse: error = (outcome's avvikelse) − (forecast's
avvikelse). For a net cost that is forecast − outcome, for a result outcome − forecast. Positive
means the year ended better than forecast (a cautious forecast), negative worse (an optimistic
one). Percent is of the node's budget. A unit is flagged as biased when at least
`BIAS_MIN_ROUNDS` of its rounds err in the same direction and none in the other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from budgetapp.budget import calc
from budgetapp.budget.models import Figure, Measure, Scenario
from budgetapp.organisation.models import OrgNode

from .models import FollowUpRound
from .selectors import measure_for

BIAS_MIN_ROUNDS = 3


@dataclass
class AccuracyRow:
    year: int
    round: FollowUpRound
    node: OrgNode
    depth: int
    is_entry: bool
    budget: Decimal | None
    forecast: Decimal
    outcome: Decimal
    error: Decimal
    error_percent: Decimal | None


@dataclass
class BiasFlag:
    key: str
    name: str
    direction: str  # "cautious" | "optimistic"
    rounds: int
    mean_error: Decimal

    @property
    def label(self) -> str:
        if self.direction == "cautious":
            return f"Försiktig: utfallet blev bättre än prognosen i alla {self.rounds} omgångar"
        return f"Optimistisk: utfallet blev sämre än prognosen i alla {self.rounds} omgångar"


def _identity(node: OrgNode) -> str:
    """Identity across years: the ledger code when there is one, otherwise kind and name."""
    return f"code:{node.code}" if node.code else f"{node.kind}:{node.name.casefold()}"


def forecast_accuracy(years: list[int]) -> dict:
    """Rows per closed round and node, a trend per year and round, and bias flags (three queries)."""
    rounds = list(FollowUpRound.objects.filter(year__in=years, is_open=False).order_by("year", "month"))
    if not rounds:
        return {"rows": [], "trend": [], "flags": [], "rounds": []}
    round_years = sorted({r.year for r in rounds})
    nodes = list(OrgNode.objects.with_tree_fields().filter(year__in=round_years)
                 .order_siblings_by("sort_order", "name"))
    figures = list(
        Figure.objects.filter(year__in=round_years, line_label="", measure__in=[Measure.NET_COST, Measure.RESULT])
        .filter(Q(scenario__in=[Scenario.BUDGET, Scenario.YEAR_END_OUTCOME])
                | Q(scenario=Scenario.ACTUAL, month=12)
                | Q(scenario=Scenario.FORECAST, source_document__isnull=True))
        .filter(Q(source_document__isnull=True) | Q(source_document__is_current=True))
        .filter(basis_year=F("year"))
        .values("id", "node_id", "year", "scenario", "measure", "period", "month", "amount")
    )
    node_measure = {n.pk: measure_for(n) for n in nodes}
    latest: dict[tuple, dict] = {}
    for f in figures:
        scenario = f["scenario"]
        if scenario == Scenario.ACTUAL:
            scenario = "outcome_fallback"
        elif scenario == Scenario.YEAR_END_OUTCOME:
            scenario = "outcome"
        key = (f["node_id"], scenario, f["period"] if scenario == Scenario.FORECAST else "",
               f["month"] if scenario == Scenario.FORECAST else 0)
        if key not in latest or f["id"] > latest[key]["id"]:
            latest[key] = f

    def own(node_id: int, scenario: str, period: str = "", month: int = 0) -> Decimal | None:
        f = latest.get((node_id, scenario, period, month))
        if f is None and scenario == "outcome":
            f = latest.get((node_id, "outcome_fallback", "", 0))
        return None if f is None else calc.to_convention(f["amount"], f["measure"], node_measure[node_id])

    by_year: dict[int, list[OrgNode]] = defaultdict(list)
    for n in nodes:
        by_year[n.year].append(n)
    rows: list[AccuracyRow] = []
    for rnd in rounds:
        year_nodes = by_year.get(rnd.year, [])
        parents = {n.parent_id for n in year_nodes}
        values = {k: defaultdict(Decimal) for k in ("budget", "forecast", "outcome")}
        seen = {k: set() for k in values}
        for n in year_nodes:
            if n.pk in parents:
                continue
            leaf = {"budget": own(n.pk, Scenario.BUDGET), "forecast": own(n.pk, Scenario.FORECAST, rnd.period,
                                                                           rnd.month),
                    "outcome": own(n.pk, "outcome")}
            for ancestor in n.tree_path:
                factor = 1 if node_measure[ancestor] == node_measure[n.pk] else -1
                for k, v in leaf.items():
                    if v is not None:
                        values[k][ancestor] += v * factor
                        seen[k].add(ancestor)
        for n in year_nodes:
            get = {k: (values[k][n.pk] if n.pk in seen[k] else None) for k in values}
            if get["budget"] is None:
                get["budget"] = own(n.pk, Scenario.BUDGET)
            if get["outcome"] is None:
                get["outcome"] = own(n.pk, "outcome")
            if get["forecast"] is None or get["outcome"] is None:
                continue
            measure = node_measure[n.pk]
            error = (get["outcome"] - get["forecast"] if measure == Measure.RESULT
                     else get["forecast"] - get["outcome"])
            rows.append(AccuracyRow(year=rnd.year, round=rnd, node=n, depth=n.tree_depth,
                                    is_entry=n.pk not in parents, budget=get["budget"],
                                    forecast=get["forecast"], outcome=get["outcome"], error=error,
                                    error_percent=calc.variance_percent(error, get["budget"])))
    return {"rows": rows, "trend": _trend(rows), "flags": _bias_flags(rows), "rounds": rounds}


def _trend(rows: list[AccuracyRow]) -> list[dict]:
    """Mean absolute error (% of budget and tkr) over the units, per year and round."""
    groups: dict[tuple[int, int, str], list[AccuracyRow]] = defaultdict(list)
    for r in rows:
        if r.is_entry:
            groups[(r.year, r.round.month, r.round.label)].append(r)
    out = []
    for (year, _month, label), items in sorted(groups.items()):
        pcts = [abs(r.error_percent) for r in items if r.error_percent is not None]
        out.append({"year": year, "round": label, "units": len(items),
                    "mean_abs_error": sum(abs(r.error) for r in items) / len(items),
                    "mean_abs_percent": (sum(pcts) / len(pcts)).quantize(Decimal("0.1")) if pcts else None})
    return out


def _bias_flags(rows: list[AccuracyRow]) -> list[BiasFlag]:
    errors: dict[str, list[Decimal]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rows:
        key = _identity(r.node)
        errors[key].append(r.error)
        names[key] = r.node.name
    flags = []
    for key, errs in errors.items():
        if len(errs) < BIAS_MIN_ROUNDS:
            continue
        if all(e > 0 for e in errs) or all(e < 0 for e in errs):
            flags.append(BiasFlag(key=key, name=names[key], direction="cautious" if errs[0] > 0 else "optimistic",
                                  rounds=len(errs), mean_error=sum(errs) / len(errs)))
    return sorted(flags, key=lambda f: f.name)
