"""Workflow through the web: cells, comments, statuses, history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgetapp.budget.models import ChangeSource, Figure, FigureChange, PeriodKind, Scenario
from budgetapp.followup import selectors, services
from budgetapp.followup.models import EntryChange, FollowUpRound, NodeRoundStatus, NodeStatus, StatusEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db


def cell_url(rnd, root, node):
    return reverse("followup:forecast_cell", args=[rnd.pk, root.pk, node.pk])


def post_cell(client, rnd, root, node, amount, version=0):
    return client.post(cell_url(rnd, root, node), {"amount": amount, "version": version}, HTTP_HX_REQUEST="true")


def test_forecast_cell_saves_figure_with_audit(client, org, users, rnd):
    client_for(client, users["ctrl_a"])
    resp = post_cell(client, rnd, org["klf"], org["stab_a"], "1,05 mnkr")
    assert resp.status_code == 200
    fig = Figure.objects.get(node=org["stab_a"], scenario=Scenario.FORECAST)
    assert (fig.amount, fig.period, fig.month, fig.measure, fig.version) == (
        Decimal("1050"), PeriodKind.TERTIAL_1, 4, "net_cost", 1)
    change = FigureChange.objects.get(figure=fig)
    assert (change.old_amount, change.new_amount, change.via, change.changed_by) == (
        None, Decimal("1050"), ChangeSource.HTMX_CELL, users["ctrl_a"])
    body = resp.content.decode()
    assert 'value="1\u00a0050"' in body  # re-rendered in Swedish format
    assert f'id="var-{org["stab_a"].pk}" hx-swap-oob="true"' in body
    assert f'id="fc-{org["klf"].pk}"' in body  # the förvaltning's sum comes back out of band
    resp = post_cell(client, rnd, org["klf"], org["stab_a"], "-1 234,5", version=1)
    assert resp.status_code == 200
    fig.refresh_from_db()
    assert (fig.amount, fig.version) == (Decimal("-1234.5"), 2)


def test_invalid_input_is_marked_in_place_and_kept(client, org, users, rnd):
    client_for(client, users["ctrl_a"])
    resp = post_cell(client, rnd, org["klf"], org["stab_a"], "12 tusen")
    assert resp.status_code == 422
    body = resp.content.decode()
    assert 'value="12 tusen"' in body
    assert 'aria-invalid="true"' in body and 'role="alert"' in body
    assert not Figure.objects.filter(scenario=Scenario.FORECAST).exists()


def test_grid_values_and_sums(org, users, rnd):
    prev = FollowUpRound.objects.create(year=2024, period=PeriodKind.MONTH, month=2, deadline=rnd.deadline)
    services.save_forecast(rnd=prev, node=org["stab_a"], user=users["admin"], amount=Decimal("9800"),
                           expected_version=0)
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10600"),
                           expected_version=0)
    services.save_forecast(rnd=rnd, node=org["stab_b"], user=users["admin"], amount=Decimal("4900"),
                           expected_version=0)
    grid = selectors.round_grid(rnd, org["klf"], users["viewer"])
    a, klf = grid.row(org["stab_a"].pk), grid.row(org["klf"].pk)
    assert grid.previous_round == prev
    assert (a.budget, a.actual, a.actual_month, a.previous, a.forecast) == (
        Decimal("10000"), Decimal("3300"), 4, Decimal("9800"), Decimal("10600"))
    assert a.variance == Decimal("-600")  # budget − prognos: a deficit is negative
    assert a.needs_comment  # 600 tkr > 1 % of 10 000 and > 500 tkr
    assert not klf.is_entry and klf.forecast == Decimal("15500") and klf.budget == Decimal("15000")
    assert klf.variance == Decimal("-500") and not klf.is_incomplete
    b = grid.row(org["stab_b"].pk)
    assert b.variance == Decimal("100") and b.needs_comment  # 100 > 1 % of 5 000 (either rule)
    assert not a.can_edit  # viewer


def test_revenue_funded_node_forecasts_result(org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["vss"], user=users["admin"], amount=Decimal("-100"),
                           expected_version=0)
    assert Figure.objects.get(node=org["vss"], scenario=Scenario.FORECAST).measure == "result"
    row = selectors.round_grid(rnd, org["vss"], users["admin"]).row(org["vss"].pk)
    assert row.variance == Decimal("-300")  # result: prognos − budget


def test_full_workflow_with_comment_requirement(client, org, users, rnd):
    klf, a = org["klf"], org["stab_a"]
    status_url = reverse("followup:status_action", args=[rnd.pk, klf.pk])
    c = client_for(client, users["ctrl_a"])
    assert post_cell(c, rnd, klf, a, "10 800").status_code == 200
    resp = c.post(status_url, {"action": "submit"})
    assert resp.status_code == 422
    assert "kräver en kommentar" in resp.content.decode()
    assert not NodeRoundStatus.objects.filter(status=NodeStatus.SUBMITTED).exists()
    comment_url = reverse("followup:comment_cell", args=[rnd.pk, klf.pk, a.pk])
    resp = c.post(comment_url, {"text": "Vakanser har tillsatts; kostnaderna ökar med 0,8 mnkr.", "version": 0},
                  HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert c.post(status_url, {"action": "submit"}).status_code == 302
    assert NodeRoundStatus.objects.get(node=a).status == NodeStatus.SUBMITTED
    assert post_cell(c, rnd, klf, a, "11 000", version=1).status_code == 422  # no edits once submitted

    c = client_for(client, users["approver"])
    assert c.post(status_url, {"action": "approve"}).status_code == 302
    assert NodeRoundStatus.objects.get(node=a).status == NodeStatus.APPROVED

    c = client_for(client, users["admin"])
    assert c.post(status_url, {"action": "lock", "node": a.pk}).status_code == 302
    assert c.post(status_url, {"action": "reopen", "node": a.pk, "reason": ""}).status_code == 422
    assert c.post(status_url, {"action": "reopen", "node": a.pk, "reason": "Fel konto"}).status_code == 302
    events = list(StatusEvent.objects.filter(node_status__node=a).order_by("id")
                  .values_list("old_status", "new_status", "changed_by__username", "reason"))
    assert events == [("draft", "submitted", "ctrl_a", ""), ("submitted", "approved", "approver", ""),
                      ("approved", "locked", "admin", ""), ("locked", "draft", "admin", "Fel konto")]
    history = c.get(reverse("followup:history", args=[rnd.pk, a.pk])).content.decode()
    for text in ("Fel konto", "Vakanser", "10\u00a0800\u00a0tkr", "ctrl_a", "approver", "Cell i tabell"):
        assert text in history
    assert EntryChange.objects.filter(node=a, kind="comment").count() == 1


def test_close_round_locks_everything_and_blocks_edits(client, org, users, rnd):
    c = client_for(client, users["admin"])
    assert c.post(reverse("followup:round_close", args=[rnd.pk])).status_code == 302
    rnd.refresh_from_db()
    assert not rnd.is_open and rnd.closed_by == users["admin"]
    assert set(NodeRoundStatus.objects.values_list("status", flat=True)) == {NodeStatus.LOCKED}
    assert NodeRoundStatus.objects.count() == 3  # stab_a, stab_b, vss
    c = client_for(client, users["ctrl_a"])
    assert post_cell(c, rnd, org["klf"], org["stab_a"], "1").status_code == 422


def test_sum_rows_cannot_be_entered(client, org, users, rnd):
    c = client_for(client, users["admin"])
    assert post_cell(c, rnd, org["ks"], org["klf"], "1").status_code == 422


def test_open_round_form(client, users):
    c = client_for(client, users["admin"])
    resp = c.post(reverse("followup:round_list"), {"year": 2024, "period": "interim", "month": 3,
                                                   "deadline": "2024-09-15", "threshold_percent": "1",
                                                   "threshold_tkr": "500", "threshold_mode": "either"})
    assert resp.status_code == 302
    assert FollowUpRound.objects.get(period="interim").month == 8
    resp = c.post(reverse("followup:round_list"), {"year": 2024, "period": "interim", "month": 8,
                                                   "deadline": "2024-09-15", "threshold_percent": "1",
                                                   "threshold_tkr": "500", "threshold_mode": "either"})
    assert resp.status_code == 422


def test_pages_render(client, org, users, rnd):
    c = client_for(client, users["ctrl_a"])
    for url in (reverse("followup:round_list"), reverse("followup:round_detail", args=[rnd.pk]),
                reverse("followup:grid", args=[rnd.pk, org["klf"].pk]),
                reverse("followup:investments", args=[rnd.pk, org["klf"].pk]),
                reverse("followup:goals", args=[rnd.pk, org["klf"].pk]), reverse("followup:accuracy")):
        resp = c.get(url)
        assert resp.status_code == 200, url
        assert "<script>" not in resp.content.decode()  # no inline scripts (CSP)
    grid = c.get(reverse("followup:grid", args=[rnd.pk, org["klf"].pk])).content.decode()
    assert "Avvikelse = budget − utfall/prognos (positiv = gynnsam)" in grid
    assert f'id="fc-input-{org["stab_a"].pk}"' in grid and f'id="fc-input-{org["stab_b"].pk}"' not in grid
    assert c.get("/").status_code == 200
    assert 'href="/uppfoljning/"' in c.get(reverse("followup:round_list")).content.decode()


def test_reopen_round_needs_reason_and_is_shown(client, org, users, rnd):
    services.close_round(rnd=rnd, user=users["admin"])
    c = client_for(client, users["admin"])
    url = reverse("followup:round_reopen", args=[rnd.pk])
    c.post(url, {"reason": ""})
    rnd.refresh_from_db()
    assert not rnd.is_open
    assert c.post(url, {"reason": "Bokslutet justerades"}).status_code == 302
    rnd.refresh_from_db()
    assert rnd.is_open and "Bokslutet justerades" in rnd.reopen_reason
    assert "Bokslutet justerades" in c.get(reverse("followup:round_detail", args=[rnd.pk])).content.decode()
    # nodes stay locked until reopened one by one with a reason
    assert NodeRoundStatus.objects.get(node=org["stab_a"]).status == NodeStatus.LOCKED


def test_cost_and_revenue_forecasts_beside_net(org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("12000"),
                           expected_version=0, measure="cost")
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("1500"),
                           expected_version=0, measure="revenue")
    assert Figure.objects.filter(scenario=Scenario.FORECAST, node=org["stab_a"]).count() == 2
    with pytest.raises(ValidationError):
        services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("1"),
                               expected_version=0, measure="result")


def test_sum_variance_covers_only_units_with_forecast(org, users, rnd):
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10800"),
                           expected_version=0)
    klf = selectors.round_grid(rnd, org["klf"], users["viewer"]).row(org["klf"].pk)
    assert (klf.forecast, klf.budget, klf.variance, klf.variance_percent) == (
        Decimal("10800"), Decimal("15000"), Decimal("-800"), Decimal("-8.0"))
    assert klf.is_incomplete and (klf.entries_with_forecast, klf.entries_total) == (1, 2)


def test_node_outside_the_grid_is_404_and_not_saved(client, org, users, rnd):
    c = client_for(client, users["admin"])
    assert post_cell(c, rnd, org["klf"], org["vss"], "1").status_code == 404
    assert not Figure.objects.filter(scenario=Scenario.FORECAST).exists()


def test_committee_grid_mixes_sign_conventions(org, users, rnd):
    for node, amount in (("stab_a", "10500"), ("stab_b", "5000"), ("vss", "300")):
        services.save_forecast(rnd=rnd, node=org[node], user=users["admin"], amount=Decimal(amount),
                               expected_version=0)
    grid = selectors.round_grid(rnd, org["ks"], users["viewer"])
    ks = grid.row(org["ks"].pk)
    # net cost: 10 500 + 5 000 − VSS's 300 surplus; avvikelse: −500 + 0 + 100 (VSS beat its budget)
    assert (ks.forecast, ks.budget, ks.variance) == (Decimal("15200"), Decimal("14800"), Decimal("-400"))
    assert grid.row(org["vss"].pk).ancestors == [(org["ks"].pk, -1)]
