"""Investment forecasts per project and goal assessments with indicator values in the same round."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.followup.models import EntryChange, ProjectForecast
from budgetapp.goals.models import Goal, GoalAssessment, Indicator, IndicatorValue
from budgetapp.investments.models import InvestmentProject

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_project_forecast(client, org, users, rnd):
    project = InvestmentProject.objects.create(node=org["stab_a"], year=2024, name="Nytt ekonomisystem",
                                               approved_budget=Decimal("8000"), year_budget=Decimal("3000"))
    url = reverse("followup:investments", args=[rnd.pk, org["klf"].pk])
    c = client_for(client, users["ctrl_a"])
    assert "Nytt ekonomisystem" in c.get(url).content.decode()
    data = {"project": project.pk, "version": 0, "year_forecast": "2,5 mnkr", "total_forecast": "8 200",
            "end_year": 2025}
    assert c.post(url, data).status_code == 302
    pf = ProjectForecast.objects.get(round=rnd, project=project)
    assert (pf.year_forecast, pf.total_forecast, pf.end_year, pf.version) == (
        Decimal("2500"), Decimal("8200"), 2025, 1)
    assert c.post(url, {**data, "year_forecast": "2 600"}).status_code == 409  # stale version 0
    assert EntryChange.objects.filter(kind="project_forecast").count() == 3
    assert client_for(client, users["ctrl_b"]).post(url, {**data, "version": 1}).status_code == 403


def test_goal_assessment_and_indicator_value(client, org, users, rnd):
    goal = Goal.objects.create(node=org["stab_a"], year=2024, name="Hållbar ekonomi")
    indicator = Indicator.objects.create(goal=goal, name="Budgetavvikelse", unit="%")
    url = reverse("followup:goals", args=[rnd.pk, org["klf"].pk])
    c = client_for(client, users["ctrl_a"])
    assert "Hållbar ekonomi" in c.get(url).content.decode()
    resp = c.post(url, {"goal": goal.pk, "version": 0, "status": "partly_fulfilled",
                        "analysis": "Två av tre indikatorer når målvärdet."})
    assert resp.status_code == 302
    ga = GoalAssessment.objects.get(goal=goal, year=2024, period=rnd.period)
    assert (ga.status, ga.entered_by, ga.version) == ("partly_fulfilled", users["ctrl_a"], 1)
    assert c.post(url, {"indicator": indicator.pk, "raw": "0,8"}).status_code == 302
    iv = IndicatorValue.objects.get(indicator=indicator)
    assert (iv.value, iv.column, iv.is_partial_period) == (Decimal("0.8"), rnd.indicator_column, True)
    assert client_for(client, users["viewer"]).post(url, {"indicator": indicator.pk, "raw": "1"}).status_code == 403
