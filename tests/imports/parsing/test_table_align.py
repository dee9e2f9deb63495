"""Rows printing fewer values than columns: alignment from magnitudes, then arithmetic, then hints."""

from decimal import Decimal

from budgetapp.imports.parsing.extraction import Line
from budgetapp.imports.parsing.table_align import placements
from budgetapp.imports.parsing.tables import find_tables


def _lines(text: str) -> list[Line]:
    return [Line(n, t, (t.strip(),)) for n, t in enumerate(text.split("\n"), start=1)]


def _values(table, label):
    return next(r.values for r in table.rows if r.label == label)


D = Decimal


def test_short_row_without_hints_follows_column_magnitudes():
    text = (
        "Driftredovisning\n\n"
        "Belopp mnkr Utfall Budget Budget Plan \n"
        " 2024 2025 2026 2027 \n"
        "Förskola 12 345 12 900 13 400 13 900 \n"
        "Grundskola 801 220 812 400 830 100 845 000 \n"
        "Summa 813 565 825 300 843 500 858 900 \n"
        "Kommunbidrag 825 300 843 500 858 900 \n"
    )
    [t] = find_tables(_lines(text))[0]
    assert _values(t, "Kommunbidrag") == [None, D(825300), D(843500), D(858900)]


def test_exact_spacing_hints_are_kept():
    text = (
        "Nettokostnad Budget Budget Plan \n"
        "Belopp tkr 2025 2026 2027 \n"
        "Stab A 70 752 75 885  \n"
        "Stab B 44 619 40 051  \n"
        "varav intäkter  83 988  \n"
    )
    [t] = find_tables(_lines(text))[0]
    assert _values(t, "Stab A") == [D(70752), D(75885), None]
    assert _values(t, "varav intäkter") == [None, D(83988), None]


def test_placements_are_order_preserving():
    got = placements([1, 2], 3)
    assert [1, 2, None] in got and [None, 1, 2] in got and [1, None, 2] in got and len(got) == 3
