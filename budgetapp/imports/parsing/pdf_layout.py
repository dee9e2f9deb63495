"""Tables without ruling lines in a PDF's text layer, found from word positions (no domain words).

pdfplumber's text lines put the cells of one table row side by side ("Alla elever når Andel (%)
elever i årskurs 9 …"), so a wrapped cell cannot be told from its neighbour in plain text. Here a
line whose words fall into at least three widely separated groups is taken as a candidate header;
the lines below it that fit those columns (no phrase crossing a column start) form the table body.
Body lines are grouped into rows at vertical gaps, and each column's words in a row become one cell.
The result is TAB rows, exactly like a ruled table, so the same recognisers apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

_MIN_COLUMNS = 3
_MIN_BODY_LINES = 2


@dataclass
class _Phrase:
    x0: float
    x1: float
    text: str


@dataclass
class _TextLine:
    top: float
    bottom: float
    text: str
    phrases: list[_Phrase] = field(default_factory=list)


def _phrases(words: list[dict], gap: float) -> list[_Phrase]:
    out: list[_Phrase] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        if out and w["x0"] - out[-1].x1 < gap:
            out[-1].x1 = w["x1"]
            out[-1].text += " " + w["text"]
        else:
            out.append(_Phrase(w["x0"], w["x1"], w["text"]))
    return out


def page_text_lines(page) -> list[_TextLine]:
    """Text lines of a (cropped) page with their words grouped into phrases."""
    lines: list[_TextLine] = []
    for tl in page.extract_text_lines(return_chars=False):
        lines.append(_TextLine(tl["top"], tl["bottom"], tl["text"]))
    if not lines:
        return lines
    words = page.extract_words()
    for line in lines:
        height = max(line.bottom - line.top, 1.0)
        mine = [w for w in words if abs(w["top"] - line.top) < height * 0.3]
        line.phrases = _phrases(mine, height * 0.5)
    return lines


def _column_of(p: _Phrase, header: list[_Phrase], tol: float) -> int | None:
    """Column whose header overlaps the phrase most, else the last one starting left of it;
    None when the phrase overlaps two header cells (prose running across the table)."""
    overlaps = [min(p.x1, h.x1) - max(p.x0, h.x0) for h in header]
    if sum(1 for o in overlaps if o > tol) >= 2:
        return None
    best = max(range(len(header)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best
    left = [k for k, h in enumerate(header) if h.x0 - tol <= p.x0]
    return left[-1] if left else None


def find_unruled_tables(
    lines: list[_TextLine], join_cell: Callable[[str | None], str]
) -> tuple[list[tuple[float, str]], set[int]]:
    """(top, TAB row) items for the tables found, and the indexes of the lines they consumed."""
    items: list[tuple[float, str]] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        header = lines[i].phrases
        height = max(lines[i].bottom - lines[i].top, 1.0)
        if len(header) < _MIN_COLUMNS:
            i += 1
            continue
        body: list[tuple[int, list[int]]] = []
        j = i + 1
        prev_bottom = lines[i].bottom
        while j < len(lines):
            line = lines[j]
            if line.top - prev_bottom > 3 * height:
                break
            found = [_column_of(p, header, height * 0.5) for p in line.phrases]
            cols = [c for c in found if c is not None]
            if not cols or len(cols) != len(found) or cols != sorted(cols):
                break
            body.append((j, cols))
            prev_bottom = line.bottom
            j += 1
        multi = any(len(set(cs)) >= 2 for _, cs in body)
        if len(body) < _MIN_BODY_LINES or not multi:
            i += 1
            continue
        items.append((lines[i].top, "\t".join(p.text for p in header)))
        used.add(i)
        rows: list[list[list[str]]] = []
        tops: list[float] = []
        last_bottom = None
        for idx, row_cols in body:
            line = lines[idx]
            if last_bottom is None or line.top - last_bottom > 0.4 * height:
                rows.append([[] for _ in header])
                tops.append(line.top)
            for p, c in zip(line.phrases, row_cols, strict=True):
                rows[-1][c].append(p.text)
            last_bottom = line.bottom
            used.add(idx)
        for top, row in zip(tops, rows, strict=True):
            items.append((top, "\t".join(join_cell("\n".join(parts)) for parts in row)))
        i = j
    return items, used
