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
_MIN_PROSE_WORDS = 3
_MIN_PROSE_PAIRS = 3  # fewer side-by-side lines are more likely a two-column table than prose


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
    words: list[_Phrase] = field(default_factory=list)


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
        line.words = [_Phrase(w["x0"], w["x1"], w["text"]) for w in sorted(mine, key=lambda w: w["x0"])]
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


def _two_prose(line: _TextLine) -> tuple[float, str, str] | None:
    """(right column's start x, left text, right text) of a line that is two prose columns side by side, else None.

    Justified prose has wide word gaps, so the gutter is the widest gap, at least 1.5 line heights
    and twice the next widest, with at least three words on each side."""
    words = line.words
    if len(words) < 2 * _MIN_PROSE_WORDS:
        return None
    gaps = sorted(((words[n + 1].x0 - words[n].x1, n) for n in range(len(words) - 1)), reverse=True)
    (widest, at), second = gaps[0], gaps[1][0]
    height = max(line.bottom - line.top, 1.0)
    if widest < 1.5 * height or widest < 2 * max(second, 0.1):
        return None
    if at + 1 < _MIN_PROSE_WORDS or len(words) - at - 1 < _MIN_PROSE_WORDS:
        return None
    left = " ".join(w.text for w in words[: at + 1])
    right = " ".join(w.text for w in words[at + 1 :])
    return words[at + 1].x0, left, right


def prose_lines(lines: list[_TextLine], used: set[int]) -> list[tuple[float, str]]:
    """(top, text) for the lines no table consumed; two prose columns are read column by column.

    pdfplumber's text lines run across a two-column page ("…en likvärdig Nämnden prioriterar…"). A run
    of at least three lines that are each two prose runs split at the same gutter is a two-column
    band (lines of one side only, at normal line spacing, continue it); its left column comes first,
    then its right column, placed just after the band's last line so later items keep their order.
    """
    free = [n for n in range(len(lines)) if n not in used]
    out: list[tuple[float, str]] = []
    k = 0
    while k < len(free):
        line = lines[free[k]]
        first = _two_prose(line)
        if first is None:
            out.append((line.top, line.text))
            k += 1
            continue
        gutter = first[0]
        left: list[tuple[float, str]] = [(line.top, first[1])]
        right: list[str] = [first[2]]
        pairs, prev, m = 1, line, k + 1
        while m < len(free):
            nxt = lines[free[m]]
            height = max(nxt.bottom - nxt.top, 1.0)
            if nxt.top - prev.bottom > 1.5 * height or not nxt.words:
                break
            split = _two_prose(nxt)
            if split is not None and abs(split[0] - gutter) <= height:
                pairs += 1
                left.append((nxt.top, split[1]))
                right.append(split[2])
            elif len(nxt.words) >= _MIN_PROSE_WORDS and nxt.words[-1].x1 < gutter - height:
                left.append((nxt.top, nxt.text))
            elif len(nxt.words) >= _MIN_PROSE_WORDS and nxt.words[0].x0 > gutter - height:
                right.append(nxt.text)
            else:
                break
            prev = nxt
            m += 1
        if pairs < _MIN_PROSE_PAIRS:
            out.append((line.top, line.text))
            k += 1
            continue
        out.extend(left)
        out.extend((prev.top + 0.001 * (n + 1), text) for n, text in enumerate(right))
        k = m
    return out
