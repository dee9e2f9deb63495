"""Service level on PostgreSQL: each system's export imports to the year-to-date figures its bookings give."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from budgetapp.budget.models import Figure
from budgetapp.imports import services
from budgetapp.imports.parsing.extraction import ImportParseError
from tests.factories import small_municipality

from . import ledger_exports as le

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    nodes = small_municipality(le.YEAR)
    for key, code in (("stab_a", "0123"), ("stab_b", "4100"), ("vss", "5200")):
        nodes[key].code = code
        nodes[key].save()
    return nodes


def _stored() -> dict[tuple[str, str, int], Decimal]:
    rows = Figure.objects.filter(year=le.YEAR, scenario="actual", period="month").values_list(
        "node__code", "measure", "month", "amount")
    return {(code, measure, month): amount for code, measure, month, amount in rows}


@pytest.mark.parametrize("build", le.ALL, ids=lambda b: b.__name__)
def test_each_export_stores_the_outcome_through_each_month(org, build) -> None:
    export = build()
    extraction = services.parse_bytes(export.data, export.name, kind="ledger", ledger_options={})
    services.import_extraction(extraction, file_name=export.name, sha256=services.sha256_of(export.data))
    _assert_same(_stored(), export.expected)


def _assert_same(stored: dict, expected: dict) -> None:
    """Figures are kept to the krona (tkr with 3 decimals); the series is accumulated in öre before rounding."""
    assert set(stored) == set(expected)
    off = {k: (stored[k], expected[k]) for k in expected if abs(stored[k] - expected[k]) > Decimal("0.0005")}
    assert not off


def test_hand_computed_figures_from_the_agresso_file(org) -> None:
    export = le.agresso_cp1252()
    services.import_extraction(services.parse_bytes(export.data, export.name, kind="ledger"),
                               file_name=export.name, sha256="a" * 64)
    stored = _stored()
    # Ekonomistaben costs: Jan 12 345,67 + 2 500; Feb +12 345,67; Mar +13 000 − 1 234,50 (credit); Apr +12 999,99
    # (14,84567 / 27,19134 / 38,95684 / 51,95683 tkr, stored to the krona)
    assert [stored[("0123", "cost", m)] for m in (1, 2, 3, 4)] == [
        Decimal("14.846"), Decimal("27.191"), Decimal("38.957"), Decimal("51.957")]
    # HR-staben revenue: nothing until March's 20 000 credit; the months before are 0, April carries March
    assert [stored[("4100", "revenue", m)] for m in (1, 2, 3, 4)] == [0, 0, 20, 20]
    # VSS books only in Feb and Apr; January is 0 and March keeps February's total
    assert [stored[("5200", "cost", m)] for m in (1, 2, 3, 4)] == [0, Decimal("0.778"), Decimal("0.778"), 1]


def test_all_exports_agree_and_a_reimport_in_another_format_changes_nothing(org) -> None:
    first = le.agresso_cp1252()
    services.import_extraction(services.parse_bytes(first.data, first.name, kind="ledger"),
                               file_name=first.name, sha256=services.sha256_of(first.data))
    before = _stored()
    for build in (le.visma_tab_debit_credit, le.excel_report_with_totals, le.hypergene_wide):
        export = build()
        preview = services.preview_extraction(services.parse_bytes(export.data, export.name, kind="ledger"),
                                              services.sha256_of(export.data))
        assert preview["documents"][0]["figures"]["changed"] == 0, export.name
        assert preview["documents"][0]["figures"]["new"] == 0, export.name
    assert _stored() == before


def test_a_later_accumulated_file_sets_the_months_it_lists(org) -> None:
    """Jan–Apr by period, then an April-only 'Ack utfall' file: April is what the file says, not added on top."""
    first = le.agresso_cp1252()
    services.import_extraction(services.parse_bytes(first.data, first.name, kind="ledger"),
                               file_name=first.name, sha256="b" * 64)
    april = b"Period: 202604\nAnsvar;Konto;Ack utfall\n0123;4010;60 000,00\n"
    services.import_extraction(services.parse_bytes(april, "ack_april.csv", kind="ledger"),
                               file_name="ack_april.csv", sha256="c" * 64)
    stored = _stored()
    assert stored[("0123", "cost", 4)] == 60
    assert stored[("0123", "cost", 3)] == Decimal("38.957")  # earlier months stay with the first file


def test_unknown_unit_in_a_wide_file_stops_the_import_with_its_line(org) -> None:
    import openpyxl

    export = le.hypergene_wide()
    book = openpyxl.load_workbook(io.BytesIO(export.data))
    book.active["A6"] = "9999 Okänd enhet"
    buf = io.BytesIO()
    book.save(buf)
    extraction = services.parse_bytes(buf.getvalue(), export.name, kind="ledger")
    with pytest.raises(ImportParseError) as err:
        services.import_extraction(extraction, file_name=export.name, sha256="d" * 64)
    assert "9999" in err.value.message and err.value.line == 6
    assert not Figure.objects.exists()


def test_a_bad_amount_names_file_cell_and_line(org) -> None:
    data = le.agresso_cp1252().data.replace(b"12 345,67", b"12 345,6x", 1)
    with pytest.raises(ImportParseError) as err:
        services.parse_bytes(data, "agresso.csv", kind="ledger")
    assert err.value.line == 7 and err.value.message.startswith("agresso.csv: kolumn 6 (”Belopp”)")
    assert not Figure.objects.exists()
