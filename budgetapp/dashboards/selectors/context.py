"""Which year and which organisation node a dashboard shows, and who may see it.

Every dashboard starts here: the public sees only published years, signed-in users all years.
All functions run a fixed number of queries, whatever the size of the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from budgetapp.budget import calc
from budgetapp.budget.models import PERIOD_END_MONTH, Figure, PeriodKind, Scenario
from budgetapp.core.models import FiscalYear
from budgetapp.organisation.models import OrgNode

#: Follow-up rounds in the order of the year (Figure.period of forecasts).
ROUND_PERIODS: tuple[str, ...] = (
    PeriodKind.TERTIAL_1, PeriodKind.INTERIM, PeriodKind.OCTOBER, PeriodKind.FULL_YEAR,
)
MONTH_TO_ROUND = {month: period for period, month in PERIOD_END_MONTH.items()}

#: Month names as they read inside a sentence ("Utfall t.o.m. augusti"); lazy, so str() them per request.
MONTH_NAMES = [pgettext_lazy("month in a sentence", "januari"), pgettext_lazy("month in a sentence", "februari"),
               pgettext_lazy("month in a sentence", "mars"), pgettext_lazy("month in a sentence", "april"),
               pgettext_lazy("month in a sentence", "maj"), pgettext_lazy("month in a sentence", "juni"),
               pgettext_lazy("month in a sentence", "juli"), pgettext_lazy("month in a sentence", "augusti"),
               pgettext_lazy("month in a sentence", "september"), pgettext_lazy("month in a sentence", "oktober"),
               pgettext_lazy("month in a sentence", "november"), pgettext_lazy("month in a sentence", "december")]


class YearNotVisible(Exception):
    """The year exists but the user may not see it (anonymous user, unpublished year)."""


def visible_years(user) -> list[int]:
    """Years this user may see, newest first (one query for the public, two when signed in)."""
    if user.is_authenticated:
        return signed_in_years()
    return sorted(FiscalYear.objects.filter(is_published=True).values_list("year", flat=True), reverse=True)


def dashboard_years(user) -> tuple[list[int], list[int]]:
    """(years with an organisation the user may see, every year the user may see), newest first.

    The dashboards offer and default to the first list: a fiscal year row exists for plan years
    and for years that only have key figures, but without an organisation tree there is nothing
    to draw (the second list tells such a year apart from a hidden one).
    """
    visible = visible_years(user)
    with_tree = set(OrgNode.objects.order_by().values_list("year", flat=True).distinct())
    return [y for y in visible if y in with_tree], visible


def signed_in_years() -> list[int]:
    """Every year with an organisation or a fiscal year row, newest first (two queries).

    Same result as `core.selectors.available_years`, whose DISTINCT keeps OrgNode's default ordering
    (year, sort_order, name) and so returns one row per node (~1 000 rows, ~5 ms); clearing the
    ordering returns one row per year.
    """
    years = set(OrgNode.objects.order_by().values_list("year", flat=True).distinct())
    years |= set(FiscalYear.objects.order_by().values_list("year", flat=True))
    return sorted(years, reverse=True)


def is_year_visible(user, year: int) -> bool:
    if user.is_authenticated:
        return True
    return FiscalYear.objects.filter(year=year, is_published=True).exists()


def choose_year(user, requested: str | int | None, years: list[int] | None = None) -> tuple[int | None, list[int]]:
    """The year to show and the selectable years; raises YearNotVisible for a hidden year.

    An explicitly requested year the public may not see raises, so the view can send the user to
    the login page instead of silently showing another year. `years` are the user's
    `visible_years` when the caller already has them (the views cache them per data version).
    """
    years = visible_years(user) if years is None else years
    if requested in (None, ""):
        return (years[0] if years else None), years
    try:
        year = int(requested)
    except (TypeError, ValueError):
        return (years[0] if years else None), years
    if year not in years:
        raise YearNotVisible(year)
    return year, years


#: OrgNode columns the dashboards read from tree nodes; anything else would cost a query per node.
TREE_FIELDS = ("id", "parent_id", "year", "name", "short_name", "kind", "code", "financing", "within_frame",
               "sort_order")


@dataclass
class OrgTree:
    """One year's organisation in memory: nodes by id, children lists and depth-first order."""

    year: int
    nodes: list[OrgNode]
    by_id: dict[int, OrgNode] = field(default_factory=dict)
    children: dict[int | None, list[OrgNode]] = field(default_factory=dict)

    @classmethod
    def load(cls, year: int) -> OrgTree:
        """One year's nodes in depth-first order (one query).

        `tree_filter` puts the year into the recursive CTE, so it walks this year's ~350 nodes
        instead of every year's tree, and only the columns the dashboards use are read (no aliases,
        which are JSON): together about a third of the earlier cost per request.
        """
        nodes = list(OrgNode.objects.with_tree_fields().tree_filter(year=year)
                     .order_siblings_by("sort_order", "name").only(*TREE_FIELDS))
        tree = cls(year=year, nodes=nodes)
        for node in nodes:
            tree.by_id[node.pk] = node
            tree.children.setdefault(node.parent_id, []).append(node)
        return tree

    @property
    def roots(self) -> list[OrgNode]:
        return self.children.get(None, [])

    def default_node(self) -> OrgNode | None:
        """The single root (the kommun), or None when the year has several roots or none."""
        roots = self.roots
        return roots[0] if len(roots) == 1 else None

    def get(self, node_id: str | int | None) -> OrgNode | None:
        try:
            return self.by_id.get(int(node_id)) if node_id not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def kids(self, node: OrgNode | None) -> list[OrgNode]:
        return self.children.get(node.pk if node else None, [])

    def ancestors(self, node: OrgNode | None) -> list[OrgNode]:
        """Root first, ending with `node` itself."""
        chain: list[OrgNode] = []
        while node is not None:
            chain.append(node)
            node = self.by_id.get(node.parent_id) if node.parent_id else None
        return list(reversed(chain))

    def measure(self, node: OrgNode | None) -> str:
        """Result convention when the node or an ancestor is revenue-funded, else net cost."""
        if any(n.reports_result for n in self.ancestors(node)):
            return calc.RESULT
        return calc.NET_COST

    def covers_year(self, node: OrgNode | None) -> bool:
        """True when `node`'s subtree is the whole year (no node, or the only root)."""
        return node is None or (node.parent_id is None and len(self.roots) == 1)

    def subtree_q(self, node: OrgNode | None, field: str = "node") -> Q:
        """Rows whose `field` (a foreign key to OrgNode) lies in `node`'s subtree.

        For the whole kommun this is a join on the node's year instead of an IN list of every node
        id: Django prepares each value of an IN list in Python (~10 µs each), ~3 ms per query for
        a year of ~350 nodes, on every dashboard query.
        """
        if self.covers_year(node):
            return Q(**{f"{field}__year": self.year})
        return Q(**{f"{field}_id__in": [n.pk for n in self.descendants(node)]})

    def descendants(self, node: OrgNode | None) -> list[OrgNode]:
        """`node` and everything below it (the whole year for None), depth-first."""
        out: list[OrgNode] = []
        stack = [node] if node is not None else list(reversed(self.roots))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children.get(current.pk, [])))
        return out


@dataclass(frozen=True)
class YearRounds:
    """What a year holds: follow-up rounds with forecasts, and whether a year-end outcome exists."""

    forecast_periods: tuple[str, ...]
    has_year_end: bool
    has_budget: bool

    @property
    def latest_round(self) -> str | None:
        return self.forecast_periods[-1] if self.forecast_periods else None

    def previous_round(self, period: str) -> str | None:
        if period not in self.forecast_periods:
            return None
        index = self.forecast_periods.index(period)
        return self.forecast_periods[index - 1] if index > 0 else None


def year_rounds(year: int) -> YearRounds:
    """Which follow-up rounds the year has, read from forecast figures (one query)."""
    rows = set(
        Figure.objects.filter(year=year)
        .filter(Q(scenario=Scenario.FORECAST) | Q(scenario=Scenario.YEAR_END_OUTCOME) | Q(scenario=Scenario.BUDGET))
        .values_list("scenario", "month")
        .distinct()
    )
    forecast_months = {m for s, m in rows if s == Scenario.FORECAST}
    periods = tuple(p for p in ROUND_PERIODS if PERIOD_END_MONTH[p] in forecast_months)
    return YearRounds(
        forecast_periods=periods,
        has_year_end=any(s == Scenario.YEAR_END_OUTCOME for s, _ in rows),
        has_budget=any(s == Scenario.BUDGET for s, _ in rows),
    )


def round_label(period: str | None) -> str:
    """The round's name in the active language (translated per call: never cache the result)."""
    if not period:
        return ""
    return str(PeriodKind(period).label)


def round_label_in_sentence(period: str | None) -> str:
    """The round's name inside a sentence: only its first letter lowered ("Prognos tertial 1 (30 april)"),
    so English keeps its capitalised month names; in Swedish this equals `.lower()` of every round name."""
    label = round_label(period)
    return label[:1].lower() + label[1:]
