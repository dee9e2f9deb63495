"""Fuzzing the forecast input parser and the number parser with hypothesis (≥ 1 000 examples each).

Hostile or sloppy input typed into a forecast cell must end as a Swedish validation message
(ValueError) — never another exception type, which would surface as a 500. Valid amounts must
survive a format → parse round trip unchanged.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

money = pytest.importorskip("budgetapp.core.money")
try:
    from budgetapp.imports.parsing.extraction import ImportParseError
except ImportError:  # the importer's error type is optional for these parsers
    class ImportParseError(Exception):  # type: ignore[no-redef]
        pass

ALLOWED = (ValueError, ImportParseError)
FUZZ = settings(max_examples=1000, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Characters that matter to a Swedish number parser, plus a few that must never confuse it.
NUMBERISH = st.sampled_from([
    *"0123456789 ,.-+−–‒()%*", "\xa0", "\u2009", "\u202f", "\u2007", "\t", "tkr", "mnkr", "mdkr", "kr", "Mkr",
    "mnr", "²", "<i>", "</i>", "e", "E", "NaN", "Infinity", "٣", "１", "\x00", "\n", "'", "\u200b",
])
number_like = st.lists(NUMBERISH, max_size=40).map("".join)
anything = st.text(max_size=200)
amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3,
                      allow_nan=False, allow_infinity=False)


def _mutate(text: str, data) -> str:
    """Insert, delete or replace characters in a valid amount."""
    chars = list(text)
    for _ in range(data.draw(st.integers(0, 4))):
        op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        pos = data.draw(st.integers(0, max(len(chars) - 1, 0)))
        if op == "insert":
            chars.insert(pos, data.draw(NUMBERISH))
        elif chars and op == "delete":
            del chars[pos]
        elif chars:
            chars[pos] = data.draw(NUMBERISH)
    return "".join(chars)


def _call_input(text):
    try:
        value = money.parse_amount_input(text)
    except ALLOWED:
        return None
    assert isinstance(value, Decimal) and value.is_finite()
    return value


def _call_number(text):
    try:
        value = money.parse_number(text)
    except ALLOWED:
        return None
    assert value is None or (isinstance(value, Decimal) and value.is_finite())
    return value


@FUZZ
@given(anything)
def test_parse_amount_input_random_text(text):
    _call_input(text)


@FUZZ
@given(number_like)
def test_parse_amount_input_number_like(text):
    _call_input(text)


@FUZZ
@given(amounts, st.sampled_from(["", " tkr", " mnkr", " kr", " mdkr"]), st.data())
def test_parse_amount_input_mutated_valid_amounts(amount, unit, data):
    _call_input(_mutate(money.format_number(amount, 3) + unit, data))


@FUZZ
@given(st.one_of(anything, number_like))
def test_parse_number_random_and_number_like(text):
    _call_number(text)


@FUZZ
@given(amounts, st.data())
def test_parse_number_mutated(amount, data):
    _call_number(_mutate(money.format_number(amount, 3), data))


@FUZZ
@given(amounts, st.sampled_from([0, 1, 3]))
def test_format_then_parse_round_trips(amount, decimals):
    shown = money.format_number(amount, decimals)
    expected = amount.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    assert money.parse_number(shown) == expected
    assert money.parse_amount_input(shown) == expected
    assert money.parse_amount_input(shown + " mnkr") == expected * 1000
