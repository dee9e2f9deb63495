"""Random and mutated input must never crash the table finder."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetapp.imports.parsing.extraction import ImportParseError
from budgetapp.imports.parsing.readers import read_text
from budgetapp.imports.parsing.tables import find_tables

SEEDS = Path("/work/shared/seeds")
_SNIPPETS = [
    "Nettokostnad Budget Budget Plan Plan Plan \n 2019 förslag förslag förslag förslag \n"
    "Belopp tkr  2020 2021 2022 2023 \n"
    "Kommunledning 170 679 160 964    \nSpecifikation av förändringar      \nTekniska justeringar ram  - 7 720    \n",
    "Kommunledning (tkr) Budget 2020 \n\nKommunstyrelsen   \nKommunalråden 9 088 \nSumma stab 160 964 \n",
    "Nettokostnad, belopp mnkr\tUtfall 2022\tBudget 2023\nKommunstyrelsen\t24,2\t28,1\n<i>varav intäkter</i>\t\t-3,0\n",
    "Investeringar  Nettoutgift Nettoutgift \n\nBelopp tkr \nförslag förslag \n2020 2021 \nLeanlink 4 900 4 900 \n",
]
if SEEDS.exists():
    _SNIPPETS.append(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")[70000:74000])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(_SNIPPETS))
    chars = list(base)
    for _ in range(draw(st.integers(0, 12))):
        if not chars:
            break
        pos = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["del", "ins", "dup"]))
        if op == "del":
            del chars[pos]
        elif op == "ins":
            chars.insert(pos, draw(st.sampled_from(list(" \t\n-+0123456789,.*()Summavarav"))))
        else:
            chars.insert(pos, chars[pos])
    return "".join(chars)


@settings(max_examples=1000, deadline=None)
@given(mutated() | st.text(max_size=300))
def test_find_tables_never_crashes(text: str) -> None:
    try:
        tables, warnings = find_tables(read_text(text))
    except (ImportParseError, ValueError):
        return
    for table in tables:
        assert table.kind
        for row in table.rows:
            assert len(row.values) == len(table.columns)
    assert all(isinstance(w.message, str) for w in warnings)
