"""Pieces shared by the TAB and the pdftotext table readers: the table under construction,
titles and context above a header, page debris and the ambiguity warning."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .extraction import Line, ParseWarning
from .table_rows import RawRow
from .table_text import is_year, split_text_row, strip_markup

DEBRIS_RE = re.compile(
    r"^(forts\.?\s*(på\s+)?(nästa|från föregående)\s+sida|\d+\s*\(\d+\)|(sida\s+)?\d+\s*(av|/)\s*\d+"
    r"|sida\s+\d+(\s*\(\d+\))?|\d{1,3})$",
    re.IGNORECASE,
)
FOOTNOTE_RE = re.compile(r"^(\*|[⁰¹²³⁴⁵⁶⁷⁸⁹])")
TITLE_LOOKBACK = 40
# A line that only states the unit ("Belopp i miljoner kronor", "Tusentals kronor", "(mnkr)"): it names
# no table, so the heading above it is the title.
UNIT_ONLY_RE = re.compile(
    r"^\(?(?:belopp\s+)?(?:i\s+)?(?:tkr|mnkr|mkr|mdkr|kr|kronor|(?:tusen(?:tals)?|miljoner|miljarder)\s+kronor)\)?:?$",
    re.IGNORECASE,
)


@dataclass
class Built:
    """A table under construction, kept apart from :class:`Table` until it is typed."""

    header_line: int
    label_header: str
    columns: list[str]
    raw: list[RawRow] = field(default_factory=list)
    title: str = ""
    captions: list[str] = field(default_factory=list)
    context: str = ""
    page: int | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    kind_hint: str | None = None
    # layout text: each column's character span in the header, to place right-aligned row values
    col_spans: list[tuple[int, int]] | None = None


def is_heading(text: str) -> bool:
    s = strip_markup(text)
    if not (2 <= len(s) <= 90) or len(s.split()) > 14:
        return False
    if s[0].islower() or s[0] in "•-–*(" or s[-1] in ".,;-" or FOOTNOTE_RE.match(s) or DEBRIS_RE.match(s):
        return False
    return bool(re.search(r"[A-Za-zÅÄÖåäö]", s))


def find_title(lines: Sequence[Line], idx: int, lo: int, skip_text: str = "") -> str:
    """Nearest heading-like line above ``idx``; stops at a previous table's rows."""
    for j in range(idx - 1, max(lo, idx - TITLE_LOOKBACK) - 1, -1):
        line = lines[j]
        if line.tabular:
            return ""
        s = strip_markup(line.text)
        if not s or s == skip_text or UNIT_ONLY_RE.match(s):
            continue
        row = split_text_row(line.text)
        if row.has_values and len(s) < 90:
            # "Budget per verksamhet 2025" is a heading ending in its year, not a table row
            years_only = all(is_year(seg.strip()) for _, seg, _ in row.segments)
            if not (years_only and len(row.segments) == 1 and len(row.label.split()) >= 2 and is_heading(line.text)):
                return ""
        if is_heading(line.text):
            return s
    return ""


def context_text(lines: Sequence[Line], idx: int, lo: int, count: int = 3) -> str:
    out: list[str] = []
    j = idx - 1
    while j >= lo and len(out) < count and idx - j < 12:
        s = strip_markup(lines[j].text)
        if s:
            out.append(s)
        j -= 1
    return " ".join(reversed(out))


def ambiguity_warning(line: Line, label: str, values: list[object]) -> ParseWarning:
    shown = " | ".join("" if v is None else str(v) for v in values)
    return ParseWarning(
        line.no,
        f"Raden ”{label}” kan delas upp i tal på flera sätt; tolkad som {shown}. Kontrollera mot originalet.",
        page=line.page,
    )

