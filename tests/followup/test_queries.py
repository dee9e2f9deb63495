"""The grid's query count does not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.budget.models import PeriodKind, Scenario
from budgetapp.followup import selectors, services
from budgetapp.followup.models import FollowUpRound
from budgetapp.organisation.models import NodeKind, OrgNode
from tests.factories import FigureFactory, NodeAssignmentFactory, OrgNodeFactory, UserFactory

pytestmark = pytest.mark.django_db


def build(units: int, year: int):
    ks = OrgNodeFactory(year=year, name=f"Nämnd {year}", kind=NodeKind.COMMITTEE)
    forv = OrgNodeFactory(year=year, name=f"Förvaltning {year}", kind=NodeKind.ADMINISTRATION, parent=ks)
    areas = [OrgNodeFactory(year=year, name=f"Område {i}", kind=NodeKind.OPERATIONAL_AREA, parent=forv)
             for i in range(2)]
    admin = UserFactory(username=f"admin{year}", role=Role.ADMIN)
    rnd = FollowUpRound.objects.create(year=year, period=PeriodKind.TERTIAL_1, deadline=dt.date(year, 5, 1))
    for i in range(units):
        unit = OrgNodeFactory(year=year, name=f"Enhet {i}", kind=NodeKind.UNIT, parent=areas[i % 2])
        FigureFactory(node=unit, year=year, amount=Decimal(1000 + i))
        FigureFactory(node=unit, year=year, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=4,
                      amount=Decimal(300 + i))
        services.save_forecast(rnd=rnd, node=unit, user=admin, amount=Decimal(1010 + i), expected_version=0)
        services.save_comment(rnd=rnd, node=unit, user=admin, text="Orsak", expected_version=0)
    ctrl = NodeAssignmentFactory(user=UserFactory(username=f"ctrl{year}", role=Role.CONTROLLER), node=areas[0]).user
    return forv, rnd, ctrl


def count_selector(forv, rnd, user) -> int:
    user = type(user).objects.get(pk=user.pk)  # fresh object: no cached assignments
    with CaptureQueriesContext(connection) as ctx:
        grid = selectors.round_grid(rnd, forv, user)
    assert grid.rows
    return len(ctx.captured_queries)


def test_grid_selector_queries_constant(django_assert_num_queries):
    small = build(5, 2030)
    large = build(50, 2031)
    n_small, n_large = count_selector(*small), count_selector(*large)
    # tree, previous round, figures, statuses, comments + the user's assigned nodes (rules checks each
    # row's tree_path against them: no subtree walk)
    assert n_small == n_large == 6, (n_small, n_large)
    forv, rnd, ctrl = large
    fresh = type(ctrl).objects.get(pk=ctrl.pk)
    with django_assert_num_queries(6):
        grid = selectors.round_grid(rnd, forv, fresh)
    assert len(grid.rows) == 53 and sum(r.can_edit for r in grid.rows) == 25


def test_grid_page_queries_constant(client):
    counts = []
    for units, year in ((5, 2032), (50, 2033)):
        forv, rnd, ctrl = build(units, year)
        client.force_login(ctrl)
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(reverse("followup:grid", args=[rnd.pk, forv.pk]))
        assert resp.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    print("grid page queries (5 vs 50 units):", counts)


def count_cell_save(client, forv, rnd, ctrl) -> tuple[int, bytes]:
    """Queries and body of one htmx cell save by a controller (fresh user: assignments not cached)."""
    unit = OrgNode.objects.descendants(forv).filter(kind=NodeKind.UNIT, parent__name="Område 0").first()
    client.force_login(ctrl)
    url = reverse("followup:forecast_cell", args=[rnd.pk, forv.pk, unit.pk])
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post(url, {"amount": "2 000", "version": 1}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200, resp.content
    return len(ctx.captured_queries), resp.content


def test_cell_save_queries_constant_and_answer_small(client):
    """A save answers with its cell and the sum rows above it, whatever the sheet's size."""
    counts, bodies = [], []
    for units, year in ((5, 2034), (50, 2035)):
        forv, rnd, ctrl = build(units, year)
        n, body = count_cell_save(client, forv, rnd, ctrl)
        counts.append(n)
        bodies.append(body)
    assert counts[0] == counts[1], counts
    # session, user, the round with the node's path (and the user's assignment above it), the save
    # itself (one statement on PostgreSQL; savepoint, status lock, read, update, audit, release
    # elsewhere), the sum rows' figures
    assert counts[1] == (5 if connection.vendor == "postgresql" else 10), counts
    small, large = (len(b) for b in bodies)
    assert large < 6000 and abs(large - small) < 200, (small, large)  # not the whole sheet
    # out of band: the unit's avvikelse and comment flag, sum and avvikelse of the area and the
    # förvaltning, the live region
    assert bodies[1].count(b"hx-swap-oob") == 7
    print("cell save queries (5 vs 50 units):", counts, "bytes:", small, large)
