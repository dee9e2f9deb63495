"""Compact goal tables in pdftotext-like text: no blank lines between the cells.

pdftotext (and pdfplumber on a table without ruling lines) often prints a goal table as one stream:

    Nämndmål Nämndindikator 2024 2025 Målvärde
    2026
    Alla elever når
    kunskapskraven
    Andel (%) elever i
    årskurs 9 som är be-
    höriga till gymnasiet 86,1 I.U. 88 89

The values end the indicator's last line (or stand on a line of their own). Every run of text
lines up to such a line is split into *cells* where a line starts with a capital letter (a wrapped
cell continues in lower case, after a hyphen, or after a function word such as "i", "för", "och").
The last cell is the indicator; cells before it open a new goal: name, then description, with a
kommunövergripande mål first when the header has that column. A run of Män/Kvinnor-type rows right
after a value-less cell makes that cell an indicator without values (their parent).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .document_text import dehyphenate_join, normalise_name, strip_markup
from .extraction import Line
from .goal_values import NO_INDICATOR_RE, breakdown_kind
from .table_common import DEBRIS_RE
from .table_headers import header_is_strong, parse_text_header_line
from .titles import kind_of, parse_title

if TYPE_CHECKING:
    from .goal_pdf import _PdfGoalTable

_FUNCTION_WORDS = {
    "i", "för", "av", "på", "till", "med", "som", "att", "och", "eller", "samt", "den", "det", "de", "en",
    "ett", "inom", "om", "från", "vid", "per", "under", "över", "mellan", "mot", "efter", "inför", "hos",
    "utan", "än", "både", "vars", "där", "när",
}  # fmt: skip


def _continues(prev: str, text: str) -> bool:
    """Whether ``text`` continues the cell whose last line is ``prev``."""
    if not text[:1].isupper():
        return True
    if prev.endswith(("-", ",", "/", "(", "&")):
        return True
    last = prev.split()[-1].lower() if prev.split() else ""
    return last in _FUNCTION_WORDS


# words that open an indicator ("Andel elever …", "Antal besök …"), rarely a goal name or description
_MEASURE_START_RE = re.compile(
    r"^(?:andel(?:en)?|antal(?:et)?|nöjd\w*|index|nki|kostnad(?:en)?|nettokostnad|genomsnittlig\w*|medel\w*|"
    r"median\w*|sjukfrånvaro|personalomsättning|handläggningstid\w*|väntetid\w*|upplevd\w*|grad(?:en)?)\b",
    re.IGNORECASE,
)


def _cells(parts: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    cells: list[list[tuple[int, str]]] = []
    for no, text in parts:
        if cells and _continues(cells[-1][-1][1], text):
            cells[-1].append((no, text))
        else:
            cells.append([(no, text)])
    # "Andel vårdnadshavare som rekommenderar" / "Västerås kommunala förskolor (%) 89 90": a wrapped
    # indicator line may start with a name after an ordinary word. The valued last cell continues a
    # cell that opens like an indicator and ends no sentence, unless it opens like one itself.
    if len(cells) >= 2:
        prev, last = _joined(cells[-2]), _joined(cells[-1])
        if (
            _MEASURE_START_RE.match(prev)
            and not prev.endswith((".", ":", ")"))
            and not _MEASURE_START_RE.match(last)
            and breakdown_kind(last) is None
        ):
            cells[-2:] = [cells[-2] + cells[-1]]
    return cells


def _joined(cell: list[tuple[int, str]]) -> str:
    return dehyphenate_join([t for _, t in cell])


def _open_goal(table: _PdfGoalTable, cells: list[list[tuple[int, str]]]) -> None:
    texts = [_joined(c) for c in cells]
    if table.municipal_column and len(texts) >= 2:
        table.col.municipal_goal = texts[0]
        cells, texts = cells[1:], texts[1:]
    table.flush()
    table.col.new_goal(texts[0], cells[0][0][0], " ".join(texts[1:]), kind=table.col.table_kind)


def _is_page_debris(text: str) -> bool:
    if DEBRIS_RE.match(text):
        return True
    return bool(kind_of(text)) and parse_title(text) is not None  # a running page header


def read_compact_body(table: _PdfGoalTable, body: list[Line]) -> None:
    """Read the body lines of a compact goal table into goals and indicators."""
    from .goal_pdf import split_trailing_values, tokenize_values

    n = max(len(table.columns), 1)
    need = 2 if n >= 2 else 1
    acc: list[tuple[int, str]] = []
    for ln in body:
        if table.closed:
            return
        text = strip_markup(ln.text)
        if not text or _is_page_debris(text):
            continue
        header = parse_text_header_line(text)
        if header is not None and header_is_strong([header]):
            table.flush()
            table.closed = True  # a numeric table follows the goal table
            return
        if NO_INDICATOR_RE.match(text):
            if acc:
                _open_goal(table, _cells(acc))
            table.flush()
            acc = []
            continue
        label, values = split_trailing_values(text)
        count = len(tokenize_values(values, n)) if values else 0
        if values and not label and not acc and table.label_parts:
            joined = " ".join([*table.value_parts, values])
            if len(tokenize_values(joined, n)) <= n and len(tokenize_values(" ".join(table.value_parts), n)) < n:
                table.value_parts.append(values)  # "Färre än" / "650": a value cell wrapped
                continue
        if not values or (label and count < need):
            acc.append((ln.no, text))
            continue
        parts = [*acc, (ln.no, label)] if label else acc
        acc = []
        if not parts:
            table.col.warn(ln.no, f"Värden utan indikator i måltabellen: ”{values}”.")
            continue
        cells = _cells(parts)
        indicator = cells[-1]
        before = cells[:-1]
        if before and breakdown_kind(_joined(indicator)) == "gender":
            # "Sjukfrånvaro (%)" / "Kvinnor 9,6 …": the cell before is an indicator without values
            parent = before[-1]
            if len(before) > 1:
                _open_goal(table, before[:-1])
            table.flush()
            table.label_parts, table.label_line, table.value_parts = [t for _, t in parent], parent[0][0], []
            table.flush_empty()
            before = []
        if before:
            _open_goal(table, before)
        table.flush()
        table.label_parts = [t for _, t in indicator]
        table.label_line = indicator[0][0]
        table.value_parts = [values]
    if acc and table.col.goal is not None:
        first = acc[0][1]
        # a heading that repeats a goal's name opens that goal's report, which goal_reports reads
        names = {normalise_name(g.committee_goal) for g in table.col.goals}
        if normalise_name(_joined(_cells(acc)[0])) in names:
            return
        if re.match(r"^[A-ZÅÄÖ]", first) and len(acc) <= 6:
            table.col.warn(acc[0][0], f"Text utan värden efter måltabellen hoppades över: ”{_joined(acc)[:60]}”.")
