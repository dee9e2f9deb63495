"""The one place where amounts are parsed and formatted.

Everything the app reads from a document, a form or a file goes through :func:`parse_number`,
:func:`split_number_run` or :func:`parse_amount_input`, and everything it shows goes through
:func:`format_tkr`, so Swedish number conventions live in one module. Only :class:`~decimal.Decimal`
is used: budget figures must add up to the krona, and floats do not.

Conventions (see DOMAIN.md §3.1):

* Thousands are separated by a space; ASCII, no-break (U+00A0), thin (U+2009), narrow no-break
  (U+202F) and figure spaces are all accepted. A decimal comma is standard.
* A *single* point is read as a decimal point, because the documents contain stray points such as
  "3.0" and "52.9" meaning 3,0 and 52,9. Two or more points in groups of three ("1.234.567") are
  thousands separators.
* Signs: ASCII "-", Unicode minus "−", en/figure dash and "+"; a detached sign ("- 7 720", "+ 1 000")
  belongs to the number.
* A minus *after* the number ("1 234,50-", as ledger systems print credits) is read only when the
  caller passes ``trailing_minus=True``; in prose a trailing dash is a range or a list dash.
* Parentheses: "(500)" is **not** read as a negative number by default. In these documents
  parentheses hold reference years and notes ("49 (2020)", "(500 tkr)" printed for a cut), so
  turning them into negatives would invent signs; callers that know a table is in accounting style
  pass ``parentheses_negative=True``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "best_number_split",
    "canonical_unit",
    "format_number",
    "format_tkr",
    "parse_amount_input",
    "parse_number",
    "split_number_run",
    "to_tkr",
]

MINUS_SIGNS = "-−–‒"  # hyphen-minus, U+2212 minus, en dash, figure dash
DISPLAY_MINUS = "\u2212"
THOUSANDS_SEPARATOR = "\u00a0"
_SPACE_TRANSLATION = str.maketrans(dict.fromkeys("\xa0\u2009\u202f\u2007\u200a\u2002\u2003\t", " "))
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKUP_RE = re.compile(r"</?i>|\*+", re.IGNORECASE)
_SIGN_RE = re.compile(r"^([+\-−–‒])\s*")
# The body of a number once the sign is gone; alternatives in order of strictness.
_GROUPED_RE = re.compile(r"^(\d{1,3}(?: \d{3})+)(?:,(\d+))?$")
_PLAIN_RE = re.compile(r"^(\d+)(?:,(\d+))?$")
_POINT_DECIMAL_RE = re.compile(r"^(\d{1,3}(?: \d{3})*|\d+)\.(\d+)$")
_POINT_THOUSANDS_RE = re.compile(r"^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d+))?$")
_LEADING_COMMA_RE = re.compile(r"^,(\d+)$")
_FOOTNOTE_LETTER_RE = re.compile(r"(?<=\d)\s+[a-z]\)$")

# Scale of each unit relative to tkr (thousand kronor).
_UNIT_SCALE: dict[str, Decimal] = {
    "kr": Decimal("0.001"),
    "tkr": Decimal(1),
    "mnkr": Decimal(1000),
    "mdkr": Decimal(1_000_000),
}
_UNIT_ALIASES: dict[str, str] = {
    "kr": "kr",
    "kronor": "kr",
    "sek": "kr",
    "tkr": "tkr",
    "tsek": "tkr",
    "tusen kronor": "tkr",
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "mnr": "mnkr",  # typo in 004:210
    "mmsek": "mnkr",
    "msek": "mnkr",
    "mn kr": "mnkr",
    "miljoner kronor": "mnkr",
    "miljoner": "mnkr",
    "mdkr": "mdkr",
    "mdr": "mdkr",
    "mdr kr": "mdkr",
    "miljarder kronor": "mdkr",
    "miljarder": "mdkr",
}


def _normalise(text: str) -> str:
    """Unify exotic spaces, drop italics/markdown and trailing footnote superscripts."""
    s = text.translate(_SPACE_TRANSLATION)
    s = _MARKUP_RE.sub("", s)
    s = s.strip().rstrip(_SUPERSCRIPTS).strip()
    s = _FOOTNOTE_LETTER_RE.sub("", s)  # "1 500 b)": a footnote letter after a number
    return re.sub(r" {2,}", " ", s)


def canonical_unit(text: str) -> str | None:
    """Map a unit word as printed ("Mkr", "mnr", "tusen kronor") to tkr/mnkr/mdkr/kr, else None."""
    key = re.sub(r"\s+", " ", text.strip().lower().rstrip(".")).strip()
    return _UNIT_ALIASES.get(key)


def parse_number(text: str | None, *, parentheses_negative: bool = False,
                 trailing_minus: bool = False) -> Decimal | None:
    """Parse one printed Swedish number; return None when the text is not exactly one number.

    Accepts "463 475", "-1,9", "- 15 800", "+1 200", "3.0", "16 %", "2,17 ²" (footnote mark
    dropped) and "<i>52,1</i>". Returns None for words ("I.U.", "Öka"), empty text, two numbers
    run together ("1000 1600") and, unless ``parentheses_negative`` is set, "(500)". With
    ``trailing_minus`` "1 234,50-" is -1234.50 (a sign at both ends is not a number).
    """
    if text is None:
        return None
    s = _normalise(text)
    if s.endswith("%"):
        s = s[:-1].rstrip()
    if not s:
        return None
    negative = False
    if trailing_minus and s[-1] in MINUS_SIGNS and s[:-1].rstrip()[-1:].isdigit():
        s = s[:-1].rstrip()
        if s[0] in "+(" + MINUS_SIGNS:
            return None
        negative = True
    if s.startswith("(") and s.endswith(")"):
        if not parentheses_negative:
            return None
        s = s[1:-1].strip()
        negative = True
    m = _SIGN_RE.match(s)
    if m:
        if m.group(1) != "+":
            negative = not negative
        s = s[m.end() :]
    integer: str | None = None
    fraction: str | None = None
    for pattern in (_GROUPED_RE, _PLAIN_RE, _POINT_THOUSANDS_RE, _POINT_DECIMAL_RE):
        pm = pattern.match(s)
        if pm:
            integer, fraction = pm.group(1), pm.group(2)
            break
    else:
        lm = _LEADING_COMMA_RE.match(s)
        if not lm:
            return None
        integer, fraction = "0", lm.group(1)
    digits = integer.replace(" ", "").replace(".", "")
    try:
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:  # pragma: no cover - the regexes only let digits through
        return None
    if negative:
        value = -value
    return value + Decimal(0)  # turns -0 into 0


# --------------------------------------------------------------------------------------------
# Splitting runs of space-separated numbers (pdftotext rows)
# --------------------------------------------------------------------------------------------

_INT_RE = re.compile(r"^(\d+)(?:,(\d+))?$")
_TOKEN_POINT_RE = re.compile(r"^\d+\.\d+$")  # stray point "3.0": stands alone
_MAX_CANDIDATES = 512


def _run_tokens(text: str) -> list[tuple[bool, str]] | None:
    """Tokens of a run as (signed, body) with detached signs glued on; None if not numeric."""
    raw = _normalise(text).split(" ")
    tokens: list[tuple[bool, str]] = []
    pending: str | None = None
    for tok in raw:
        if not tok:
            continue
        if tok in ("+", *MINUS_SIGNS):
            if pending is not None:
                return None
            pending = tok
            continue
        sign = pending
        pending = None
        if tok[0] in "+" + MINUS_SIGNS:
            if sign is not None:
                return None
            sign, tok = tok[0], tok[1:]
        if not tok or not (_INT_RE.match(tok) or _TOKEN_POINT_RE.match(tok)):
            return None
        tokens.append((sign is not None, ("-" if sign and sign != "+" else "") + tok))
    if pending is not None:
        return None
    return tokens


class _Tok:
    """What a token may do inside a grouped number."""

    __slots__ = ("can_continue", "can_start", "closes", "extendable")

    def __init__(self, signed: bool, body: str) -> None:
        body = body.lstrip("-")
        m = _INT_RE.match(body)
        integer = m.group(1) if m else ""
        has_fraction = bool(m and m.group(2))
        leading_zero = len(integer) > 1 and integer.startswith("0")
        self.can_start = (bool(m) and not leading_zero) or bool(_TOKEN_POINT_RE.match(body))
        if m and len(integer) > 3:
            self.can_start = not leading_zero
        self.extendable = bool(m) and len(integer) <= 3 and not has_fraction and not leading_zero
        self.can_continue = bool(m) and not signed and len(integer) == 3
        self.closes = has_fraction or not m


def _spread(numbers: list[Decimal]) -> int:
    """How uneven the digit counts are: rows of one table tend to share a magnitude."""
    lengths = [len(str(abs(int(n)))) for n in numbers if n != 0]
    return max(lengths) - min(lengths) if lengths else 0


def split_number_run(
    text: str,
    expected_count: int | None = None,
    *,
    max_count: int | None = None,
    max_groups: int = 3,
) -> list[list[Decimal]]:
    """All ways to read a run like "482 336 463 475 455 955" as numbers, best first.

    Each number has the form ``\\d{1,3}( \\d{3})*`` (at most ``max_groups`` groups, i.e. below one
    billion by default) with an optional decimal comma part, or is a sign-led/ungrouped token that
    stands alone ("-1 200", "1000", "3.0"). A group of three digits with a leading zero ("000")
    can only continue a number; a sign always starts one. ``expected_count`` keeps only splits
    with that many numbers; ``max_count`` keeps splits with at most that many. The order prefers
    numbers of similar magnitude, then fewer numbers. An empty list means the text is not a run
    of numbers.
    """
    tokens = _run_tokens(text)
    if not tokens:
        return []
    info = [_Tok(signed, body) for signed, body in tokens]
    n = len(tokens)
    limit = expected_count if expected_count is not None else max_count
    results: list[list[tuple[int, int]]] = []

    def end_options(start: int) -> list[int]:
        """Exclusive end indices of a number starting at ``start``."""
        ends = [start + 1]
        if not info[start].extendable:
            return ends
        j = start + 1
        while j < n and j - start < max_groups and info[j].can_continue:
            ends.append(j + 1)
            if info[j].closes:
                break
            j += 1
        return ends

    def dfs(i: int, acc: list[tuple[int, int]]) -> None:
        if len(results) >= _MAX_CANDIDATES:
            return
        if i == n:
            if expected_count is None or len(acc) == expected_count:
                results.append(list(acc))
            return
        if limit is not None and len(acc) >= limit:
            return
        if not info[i].can_start:
            return
        for end in reversed(end_options(i)):
            acc.append((i, end))
            dfs(end, acc)
            acc.pop()

    dfs(0, [])
    splits: list[list[Decimal]] = []
    for spans in results:
        numbers: list[Decimal] = []
        for start, end in spans:
            body = " ".join(tokens[k][1] for k in range(start, end))
            value = parse_number(body)
            if value is None:
                break
            numbers.append(value)
        else:
            splits.append(numbers)
    splits.sort(key=lambda s: (_spread(s), len(s)))
    return splits


def best_number_split(
    text: str, expected_count: int | None = None, *, max_count: int | None = None
) -> tuple[list[Decimal], bool]:
    """The preferred split and whether another split fits equally well (DOMAIN §3.1: flag it)."""
    splits = split_number_run(text, expected_count, max_count=max_count)
    if not splits:
        return [], False
    best = splits[0]
    key = (_spread(best), len(best))
    ambiguous = any((_spread(s), len(s)) == key for s in splits[1:])
    return best, ambiguous


# --------------------------------------------------------------------------------------------
# Form input and display
# --------------------------------------------------------------------------------------------

_AMOUNT_INPUT_RE = re.compile(r"^(?P<number>.*?)\s*(?P<unit>[a-zA-ZåäöÅÄÖ][a-zA-ZåäöÅÄÖ ]*)?\.?$")


def parse_amount_input(text: str) -> Decimal:
    """Read an amount typed by a controller and return it in tkr.

    Accepts "1 234", "-1,5", "1,5 mnkr", "250 tkr", "2 mdkr", "500 kr". A bare number is taken as
    tkr, the unit of the forecast form. Raises ValueError with a Swedish message otherwise.
    """
    if text is None or not str(text).strip():
        raise ValueError("Ange ett belopp.")
    s = _normalise(str(text))
    m = _AMOUNT_INPUT_RE.match(s)
    if not m:  # pragma: no cover - the pattern matches any string
        raise ValueError(f"”{text}” är inget giltigt belopp.")
    unit_text = (m.group("unit") or "").strip()
    unit = "tkr"
    if unit_text:
        found = canonical_unit(unit_text)
        if found is None:
            raise ValueError(f"Okänd enhet ”{unit_text}”; använd tkr, mnkr, mdkr eller kr.")
        unit = found
    value = parse_number(m.group("number"))
    if value is None:
        raise ValueError(f"”{text}” är inget giltigt belopp. Skriv till exempel 1 234, -1,5 eller 1,5 mnkr.")
    return to_tkr(value, unit)


def to_tkr(value: Decimal | int | str, unit: str) -> Decimal:
    """Convert an amount in kr/tkr/mnkr/mdkr (any printed alias) to tkr, exactly."""
    found = canonical_unit(unit)
    if found is None:
        raise ValueError(f"Okänd enhet ”{unit}”; använd tkr, mnkr, mdkr eller kr.")
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return amount * _UNIT_SCALE[found]


def format_number(value: Decimal | int | None, decimals: int = 0) -> str:
    """Swedish display: no-break space between thousands, decimal comma, U+2212 minus."""
    if value is None:
        return ""
    amount = value if isinstance(value, Decimal) else Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = rounded < 0
    text = f"{abs(rounded):,.{decimals}f}"  # "1,234.5"
    integer, _, fraction = text.partition(".")
    out = integer.replace(",", THOUSANDS_SEPARATOR)
    if fraction:
        out += "," + fraction
    return (DISPLAY_MINUS if negative else "") + out


def format_tkr(value: Decimal | int | None, decimals: int = 0) -> str:
    """Format an amount in tkr for display: ``format_tkr(Decimal("-1234.5"), 1)`` → "−1 234,5 tkr"."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{THOUSANDS_SEPARATOR}tkr"
