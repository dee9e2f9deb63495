"""The grid's cells as built by `followup.cells`: Swedish formats, escaping, the no-JS error cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.followup import services

from .conftest import client_for

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def test_variance_percent_is_swedish(client, org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10080"),
                           expected_version=0)
    client_for(client, users["viewer"])
    body = client.get(reverse("followup:grid", args=[rnd.pk, org["klf"].pk])).content.decode()
    # budget 10 000, prognos 10 080: avvikelse −80 tkr = −0,8 % (decimal comma, U+2212 minus)
    assert f'id="var-{org["stab_a"].pk}">\u221280{NBSP}tkr <span class="muted">(\u22120,8 %)</span>' in body
    assert "-0.8 %" not in body and "(-0" not in body


def test_names_and_comments_are_escaped(client, org, users, rnd):
    org["stab_a"].name = "Stab <A> & co"
    org["stab_a"].save()
    services.save_comment(rnd=rnd, node=org["stab_a"], user=users["admin"], text="<script>x</script>\nrad 2",
                          expected_version=0)
    client_for(client, users["viewer"])
    body = client.get(reverse("followup:grid", args=[rnd.pk, org["klf"].pk])).content.decode()
    assert "Stab &lt;A&gt; &amp; co" in body and "<A>" not in body
    assert "&lt;script&gt;x&lt;/script&gt;<br>rad 2" in body and "<script>x" not in body


def test_editable_cell_has_form_csrf_and_swedish_value(client, org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10800.5"),
                           expected_version=0)
    client_for(client, users["ctrl_a"])
    body = client.get(reverse("followup:grid", args=[rnd.pk, org["klf"].pk])).content.decode()
    a = org["stab_a"].pk
    url = reverse("followup:forecast_cell", args=[rnd.pk, org["klf"].pk, a])
    assert f'hx-post="{url}"' in body and 'name="csrfmiddlewaretoken"' in body
    assert f'id="fc-input-{a}" name="amount" value="10{NBSP}800,5"' in body
    assert f'id="fc-input-{org["stab_b"].pk}"' not in body  # not ctrl_a's unit: read-only
    assert f'<td class="num" id="fc-{org["stab_b"].pk}" data-sum="entry">' in body
