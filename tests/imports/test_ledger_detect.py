"""Pure tests: header row, encoding, separator and column suggestion for ledger exports of several systems."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetapp.imports import ledger, ledger_detect
from budgetapp.imports.parsing.extraction import ImportParseError

from . import ledger_exports as le

EXPORTS = {build.__name__: build for build in le.ALL}


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_reads_to_the_bookings_it_was_built_from(name: str) -> None:
    export = EXPORTS[name]()
    extraction = ledger.read_ledger(export.data, export.name, {}, export.fmt)
    assert extraction.document.year == le.YEAR and extraction.document.first_line == export.header_line
    table = extraction.tables[0]
    accumulated = table.columns[-1] == ledger.YTD_COLUMN
    # per (code, measure): the table's amounts, accumulated like the planner does, equal the file's outcome
    got: dict[tuple[str, str, int], Decimal] = {}
    for row in table.rows:
        measure, month, amount = row.values
        got[(ledger_detect.split_code(row.label).zfill(4), str(measure), int(month))] = Decimal(amount)
    if not accumulated:
        running: dict[tuple[str, str], Decimal] = {}
        for key in sorted(got, key=lambda k: k[2]):
            running[key[:2]] = running.get(key[:2], Decimal(0)) + got[key]
            got[key] = running[key[:2]]
    assert got == {k: v for k, v in export.expected.items() if k in got}
    # every expected month either has a booking in the file or is filled by the planner
    assert {k[:2] for k in export.expected} == {k[:2] for k in got}


@pytest.mark.parametrize(("name", "options"), [
    ("agresso_cp1252", {"org_code_column": "Ansvar", "line_kind_column": "Konto", "period_column": "Period",
                        "amount_column": "Belopp", "amount_unit": "kr"}),
    ("visma_tab_debit_credit", {"org_code_column": "Kostnadsställe", "line_kind_column": "Kontonr",
                                "period_column": "Bokföringsperiod", "debit_column": "Debet",
                                "credit_column": "Kredit"}),
    ("excel_report_with_totals", {"org_code_column": "Ansvar", "line_kind_column": "Konto",
                                  "period_column": "Period", "amount_column": "Belopp"}),
    ("hypergene_wide", {"org_code_column": "Resultatenhet Kod", "line_kind_column": "Kontoslag"}),
    ("raindance_period_and_ack", {"org_code_column": "Ansvar", "line_kind_column": "Konto",
                                  "period_column": "Perioder", "amount_column": "Periodens utfall"}),
    ("accumulated_only", {"org_code_column": "Enhet", "line_kind_column": "Konto", "period_column": "Månad",
                          "amount_column": "Ack. utfall"}),
    ("period_in_title", {"org_code_column": "Ansvarskod", "line_kind_column": "Konto", "amount_column": "Utfall"}),
])
def test_suggested_mapping_per_export(name: str, options: dict) -> None:
    export = EXPORTS[name]()
    assert ledger.suggest_mapping(export.data, export.fmt) == options
    # the suggestion, confirmed as it is, reads the same as no mapping at all
    confirmed = ledger.read_ledger(export.data, export.name, options, export.fmt)
    unconfirmed = ledger.read_ledger(export.data, export.name, {}, export.fmt)
    assert [(r.label, r.values) for r in confirmed.tables[0].rows] == [
        (r.label, r.values) for r in unconfirmed.tables[0].rows]
    assert not any("föreslogs" in w.message for w in confirmed.warnings)
    assert any("föreslogs" in w.message for w in unconfirmed.warnings)


def test_encodings() -> None:
    assert ledger_detect.decode("Ansvar;Kostnadsställe".encode("cp1252")) == ("Ansvar;Kostnadsställe", "cp1252")
    assert ledger_detect.decode(b"\xef\xbb\xbfM\xc3\xa5nad") == ("Månad", "utf-8-sig")
    assert ledger_detect.decode("Månad".encode()) == ("Månad", "utf-8")
    with pytest.raises(ImportParseError):
        ledger_detect.decode(b"\x81\x8d\x8f\x90")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\tc\n1\t2,5\t3\n", "\t"), ('a,b,c\n1,"2,5",3\n', ","), ("a|b|c\n1|2|3\n", "|"),
])
def test_separator(text: str, delimiter: str) -> None:
    assert ledger_detect.sniff_delimiter(text) == delimiter


def test_header_is_found_by_words_not_line_number() -> None:
    metadata = [["Rapport: Utfall per ansvar"], ["Period: 202601–202604"], ["Utskriven 2026-05-03"],
                ["Ansvar 0123 – 5200, alla konton"], [""], [""]]
    for skip in range(3, 7):
        rows = list(enumerate([*metadata[:skip], ["Ansvarsenhet", "Kontoslag", "Bokföringsperiod", "Utfall"],
                               ["0123", "4010", "202601", "1 000"]], start=1))
        layout = ledger_detect.detect_layout(rows)
        assert layout.header_line == skip + 1
        assert layout.columns == {"org_code": 0, "line_kind": 1, "period": 2, "amount": 3}
        assert ledger_detect.metadata_period(rows, layout.header_line) == (2026, 1, 4)


@pytest.mark.parametrize(("header", "role"), [
    ("Ansvar", "org_code"), ("Ansvarskod", "org_code"), ("Ansvarsenhet", "org_code"), ("Kostnadsställe", "org_code"),
    ("Resultatenhet", "org_code"), ("Enhet", "org_code"), ("Ansvar kod", "org_code"), ("Ansvar (T)", None),
    ("Ansvarsbenämning", None), ("Konto", "line_kind"), ("Kontonr", "line_kind"), ("Kontoslag", "line_kind"),
    ("Slag", "line_kind"), ("Konto (T)", None), ("Kontonamn", None), ("Period", "period"), ("Månad", "period"),
    ("Bokföringsperiod", "period"), ("Perioder", "period"), ("Belopp", "amount"), ("Utfall", "amount"),
    ("Saldo", "amount"), ("Periodens utfall", "amount"), ("Belopp (kr)", "amount"), ("Utfall 2026", "amount"),
    ("Ack utfall", "ytd_amount"), ("Ack. utfall", "ytd_amount"), ("Ackumulerat utfall", "ytd_amount"),
    ("Debet", "debit"), ("Kredit", "credit"), ("Budget", None), ("Årsbudget", None), ("Avvikelse", None),
    ("Utfall fg år", None), ("Prognos", None),
])
def test_header_words(header: str, role: str | None) -> None:
    assert ledger_detect.role_of(header) == role


@pytest.mark.parametrize(("header", "month"), [
    ("Jan", (None, 1)), ("Januari", (None, 1)), ("mars", (None, 3)), ("Maj 2026", (2026, 5)), ("okt-26", (2026, 10)),
    ("2026-03", (2026, 3)), ("202612", (2026, 12)), ("P03", (None, 3)), ("Period", None), ("Mån", None),
])
def test_month_headers(header: str, month) -> None:
    assert ledger_detect.month_header(header) == month


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03", (2026, 3)), ("202603", (2026, 3)), ("2026P03", (2026, 3)), ("mars", (2026, 3)),
    ("Mars 2026", (2026, 3)), ("P03", (2026, 3)), ("3", (2026, 3)), ("03-2026", (2026, 3)), ("2026-03-31", (2026, 3)),
    ("202613", (2026, 13)),
])
def test_period_forms(value: str, expected: tuple[int, int]) -> None:
    assert ledger._period(value, 2026, "kolumn 3", 7) == expected


def test_period_without_year_names_cell_and_line() -> None:
    with pytest.raises(ImportParseError) as err:
        ledger._period("P03", None, "cell E7 (”Period”)", 7)
    assert err.value.line == 7 and "cell E7" in err.value.message and "P03" in err.value.message


@pytest.mark.parametrize(("value", "amount"), [
    ("12 345,67", Decimal("12345.67")), ("-1 234,50", Decimal("-1234.50")), ("(1 234,50)", Decimal("-1234.50")),
    ("1 234,50-", Decimal("-1234.50")), ("1\xa0234,50 kr", Decimal("1234.50")), (-12.5, Decimal("-12.5")),
    ("", None), ("-", None),
])
def test_amount_forms(value, amount) -> None:
    assert ledger._amount(value, "kolumn 4", 3) == amount


@pytest.mark.parametrize(("cell", "code"), [
    ("4100 Ekonomistaben", "4100"), ("4100 - Ekonomistaben", "4100"), ("0123", "0123"), ("0123 HR", "0123"),
    ("12 345", "12 345"), ("KS01", "KS01"),
])
def test_code_and_name_in_one_cell(cell: str, code: str) -> None:
    assert ledger_detect.split_code(cell) == code


@pytest.mark.parametrize(("label", "total"), [
    ("Summa", True), ("Summa 4100", True), ("Totalt", True), ("Delsumma Ekonomistaben", True), ("Summa:", True),
    ("Ekonomistaben totalt", True), ("4100", False), ("Summering av konton", True), ("Löner", False),
])
def test_total_labels(label: str, total: bool) -> None:
    assert ledger_detect.is_total_label(label) is total


def test_errors_name_the_cell_and_line() -> None:
    export = le.excel_report_with_totals()
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(export.data))
    book.active["F6"] = "tolv"
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(ImportParseError) as err:
        ledger.read_ledger(buf.getvalue(), export.name, {}, "xlsx")
    assert err.value.line == 6 and "cell F" in err.value.message and "tolv" in err.value.message
    with pytest.raises(ImportParseError) as err:
        ledger.read_ledger(b"Rapport\nAnsvar;Konto;Period\n0123;4010;202601\n", "x.csv", {}, "text")
    assert err.value.line == 2 and "belopp" in err.value.message


def test_no_header_at_all() -> None:
    with pytest.raises(ImportParseError) as err:
        ledger.read_ledger(b"a;b;c\n1;2;3\n", "x.csv", {}, "text")
    assert "Rubrikraden hittades inte" in err.value.message


def test_looks_like_ledger_after_metadata_lines() -> None:
    assert ledger.looks_like_ledger(le.agresso_cp1252().data)
    assert ledger.looks_like_ledger(le.visma_tab_debit_credit().data)
    assert not ledger.looks_like_ledger("Kommunstyrelsens internbudget 2026\n\nEkonomi; en översikt\n".encode())


def test_unicode_text_from_excel_reads_like_utf8() -> None:
    """Excel's "Unicode text" (UTF-16 with BOM, TAB separated) gives the same rows as the UTF-8 file."""
    export = le.visma_tab_debit_credit()
    utf16 = export.data.decode("utf-8-sig").encode("utf-16")
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff") and b"\x00" in utf16
    assert ledger_detect.decode("Månad".encode("utf-16")) == ("Månad", "utf-16")
    assert ledger.looks_like_ledger(utf16)
    same = ledger.read_ledger(utf16, "huvudbok.txt", {}, "text").tables[0]
    original = ledger.read_ledger(export.data, export.name, {}, "text").tables[0]
    assert [(r.label, r.values) for r in same.rows] == [(r.label, r.values) for r in original.rows]
