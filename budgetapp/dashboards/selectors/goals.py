"""Måluppfyllelse: goals grouped by målområde and kommunövergripande mål, with status counts,
and the indicator series behind a goal's trend chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import FilteredRelation, Prefetch, Q
from django.utils.translation import gettext, gettext_noop

from budgetapp.budget.models import PeriodKind
from budgetapp.core.provenance import PROVENANCE_COLUMNS, ProvenanceRow
from budgetapp.goals.models import AssessmentStatus, Goal, GoalAssessment, Indicator, IndicatorValue
from budgetapp.organisation.models import OrgNode

from .context import ROUND_PERIODS, OrgTree

STATUS_ORDER = [s.value for s in AssessmentStatus]
STATUS_ICONS = {
    AssessmentStatus.FULFILLED: "✔",
    AssessmentStatus.PARTLY_FULFILLED: "◐",
    AssessmentStatus.NOT_FULFILLED: "✖",
    AssessmentStatus.CANNOT_BE_ASSESSED: "?",
}
NOT_ASSESSED = "not_assessed"
#: Marked here, translated per call (pages are built per request; never cache the translation).
NOT_ASSESSED_LABEL = gettext_noop("Ej bedömt")
OTHER_GOALS = gettext_noop("Övriga mål")


@dataclass
class GoalCounts:
    counts: dict[str, int]
    period: str | None
    total: int

    def items(self) -> list[tuple[str, str, str, int]]:
        """(status, label, icon, count) in legend order, plus goals without an assessment."""
        out = [(s, str(AssessmentStatus(s).label), STATUS_ICONS[s], self.counts.get(s, 0)) for s in STATUS_ORDER]
        if self.counts.get(NOT_ASSESSED):
            out.append((NOT_ASSESSED, gettext(NOT_ASSESSED_LABEL), "–", self.counts[NOT_ASSESSED]))
        return out


class GoalRow(NamedTuple):
    """What the goal list shows of a goal; read as a tuple (a kommun has hundreds of goals)."""

    pk: int
    name: str
    node_id: int
    area_name: str | None
    municipal_name: str | None
    node: OrgNode


@dataclass(frozen=True, slots=True)
class AssessmentRow(ProvenanceRow):
    """The chosen round's assessment of a goal as the goal list shows it."""

    goal_id: int
    status: str
    analysis: str


@dataclass
class GoalEntry:
    goal: GoalRow
    assessment: AssessmentRow | None

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NOT_ASSESSED

    @property
    def status_label(self) -> str:
        return str(AssessmentStatus(self.status).label) if self.assessment else gettext(NOT_ASSESSED_LABEL)

    @property
    def icon(self) -> str:
        return STATUS_ICONS.get(self.status, "–")


@dataclass
class MunicipalGroup:
    name: str
    entries: list[GoalEntry] = field(default_factory=list)


@dataclass
class AreaGroup:
    name: str
    municipal: list[MunicipalGroup] = field(default_factory=list)


@dataclass
class GoalsPage:
    year: int
    period: str | None
    periods: list[str]
    areas: list[AreaGroup]
    counts: GoalCounts


def _sorted_periods(found: set[str]) -> list[str]:
    order = [PeriodKind.MONTH, *ROUND_PERIODS]
    return sorted(found, key=order.index)


def _assessments(tree: OrgTree, node: OrgNode | None):
    """The year's assessments of the goals in `node`'s subtree (filtered by join, not by a goal id list)."""
    return GoalAssessment.objects.filter(tree.subtree_q(node, "goal__node"), goal__year=tree.year, year=tree.year)


def _chosen_period(found: set[str], wanted: str | None) -> tuple[str | None, list[str]]:
    """The wanted round if assessed, else the latest assessed one; and all assessed rounds in order."""
    periods = _sorted_periods(found)
    return (wanted if wanted in periods else (periods[-1] if periods else None)), periods


def goal_counts(tree: OrgTree, node: OrgNode | None, period: str | None = None) -> GoalCounts:
    """Goals per status in the latest assessed round: one query of (goal id, period, status) tuples,
    the year's assessments joined to the goals (a goal without any gives one row of NULLs)."""
    rows = list(Goal.objects.filter(tree.subtree_q(node), year=tree.year)
                .annotate(assessed=FilteredRelation("assessments", condition=Q(assessments__year=tree.year)))
                .order_by().values_list("id", "assessed__period", "assessed__status"))
    goal_ids = {goal_id for goal_id, _, _ in rows}
    period, _ = _chosen_period({p for _, p, _ in rows if p is not None}, period)
    by_goal = {goal_id: status for goal_id, p, status in rows if p is not None and p == period}
    counts = Counter(by_goal.get(goal_id, NOT_ASSESSED) for goal_id in goal_ids)
    return GoalCounts(dict(counts), period, len(goal_ids))


def build_goals(tree: OrgTree, node: OrgNode | None, period: str | None = None) -> GoalsPage:
    """Goals grouped by målområde and kommunövergripande mål with the chosen round's assessment.

    Three queries, read as tuples rather than models: the goals (only the columns shown; their
    nodes come from the tree already in memory), the assessed rounds, and that round's assessments
    with their sources, rather than every assessment of the year.
    """
    rows = (Goal.objects.filter(tree.subtree_q(node), year=tree.year)
            .order_by("goal_area__sort_order", "goal_area__name", "municipal_goal__name", "sort_order", "name")
            .values_list("id", "name", "node_id", "goal_area__name", "municipal_goal__name"))
    missing = {row[2] for row in rows if row[2] not in tree.by_id}  # never for a year's own tree
    extra = OrgNode.objects.in_bulk(missing) if missing else {}
    goals = [GoalRow(*row, node=tree.by_id.get(row[2]) or extra[row[2]]) for row in rows]
    found = set(_assessments(tree, node).order_by().values_list("period", flat=True).distinct())
    period, periods = _chosen_period(found, period)
    chosen = {row.goal_id: row for row in (
        AssessmentRow(*values) for values in _assessments(tree, node).filter(period=period or "").order_by()
        .values_list(*PROVENANCE_COLUMNS, "goal_id", "status", "analysis"))}
    counts: Counter[str] = Counter()
    other_goals = gettext(OTHER_GOALS)
    areas: dict[str, AreaGroup] = {}
    groups: dict[tuple[str, str], MunicipalGroup] = {}
    for goal in goals:
        entry = GoalEntry(goal, chosen.get(goal.pk))
        counts[entry.status] += 1
        area_name = goal.area_name if goal.area_name is not None else other_goals
        area = areas.setdefault(area_name, AreaGroup(area_name))
        municipal_name = goal.municipal_name if goal.municipal_name is not None else ""
        group = groups.get((area_name, municipal_name))
        if group is None:
            group = groups[(area_name, municipal_name)] = MunicipalGroup(municipal_name)
            area.municipal.append(group)
        group.entries.append(entry)
    return GoalsPage(tree.year, period, periods, list(areas.values()), GoalCounts(dict(counts), period, len(goals)))


@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: list[IndicatorValue]
    targets: list[IndicatorValue]
    breakdowns: list[IndicatorSeries] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        years = {v.year for v in self.values} | {v.year for v in self.targets}
        for b in self.breakdowns:
            years |= set(b.years)
        return sorted(years)


@dataclass
class GoalDetail:
    goal: Goal
    assessments: list[GoalAssessment]
    indicators: list[IndicatorSeries]


def goal_detail(goal_id: int, visible_year_check) -> GoalDetail | None:
    """A goal with all its assessments and indicator series (four queries)."""
    goal = (Goal.objects.select_related("goal_area", "municipal_goal", "node", "source_document", "entered_by")
            .filter(pk=goal_id).first())
    if goal is None or not visible_year_check(goal.year):
        return None
    assessments = list(goal.assessments.select_related("source_document", "entered_by").order_by("year", "period"))
    order = [PeriodKind.MONTH, *ROUND_PERIODS]
    assessments.sort(key=lambda a: (a.year, order.index(a.period)))
    indicators = list(goal.indicators.select_related("source_document", "entered_by")
                      .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.select_related(
                          "source_document", "entered_by").order_by("year", "column"), to_attr="all_values"))
                      .order_by("sort_order", "id"))
    series: dict[int, IndicatorSeries] = {}
    top: list[IndicatorSeries] = []
    for ind in indicators:
        s = IndicatorSeries(ind, [v for v in ind.all_values if not v.is_target],
                            [v for v in ind.all_values if v.is_target])
        series[ind.pk] = s
    for ind in indicators:
        if ind.parent_id and ind.parent_id in series:
            series[ind.parent_id].breakdowns.append(series[ind.pk])
        else:
            top.append(series[ind.pk])
    return GoalDetail(goal, assessments, top)
