"""Concurrent forecast edits on PostgreSQL: many races of two writers on the same cell → 0 lost updates.

Two threads (each with its own database connection) read the same cell version, meet at a barrier
and save different amounts at the same moment through `budgetapp.followup.services.save_forecast`,
the service the htmx cell, the form and the Excel upload all use. In every race exactly one writer
wins, the other gets `Conflict` (HTTP 409 through the view) and nothing is silently overwritten: the
stored amount is the winner's, the version went up by exactly one and the audit trail has exactly
one new row per successful save.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from budgetapp.accounts.models import NodeAssignment, Role
from budgetapp.budget.models import Figure, FigureChange, PeriodKind, Scenario
from tests.factories import UserFactory, small_municipality

services = pytest.importorskip("budgetapp.followup.services")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RACES = 40
HTTP_RACES = 12


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL row locks; SQLite serialises whole-database writes")


@pytest.fixture
def cell():
    org = small_municipality(2024)
    admin = UserFactory(username="race-admin", role=Role.ADMIN)
    writers = [UserFactory(username=f"race-ctl-{i}", role=Role.CONTROLLER) for i in range(2)]
    for w in writers:
        NodeAssignment.objects.create(user=w, node=org["stab_a"])
    rnd = services.open_round(user=admin, year=2024, period=PeriodKind.INTERIM,
                              deadline=date.today() + timedelta(days=30))
    return {"org": org, "rnd": rnd, "node": org["stab_a"], "root": org["klf"], "writers": writers}


def _forecast(node, rnd) -> Figure | None:
    return Figure.objects.filter(node=node, year=rnd.year, period=rnd.period, scenario=Scenario.FORECAST,
                                 source_document__isnull=True).first()


def _race(functions) -> list:
    """Run the callables at the same instant, one thread each; return what each returned/raised."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(i, fn):
        try:
            barrier.wait(timeout=10)
            results[i] = fn()
        except Exception as exc:  # collected and asserted on by the caller
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_writers_racing_through_the_service_never_lose_an_update(cell):
    node, rnd, writers = cell["node"], cell["rnd"], cell["writers"]
    for race in range(RACES):
        before = _forecast(node, rnd)
        version = before.version if before else 0
        changes_before = FigureChange.objects.filter(node=node).count()
        amounts = [Decimal(1000 + race * 10 + i) for i in range(2)]

        def save(i, amounts=amounts, version=version):
            return lambda: services.save_forecast(rnd=rnd, node=node, user=writers[i], amount=amounts[i],
                                                  expected_version=version)

        outcomes = _race([save(0), save(1)])
        winners = [i for i, o in enumerate(outcomes) if isinstance(o, Figure)]
        losers = [i for i, o in enumerate(outcomes) if isinstance(o, services.Conflict)]
        assert len(winners) == 1 and len(losers) == 1, f"race {race}: {outcomes!r}"
        after = _forecast(node, rnd)
        assert after.amount == amounts[winners[0]], f"race {race}: the winner's value was overwritten"
        assert after.version == version + 1
        assert FigureChange.objects.filter(node=node).count() == changes_before + 1
        conflict = outcomes[losers[0]]
        assert conflict.your_value == amounts[losers[0]]


def test_two_browsers_racing_on_the_htmx_cell_get_200_and_409(cell):
    node, rnd, root = cell["node"], cell["rnd"], cell["root"]
    url = reverse("followup:forecast_cell", kwargs={"round_id": rnd.pk, "root_id": root.pk, "node_id": node.pk})
    clients = []
    for writer in cell["writers"]:
        client = Client()
        client.force_login(writer)
        clients.append(client)
    for race in range(HTTP_RACES):
        before = _forecast(node, rnd)
        version = before.version if before else 0
        amounts = [str(5000 + race * 10 + i) for i in range(2)]
        outcomes = _race([
            (lambda c=c, a=a, v=version: c.post(url, {"amount": a, "version": v}, HTTP_HX_REQUEST="true"))
            for c, a in zip(clients, amounts, strict=True)
        ])
        statuses = sorted(getattr(o, "status_code", o) for o in outcomes)
        assert statuses == [200, 409], f"race {race}: {outcomes!r}"
        winner = next(i for i, o in enumerate(outcomes) if o.status_code == 200)
        after = _forecast(node, rnd)
        assert after.amount == Decimal(amounts[winner]) and after.version == version + 1
        loser_page = next(o for o in outcomes if o.status_code == 409).content.decode()
        assert "Konflikt" in loser_page and 'role="alert"' in loser_page  # visible, not a silent reload
