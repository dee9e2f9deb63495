"""Excel round-trip: download a förvaltning's sheet, fill it offline, upload it with the web rules."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgetapp.budget.models import ChangeSource, Figure, FigureChange, Scenario
from budgetapp.followup import services
from budgetapp.followup.models import DeviationComment

from .conftest import client_for

pytestmark = pytest.mark.django_db


def download(client, rnd, root):
    resp = client.get(reverse("followup:excel_download", args=[rnd.pk, root.pk]))
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(resp.content))


def set_cells(wb, node, **values):
    ws = wb["Prognos"]
    header = [c.value for c in ws[3]]
    for row in ws.iter_rows(min_row=4):
        if row[0].value == node.pk:
            for name, value in values.items():
                row[header.index(name)].value = value
            return
    raise AssertionError("row not found")


def upload(client, rnd, root, wb):
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "prognos.xlsx"
    return client.post(reverse("followup:excel_upload", args=[rnd.pk, root.pk]), {"file": out})


def test_round_trip(client, org, users, rnd):
    c = client_for(client, users["ctrl_a"])
    wb = download(c, rnd, org["klf"])
    ws = wb["Prognos"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=4)}
    assert rows[org["klf"].pk][2] == "summa" and rows[org["stab_a"].pk][2] == "inmatning"
    assert rows[org["stab_a"].pk][3] == 10000 and rows[org["stab_a"].pk][4] == 3300
    assert ws["H5"].value.startswith("=IF(")  # avvikelse is a live formula offline
    set_cells(wb, org["stab_a"], **{"Prognos helår (tkr)": "10 900", "Kommentar": "Ökade lönekostnader."})
    resp = upload(c, rnd, org["klf"], wb)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    fig = Figure.objects.get(node=org["stab_a"], scenario=Scenario.FORECAST)
    assert fig.amount == Decimal("10900")
    assert FigureChange.objects.get(figure=fig).via == ChangeSource.EXCEL
    assert DeviationComment.objects.get(node=org["stab_a"]).text == "Ökade lönekostnader."
    # the new sheet carries the new versions; a numeric cell works too
    wb = download(c, rnd, org["klf"])
    set_cells(wb, org["stab_a"], **{"Prognos helår (tkr)": 10950.5})
    assert upload(c, rnd, org["klf"], wb).status_code == 302
    fig.refresh_from_db()
    assert (fig.amount, fig.version) == (Decimal("10950.5"), 2)


def test_invalid_value_rejects_whole_sheet(client, org, users, rnd):
    c = client_for(client, users["admin"])
    wb = download(c, rnd, org["klf"])
    set_cells(wb, org["stab_a"], **{"Prognos helår (tkr)": "10 900"})
    set_cells(wb, org["stab_b"], **{"Prognos helår (tkr)": "ungefär fem"})
    resp = upload(c, rnd, org["klf"], wb)
    assert resp.status_code == 422
    body = resp.content.decode()
    assert "HR-staben" in body and "ungefär fem" in body
    assert not Figure.objects.filter(scenario=Scenario.FORECAST).exists()


def test_other_controllers_rows_are_forbidden(client, org, users, rnd):
    c = client_for(client, users["ctrl_a"])
    wb = download(c, rnd, org["klf"])
    set_cells(wb, org["stab_b"], **{"Prognos helår (tkr)": 4000})
    resp = upload(c, rnd, org["klf"], wb)
    assert resp.status_code == 403
    assert "du får inte ändra" in resp.content.decode()
    assert not Figure.objects.filter(scenario=Scenario.FORECAST).exists()


def test_stale_sheet_is_a_conflict(client, org, users, rnd):
    c = client_for(client, users["ctrl_a"])
    wb = download(c, rnd, org["klf"])
    services.save_forecast(rnd=rnd, node=org["stab_a"], user=users["admin"], amount=Decimal("10100"),
                           expected_version=0)
    set_cells(wb, org["stab_a"], **{"Prognos helår (tkr)": 10300})
    resp = upload(c, rnd, org["klf"], wb)
    assert resp.status_code == 422
    assert "ändrats av någon annan" in resp.content.decode()
    assert Figure.objects.get(scenario=Scenario.FORECAST).amount == Decimal("10100")


def test_sheet_of_another_round_or_not_excel(client, org, users, rnd):
    c = client_for(client, users["ctrl_a"])
    wb = download(c, rnd, org["klf"])
    wb["meta"]["B1"] = rnd.pk + 1000
    assert upload(c, rnd, org["klf"], wb).status_code == 422
    bogus = io.BytesIO(b"not a zip")
    bogus.name = "x.xlsx"
    resp = c.post(reverse("followup:excel_upload", args=[rnd.pk, org["klf"].pk]), {"file": bogus})
    assert resp.status_code == 422
