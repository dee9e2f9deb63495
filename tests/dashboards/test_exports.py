"""Exports: parse the produced XLSX and CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budgetapp.dashboards.exports import swedish_decimal

pytestmark = pytest.mark.django_db


def test_operating_summary_xlsx(client, kommun):
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup&export=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r[0] == "Enhet")
    header = rows[header_index]
    assert header[1:4] == ("Budget 2024 (tkr)", "Prognos delår (31 augusti) (tkr)", "Avvikelse (tkr)")
    data = {r[0]: r for r in rows[header_index + 1:]}
    assert data["Ekonomistaben"][1:4] == (10000, 10800, -800)
    assert data["Summa Kommunledningsförvaltningen"][1:4] == (30000, 29800, 200)
    assert any("Nettokostnad: positivt = kostnad" in (r[0] or "") for r in rows[:header_index])
    assert ws.cell(row=header_index + 2, column=2).number_format == "#,##0;-#,##0"
    sources = wb["Källor"]
    expected = ("Driftsammandrag", "Ekonomistaben", "Budget 2024", "Internbudget 2024, rad 313")
    assert expected in list(sources.iter_rows(values_only=True))


def test_operating_summary_csv_is_swedish(client, kommun):
    url = reverse("dashboards:operating_summary") + f"?node={kommun['ks'].pk}&view=followup&export=csv"
    response = client.get(url)
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Enhet"
    by_label = {r[0]: r for r in rows[1:]}
    assert by_label["Kommunledningsförvaltningen"][1:4] == ["30000", "29800", "200"]
    vss = by_label["Verksamhetsstöd och service *"]
    assert vss[2] == "500" and vss[-1] == "Resultat (positivt = överskott)"


def test_swedish_decimal():
    assert swedish_decimal(Decimal("-1234.500")) == "-1234,5"
    assert swedish_decimal(Decimal("7720.000")) == "7720"
    assert swedish_decimal(None) == ""


@pytest.mark.parametrize("name", ["investments", "goals", "year_comparison", "overview"])
def test_every_page_exports_excel(client, kommun, name):
    response = client.get(reverse(f"dashboards:{name}") + f"?node={kommun['ks'].pk}&export=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.worksheets
    response = client.get(reverse(f"dashboards:{name}") + f"?node={kommun['ks'].pk}&export=csv")
    assert response["Content-Type"].startswith("text/csv")


def test_investment_csv_per_table(client, kommun):
    response = client.get(reverse("dashboards:investments") + "?export=csv&table=large")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:3] == ["Ny simhall", "Kommunledningsförvaltningen", "80000"]
    assert rows[-1][0] == "Summa"
