"""Header-less lists of frame adjustments ("ramjusteringar").

Frame adjustments are often printed as a list rather than a table: one item per line, the amount
last, sometimes with blank lines in between (000:702-714) or as bullets ending in ", +1,7 mnkr."
(001:254-264). A run of at least three such lines is a ``frame_adjustments`` table when its labels
or the sentence right above talk about the frame (ram, omfördelning, justering).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from budgetapp.core.money import parse_number

from .extraction import Line
from .table_rows import RawRow
from .table_text import strip_markup

_ITEM_RE = re.compile(
    r"^\s*(?:[-–•]\s*)?(?P<label>\S.*?)[\s,:]+"
    r"(?P<num>[+\-−–]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s*(?P<unit>tkr|mnkr|mkr|mdkr)?\.?\s*$",
    re.IGNORECASE,
)
_PROSE_END = {"till", "med", "på", "av", "om", "från", "för", "är", "uppgår", "och", "den", "ca", "cirka", "totalt"}
_FRAME_WORDS_RE = re.compile(r"\bram(en|ar|arna|justering\w*)?\b|omfördelning|justering|budgetmedel", re.IGNORECASE)
_MIN_ITEMS = 3
_MAX_BLANKS = 2


@dataclass
class ListTable:
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)
    unit_text: str = ""


def _item(line: Line) -> tuple[str, str, str] | None:
    if line.tabular:
        return None
    text = strip_markup(line.text)
    if not text or len(text) > 500:
        return None
    m = _ITEM_RE.match(text)
    if not m:
        return None
    label = m.group("label").strip().rstrip(",:").strip()
    words = label.split()
    if len(words) < 2 or not re.search(r"[A-Za-zÅÄÖåäö]", label):
        return None
    if words[-1].lower() in _PROSE_END or label.endswith((".", "-")):
        return None
    num = m.group("num")
    if re.fullmatch(r"(19|20)\d\d", num.strip()) and not m.group("unit"):
        return None  # a year ending a sentence, not an amount
    return label, num, (m.group("unit") or "")


def find_list_table(lines: Sequence[Line], i: int, stop: int) -> tuple[ListTable | None, int]:
    """A frame-adjustment list starting at ``lines[i]``, and the index after it."""
    first = _item(lines[i])
    if first is None:
        return None, i + 1
    items: list[tuple[int, tuple[str, str, str]]] = [(i, first)]
    j = i + 1
    blanks = 0
    while j < stop:
        line = lines[j]
        if not line.text.strip() and not line.tabular:
            blanks += 1
            if blanks > _MAX_BLANKS:
                break
            j += 1
            continue
        it = _item(line)
        if it is None:
            break
        items.append((j, it))
        blanks = 0
        j += 1
    if len(items) < _MIN_ITEMS:
        return None, i + 1
    before = " ".join(strip_markup(lines[k].text) for k in range(max(0, i - 3), i))
    labels = " ".join(it[0] for _, it in items)
    if not (_FRAME_WORDS_RE.search(labels) or _FRAME_WORDS_RE.search(before)):
        return None, i + 1
    units = {it[2].lower() for _, it in items if it[2]}
    unit_text = "mnkr" if units & {"mnkr", "mkr"} else ("tkr" if "tkr" in units else before)
    table = ListTable(columns=["Belopp"], unit_text=unit_text)
    for k, (label, num, _) in items:
        table.rows.append(RawRow(label=label, values=[parse_number(num)], line=lines[k].no))
    end = items[-1][0] + 1
    return table, end
