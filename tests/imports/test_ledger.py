"""Ledger actuals from CSV (';', Swedish numbers) and XLSX, with a configurable, remembered mapping."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.budget.models import Figure
from budgetapp.imports import services
from budgetapp.imports.ledger import read_ledger
from budgetapp.imports.models import ImportJob, LedgerMapping
from budgetapp.imports.parsing.extraction import ImportParseError
from tests.factories import UserFactory, small_municipality

from ._support import make_xlsx

pytestmark = pytest.mark.django_db

CSV = (
    b"Ansvar;Konto;Period;Belopp\n"
    b"1100;4010;2024-01;12 500,50\n"
    b"1100;4010;2024-01;-500,50\n"
    b"1100;3010;2024-01;-2 000\n"
    b"1100;4010;2024-02;8 000\n"
    b"1200;5410;202402;1 000\n"
)


@pytest.fixture
def org():
    nodes = small_municipality(2024)
    nodes["stab_a"].code = "1100"
    nodes["stab_a"].save()
    nodes["stab_b"].code = "1200"
    nodes["stab_b"].save()
    return nodes


def test_csv_rows_are_summed_per_unit_kind_and_month(org):
    extraction = services.parse_bytes(CSV, "utfall.csv", kind="ledger", ledger_options={"amount_unit": "kr"})
    assert extraction.document.kind == "ledger" and extraction.document.year == 2024
    services.import_extraction(extraction, file_name="utfall.csv", sha256="c" * 64)
    jan_cost = Figure.objects.get(node=org["stab_a"], month=1, measure="cost")
    assert jan_cost.amount == Decimal("12.000") and jan_cost.scenario == "actual" and jan_cost.period == "month"
    assert Figure.objects.get(node=org["stab_a"], month=1, measure="revenue").amount == 2  # credit flipped
    assert Figure.objects.get(node=org["stab_b"], month=2, measure="cost").amount == 1
    feb_cost = Figure.objects.get(node=org["stab_a"], month=2, measure="cost")
    assert feb_cost.source_line == 5
    assert feb_cost.amount == Decimal("20.000")  # year to date: 12 in January + 8 booked in February


def test_configured_columns_and_xlsx(org):
    data = make_xlsx([["Kst", "Slag", "Mån", "Utfall tkr"], ["1100", "Kostnad", 3, 250.5],
                      ["1200", "Intäkt", 3, 40]])
    options = {"org_code_column": "Kst", "line_kind_column": "Slag", "period_column": "Mån",
               "amount_column": "Utfall tkr", "amount_unit": "tkr", "year": 2024}
    extraction = services.parse_bytes(data, "utfall.xlsx", ledger_options=options)
    services.import_extraction(extraction, file_name="utfall.xlsx", sha256="d" * 64)
    assert Figure.objects.get(node=org["stab_a"], month=3).amount == Decimal("250.5")
    assert Figure.objects.get(node=org["stab_b"], month=3, measure="revenue").amount == 40


def test_unknown_code_or_missing_column_fails_with_line_and_writes_nothing(org):
    bad = CSV + b"9999;4010;2024-02;1\n"
    extraction = services.parse_bytes(bad, "utfall.csv", kind="ledger")
    with pytest.raises(ImportParseError) as err:
        services.import_extraction(extraction, file_name="utfall.csv", sha256="e" * 64)
    assert "9999" in err.value.message and err.value.line == 7
    assert not Figure.objects.exists()
    with pytest.raises(ImportParseError) as err:
        read_ledger(b"Kod;Konto;Period\n1;2;3\n", "x.csv", {}, "text")
    assert "belopp" in err.value.message and err.value.line == 1


def test_upload_page_remembers_the_mapping(client, org, django_capture_on_commit_callbacks):
    admin = UserFactory(username="ekonom", role="admin")
    client.force_login(admin)
    data = "Kst;Slag;Mån;Belopp\n1100;4010;2024-05;1 000\n".encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:upload"), {
            "file": SimpleUploadedFile("maj.csv", data), "kind": "ledger", "mapping_name": "Agresso",
            "org_code_column": "Kst", "line_kind_column": "Slag", "period_column": "Mån",
            "amount_column": "Belopp", "amount_unit": "tkr"})
    assert response.status_code == 302
    mapping = LedgerMapping.objects.get(name="Agresso")
    assert mapping.org_code_column == "Kst" and mapping.updated_by == admin
    job = ImportJob.objects.get()
    assert job.status == "parsed", job.error
    # next time only the name is needed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("jun.csv", data.replace(b"05", b"06")),
                                                "kind": "ledger", "mapping_name": "Agresso", "amount_unit": "tkr"})
    assert ImportJob.objects.order_by("-id").first().status == "parsed"


def _ledger(rows: list[str]) -> bytes:
    return ("Ansvar;Konto;Period;Belopp\n" + "\n".join(rows) + "\n").encode()


def test_overlapping_month_ranges_replace_the_months_they_cover(org):
    """Jan–Mar, then Jan–Apr: no duplicate months; changed months keep their history."""
    from budgetapp.budget.models import FigureChange
    from budgetapp.core.models import SourceDocument

    q1 = _ledger(["1100;4010;2024-01;1 000", "1100;4010;2024-02;2 000", "1100;4010;2024-03;3 000",
                  "1200;4010;2024-03;500"])
    first = services.import_extraction(services.parse_bytes(q1, "jan-mar.csv", kind="ledger",
                                                            ledger_options={"amount_unit": "tkr"}),
                                       file_name="jan-mar.csv", sha256=services.sha256_of(q1)).documents[0]
    january = Figure.objects.get(node=org["stab_a"], month=1, measure="cost")
    # Jan–Apr: February corrected, stab_b's March booking moved away, April new
    q4 = _ledger(["1100;4010;2024-01;1 000", "1100;4010;2024-02;2 500", "1100;4010;2024-03;3 000",
                  "1100;4010;2024-04;4 000"])
    outcome = services.import_extraction(services.parse_bytes(q4, "jan-apr.csv", kind="ledger",
                                                              ledger_options={"amount_unit": "tkr"}),
                                         file_name="jan-apr.csv", sha256=services.sha256_of(q4))
    second = outcome.documents[0]
    figures = Figure.objects.filter(scenario="actual", period="month", year=2024)
    # exactly one figure per node, month and measure
    keys = list(figures.values_list("node", "month", "measure"))
    assert len(keys) == len(set(keys)) == 4
    # figures hold the outcome year to date ("till och med månad"): 1 000, +2 500, +3 000, +4 000
    assert sorted(figures.filter(node=org["stab_a"]).values_list("month", "amount")) == [
        (1, 1000), (2, 3500), (3, 6500), (4, 10500)]
    assert not figures.filter(node=org["stab_b"]).exists()
    assert set(figures.values_list("source_document", flat=True)) == {second.pk}
    january.refresh_from_db()
    assert january.source_document == second and january.version == 1  # unchanged month taken over in place
    feb = figures.get(node=org["stab_a"], month=2)
    assert feb.version == 2
    assert FigureChange.objects.filter(figure=feb, old_amount=3000, new_amount=3500, via="import").exists()
    assert FigureChange.objects.filter(node=org["stab_b"], old_amount=500, new_amount__isnull=True).exists()
    first.refresh_from_db()
    assert not first.is_current and SourceDocument.objects.get(pk=second.pk).is_current
    assert outcome.summary["documents"][0]["replaced_months"] == [1, 2, 3]


def test_a_later_file_with_fewer_months_keeps_the_others(org):
    q1 = _ledger(["1100;4010;2024-01;1 000", "1100;4010;2024-02;2 000"])
    first = services.import_extraction(services.parse_bytes(q1, "jan-feb.csv", kind="ledger",
                                                            ledger_options={"amount_unit": "tkr"}),
                                       file_name="jan-feb.csv", sha256=services.sha256_of(q1)).documents[0]
    feb = _ledger(["1100;4010;2024-02;2 200"])
    preview = services.preview_extraction(services.parse_bytes(feb, "feb.csv", kind="ledger",
                                                               ledger_options={"amount_unit": "tkr"}),
                                          services.sha256_of(feb))
    assert preview["documents"][0]["figures"] == {"new": 0, "changed": 1, "unchanged": 0, "removed": 0}
    services.import_extraction(services.parse_bytes(feb, "feb.csv", kind="ledger",
                                                    ledger_options={"amount_unit": "tkr"}),
                               file_name="feb.csv", sha256=services.sha256_of(feb))
    rows = sorted(Figure.objects.filter(node=org["stab_a"]).values_list("month", "amount", "source_document"))
    # a file starting in February is added to the stored outcome through January
    assert [(m, a) for m, a, _ in rows] == [(1, 1000), (2, 3200)]
    assert rows[0][2] == first.pk  # January stays with the first file, which stays current
    first.refresh_from_db()
    assert first.is_current
