"""Pure tests of budgetapp.core.money over real snippets from the seed documents."""

import contextlib
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetapp.core.money import (
    best_number_split,
    format_tkr,
    parse_amount_input,
    parse_number,
    split_number_run,
    to_tkr,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("463 475", D(463475)),  # 000:13
        ("-1,9", D("-1.9")),
        ("- 15 800", D(-15800)),  # 004:249
        ("- 7 720", D(-7720)),  # 000:1765
        ("+1 200", D(1200)),  # 000:1817
        ("+ 1 000", D(1000)),  # 000:704
        ("3.0", D("3.0")),  # 001:825 stray point
        ("52.9", D("52.9")),  # 001:660
        ("1\u00a0641\u00a0300", D(1641300)),
        ("1\u2009641\u2009300", D(1641300)),
        ("−5,2", D("-5.2")),
        ("<i>718,9</i>", D("718.9")),  # 001:237
        ("2,17 ²", D("2.17")),  # 001:640 footnote mark
        ("16 %", D(16)),
        ("0", D(0)),
        ("1000", D(1000)),
    ],
)
def test_parse_number_accepts_swedish_forms(text: str, expected: D) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "I.U.", "Öka", "1000 1600", "12 34", "(500)", "N/A", "-", "2016: 15,2%"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_parentheses_are_negative_only_on_request() -> None:
    assert parse_number("(500)") is None
    assert parse_number("(500)", parentheses_negative=True) == D(-500)


def test_split_run_frame_row_000_1815() -> None:
    best, ambiguous = best_number_split("482 336 463 475 455 955 443 641 440 495", 5)
    assert best == [D(482336), D(463475), D(455955), D(443641), D(440495)]
    assert not ambiguous


def test_split_run_lists_all_candidates_best_first() -> None:
    splits = split_number_run("170 679 160 964", max_count=5)
    assert splits[0] == [D(170679), D(160964)]
    assert [D(170), D(679), D(160), D(964)] in splits


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("0 4 679 4 679 4 679 4 679", 5, [0, 4679, 4679, 4679, 4679]),  # 000:3299
        ("100 000 197 000 250 000", 3, [100000, 197000, 250000]),  # 000:2616, "000" never starts
        ("593 373 590 600", 4, [593, 373, 590, 600]),  # 000:2620
        ("1 545 589 1 626 300 1 626 300 1 626 300 1 626 300", 5, [1545589] + [1626300] * 4),
        ("-6 175 -6 000 0 0 0", 5, [-6175, -6000, 0, 0, 0]),  # 000:4267
        ("+1 200 +1 200 +1 200 +1 200", 4, [1200] * 4),
        ("151,8 180,5 184 186", 4, [D("151.8"), D("180.5"), 184, 186]),
        ("1000 1600", None, [1000, 1600]),  # 000:2619
    ],
)
def test_split_run_seed_rows(text: str, count: int | None, expected: list[object]) -> None:
    best, _ = best_number_split(text, count)
    assert best == [D(x) if not isinstance(x, D) else x for x in expected]  # type: ignore[arg-type]


def test_split_run_flags_genuine_ambiguity() -> None:
    # two equally plausible readings of the same digits
    _, ambiguous = best_number_split("2019 482 336 463 475 455 955 443 641 440 495", 5)
    assert ambiguous


def test_split_run_rejects_words() -> None:
    assert split_number_run("Kommunledning 170 679") == []
    assert split_number_run("") == []


@pytest.mark.parametrize(
    ("text", "tkr"),
    [
        ("1 234", D(1234)),
        ("-1,5", D("-1.5")),
        ("1,5 mnkr", D(1500)),
        ("250 tkr", D(250)),
        ("2 Mdkr", D(2000000)),
        ("500 kr", D("0.5")),
        ("1,5 mkr.", D(1500)),
    ],
)
def test_parse_amount_input(text: str, tkr: D) -> None:
    assert parse_amount_input(text) == tkr


@pytest.mark.parametrize("text", ["", "abc", "1,5 euro", "1 2 3"])
def test_parse_amount_input_errors_are_swedish(text: str) -> None:
    with pytest.raises(ValueError, match=r"belopp|enhet|Ange"):
        parse_amount_input(text)


def test_format_tkr_uses_nbsp_and_unicode_minus() -> None:
    assert format_tkr(D("-1234.5"), 1) == "\u22121\u00a0234,5\u00a0tkr"
    assert format_tkr(D(1641300)) == "1\u00a0641\u00a0300\u00a0tkr"
    assert format_tkr(D("0.5")) == "1\u00a0tkr"  # half up


def test_to_tkr_is_exact() -> None:
    assert to_tkr(D("666.8"), "mnkr") == D(666800)
    assert to_tkr(D("1.5"), "Mdkr") == D(1500000)
    assert to_tkr(D(250), "tkr") == D(250)
    with pytest.raises(ValueError):
        to_tkr(D(1), "euro")


_number_text = st.text(alphabet="0123456789 ,.-−+–()%\u00a0\u2009²*", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(_number_text | st.text(max_size=40))
def test_number_functions_never_crash(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, D)
    for split in split_number_run(text, max_count=6):
        assert all(isinstance(v, D) for v in split)
    with contextlib.suppress(ValueError):
        parse_amount_input(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("1 234,50-", D("-1234.50")), ("12 345,67 -", D("-12345.67")), ("500−", D(-500)), ("0,5-", D("-0.5")),
])
def test_trailing_minus_only_on_request(text: str, expected: D) -> None:
    """Ledger systems (Raindance, some Excel reports) print a credit as "1 234,50-"."""
    assert parse_number(text, trailing_minus=True) == expected
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["-500-", "+500-", "-", "(500)-", "1 2-"])
def test_trailing_minus_rejects_double_signs_and_junk(text: str) -> None:
    assert parse_number(text, trailing_minus=True) is None


def test_trailing_minus_with_accounting_parentheses() -> None:
    assert parse_number("(1 234,50)", parentheses_negative=True, trailing_minus=True) == D("-1234.50")
