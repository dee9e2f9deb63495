"""Sum checks: the inconsistencies DOMAIN.md §7 lists must be reported, printed figures kept."""

from decimal import Decimal as D
from functools import cache
from pathlib import Path

import pytest

from budgetapp.imports.parsing.checks import check_table
from budgetapp.imports.parsing.extraction import ParseWarning, Table, TableRow
from budgetapp.imports.parsing.readers import read_text
from budgetapp.imports.parsing.tables import find_tables

SEEDS = Path("/work/shared/seeds")
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


@cache
def warnings_of(alias: str) -> list[ParseWarning]:
    path = next(SEEDS.glob(f"{alias}_*.txt"))
    return find_tables(read_text(path.read_text(encoding="utf-8")))[1]


def has_warning(alias: str, lines: range, *needles: str) -> bool:
    return any(w.line in lines and all(n in plain(w.message) for n in needles) for w in warnings_of(alias))


@needs_seeds
def test_finding_1_ekonomistaben_change_rows() -> None:
    assert has_warning("000", range(1786, 1791), "Ekonomistaben", "49 429", "47 229")


@needs_seeds
def test_finding_2_frame_differs_from_net() -> None:
    assert has_warning("000", range(673, 678), "440 451", "440 541")


@needs_seeds
def test_finding_3_kommunikationsstaben_summa() -> None:
    assert has_warning("000", range(2189, 2216), "Summa stab", "40 051", "39 951")


@needs_seeds
def test_finding_4_kommunledning_net() -> None:
    assert has_warning("000", range(1968, 1971), "Summa stab", "160 964", "161 234")


@needs_seeds
def test_finding_5_hr_wrong_sign() -> None:
    assert has_warning("000", range(2176, 2179), "45 954")


@needs_seeds
def test_finding_6_vss_units_do_not_add_up() -> None:
    assert has_warning("000", range(3326, 3329), "varav intäkter", "277 147", "266 697")


@needs_seeds
def test_finding_12_kommunstyrelsen_2023_and_ekonomistaben() -> None:
    assert has_warning("001", range(413, 424), "Summa kommunstyrelsen", "28 143", "27 409")
    assert has_warning("001", range(548, 553), "Summa Ekonomistaben", "34 040")


@needs_seeds
def test_finding_13_change_rows_do_not_explain_2024() -> None:
    assert has_warning("001", range(317, 318), "Kommungemensamt", "297,1")
    assert has_warning("001", range(328, 329), "Kommunledningsstaben", "113,2")


@needs_seeds
def test_finding_15_investments_2023() -> None:
    assert has_warning("001", range(621, 622), "Summa investeringar", "419,0", "419,9")


@needs_seeds
def test_consistent_tables_raise_nothing() -> None:
    # 004 is internally consistent in its numeric tables; mnkr rounding must not trigger warnings
    assert warnings_of("004") == []
    assert not has_warning("001", range(312, 365), "Kommunstyrelsen”")  # 28,1 + 1,7 + 0,3 ≈ 30,2


def _table(rows: list[TableRow], unit: str = "tkr", kind: str = "unit_budget") -> Table:
    return Table(kind=kind, title="Teststaben (tkr)", unit=unit, page_or_line=1, columns=["Budget 2020"], rows=rows)


def test_sum_within_one_tkr_is_accepted() -> None:
    rows = [
        TableRow("A", [D(100)], row_type="line", line=2),
        TableRow("B", [D(201)], row_type="line", line=3),
        TableRow("Summa stab", [D(300)], row_type="sum", line=4),
    ]
    assert check_table(_table(rows)) == []


def test_sum_mismatch_names_row_column_and_both_values() -> None:
    rows = [
        TableRow("A", [D(100)], row_type="line", line=2),
        TableRow("B", [D(205)], row_type="line", line=3),
        TableRow("Summa stab", [D(300)], row_type="sum", line=4),
    ]
    [warning] = check_table(_table(rows))
    assert warning.line == 4
    assert plain(warning.message) == (
        "Teststaben (tkr): ”Summa stab” (Budget 2020) är 300 tkr men raderna ovan summerar till 305 tkr "
        "(skillnad -5 tkr)."
    )
    assert rows[2].values == [D(300)]  # printed figure kept


def test_net_accepts_both_sign_conventions() -> None:
    cost_view = [
        TableRow("Summa stab", [D(100)], row_type="sum"),
        TableRow("varav intäkter", [D(50)], row_type="varav"),
        TableRow("varav kostnader", [D(150)], row_type="varav"),
    ]
    negative_revenue = [
        TableRow("Summa stab", [D(100)], row_type="sum"),
        TableRow("varav intäkter", [D(-50)], row_type="varav"),
        TableRow("varav kostnader", [D(150)], row_type="varav"),
    ]
    assert check_table(_table(cost_view)) == []
    assert check_table(_table(negative_revenue)) == []


def test_non_money_tables_are_not_checked() -> None:
    rows = [TableRow("A", [D(1)], row_type="line"), TableRow("Summa", [D(5)], row_type="sum")]
    assert check_table(_table(rows, unit="antal", kind="personnel")) == []
