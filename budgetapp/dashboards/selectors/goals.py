"""Måluppfyllelse: goals grouped by målområde and kommunövergripande mål, with status counts,
and the indicator series behind a goal's trend chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from budgetapp.budget.models import PeriodKind
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


@dataclass
class GoalCounts:
    counts: dict[str, int]
    period: str | None
    total: int

    def items(self) -> list[tuple[str, str, str, int]]:
        """(status, label, icon, count) in legend order, plus goals without an assessment."""
        out = [(s, str(AssessmentStatus(s).label), STATUS_ICONS[s], self.counts.get(s, 0)) for s in STATUS_ORDER]
        if self.counts.get(NOT_ASSESSED):
            out.append((NOT_ASSESSED, "Ej bedömt", "–", self.counts[NOT_ASSESSED]))
        return out


@dataclass
class GoalEntry:
    goal: Goal
    assessment: GoalAssessment | None

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NOT_ASSESSED

    @property
    def status_label(self) -> str:
        return str(AssessmentStatus(self.status).label) if self.assessment else "Ej bedömt"

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


def _periods(goal_ids: list[int], year: int) -> list[str]:
    found = set(GoalAssessment.objects.filter(goal_id__in=goal_ids, year=year)
                .values_list("period", flat=True).distinct())
    order = [PeriodKind.MONTH, *ROUND_PERIODS]
    return sorted(found, key=order.index)


def _goals(tree: OrgTree, node: OrgNode | None, period_filter: str | None):
    ids = [n.pk for n in tree.descendants(node)]
    assessments = GoalAssessment.objects.filter(year=tree.year).select_related("source_document", "entered_by")
    if period_filter:
        assessments = assessments.filter(period=period_filter)
    return list(Goal.objects.filter(node_id__in=ids, year=tree.year)
                .select_related("goal_area", "municipal_goal", "node")
                .prefetch_related(Prefetch("assessments", queryset=assessments, to_attr="period_assessments"))
                .order_by("goal_area__sort_order", "goal_area__name", "municipal_goal__name", "sort_order", "name"))


def goal_counts(tree: OrgTree, node: OrgNode | None, period: str | None = None) -> GoalCounts:
    """Goals per status in the latest assessed round (three queries)."""
    goals = _goals(tree, node, None)
    periods = _periods([g.pk for g in goals], tree.year)
    period = period if period in periods else (periods[-1] if periods else None)
    counts: Counter[str] = Counter()
    for goal in goals:
        found = [a for a in goal.period_assessments if a.period == period]
        counts[found[0].status if found else NOT_ASSESSED] += 1
    return GoalCounts(dict(counts), period, len(goals))


def build_goals(tree: OrgTree, node: OrgNode | None, period: str | None = None) -> GoalsPage:
    goals = _goals(tree, node, None)
    periods = _periods([g.pk for g in goals], tree.year)
    period = period if period in periods else (periods[-1] if periods else None)
    counts: Counter[str] = Counter()
    areas: dict[str, AreaGroup] = {}
    for goal in goals:
        found = [a for a in goal.period_assessments if a.period == period]
        entry = GoalEntry(goal, found[0] if found else None)
        counts[entry.status] += 1
        area = areas.setdefault(goal.goal_area.name if goal.goal_area else "Övriga mål",
                                AreaGroup(goal.goal_area.name if goal.goal_area else "Övriga mål"))
        municipal_name = goal.municipal_goal.name if goal.municipal_goal else ""
        group = next((m for m in area.municipal if m.name == municipal_name), None)
        if group is None:
            group = MunicipalGroup(municipal_name)
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
