"""The grid's cell forms submitted without JavaScript (no HX-Request): a plain web form with
post/redirect/get, recorded as via=web_form, errors shown in the whole grid with the typed text kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.budget.models import ChangeSource, Figure, FigureChange, Scenario
from budgetapp.followup import services
from budgetapp.followup.models import DeviationComment, EntryChange

from .conftest import client_for

pytestmark = pytest.mark.django_db


def urls(rnd, org):
    klf, a = org["klf"], org["stab_a"]
    return (reverse("followup:forecast_cell", args=[rnd.pk, klf.pk, a.pk]),
            reverse("followup:comment_cell", args=[rnd.pk, klf.pk, a.pk]),
            reverse("followup:grid", args=[rnd.pk, klf.pk]))


def test_forecast_without_javascript_redirects_to_the_grid(client, org, users, rnd):
    forecast_url, _comment_url, grid_url = urls(rnd, org)
    c = client_for(client, users["ctrl_a"])
    resp = c.post(forecast_url, {"amount": "10 250", "version": 0})
    assert resp.status_code == 302 and resp["Location"] == f"{grid_url}#row-{org['stab_a'].pk}"
    change = FigureChange.objects.get(node=org["stab_a"])
    assert (change.old_amount, change.new_amount, change.via, change.changed_by) == (
        None, Decimal("10250"), ChangeSource.WEB_FORM, users["ctrl_a"])
    page = c.get(grid_url).content.decode()
    assert "Prognosen för Ekonomistaben är sparad." in page
    assert 'value="10\u00a0250"' in page or 'value="10 250"' in page


def test_invalid_forecast_shows_the_grid_with_the_typed_text(client, org, users, rnd):
    forecast_url, _comment_url, _grid_url = urls(rnd, org)
    c = client_for(client, users["ctrl_a"])
    resp = c.post(forecast_url, {"amount": "tio tusen", "version": 0})
    assert resp.status_code == 422
    page = resp.content.decode()
    assert "<html" in page and "forecast-grid" in page  # the whole page, not a fragment
    assert 'value="tio tusen"' in page and 'aria-invalid="true"' in page
    assert not Figure.objects.filter(scenario=Scenario.FORECAST).exists()


def test_conflict_without_javascript_is_409_and_keeps_both_values(client, org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10200"),
                           expected_version=0)
    forecast_url, _comment_url, _grid_url = urls(rnd, org)
    c = client_for(client, users["ctrl_a"])
    resp = c.post(forecast_url, {"amount": "10 400", "version": 0})
    assert resp.status_code == 409
    page = resp.content.decode()
    assert "Konflikt" in page and 'value="10 400"' in page and 'name="version" value="1"' in page
    assert Figure.objects.get(scenario=Scenario.FORECAST).amount == Decimal("10200")


def test_comment_without_javascript(client, org, users, rnd):
    _forecast_url, comment_url, grid_url = urls(rnd, org)
    c = client_for(client, users["ctrl_a"])
    resp = c.post(comment_url, {"text": "Vakanser.", "version": 0})
    assert resp.status_code == 302 and resp["Location"].startswith(grid_url)
    assert DeviationComment.objects.get(node=org["stab_a"]).text == "Vakanser."
    assert EntryChange.objects.get(node=org["stab_a"]).via == ChangeSource.WEB_FORM
    stale = c.post(comment_url, {"text": "Annan text", "version": 0})
    assert stale.status_code == 409 and "Annan text" in stale.content.decode()


def test_other_units_are_still_refused(client, org, users, rnd):
    forecast_url, comment_url, _grid_url = urls(rnd, org)
    c = client_for(client, users["ctrl_b"])
    assert c.post(forecast_url, {"amount": "1", "version": 0}).status_code == 403
    assert c.post(comment_url, {"text": "x", "version": 0}).status_code == 403
