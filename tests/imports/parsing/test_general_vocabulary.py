"""Rules that replaced seed-specific wording: they must hold for vocabulary the seeds never use."""

from decimal import Decimal

from budgetapp.imports.parsing.extraction import Line
from budgetapp.imports.parsing.goal_pdf import _is_column_title_fragment
from budgetapp.imports.parsing.goal_values import is_value
from budgetapp.imports.parsing.goals import TARGET_AREA_RE
from budgetapp.imports.parsing.table_headers import parse_text_header_line
from budgetapp.imports.parsing.tables import find_tables


def _lines(text: str) -> list[Line]:
    return [Line(n, t, (t.strip(),)) for n, t in enumerate(text.split("\n"), start=1)]


def test_change_block_in_other_words():
    text = (
        "Driftbudget\n"
        "Nettokostnad, tkr Budget Budget \n"
        " 2025 2026 \n"
        "Äldreomsorg 500 000 512 000 \n"
        "Förändringar jämfört med 2025  \n"
        "Pris- och lönekompensation  14 000 \n"
        "Effektivisering  -2 000 \n"
        "Summa 500 000 512 000 \n"
    )
    [t] = find_tables(_lines(text))[0]
    change = next(r for r in t.rows if r.label == "Effektivisering")
    assert (change.row_type, change.parent, change.values) == ("change", "Äldreomsorg", [None, Decimal(-2000)])


def test_period_words_in_headers():
    h = parse_text_header_line("Belopp mnkr Budget Utfall jan-okt Prognos")
    assert h is not None and h.column_tokens == ["Budget", "Utfall", "jan-okt", "Prognos"]


def test_goal_vocabulary():
    assert TARGET_AREA_RE.match("Målområde: Klimat & miljö").group("name") == "Klimat & miljö"
    assert all(is_value(v) for v in ("Bibehålla", "Ska förbättras", "Positiv utveckling", "Högre än 2024"))
    assert _is_column_title_fragment("Kommunöver-") and _is_column_title_fragment("gripande mål")
    assert not _is_column_title_fragment("ning")
