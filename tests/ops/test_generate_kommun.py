"""`manage.py generate_kommun`: sizes as asked, sums consistent up the tree, idempotent per name/seed."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from budgetapp.budget.models import Figure, Measure, Scenario
from budgetapp.core.models import FiscalYear
from budgetapp.goals.models import Goal
from budgetapp.investments.models import InvestmentProject
from budgetapp.organisation.models import Financing, NodeKind, OrgNode

pytestmark = pytest.mark.django_db
ARGS = ["--units", "30", "--years", "2", "--first-year", "2024", "--investments", "12", "--goals", "20"]


def _snapshot():
    figures = list(Figure.objects.order_by("node__year", "node__code", "scenario", "period", "month", "measure")
                   .values_list("node__year", "node__code", "scenario", "period", "month", "measure", "amount"))
    return figures, OrgNode.objects.count(), Goal.objects.count(), InvestmentProject.objects.count()


def test_builds_the_requested_size():
    out = StringIO()
    call_command("generate_kommun", *ARGS, stdout=out)
    assert "Syntetkommun 2024–2025" in out.getvalue()
    for year in (2024, 2025):
        assert OrgNode.objects.filter(year=year, kind=NodeKind.UNIT).count() == 30
        assert OrgNode.objects.filter(year=year, kind=NodeKind.MUNICIPALITY).count() == 1
        assert InvestmentProject.objects.filter(year=year).count() == 12
        assert Goal.objects.filter(year=year).count() == 20
        assert FiscalYear.objects.get(year=year).is_published
        leaf = OrgNode.objects.filter(year=year, kind=NodeKind.UNIT).first()
        months = Figure.objects.filter(node=leaf, scenario=Scenario.ACTUAL, measure=Measure.COST)
        assert sorted(months.values_list("month", flat=True)) == list(range(1, 13))
        assert Figure.objects.filter(node=leaf, scenario=Scenario.FORECAST).exists()


def test_parents_are_the_sum_of_their_children_and_nets_follow_the_convention():
    call_command("generate_kommun", *ARGS, stdout=StringIO())
    cost = dict(Figure.objects.filter(year=2024, scenario=Scenario.BUDGET, measure=Measure.COST)
                .values_list("node_id", "amount"))
    children = defaultdict(list)
    for node_id, parent_id in OrgNode.objects.filter(year=2024).values_list("id", "parent_id"):
        if parent_id:
            children[parent_id].append(node_id)
    for parent_id, kids in children.items():
        assert cost[parent_id] == sum(cost[k] for k in kids)
    revenue_funded = OrgNode.objects.filter(year=2024, financing=Financing.REVENUE)
    assert revenue_funded.exists()
    assert not Figure.objects.filter(node__in=revenue_funded, measure=Measure.NET_COST).exists()
    assert Figure.objects.filter(node__in=revenue_funded, measure=Measure.RESULT).exists()
    kommun = OrgNode.objects.get(year=2024, kind=NodeKind.MUNICIPALITY)
    net = Figure.objects.get(node=kommun, scenario=Scenario.BUDGET, measure=Measure.NET_COST).amount
    revenue = Figure.objects.get(node=kommun, scenario=Scenario.BUDGET, measure=Measure.REVENUE).amount
    assert net == cost[kommun.pk] - revenue


def test_is_idempotent_per_name_and_seed():
    call_command("generate_kommun", *ARGS, stdout=StringIO())
    first = _snapshot()
    call_command("generate_kommun", *ARGS, stdout=StringIO())
    assert _snapshot() == first
    call_command("generate_kommun", *ARGS, "--seed", "2", stdout=StringIO())
    assert _snapshot()[1:] == first[1:] and _snapshot()[0] != first[0]
    call_command("generate_kommun", *ARGS, "--name", "Annan kommun", stdout=StringIO())
    assert OrgNode.objects.filter(parent__isnull=True, year=2024).count() == 2
    assert Figure.objects.aggregate(s=Sum("amount"))["s"] > 0
