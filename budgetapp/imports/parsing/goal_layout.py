"""Goal tables in pdftotext -layout text: cells found by character position, handed on as TAB rows.

``pdftotext -layout`` keeps a goal table's columns apart by runs of spaces and wraps the goal and
the indicator cells in their own columns ("Trygga              Andel placerade barn i   44  47" /
"uppväxtvillkor      familjehem inom kommunen (%)"). Read line by line, the two cells mix. Here the
header ("Nämndmål   Nämndindikator   2024   2025   Målvärde") gives each column's position, every
phrase of a row goes to its column, a line with values starts a new row (cells are top-aligned) and
lines without values continue the text cells; when the first row has no values the cells are
bottom-aligned and the text lines before a line with values belong to that row. The rows become
TAB lines for the Word goal-table reader, so both formats share one recogniser.
"""

from __future__ import annotations

import re

from .document_text import dehyphenate_join
from .extraction import Line

_PHRASE_RE = re.compile(r"\S+(?: \S+)*")
_GOAL_HEAD_RE = re.compile(r"^(?:nämndmål|förvaltningsmål|nämndens mål|mål)$", re.IGNORECASE)
_INDICATOR_HEAD_RE = re.compile(r"indikator|nyckeltal|mått", re.IGNORECASE)


def _phrases(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _PHRASE_RE.finditer(text)]


def _header(text: str) -> list[tuple[int, int, str]] | None:
    if "  " not in text or "mål" not in text.lower():
        return None
    ph = _phrases(text)
    if len(ph) < 3 or not _GOAL_HEAD_RE.match(ph[0][2]) or not _INDICATOR_HEAD_RE.search(ph[1][2]):
        return None
    return ph


def _assign(ph: list[tuple[int, int, str]], header: list[tuple[int, int, str]]) -> list[list[str]] | None:
    """Each phrase to its column: text columns by start, value columns by nearest end."""
    cols: list[list[str]] = [[] for _ in header]
    value_start = header[2][0]
    for start, end, phrase in ph:
        if end > value_start - 1 and start >= header[1][0] + 2 and start > header[1][0]:
            # a value: right-aligned under (or left-aligned at) a value column
            k = min(range(2, len(header)), key=lambda c: min(abs(header[c][1] - end), abs(header[c][0] - start)))
            if cols[k]:
                return None
        else:
            k = max(c for c in range(2) if header[c][0] <= start + 2) if start + 2 >= header[0][0] else 0
            if k == 0 and end > header[1][0] + 1:
                return None  # a phrase across the goal and indicator columns: prose, not a row
        cols[k].append(phrase)
    return cols


def layout_goal_tables(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(lines with the goal tables blanked, TAB lines for them); unchanged lines when there is none."""
    out = list(lines)
    tab: list[Line] = []
    i = 0
    while i < len(lines):
        header = _header(lines[i].text) if not lines[i].tabular else None
        if header is None:
            i += 1
            continue
        rows: list[tuple[Line, list[list[str]]]] = []
        j = i + 1
        blanks = 0
        # bottom-aligned cells (Word's "align bottom"): the row's values stand on its last line, so
        # the text lines before them belong to the row they close
        bottom: list[list[str]] | None = None
        first = next((ln for ln in lines[i + 1:] if ln.text.strip()), None)
        if first is not None and not first.tabular:
            cols0 = _assign(_phrases(first.text), header)
            if cols0 is not None and not any(cols0[2:]) and any(cols0[:2]):
                bottom = [[] for _ in header]
        while j < len(lines) and not lines[j].tabular:
            text = lines[j].text
            if not text.strip():
                blanks += 1
                if blanks >= 2 or (bottom is not None and any(bottom)):
                    break
                j += 1
                continue
            cols = _assign(_phrases(text), header)
            if cols is None:
                break
            has_values = any(cols[2:])
            if bottom is not None:
                for k, cell in enumerate(cols):
                    bottom[k].extend(cell)
                if has_values:
                    rows.append((lines[j], bottom))
                    bottom = [[] for _ in header]
                blanks = 0
                j += 1
                continue
            texts = [c[0] for c in cols[:2] if c]
            continues = bool(rows) and not blanks and all(not t[:1].isupper() for t in texts)
            if has_values and not continues:
                rows.append((lines[j], cols))
            elif not rows:
                break
            else:
                if blanks:
                    break
                # "institution" / "30": the indicator and a value cell ("Färre än") wrap together
                for k, cell in enumerate(cols):
                    rows[-1][1][k].extend(cell)
            blanks = 0
            j += 1
        if not rows:
            i += 1
            continue
        head_cells = tuple(p[2] for p in header)
        tab.append(Line(lines[i].no, "\t".join(head_cells), head_cells, lines[i].page, tabular=True))
        for line, cols in rows:
            cells = tuple(dehyphenate_join(c) if k < 2 else " ".join(c) for k, c in enumerate(cols))
            tab.append(Line(line.no, "\t".join(cells), cells, line.page, tabular=True))
        end = max(line.no for line, _ in rows)
        for n in range(i, j):
            if lines[n].no <= end:
                out[n] = Line(lines[n].no, "", ("",), lines[n].page)
        i = j
    return out, tab
