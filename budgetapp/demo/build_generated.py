"""Demo figures that no document gives: other committees' frames, the 2024 split of VSS/Leanlink over
their units, monthly actuals Jan–Oct 2024 and the tertial 1 and delår forecasts.

They have no source document; `entered_by` is the demo admin. Everything is deterministic (a CRC of the
node's ledger code, not `hash()`, which is salted per process), so a second run produces equal rows.

Monthly actuals are stored year-to-date ("till och med månad"), as the ledger export would give them.
"""

from __future__ import annotations

import zlib
from decimal import ROUND_HALF_UP, Decimal

from budgetapp.budget.models import Figure, Measure, PeriodKind, Scenario

from .build_figures import FIGURE_KEY, fig, mnkr
from .data import figures_2024 as f24
from .sync import SyncResult, sync_rows

#: Share of a year's amount booked per month (%), low in July as in a Swedish ledger; sums to 100.
MONTH_WEIGHTS = (8.0, 8.2, 8.6, 8.3, 8.5, 9.0, 5.2, 7.0, 8.6, 8.8, 8.8, 11.0)
ACTUAL_MONTHS = range(1, 11)  # January–October 2024
KLF_STAB_KEYS = ["ks_vo", "kommungemensamt", "kommunledningsstaben", "planeringsstaben", "naringsliv",
                 "ekonomistaben", "hr", "kou"]


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def drift(code: str, salt: str = "") -> Decimal:
    """A stable per-node deviation between −4 % and +4 %."""
    return Decimal((zlib.crc32(f"{code}{salt}".encode()) % 801) - 400) / Decimal(10_000)


def split(total: Decimal, shares: dict[str, int]) -> dict[str, Decimal]:
    """Split `total` by `shares` in whole tkr; the last key takes the rounding remainder."""
    weight = sum(shares.values())
    out, rest = {}, total
    keys = list(shares)
    for key in keys[:-1]:
        out[key] = whole(total * shares[key] / weight)
        rest -= out[key]
    out[keys[-1]] = rest
    return out


def _leaf_budgets(n20: dict, n24: dict, docs: dict) -> list[tuple]:
    """(node, measure, annual budget 2024) for every 2024 leaf the demo follows up."""
    leaves = []
    for key, _line, values in f24.STAB_2024:
        leaves.append((n24[key], Measure.NET_COST, mnkr(values[2])))
    for parent, shares in (("vss", f24.VSS_SHARES_2024), ("leanlink", f24.LEANLINK_SHARES_2024)):
        total = f24.REVENUE_FUNDED_2024[parent][2][0]
        for key, amount in split(mnkr(total), shares).items():
            leaves.append((n24[key], Measure.COST, amount))
            leaves.append((n24[key], Measure.REVENUE, amount))
    for key, frames in f24.OTHER_COMMITTEE_FRAMES.items():
        if 2024 in frames:
            leaves.append((n24[key], Measure.NET_COST, Decimal(frames[2024])))
    return leaves


def generated_rows(nodes: dict, docs: dict, admin) -> list[dict]:
    n20, n24 = nodes[2020], nodes[2024]
    rows = []
    demo = {"entered_by": admin}
    for key, frames in f24.OTHER_COMMITTEE_FRAMES.items():
        for year, amount in frames.items():
            node = (n20 if year == 2020 else n24)[key]
            rows.append(fig(node, year, Scenario.FRAME, Measure.NET_COST, amount, **demo))
            rows.append(fig(node, year, Scenario.BUDGET, Measure.NET_COST, amount, **demo))
            if year == 2020:
                outcome = whole(Decimal(amount) * (1 + drift(node.code, "2020")))
                rows.append(fig(node, 2020, Scenario.YEAR_END_OUTCOME, Measure.NET_COST, outcome, **demo))
    cumulative = Decimal(0)
    month_share = {}
    for month, weight in enumerate(MONTH_WEIGHTS, start=1):
        cumulative += Decimal(str(weight)) / 100
        month_share[month] = cumulative
    for node, measure, annual in _leaf_budgets(n20, n24, docs):
        if node.reports_result:  # unit budgets of VSS/Leanlink are the demo split, not a document's
            rows.append(fig(node, 2024, Scenario.BUDGET, measure, annual, **demo))
        deviation = drift(node.code, measure)
        for month in ACTUAL_MONTHS:
            ytd = whole(annual * month_share[month] * (1 + deviation))
            rows.append(fig(node, 2024, Scenario.ACTUAL, measure, ytd, period=PeriodKind.MONTH, month=month,
                            **demo))
        for period, weight in ((PeriodKind.TERTIAL_1, Decimal("0.5")), (PeriodKind.INTERIM, Decimal("0.9"))):
            rows.append(fig(node, 2024, Scenario.FORECAST, measure, whole(annual * (1 + deviation * weight)),
                            period=period, **demo))
    return rows


def load_generated_figures(nodes: dict, docs: dict, admin) -> SyncResult:
    node_ids = [node.pk for year_nodes in nodes.values() for node in year_nodes.values()]
    scope = Figure.objects.filter(node_id__in=node_ids, source_document__isnull=True)
    return sync_rows(Figure, FIGURE_KEY, generated_rows(nodes, docs, admin), scope)
