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
    return Measure.RESULT if node.financing == Financing.REVENUE else Measure.NET_COST


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


def _pick_latest(rows: list[dict], key) -> dict[int, dict]:
    """Per node, the most recently stored matching row (a re-import or a newer document wins)."""
    out: dict[int, dict] = {}
    for row in rows:
        if not key(row):
            continue
        current = out.get(row["node_id"])
        if current is None or (row["month"], row["id"]) > (current["month"], current["id"]):
            out[row["node_id"]] = row
    return out


def _convert(value: Decimal | None, from_measure: str, to_measure: str) -> Decimal | None:
    return calc.to_convention(value, from_measure, to_measure)


def round_grid(rnd: FollowUpRound, root: OrgNode, user) -> Grid:
    """Budget, utfall, previous and new forecast, avvikelse per node of `root`'s subtree.

    Six queries (tree, previous round, figures, statuses, comments, and the user's assignments,
    which `rules` caches on the user), independent of the number of rows.
    """
    nodes = list(OrgNode.objects.with_tree_fields().descendants(root, include_self=True)
                 .order_siblings_by("sort_order", "name"))
    prev = previous_round(rnd)
    ids = [n.pk for n in nodes]
    months = {rnd.month} | ({prev.month} if prev else set())
    figures = list(
        Figure.objects.filter(node_id__in=ids, year=rnd.year, basis_year=rnd.year, line_label="",
                              measure__in=[Measure.NET_COST, Measure.RESULT])
        .filter(Q(scenario=Scenario.BUDGET)
                | Q(scenario=Scenario.ACTUAL, month__lte=rnd.month)
                | Q(scenario=Scenario.FORECAST, month__in=months, source_document__isnull=True))
        .filter(Q(source_document__isnull=True) | Q(source_document__is_current=True))
        .values("id", "node_id", "scenario", "measure", "period", "month", "amount", "version")
    )
    statuses = {s.node_id: s for s in NodeRoundStatus.objects.filter(round=rnd, node_id__in=ids)}
    comments = {c.node_id: c for c in DeviationComment.objects.filter(round=rnd, node_id__in=ids)}

    node_measure = {n.pk: measure_for(n) for n in nodes}
    budget = _pick_latest(figures, lambda r: r["scenario"] == Scenario.BUDGET)
    actual = _pick_latest(figures, lambda r: r["scenario"] == Scenario.ACTUAL)
    forecast = _pick_latest(figures, lambda r: r["scenario"] == Scenario.FORECAST and r["month"] == rnd.month
                            and r["period"] == rnd.period and r["measure"] == node_measure[r["node_id"]])
    previous = _pick_latest(figures, lambda r: prev is not None and r["scenario"] == Scenario.FORECAST
                            and r["month"] == prev.month and r["period"] == prev.period)

    has_children = {n.parent_id for n in nodes}
    rows: list[GridRow] = []
    by_id: dict[int, GridRow] = {}
    for node in nodes:
        measure = node_measure[node.pk]
        row = GridRow(node=node, depth=0, is_entry=node.pk not in has_children, measure=measure)
        rows.append(row)
        by_id[node.pk] = row
    base_depth = rows[0].node.tree_depth if rows else 0

    def value(found: dict[int, dict], node_id: int, measure: str) -> Decimal | None:
        row = found.get(node_id)
        return None if row is None else _convert(row["amount"], row["measure"], measure)

    # Entry rows carry their own values; sum rows add up the entry rows below them.
    sums: dict[str, dict[int, Decimal]] = {k: defaultdict(Decimal) for k in ("budget", "actual", "previous",
                                                                              "forecast")}
    seen: dict[str, set[int]] = {k: set() for k in sums}
    for row in rows:
        row.depth = row.node.tree_depth - base_depth
        nid = row.node.pk
        status = statuses.get(nid)
        if status:
            row.status, row.status_version = status.status, status.version
        comment = comments.get(nid)
        if comment:
            row.comment_text, row.comment_version = comment.text, comment.version
        if not row.is_entry:
            continue
        row.budget = value(budget, nid, row.measure)
        row.actual = value(actual, nid, row.measure)
        row.actual_month = actual[nid]["month"] if nid in actual else None
        row.previous = value(previous, nid, row.measure)
        if nid in forecast:
            row.forecast, row.forecast_version = forecast[nid]["amount"], forecast[nid]["version"]
        row.can_edit = bool(user.has_perm("budget.edit_forecast", row.node))
        row.editable = row.can_edit and rnd.is_open and row.status == NodeStatus.DRAFT
        row.variance = calc.variance(row.budget, row.forecast, row.measure)
        row.variance_percent = calc.variance_percent(row.variance, row.budget)
        row.needs_comment = comment_required(row.variance, row.budget, rnd)
        path = [p for p in row.node.tree_path if p in by_id and p != nid]
        for ancestor_id in path:
            factor = 1 if node_measure[ancestor_id] == row.measure else -1
            row.ancestors.append((ancestor_id, factor))
            parent = by_id[ancestor_id]
            parent.entries_total += 1
            parent.entries_with_forecast += row.forecast is not None
            if row.variance is not None:  # favourable is favourable in both conventions: no sign flip
                parent.variance = (parent.variance or Decimal(0)) + row.variance
                parent.budget_with_forecast += row.budget * factor
            for key in sums:
                own = getattr(row, key)
                if own is not None:
                    sums[key][ancestor_id] += own * factor
                    seen[key].add(ancestor_id)
    for row in rows:
        nid = row.node.pk
        if row.is_entry:
            continue
        own = {"budget": budget, "actual": actual, "previous": previous}
        for key in sums:
            if nid in seen[key]:
                setattr(row, key, sums[key][nid])
            elif key in own:
                setattr(row, key, value(own[key], nid, row.measure))
        # A sum row's avvikelse covers only the units that have a forecast, so a half-filled
        # förvaltning does not show the missing units' whole budget as a surplus.
        row.variance_percent = calc.variance_percent(row.variance, row.budget_with_forecast)
    return Grid(round=rnd, root=root, previous_round=prev, rows=rows)


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
