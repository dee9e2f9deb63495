"""Reads for follow-up rounds. Each function runs a fixed number of queries, whatever the row count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from budgetapp.budget import calc
from budgetapp.budget.models import Figure, FigureChange, Measure, Scenario
from budgetapp.organisation.models import Financing, NodeKind, OrgNode

from .models import (
    DeviationComment,
    EntryChange,
    EntryKind,
    FollowUpRound,
    NodeRoundStatus,
    NodeStatus,
    StatusEvent,
    ThresholdMode,
)

#: Nodes a round grid can be opened for (their subtree is the sheet).
GRID_ROOT_KINDS = (NodeKind.COMMITTEE, NodeKind.ADMINISTRATION)


def measure_for(node: OrgNode) -> str:
    """Revenue-funded nodes forecast their result, all others their net cost (DOMAIN §3.2)."""
    return measure_for_financing(node.financing)


def measure_for_financing(financing: str) -> str:
    return Measure.RESULT if financing == Financing.REVENUE else Measure.NET_COST


def comment_required(variance: Decimal | None, budget: Decimal | None, rnd: FollowUpRound) -> bool:
    """Whether |avvikelse| passes the round's threshold (percent of budget and/or tkr)."""
    if variance is None:
        return False
    size = abs(variance)
    tkr_hit = size > rnd.threshold_tkr
    if not budget:
        return tkr_hit
    pct_hit = size > abs(budget) * rnd.threshold_percent / 100
    if rnd.threshold_mode == ThresholdMode.BOTH:
        return pct_hit and tkr_hit
    return pct_hit or tkr_hit


def amount_input_text(value: Decimal | None) -> str:
    """An amount as it should stand in an input: Swedish format, decimals only when there are any."""
    from budgetapp.core.money import format_number

    if value is None:
        return ""
    decimals = 0
    if value != value.to_integral_value():
        decimals = min(3, max(0, -value.normalize().as_tuple().exponent))
    return format_number(value, decimals)


def convention_text(root: OrgNode) -> str:
    """The sign convention the grid is shown in, stated on the page (DOMAIN §5: positive = favourable)."""
    return calc.convention_label(measure_for(root))


def previous_round(rnd: FollowUpRound) -> FollowUpRound | None:
    return (FollowUpRound.objects.filter(year=rnd.year, month__lt=rnd.month).order_by("-month", "-id").first())


@dataclass
class GridRow:
    node: OrgNode
    depth: int
    is_entry: bool
    measure: str
    budget: Decimal | None = None
    actual: Decimal | None = None
    actual_month: int | None = None
    previous: Decimal | None = None
    forecast: Decimal | None = None
    forecast_version: int = 0
    status: str = NodeStatus.DRAFT
    status_version: int = 0
    comment_text: str = ""
    comment_version: int = 0
    can_edit: bool = False
    #: can_edit and the round is open and the node is still a draft
    editable: bool = False
    #: (ancestor id, factor) pairs: how this entry row's forecast adds into each sum row above it.
    ancestors: list[tuple[int, int]] = field(default_factory=list)
    variance: Decimal | None = None
    variance_percent: Decimal | None = None
    needs_comment: bool = False
    #: sum rows: how many entry rows are below and how many of them have a forecast
    entries_total: int = 0
    entries_with_forecast: int = 0
    budget_with_forecast: Decimal = Decimal(0)

    @property
    def is_incomplete(self) -> bool:
        return not self.is_entry and self.entries_with_forecast < self.entries_total

    @property
    def comment_missing(self) -> bool:
        return self.is_entry and self.needs_comment and not self.comment_text.strip()

    @property
    def forecast_text(self) -> str:
        return amount_input_text(self.forecast)

    @property
    def status_label(self) -> str:
        return str(NodeStatus(self.status).label)

    @property
    def ancestors_attr(self) -> str:
        return " ".join(f"{a}:{f}" for a, f in self.ancestors)


@dataclass
class Grid:
    round: FollowUpRound
    root: OrgNode
    previous_round: FollowUpRound | None
    rows: list[GridRow]

    @property
    def entry_rows(self) -> list[GridRow]:
        return [r for r in self.rows if r.is_entry]

    @property
    def editable_rows(self) -> list[GridRow]:
        return [r for r in self.rows if r.is_entry and r.can_edit]

    def row(self, node_id: int) -> GridRow | None:
        return next((r for r in self.rows if r.node.pk == node_id), None)

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.entry_rows:
            counts[r.status] += 1
        return dict(counts)


#: Figure columns the grid reads, as tuples (no model instances, no dicts).
_FIGURE_COLUMNS = ("id", "node_id", "scenario", "measure", "period", "month", "amount", "version")
_ID, _NODE, _SCENARIO, _MEASURE, _PERIOD, _MONTH, _AMOUNT, _VERSION = range(len(_FIGURE_COLUMNS))
_SUM_KEYS = ("budget", "actual", "previous", "forecast")


def _figure_base(rnd: FollowUpRound):
    """The year's unit-total net figures that are entered or from a current document."""
    current = Q(source_document__isnull=True) | Q(source_document__is_current=True)
    return Figure.objects.filter(year=rnd.year, basis_year=rnd.year, line_label="",
                                 measure__in=[Measure.NET_COST, Measure.RESULT]).filter(current)


def _budget_or_forecast(rnd: FollowUpRound) -> Q:
    """Budget, and this round's entered forecast: all a sum row's forecast and avvikelse depend on."""
    return Q(scenario=Scenario.BUDGET) | Q(scenario=Scenario.FORECAST, period=rnd.period, month=rnd.month,
                                           source_document__isnull=True)


def _grid_figures(rnd: FollowUpRound, prev: FollowUpRound | None, ids: list[int], entry_ids: list[int]) -> list:
    """Only the figures the grid shows: budget, utfall at the round's month, this and the previous forecast.

    Utfall is stored year-to-date per month, so the round's month alone is the figure to show. An
    entry node without utfall for that month (ledger not yet imported that far) falls back to its
    latest earlier month, read with one more query only when some entry node needs it.
    """
    wanted = _budget_or_forecast(rnd) | Q(scenario=Scenario.ACTUAL, month=rnd.month)
    if prev is not None:
        wanted |= Q(scenario=Scenario.FORECAST, period=prev.period, month=prev.month,
                    source_document__isnull=True)
    base = _figure_base(rnd)
    figures = list(base.filter(wanted, node_id__in=ids).values_list(*_FIGURE_COLUMNS))
    with_actual = {f[_NODE] for f in figures if f[_SCENARIO] == Scenario.ACTUAL}
    missing = [i for i in entry_ids if i not in with_actual]
    if missing and rnd.month > 1:
        figures += base.filter(scenario=Scenario.ACTUAL, month__lt=rnd.month, node_id__in=missing).values_list(
            *_FIGURE_COLUMNS)
    return figures


def _latest(found: dict[int, tuple], row: tuple) -> None:
    """Keep, per node, the most recently stored row (a re-import or a newer document wins)."""
    current = found.get(row[_NODE])
    if current is None or (row[_MONTH], row[_ID]) > (current[_MONTH], current[_ID]):
        found[row[_NODE]] = row


def _convert(value: Decimal | None, from_measure: str, to_measure: str) -> Decimal | None:
    return calc.to_convention(value, from_measure, to_measure)


def grid_nodes(rnd: FollowUpRound, root_id: int) -> list[OrgNode]:
    """`root_id` and its subtree in the round's year, in sheet order with tree fields (one query).

    The tree walk is limited to the round's year (`tree_filter`), not the whole multi-year table.
    """
    return list(OrgNode.objects.with_tree_fields().tree_filter(year=rnd.year)
                .descendants(root_id, include_self=True).order_siblings_by("sort_order", "name"))


def round_grid(rnd: FollowUpRound, root: OrgNode, user, *, focus: OrgNode | None = None,
               nodes: list[OrgNode] | None = None) -> Grid:
    """Budget, utfall, previous and new forecast, avvikelse per node of `root`'s subtree.

    Six queries (the year's tree, previous round, figures, statuses, comments, and the user's
    assignments, which `rules` caches on the user), independent of the number of rows; one more
    only when some unit lacks utfall for the round's month. Sums are built in one bottom-up pass.
    With `focus` (a node of the subtree) only that row gets its status, comment and permission, and
    the previous round is not read: what a cell save answers with (the cell and its sum rows).
    """
    nodes = grid_nodes(rnd, root.pk) if nodes is None else nodes
    prev = previous_round(rnd) if focus is None else None  # a cell answer does not show the previous round
    ids = [n.pk for n in nodes]
    has_children = {n.parent_id for n in nodes}
    entry_ids = [i for i in ids if i not in has_children]
    figures = _grid_figures(rnd, prev, ids, entry_ids)
    scope = [focus.pk] if focus is not None else ids
    statuses = {n: (s, v) for n, s, v in NodeRoundStatus.objects.filter(round=rnd, node_id__in=scope)
                .values_list("node_id", "status", "version")}
    comments = {n: (t, v) for n, t, v in DeviationComment.objects.filter(round=rnd, node_id__in=scope)
                .values_list("node_id", "text", "version")}

    node_measure = {n.pk: measure_for(n) for n in nodes}
    budget: dict[int, tuple] = {}
    actual: dict[int, tuple] = {}
    forecast: dict[int, tuple] = {}
    previous: dict[int, tuple] = {}
    for f in figures:
        scenario = f[_SCENARIO]
        if scenario == Scenario.BUDGET:
            _latest(budget, f)
        elif scenario == Scenario.ACTUAL:
            _latest(actual, f)
        elif f[_MONTH] == rnd.month and f[_PERIOD] == rnd.period:
            if f[_MEASURE] == node_measure[f[_NODE]]:
                _latest(forecast, f)
        else:  # the previous round's forecast (the only other one read)
            _latest(previous, f)

    def value(found: dict[int, tuple], node_id: int, measure: str) -> Decimal | None:
        row = found.get(node_id)
        return None if row is None else _convert(row[_AMOUNT], row[_MEASURE], measure)

    base_depth = nodes[0].tree_depth if nodes else 0
    rows: list[GridRow] = []
    by_id: dict[int, GridRow] = {}
    for node in nodes:
        nid = node.pk
        row = GridRow(node=node, depth=node.tree_depth - base_depth, is_entry=nid not in has_children,
                      measure=node_measure[nid])
        rows.append(row)
        by_id[nid] = row
        if nid in statuses:
            row.status, row.status_version = statuses[nid]
        if nid in comments:
            row.comment_text, row.comment_version = comments[nid]
        if not row.is_entry:
            continue
        row.budget = value(budget, nid, row.measure)
        row.actual = value(actual, nid, row.measure)
        row.actual_month = actual[nid][_MONTH] if nid in actual else None
        row.previous = value(previous, nid, row.measure)
        if nid in forecast:
            row.forecast, row.forecast_version = forecast[nid][_AMOUNT], forecast[nid][_VERSION]
        if focus is None or nid == focus.pk:
            row.can_edit = bool(user.has_perm("budget.edit_forecast", node))
            row.editable = row.can_edit and rnd.is_open and row.status == NodeStatus.DRAFT
        row.variance = calc.variance(row.budget, row.forecast, row.measure)
        row.variance_percent = calc.variance_percent(row.variance, row.budget)
        row.needs_comment = comment_required(row.variance, row.budget, rnd)
        row.ancestors = [(a, 1 if node_measure[a] == row.measure else -1)
                         for a in node.tree_path if a != nid and a in node_measure]

    # One bottom-up pass: every row hands its totals to its parent, converted into the parent's
    # convention (factors compose: two flips are none). Entry rows start from their own values.
    totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    stored = {"budget": budget, "actual": actual, "previous": previous}
    for row in reversed(rows):
        nid = row.node.pk
        if row.is_entry:
            own = {k: v for k in _SUM_KEYS if (v := getattr(row, k)) is not None}
            entries, filled = 1, int(row.forecast is not None)
            var, var_budget = row.variance, (row.budget if row.variance is not None else None)
        else:
            own = totals.pop(nid, {})
            for key in _SUM_KEYS:  # a sum row without any unit figures shows its own stored figure
                if key in own:
                    setattr(row, key, own[key])
                elif key in stored:
                    setattr(row, key, value(stored[key], nid, row.measure))
            entries, filled = row.entries_total, row.entries_with_forecast
            var, var_budget = row.variance, row.budget_with_forecast
            # A sum row's avvikelse covers only the units that have a forecast, so a half-filled
            # förvaltning does not show the missing units' whole budget as a surplus.
            row.variance_percent = calc.variance_percent(row.variance, row.budget_with_forecast)
        parent = by_id.get(row.node.parent_id) if nid != root.pk else None
        if parent is None:
            continue
        factor = 1 if parent.measure == row.measure else -1
        into = totals[parent.node.pk]
        for key, amount in own.items():
            into[key] = into.get(key, Decimal(0)) + amount * factor
        parent.entries_total += entries
        parent.entries_with_forecast += filled
        if var is not None:  # favourable is favourable in both conventions: no sign flip
            parent.variance = (parent.variance or Decimal(0)) + var
            parent.budget_with_forecast += (var_budget or Decimal(0)) * factor
    return Grid(round=rnd, root=root, previous_round=prev, rows=rows)


def cell_rows(rnd: FollowUpRound, root: OrgNode, node: OrgNode, user,
              nodes: list[OrgNode] | None = None) -> tuple[GridRow, list[GridRow]] | None:
    """The row of `node` and the sum rows above it up to `root`: what a saved cell re-renders.

    Three queries whatever the sheet's size (figures, the node's status and its comment) when the
    caller passes the sheet's `nodes`, plus the user's assignments unless `rules` has them cached;
    None when `node` is not in `root`'s subtree.
    """
    grid = round_grid(rnd, root, user, focus=node, nodes=nodes)
    by_id = {r.node.pk: r for r in grid.rows}
    row = by_id.get(node.pk)
    if row is None:
        return None
    return row, [by_id[a] for a, _factor in row.ancestors if a in by_id]


def grid_roots(year: int) -> list[OrgNode]:
    """Nämnder and förvaltningar of a year, in tree order, for the round overview."""
    return [n for n in OrgNode.objects.with_tree_fields().filter(year=year).order_siblings_by("sort_order", "name")
            if n.kind in GRID_ROOT_KINDS]


def round_overview(rnd: FollowUpRound, user) -> list[dict]:
    """Each nämnd/förvaltning with status counts of its entry nodes and whether the user works on it.

    Three queries: tree, statuses, assignments (cached by rules).
    """
    nodes = list(OrgNode.objects.with_tree_fields().filter(year=rnd.year).order_siblings_by("sort_order", "name"))
    parents = {n.parent_id for n in nodes}
    statuses = dict(NodeRoundStatus.objects.filter(round=rnd).values_list("node_id", "status"))
    from budgetapp.accounts.rules import assigned_node_ids

    mine = assigned_node_ids(user) if user.is_authenticated else set()
    out = []
    for root in nodes:
        if root.kind not in GRID_ROOT_KINDS:
            continue
        counts: dict[str, int] = defaultdict(int)
        is_mine = False
        for n in nodes:
            if root.pk in n.tree_path and n.pk not in parents:
                counts[statuses.get(n.pk, NodeStatus.DRAFT)] += 1
                is_mine = is_mine or n.pk in mine
        out.append({"node": root, "counts": dict(counts), "total": sum(counts.values()), "is_mine": is_mine})
    return out


@dataclass
class HistoryEntry:
    when: object
    who: str
    what: str
    old: str
    new: str
    via: str


def cell_history(rnd: FollowUpRound, node: OrgNode) -> list[HistoryEntry]:
    """Every forecast, comment and status change of one node in one round, newest first (3 queries)."""
    from budgetapp.core.money import format_tkr

    entries: list[HistoryEntry] = []
    figure_changes = (FigureChange.objects.filter(node=node, figure__scenario=Scenario.FORECAST,
                                                  figure__year=rnd.year, figure__period=rnd.period,
                                                  figure__month=rnd.month)
                      .select_related("changed_by"))
    for c in figure_changes:
        entries.append(HistoryEntry(c.changed_at, str(c.changed_by or ""), "Prognos", format_tkr(c.old_amount),
                                    format_tkr(c.new_amount), c.get_via_display()))
    for c in EntryChange.objects.filter(round=rnd, node=node).select_related("changed_by"):
        entries.append(HistoryEntry(c.changed_at, str(c.changed_by or ""), EntryKind(c.kind).label,
                                    c.old_value, c.new_value, c.via))
    for e in StatusEvent.objects.filter(node_status__round=rnd, node_status__node=node).select_related(
            "changed_by"):
        what = "Status" + (f" ({e.reason})" if e.reason else "")
        entries.append(HistoryEntry(e.changed_at, str(e.changed_by or ""), what,
                                    NodeStatus(e.old_status).label, NodeStatus(e.new_status).label, ""))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _subtree_and_committees(root: OrgNode) -> tuple[list[int], list[int]]:
    """Ids of root's subtree (one query) and of the nämnder above it (from the root's tree path)."""
    root_with_path = OrgNode.objects.with_tree_fields().get(pk=root.pk)
    ids = list(OrgNode.objects.descendants(root, include_self=True).values_list("id", flat=True))
    above = [i for i in root_with_path.tree_path if i != root.pk]
    return ids, above


def round_projects(rnd: FollowUpRound, root: OrgNode, user) -> list[dict]:
    """Investment projects of the year under `root` with this round's forecast (four queries)."""
    from budgetapp.investments.models import InvestmentProject

    from .models import ProjectForecast

    ids, _above = _subtree_and_committees(root)
    latest: dict[tuple[int, str], InvestmentProject] = {}
    for p in (InvestmentProject.objects.filter(year=rnd.year, node_id__in=ids, parent__isnull=True)
              .select_related("node").order_by("id")):
        latest[(p.node_id, p.name)] = p
    projects = sorted(latest.values(), key=lambda p: (p.node.name, p.name))
    forecasts = {f.project_id: f for f in ProjectForecast.objects.filter(round=rnd, project__in=projects)}
    return [{"project": p, "forecast": forecasts.get(p.pk),
             "can_edit": rnd.is_open and user.has_perm("budget.edit_forecast", p.node)} for p in projects]


def round_goals(rnd: FollowUpRound, root: OrgNode, user) -> list[dict]:
    """Nämndmål/förvaltningsmål for `root` (and the nämnd above it) with this round's assessment.

    Six queries: two for the tree, goals, indicators, assessments, this round's indicator values.
    """
    from django.db.models import Prefetch

    from budgetapp.goals.models import Goal, GoalAssessment, Indicator, IndicatorValue

    ids, above = _subtree_and_committees(root)
    goals = list(Goal.objects.filter(year=rnd.year, node_id__in=ids + above).select_related("node")
                 .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.filter(parent__isnull=True))))
    assessments = {a.goal_id: a for a in GoalAssessment.objects.filter(goal__in=goals, year=rnd.year,
                                                                        period=rnd.period)}
    indicator_ids = [i.pk for g in goals for i in g.indicators.all()]
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(
        indicator_id__in=indicator_ids, year=rnd.year, is_target=False, column=rnd.indicator_column)}
    out = []
    for g in goals:
        indicators = [{"indicator": i, "value": values.get(i.pk)} for i in g.indicators.all()]
        out.append({"goal": g, "assessment": assessments.get(g.pk), "indicators": indicators,
                    "can_edit": rnd.is_open and user.has_perm("budget.edit_forecast", g.node)})
    return out
