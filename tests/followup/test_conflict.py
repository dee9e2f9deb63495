"""Optimistic locking: two controllers save the same cell; the later one gets 409 with both values."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.budget.models import Figure, FigureChange, Scenario
from budgetapp.followup import services
from tests.factories import NodeAssignmentFactory, UserFactory

from .conftest import client_for


def test_stale_version_gets_409_with_both_values(client, org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10200"),
                           expected_version=0)
    c = client_for(client, users["ctrl_a"])
    url = reverse("followup:forecast_cell", args=[rnd.pk, org["klf"].pk, org["stab_a"].pk])
    resp = c.post(url, {"amount": "10 400", "version": 0}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 409
    body = resp.content.decode()
    assert "10\u00a0200\u00a0tkr" in body and "10\u00a0400\u00a0tkr" in body
    assert 'value="10 400"' in body  # the user's typed text is kept
    assert 'name="version" value="1"' in body  # "Spara mitt värde" now overwrites deliberately
    assert Figure.objects.get(scenario=Scenario.FORECAST).amount == Decimal("10200")
    assert c.post(url, {"amount": "10 400", "version": 1}, HTTP_HX_REQUEST="true").status_code == 200
    assert Figure.objects.get(scenario=Scenario.FORECAST).amount == Decimal("10400")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_on_postgres(org, users, rnd):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL")
    second = NodeAssignmentFactory(user=UserFactory(username="ctrl_a2", role=Role.CONTROLLER),
                                   node=org["stab_a"]).user
    url = reverse("followup:forecast_cell", args=[rnd.pk, org["klf"].pk, org["stab_a"].pk])
    barrier = threading.Barrier(2)
    results: dict[str, tuple[int, str]] = {}

    def save(user, amount):
        try:
            c = Client()
            c.force_login(user)
            barrier.wait(timeout=10)
            resp = c.post(url, {"amount": amount, "version": 0}, HTTP_HX_REQUEST="true")
            results[user.username] = (resp.status_code, resp.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(users["ctrl_a"], "11 111")),
               threading.Thread(target=save, args=(second, "22 222"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    codes = sorted(code for code, _ in results.values())
    assert codes == [200, 409], results
    winner = next(name for name, (code, _) in results.items() if code == 200)
    loser_body = next(body for code, body in results.values() if code == 409)
    stored = Figure.objects.get(scenario=Scenario.FORECAST)
    expected = Decimal("11111") if winner == "ctrl_a" else Decimal("22222")
    assert stored.amount == expected and stored.version == 1
    assert FigureChange.objects.count() == 1
    assert "11\u00a0111\u00a0tkr" in loser_body and "22\u00a0222\u00a0tkr" in loser_body
    assert 'aria-invalid="true"' in loser_body
