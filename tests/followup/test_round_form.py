"""The form that opens a round shows and accepts Swedish decimals and keeps what was typed on errors."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budgetapp.followup.forms import OpenRoundForm
from budgetapp.followup.models import FollowUpRound

from .conftest import client_for

pytestmark = pytest.mark.django_db

VALID = {"year": 2024, "period": "interim", "month": 8, "deadline": "2024-09-15", "threshold_percent": "1,5",
         "threshold_tkr": "1 000", "threshold_mode": "either"}


def test_defaults_are_shown_with_a_decimal_comma_and_no_dot():
    with translation.override("sv"):
        html = str(OpenRoundForm()["threshold_percent"]) + str(OpenRoundForm()["threshold_tkr"])
    assert 'value="1"' in html and 'value="500"' in html
    assert "1.00" not in html and 'type="number"' not in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(("typed", "expected"), [("1,5", Decimal("1.5")), ("1.5", Decimal("1.5")),
                                                  ("0,25", Decimal("0.25")), ("2", Decimal("2"))])
def test_percent_accepts_swedish_and_dot_decimals(typed, expected):
    with translation.override("sv"):
        form = OpenRoundForm({**VALID, "threshold_percent": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["threshold_percent"] == expected
    assert form.cleaned_data["threshold_tkr"] == Decimal("1000")


def test_open_round_with_decimal_comma_is_saved(client, users):
    resp = client_for(client, users["admin"]).post(reverse("followup:round_list"), VALID)
    assert resp.status_code == 302
    rnd = FollowUpRound.objects.get(period="interim")
    assert (rnd.threshold_percent, rnd.threshold_tkr) == (Decimal("1.5"), Decimal("1000"))


def test_failed_form_keeps_typed_input(client, users):
    c = client_for(client, users["admin"])
    resp = c.post(reverse("followup:round_list"), {**VALID, "deadline": "", "threshold_tkr": "12,5"})
    assert resp.status_code == 422
    html = resp.content.decode()
    assert 'value="1,5"' in html and 'value="12,5"' in html
    resp = c.post(reverse("followup:round_list"), {**VALID, "threshold_percent": "ett"})
    assert resp.status_code == 422
    assert 'value="ett"' in resp.content.decode()
    assert not FollowUpRound.objects.exists()
