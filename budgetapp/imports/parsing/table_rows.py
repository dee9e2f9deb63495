"""Row types and parents inside one numeric table.

Types (see :class:`~.extraction.TableRow`): ``line`` | ``sum`` | ``varav`` | ``change`` | ``frame``
| ``header`` | ``note``. They are decided from the label's leading words and from the row's shape
(which cells are empty), because the italics that sometimes mark varav and change rows are
applied inconsistently (DOMAIN §3.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .extraction import CellValue, TableRow

_SUM_RE = re.compile(r"^(summa|totalt\b|totalsumma|s:a\b)", re.IGNORECASE)
# the last row of a driftsammandrag without "Summa": "Verksamhetens nettokostnad", "Nämnden totalt"
_NET_TOTAL_RE = re.compile(r"^(?:verksamhetens\s+)?nettokostnad(?:er)?(?:\s+totalt)?$|^\S+(?:\s+\S+)?\s+totalt$", re.I)
_VARAV_RE = re.compile(r"^-?\s*varav\b", re.IGNORECASE)
# a value-less row opening the change rows under a unit ("Specifikation av förändringar",
# "Förändringar jämfört med 2025", "Budgetförändringar", "Varav förändringar")
_CHANGE_BLOCK_RE = re.compile(
    r"^(?:specifikation\s+av\s+(?:budget)?förändring|specificerade\s+förändringar|budgetförändringar\b"
    r"|förändringar?\s+(?:jämfört\s+med|mot|från|sedan|i\s+förhållande\s+till)\b|varav\s+förändringar)",
    re.IGNORECASE,
)
_FRAME_RE = re.compile(
    r"^(budgetram|investeringsram|ram\b|kf[- ]ram|ramjustering|justering av ram|justerad ram|kommunbidrag\b"
    r"|nämndram|driftram|tilldelad\s+ram|beslutad\s+ram)",
    re.IGNORECASE,
)
_FRAME_ADJUST_RE = re.compile(r"^(omfördelning|justering|ramjustering|ramförändring|tillägg|avdrag)", re.IGNORECASE)
_NOTE_RE = re.compile(r"^(\*|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\d\s+[A-ZÅÄÖ])")


@dataclass
class RawRow:
    """A row before typing: the label, its cells, its line and whether a blank line preceded it."""

    label: str
    values: list[CellValue]
    line: int
    blank_before: bool = False
    italic: bool = False
    footnotes: tuple[str, ...] = ()
    # pdftotext row with fewer values than columns whose spacing hints did not add up: the
    # alignment is a guess that :mod:`.table_align` may revise from the rest of the table
    realign: bool = False
    hinted: bool = False  # fewer values than columns, but the spacing hints placed them exactly


def _has_numbers(values: list[CellValue]) -> bool:
    return any(isinstance(v, Decimal) for v in values)


def _value_less_data_rows(raw: list[RawRow]) -> set[int]:
    """Indexes of value-less rows that are data rows with empty cells, not block headers.

    A block header opens a group, and groups come in numbers: a table that has block headers has
    them first or has several of them ("Analys & utredning", "Hållbarhet", "Kommunkansli").
    A *single* value-less row between ordinary top-level rows, that no "Summa <label>" closes, is
    therefore a row whose cells are empty ("Kulturhuset" not budgeted yet).
    """
    empty = [
        i
        for i, r in enumerate(raw)
        if not any(v is not None for v in r.values)
        and not _NOTE_RE.match(r.label)
        and not _CHANGE_BLOCK_RE.match(r.label)
    ]
    if len(empty) != 1 or empty[0] == 0 or empty[0] + 1 >= len(raw):
        return set()
    i = empty[0]
    label = raw[i].label.lower()
    nxt = raw[i + 1]
    if not any(v is not None for v in nxt.values) or _VARAV_RE.match(nxt.label):
        return set()
    closes = any(_SUM_RE.search(r.label) and label in r.label.lower() for r in raw[i + 1 :])
    if closes or raw[i].label.rstrip().endswith(":"):
        return set()
    return {i}


def type_rows(raw: list[RawRow], kind: str) -> list[TableRow]:
    """Assign ``row_type`` and ``parent`` to each raw row of a table of the given kind."""
    out: list[TableRow] = []
    empty_lines = _value_less_data_rows(raw)
    block_header: str | None = None
    unit_row: str | None = None  # last line/sum row that change/varav rows may hang under
    frame_row: str | None = None
    in_change_block = False
    last_type = ""
    for idx, r in enumerate(raw):
        label = r.label
        values = r.values
        has_values = any(v is not None for v in values)
        next_row = raw[idx + 1] if idx + 1 < len(raw) else None
        row_type = "line"
        parent: str | None = None
        if not has_values and idx in empty_lines:
            row_type = "line"  # a data row whose cells are all empty, not a block header
        elif not has_values:
            if _NOTE_RE.match(label):
                row_type = "note"
            elif _CHANGE_BLOCK_RE.match(label):
                row_type = "header"
                in_change_block = True
                parent = unit_row
            else:
                row_type = "header"
                block_header = label
                in_change_block = False
                unit_row = None
                frame_row = None
        elif _VARAV_RE.match(label):
            row_type = "varav"
            contiguous = not r.blank_before and last_type in ("line", "sum", "varav", "frame")
            if contiguous and last_type == "varav" and out:
                parent = out[-1].parent  # siblings share the row they specify
            else:
                parent = unit_row if contiguous and unit_row else block_header
            in_change_block = False
        elif _SUM_RE.search(label) or (
            _NET_TOTAL_RE.match(label) and sum(1 for t in out if t.row_type == "line" and t.parent is None) >= 2
            and not any(t.row_type in ("sum", "header") for t in out)
        ):
            row_type = "sum"
            unit_row = label
            in_change_block = False
            frame_row = None
            block_header = None  # a total closes the blocks above it
        elif _FRAME_RE.match(label) and not in_change_block:
            row_type = "frame"
            if frame_row is not None and not r.blank_before and re.search(r"\b(inkl|efter|justerad)", label, re.I):
                parent = frame_row
            frame_row = label
            unit_row = label
        elif frame_row is not None and _FRAME_ADJUST_RE.match(label) and not in_change_block:
            row_type = "change"
            parent = frame_row
        elif in_change_block and values and values[0] is None:
            row_type = "change"
            parent = unit_row
        elif (
            kind == "operating_summary"
            and unit_row is not None
            and not r.blank_before
            and last_type in ("line", "change")
            and values
            and values[0] is None
            and _has_numbers(values[1:])
            and not (next_row is not None and _VARAV_RE.match(next_row.label) and not next_row.blank_before)
        ):
            # 001-style change rows without a "Specifikation av förändringar" line: earlier
            # columns empty, directly under the unit row, never followed by varav rows
            row_type = "change"
            parent = unit_row
        else:
            row_type = "line"
            parent = block_header
            unit_row = label
            frame_row = None
        if row_type == "line" and block_header is None:
            parent = None
        out.append(TableRow(label=label, values=list(values), parent=parent, line=r.line, row_type=row_type))
        if row_type != "note":
            last_type = row_type
    return out


JOINING_END_RE = re.compile(
    r"(?:\s(?:och|eller|samt|i|för|av|med|till|inom|inkl\.?|exkl\.?|mot|på|om)|[,\-–])$", re.IGNORECASE
)
_SUBROW_START_RE = re.compile(r"^(?:varav|därav|- |– )", re.IGNORECASE)


def join_wrapped_rows(raw: list[RawRow]) -> list[RawRow]:
    """Undo a Word label that wrapped into the next table row ("Parker och" / "grönområden | 45 000 …").

    A row without values joins the next row when its label ends in a joining word, comma or hyphen,
    or the next label starts in lower case (not "varav"); the values of either row are kept. A
    valueless lower-case row after a row with values continues that row's label. Rows with neither
    label nor values (an empty TAB row) are dropped.
    """
    out: list[RawRow] = []
    for r in raw:
        empty = all(v is None for v in r.values)
        if empty and not r.label:
            continue
        prev = out[-1] if out else None
        if prev is not None:
            prev_empty = all(v is None for v in prev.values)
            lower = bool(r.label) and r.label[0].islower() and not _SUBROW_START_RE.match(r.label)
            if prev_empty and not empty and (not r.label or lower or JOINING_END_RE.search(prev.label)):
                prev.label = _join(prev.label, r.label)
                prev.values = r.values
                prev.footnotes = prev.footnotes + r.footnotes
                continue
            if not prev_empty and empty and lower and (JOINING_END_RE.search(prev.label) or prev.label.endswith("-")):
                prev.label = _join(prev.label, r.label)
                continue
            if not prev_empty and empty and lower and not r.label.endswith((".", ":")) and len(r.label.split()) <= 4:
                prev.label = _join(prev.label, r.label)
                continue
        out.append(r)
    return out


def _join(first: str, second: str) -> str:
    from .table_text import join_wrapped

    return join_wrapped(first, second) if second else first
