"""Role × action matrix with exact status codes (302 for anonymous = redirect to login)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgetapp.followup import services
from budgetapp.followup.models import NodeRoundStatus, NodeStatus

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "viewer", "ctrl_a", "ctrl_b", "approver", "admin"]

# ctrl_a is assigned to stab_a, ctrl_b to stab_b, approver to the förvaltning (klf); all act on stab_a.
MATRIX = {
    "view_round_list":  [302, 200, 200, 200, 200, 200],
    "view_grid":        [302, 200, 200, 200, 200, 200],
    "view_history":     [302, 200, 200, 200, 200, 200],
    "excel_download":   [302, 200, 200, 200, 200, 200],
    "accuracy":         [302, 200, 200, 200, 200, 200],
    "edit_forecast":    [302, 403, 200, 403, 403, 200],
    "edit_comment":     [302, 403, 200, 403, 403, 200],
    "excel_upload":     [302, 403, 302, 403, 403, 302],
    "submit":           [302, 403, 302, 403, 403, 302],
    "approve":          [302, 403, 403, 403, 302, 302],
    "return":           [302, 403, 403, 403, 302, 302],
    "lock":             [302, 403, 403, 403, 403, 302],
    "reopen_node":      [302, 403, 403, 403, 403, 302],
    "close_round":      [302, 403, 403, 403, 403, 302],
    "open_round":       [302, 403, 403, 403, 403, 302],
}


def _set_status(rnd, node, status):
    NodeRoundStatus.objects.update_or_create(round=rnd, node=node, defaults={"status": status})


def _excel_with_change(client, rnd, org, users):
    client.force_login(users["admin"])
    data = client.get(reverse("followup:excel_download", args=[rnd.pk, org["klf"].pk])).content
    client.logout()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Prognos"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value == org["stab_a"].pk:
            row[6].value = 10050
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "prognos.xlsx"
    return out


def perform(action, client, rnd, org, users):
    klf, a = org["klf"], org["stab_a"]
    status_url = reverse("followup:status_action", args=[rnd.pk, klf.pk])
    if action == "view_round_list":
        return client.get(reverse("followup:round_list"))
    if action == "view_grid":
        return client.get(reverse("followup:grid", args=[rnd.pk, klf.pk]))
    if action == "view_history":
        return client.get(reverse("followup:history", args=[rnd.pk, a.pk]))
    if action == "excel_download":
        return client.get(reverse("followup:excel_download", args=[rnd.pk, klf.pk]))
    if action == "accuracy":
        return client.get(reverse("followup:accuracy"))
    if action == "edit_forecast":
        return client.post(reverse("followup:forecast_cell", args=[rnd.pk, klf.pk, a.pk]),
                           {"amount": "10 020", "version": 1}, HTTP_HX_REQUEST="true")
    if action == "edit_comment":
        return client.post(reverse("followup:comment_cell", args=[rnd.pk, klf.pk, a.pk]),
                           {"text": "Orsak", "version": 0}, HTTP_HX_REQUEST="true")
    if action == "excel_upload":
        return client.post(reverse("followup:excel_upload", args=[rnd.pk, klf.pk]), {"file": users["_xlsx"]})
    if action == "submit":
        return client.post(status_url, {"action": "submit", "node": a.pk})
    if action in ("approve", "return"):
        _set_status(rnd, a, NodeStatus.SUBMITTED)
        return client.post(status_url, {"action": action, "node": a.pk, "reason": "Komplettera"})
    if action == "lock":
        _set_status(rnd, a, NodeStatus.APPROVED)
        return client.post(status_url, {"action": "lock", "node": a.pk})
    if action == "reopen_node":
        _set_status(rnd, a, NodeStatus.LOCKED)
        return client.post(status_url, {"action": "reopen", "node": a.pk, "reason": "Rättelse"})
    if action == "close_round":
        return client.post(reverse("followup:round_close", args=[rnd.pk]))
    if action == "open_round":
        return client.post(reverse("followup:round_list"), {
            "year": 2024, "period": "october", "month": 10, "deadline": "2024-11-15",
            "threshold_percent": "1", "threshold_tkr": "500", "threshold_mode": "either"})
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_permission_matrix(client, org, users, rnd, action, role_index):
    # a forecast within 1 % of budget (no comment required) so that submit can succeed
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10000"),
                           expected_version=0)
    if action == "excel_upload":
        users["_xlsx"] = _excel_with_change(client, rnd, org, users)
    role = ROLES[role_index]
    if role != "anonymous":
        client.force_login(users[role])
    resp = perform(action, client, rnd, org, users)
    assert resp.status_code == MATRIX[action][role_index], (action, role, resp.content[:500])
    if role == "anonymous":
        assert resp["Location"].startswith(reverse("login"))
