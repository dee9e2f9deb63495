"""Driftsammandrag (operating summary): rows per child unit with columns chosen by context.

Three views, as in the documents (DOMAIN §3.3):
- follow-up round: Budget, Prognos, Avvikelse, Utfall hittills, Föregående prognos;
- closed year:     Bokslut, Budget, Avvikelse, Bokslut föregående år;
- budget:          Utfall N−2, Budget N−1, Budget N, Plan years, with "Specifikation av förändringar".
Revenue-funded units are listed after the within-frame sum and shown as result (positive = surplus).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

from budgetapp.budget import calc
from budgetapp.budget.models import PERIOD_END_MONTH, BudgetChange, BudgetChangeKind, Scenario
from budgetapp.organisation.models import OrgNode

from .context import MONTH_NAMES, OrgTree, YearRounds, round_label_in_sentence
from .figures import Cell, ColumnSpec, FigureGrid, shown

FOLLOW_UP, CLOSED, BUDGET = "followup", "closed", "budget"
#: Lazy labels: translated when shown (str() them per request, never keep the result across requests).
VIEW_LABELS = {FOLLOW_UP: gettext_lazy("Uppföljning (prognos)"), CLOSED: gettext_lazy("Bokslut"),
               BUDGET: gettext_lazy("Budget och plan")}
PLAN_YEARS = 5


def default_view(rounds: YearRounds) -> str:
    if rounds.has_year_end:
        return CLOSED
    if rounds.forecast_periods:
        return FOLLOW_UP
    return BUDGET


def budget_label(year: int) -> str:
    return gettext("Budget %(year)s") % {"year": year}


def year_end_label(year: int) -> str:
    return gettext("Bokslut %(year)s") % {"year": year}


def columns_for(view: str, year: int, rounds: YearRounds, period: str | None) -> list[ColumnSpec]:
    """The columns of a view; `period` picks the follow-up round (default: the latest).

    Labels are translated here, per request: the columns are never cached across requests."""
    if view == FOLLOW_UP:
        period = period if period in rounds.forecast_periods else rounds.latest_round
        if period is None:
            return columns_for(BUDGET, year, rounds, None)
        month = PERIOD_END_MONTH[period]
        cols = [
            ColumnSpec("budget", budget_label(year), Scenario.BUDGET, year),
            ColumnSpec("forecast", gettext("Prognos %(round)s") % {"round": round_label_in_sentence(period)},
                       Scenario.FORECAST, year, month),
            ColumnSpec("variance", gettext("Avvikelse"), variance_of=("budget", "forecast")),
            ColumnSpec("actual", gettext("Utfall t.o.m. %(month)s") % {"month": MONTH_NAMES[month - 1]},
                       Scenario.ACTUAL, year, month),
        ]
        previous = rounds.previous_round(period)
        if previous:
            previous_label = gettext("Föregående prognos (%(round)s)") % {"round": round_label_in_sentence(previous)}
            cols.append(ColumnSpec("previous_forecast", previous_label,
                                   Scenario.FORECAST, year, PERIOD_END_MONTH[previous]))
        return cols
    if view == CLOSED:
        return [
            ColumnSpec("outcome", year_end_label(year), Scenario.YEAR_END_OUTCOME, year,
                       fallback_scenarios=(Scenario.ACTUAL,)),
            ColumnSpec("budget", budget_label(year), Scenario.BUDGET, year),
            ColumnSpec("variance", gettext("Avvikelse"), variance_of=("budget", "outcome")),
            ColumnSpec("previous_outcome", year_end_label(year - 1), Scenario.YEAR_END_OUTCOME, year - 1,
                       fallback_scenarios=(Scenario.ACTUAL,)),
        ]
    cols = [
        ColumnSpec("outcome_2", gettext("Utfall %(year)s") % {"year": year - 2}, Scenario.YEAR_END_OUTCOME, year - 2,
                   fallback_scenarios=(Scenario.ACTUAL,)),
        ColumnSpec("budget_1", budget_label(year - 1), Scenario.BUDGET, year - 1),
        ColumnSpec("budget", budget_label(year), Scenario.BUDGET, year),
    ]
    cols += [ColumnSpec(f"plan_{y}", gettext("Plan %(year)s") % {"year": y}, Scenario.PLAN, y)
             for y in range(year + 1, year + 1 + PLAN_YEARS)]
    return cols


@dataclass
class SummaryRow:
    kind: str  # node | change | sum | of_which | outside
    label: str
    node: OrgNode | None = None
    measure: str = calc.NET_COST
    values: dict[str, Decimal | None] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    has_children: bool = False
    marker: str = ""
    cells: dict[str, Cell | None] = field(default_factory=dict, repr=False)

    @property
    def reports_result(self) -> bool:
        return self.measure == calc.RESULT


@dataclass
class OperatingSummary:
    year: int
    view: str
    period: str | None
    node: OrgNode | None
    columns: list[ColumnSpec]
    rows: list[SummaryRow]
    footer: list[SummaryRow]
    outside: list[SummaryRow]
    measure: str
    filtered: bool = False
    grid: FigureGrid | None = field(default=None, repr=False, compare=False)

    @property
    def all_rows(self) -> list[SummaryRow]:
        return [*self.rows, *self.footer, *self.outside]

    @property
    def convention(self) -> str:
        return calc.convention_label(self.measure)

    @property
    def has_result_rows(self) -> bool:
        return any(r.reports_result for r in self.all_rows if r.kind in ("node", "outside"))

    @property
    def view_label(self) -> str:
        return str(VIEW_LABELS[self.view])


def _values(cell_by_col: dict[str, Cell | None], columns: list[ColumnSpec], measure: str):
    values: dict[str, Decimal | None] = {}
    sources: dict[str, str] = {}
    for col in columns:
        if col.is_variance:
            budget_key, outcome_key = col.variance_of
            values[col.key] = calc.variance(values.get(budget_key), values.get(outcome_key), measure)
            continue
        cell = cell_by_col.get(col.key)
        values[col.key] = shown(cell.net, measure) if cell else None
        sources[col.key] = cell.source_label if cell else ""
    return values, sources


def _sort_key(column: str):
    def key(row: SummaryRow):
        if column == "name":
            return (0, row.label.casefold())
        value = row.values.get(column)
        return (0 if value is not None else 1, value if value is not None else Decimal(0))
    return key


def build_operating_summary(
    tree: OrgTree, node: OrgNode | None, view: str, rounds: YearRounds, *, period: str | None = None,
    visible_ids: set[int] | None = None, order_by: str = "", extra_columns: tuple[ColumnSpec, ...] = (),
    column_keys: list[str] | None = None,
) -> OperatingSummary:
    """The driftsammandrag for `node`'s children (the roots for None); fixed number of queries.

    `extra_columns` are read by the same `FigureGrid` (returned as `.grid`) for callers that show
    more of the same nodes, such as the overview's forecast development, without querying again.
    `column_keys` fixes the columns (rows expanded inside another node's table must line up with
    its columns, even where this node's own plan columns would be empty).
    """
    year = tree.year
    if view == FOLLOW_UP and not rounds.forecast_periods:
        view = BUDGET
    columns = columns_for(view, year, rounds, period)
    in_round = period if period in rounds.forecast_periods else rounds.latest_round
    period = in_round if view == FOLLOW_UP else None
    parent_measure = tree.measure(node)
    children = tree.kids(node)
    scope = tree.descendants(node) if node is not None else tree.nodes
    grid = FigureGrid(tree, [*columns, *extra_columns], scope, targets=[node, *children])
    filtered = visible_ids is not None
    rows: list[SummaryRow] = []
    outside: list[SummaryRow] = []
    for child in children:
        if visible_ids is not None and child.pk not in visible_ids:
            continue
        measure = tree.measure(child)
        cells = {c.key: grid.cell(child, c) for c in columns if not c.is_variance}
        values, sources = _values(cells, columns, measure)
        row = SummaryRow("node", child.name, child, measure, values, sources,
                         has_children=bool(tree.kids(child)), cells=cells)
        if measure != parent_measure or not child.within_frame:
            row.kind, row.marker = "outside", "*"
            outside.append(row)
        else:
            rows.append(row)
    # sorting keeps totals and change rows in place
    if order_by:
        descending = order_by.startswith("-")
        column = order_by.lstrip("-")
        if column == "name" or any(c.key == column for c in columns):
            rows.sort(key=_sort_key(column), reverse=descending)
            outside.sort(key=_sort_key(column), reverse=descending)
    footer = _footer(rows, columns, node, filtered, parent_measure)
    if view == BUDGET:
        rows = _with_changes(rows, columns, year)
        if column_keys is None:
            columns = _drop_empty_plan_columns(columns, [*rows, *footer, *outside])
    if column_keys is not None:
        by_key = {c.key: c for c in columns}
        columns = [by_key[k] for k in column_keys if k in by_key]
    return OperatingSummary(year, view, period, node, columns, rows, footer, outside, parent_measure, filtered,
                            grid)


def _footer(rows: list[SummaryRow], columns: list[ColumnSpec], node: OrgNode | None,
            filtered: bool, measure: str) -> list[SummaryRow]:
    if not rows:
        return []
    if filtered:
        label = gettext("Summa visade rader")
    else:
        label = gettext("Summa %(name)s") % {"name": node.name} if node else gettext("Summa")
    sum_source = gettext("Summa av raderna ovan")
    cells: dict[str, Cell] = {}
    for col in columns:
        if col.is_variance:
            continue
        total = Cell(sources=[sum_source])
        for row in rows:
            cell = row.cells.get(col.key)
            if cell is None:
                continue
            total.net = cell.net if total.net is None else total.net + (cell.net or 0)
            if cell.cost is not None:
                total.cost = cell.cost if total.cost is None else total.cost + cell.cost
            if cell.revenue is not None:
                total.revenue = cell.revenue if total.revenue is None else total.revenue + cell.revenue
        cells[col.key] = total
    values, sources = _values(cells, columns, measure)
    footer = [SummaryRow("sum", label, node, measure, values, sources)]
    for attr, text in (("cost", gettext("varav kostnader")), ("revenue", gettext("varav intäkter"))):
        of_which = {key: getattr(cell, attr) for key, cell in cells.items()}
        if any(v is not None for v in of_which.values()):
            footer.append(SummaryRow("of_which", text, node, measure, of_which,
                                     dict.fromkeys(of_which, sum_source)))
    return footer


def _with_changes(rows: list[SummaryRow], columns: list[ColumnSpec], year: int) -> list[SummaryRow]:
    """Insert 'Specifikation av förändringar' rows under each unit (one query)."""
    ids = [r.node.pk for r in rows if r.node]
    key_by_year = {c.year: c.key for c in columns if c.scenario in (Scenario.BUDGET, Scenario.PLAN)
                   and c.year >= year}
    change_source = gettext("Specifikation av förändringar")
    changes = (BudgetChange.objects.filter(kind=BudgetChangeKind.CHANGE_SPECIFICATION, node_id__in=ids,
                                           budget_year=year, year__in=list(key_by_year))
               .select_related("source_document", "entered_by").order_by("node_id", "id"))
    grouped: dict[int, dict[tuple[str, str], SummaryRow]] = defaultdict(dict)
    for change in changes:
        key = (change.reason, change.marker)
        row = grouped[change.node_id].get(key)
        if row is None:
            label = f"{change.reason} {change.marker}".strip()
            row = SummaryRow("change", label, None, calc.NET_COST, {}, {})
            grouped[change.node_id][key] = row
        col = key_by_year[change.year]
        row.values[col] = (row.values.get(col) or Decimal(0)) + change.amount
        row.sources[col] = change.source_label or change_source
    out: list[SummaryRow] = []
    for row in rows:
        out.append(row)
        out.extend(grouped.get(row.node.pk, {}).values() if row.node else [])
    return out


def _drop_empty_plan_columns(columns: list[ColumnSpec], rows: list[SummaryRow]) -> list[ColumnSpec]:
    keep = []
    for col in columns:
        if col.scenario == Scenario.PLAN and all(r.values.get(col.key) is None for r in rows):
            continue
        keep.append(col)
    return keep
