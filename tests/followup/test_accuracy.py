"""Forecast accuracy after bokslut: error per node and round, trend, and bias flags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.budget.models import PeriodKind, Scenario
from budgetapp.followup import services
from budgetapp.followup.accuracy import forecast_accuracy
from budgetapp.followup.models import FollowUpRound
from tests.factories import FigureFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_year(org, users):
    admin = users["admin"]
    FigureFactory(node=org["stab_a"], scenario=Scenario.YEAR_END_OUTCOME, amount=Decimal("9500"))
    FigureFactory(node=org["stab_b"], scenario=Scenario.YEAR_END_OUTCOME, amount=Decimal("5200"))
    forecasts = {PeriodKind.TERTIAL_1: ("10400", "5000"), PeriodKind.INTERIM: ("10200", "5300"),
                 PeriodKind.OCTOBER: ("10000", "5100")}
    rounds = []
    for period, (a, b) in forecasts.items():
        rnd = FollowUpRound.objects.create(year=2024, period=period, deadline=dt.date(2024, 12, 1))
        services.save_forecast(rnd=rnd, node=org["stab_a"], user=admin, amount=Decimal(a), expected_version=0)
        services.save_forecast(rnd=rnd, node=org["stab_b"], user=admin, amount=Decimal(b), expected_version=0)
        services.close_round(rnd=rnd, user=admin)
        rounds.append(rnd)
    return rounds


def test_errors_trend_and_bias(org, closed_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        data = forecast_accuracy([2024])
    rows = {(r.round.period, r.node.name): r for r in data["rows"]}
    a = rows[(PeriodKind.TERTIAL_1, "Ekonomistaben")]
    # net cost: error = forecast − outcome; positive = the year ended better than forecast
    assert (a.forecast, a.outcome, a.error, a.error_percent) == (
        Decimal("10400"), Decimal("9500"), Decimal("900"), Decimal("9.0"))
    klf = rows[(PeriodKind.TERTIAL_1, "Kommunledningsförvaltningen")]
    assert (klf.forecast, klf.outcome, klf.error) == (Decimal("15400"), Decimal("14700"), Decimal("700"))
    assert rows[(PeriodKind.TERTIAL_1, "HR-staben")].error == Decimal("-200")
    trend = {t["round"]: t for t in data["trend"]}
    assert trend["Tertial 1 (30 april)"]["mean_abs_error"] == Decimal("550")  # (900 + 200) / 2
    flags = {f.name: f for f in data["flags"]}
    assert flags["Ekonomistaben"].direction == "cautious" and flags["Ekonomistaben"].rounds == 3
    assert "HR-staben" not in flags  # −200, +100, −100: not one-sided


def test_open_rounds_are_ignored(org, users):
    rnd = FollowUpRound.objects.create(year=2024, period=PeriodKind.TERTIAL_1, deadline=dt.date(2024, 5, 1))
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("1"),
                           expected_version=0)
    FigureFactory(node=org["stab_a"], scenario=Scenario.YEAR_END_OUTCOME, amount=Decimal("2"))
    assert forecast_accuracy([2024])["rows"] == []


def test_accuracy_page(client, org, users, closed_year):
    body = client_for(client, users["viewer"]).get(reverse("followup:accuracy")).content.decode()
    assert "Ekonomistaben" in body and "Försiktig" in body and "9,0 %" in body
