"""Reads for the start page."""

from __future__ import annotations

from django.db.models import Q, Sum

from budgetapp.budget.models import Figure, Measure, Scenario
from budgetapp.core.models import FiscalYear
from budgetapp.organisation.models import NodeKind, OrgNode


def available_years() -> list[int]:
    years = set(OrgNode.objects.order_by().values_list("year", flat=True).distinct())
    years |= set(FiscalYear.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def years_with_organisation() -> set[int]:
    """Years that have an organisation tree (and so can have figures)."""
    return set(OrgNode.objects.order_by().values_list("year", flat=True).distinct())


def visible_years(user) -> list[int]:
    """Signed-in users see every year; the public only published years."""
    if user.is_authenticated:
        return available_years()
    return sorted(FiscalYear.objects.filter(is_published=True).values_list("year", flat=True), reverse=True)


def start_page_tree(year: int) -> tuple[OrgNode | None, list[OrgNode]]:
    """The year's tree with each node's net budget (two queries, whatever the tree size)."""
    nodes = list(OrgNode.objects.with_tree_fields().filter(year=year).order_siblings_by("sort_order", "name"))
    budgets = dict(
        Figure.objects.filter(year=year, scenario=Scenario.BUDGET, line_label="", basis_year=year)
        .filter(Q(measure=Measure.NET_COST) | Q(measure=Measure.RESULT))
        .values_list("node_id")
        .annotate(total=Sum("amount"))
    )
    for node in nodes:
        node.budget_amount = budgets.get(node.pk)
    root = next((n for n in nodes if n.kind == NodeKind.MUNICIPALITY), None)
    return root, nodes
