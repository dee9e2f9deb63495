"""What a typesetter adds to a PDF page, taken back out before the block parsers see the lines.

Office suites (Word, LibreOffice) lay out pages with things no DOCX body contains: a running header
and a footer with "Sida 2 av 5" on every page, a table's header row repeated at the top of each page
it runs over, a row whose cell text is broken across a page end, and footnote marks as small raised
digits ("förvaltning¹" would read "förvaltning1", "228,5¹" would read "228,51"). All of this is
recognised by position and repetition, never by words of one document:

- :func:`mark_superscripts` turns small raised digits into Unicode superscripts (" ¹"), as the Word
  text export writes them, before any text is extracted;
- :func:`strip_page_furniture` drops non-table lines at the top or bottom of a page that recur
  (digits ignored) on at least two pages;
- :func:`join_page_continuations` drops a table header row repeated at the top of the next page and
  joins a row continued there (first cell starting in lower case) to the row it belongs to.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
Item = tuple[float, str, bool]  # (top, text, tabular) as the PDF reader builds them per page
_EDGE = 2  # lines at each end of a page where headers and footers sit
_OF_WHICH_RE = re.compile(r"^(?:varav|därav|varav:|-|–)\b", re.IGNORECASE)


def mark_superscripts(chars: list[dict]) -> None:
    """Rewrite, in place, digits set clearly smaller than the text and raised above its baseline."""
    sizes = [c.get("size", 0) for c in chars if c.get("text", "").strip()]
    if not sizes:
        return
    body = statistics.median(sizes)
    previous: dict | None = None
    for c in chars:
        text = c.get("text", "")
        if not text.strip():
            continue
        if (
            text.isdigit()
            and previous is not None
            and c.get("size", body) < 0.8 * min(body, previous.get("size", body))
            and previous.get("size", 0) > c.get("size", 0)
            and abs(c["x0"] - previous["x1"]) < 3
            and c["bottom"] < previous["bottom"] - 0.2 * previous.get("size", body)
            and c["top"] >= previous["top"] - previous.get("size", body) * 0.5
        ):
            c["text"] = text.translate(_SUPERSCRIPT)
            continue  # a two-digit mark keeps the base character as its reference
        previous = c


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def strip_page_furniture(pages: list[list[Item]], heights: list[float]) -> list[list[Item]]:
    """Pages without their running header/footer lines (see the module docstring).

    A candidate sits in the top 6 % or bottom 8 % of its page (Word and LibreOffice put headers and
    footers in the margins) among the first/last two text lines, and recurs on another page."""
    if len(pages) < 2:
        return pages
    edges = [_edge_indexes(items, height) for items, height in zip(pages, heights, strict=True)]
    counts: Counter[str] = Counter()
    for items, edge in zip(pages, edges, strict=True):
        counts.update({_shape(items[k][1]) for k in edge})
    repeated = {shape for shape, n in counts.items() if n >= 2}
    return [
        [item for k, item in enumerate(items) if not (k in edge and _shape(item[1]) in repeated)]
        for items, edge in zip(pages, edges, strict=True)
    ]


def _edge_indexes(items: list[Item], height: float) -> set[int]:
    plain = [k for k, (_, t, tab) in enumerate(items) if not tab and t.strip()]
    ends = plain[:_EDGE] + plain[-_EDGE:]
    return {k for k in ends if height <= 0 or items[k][0] < 0.06 * height or items[k][0] > 0.92 * height}


def join_page_continuations(pages: list[list[Item]]) -> list[list[Item]]:
    """Drop a repeated table header at a page top and join rows split over the page end."""
    out = [list(items) for items in pages]
    headers: dict[int, list[str]] = {}
    for n in range(1, len(out)):
        prev, items = out[n - 1], out[n]
        end = _table_end(prev)
        if end is None:
            continue
        start = end
        while start > 0 and prev[start - 1][2]:
            start -= 1
        opens_page = not any(t.strip() for _, t, _ in prev[:start])
        header = headers.get(n - 2, []) if opens_page and n >= 2 else _header_rows(prev, start)
        headers[n - 1] = header
        first = next((k for k, it in enumerate(items) if it[1].strip()), None)
        if first is None or not items[first][2]:
            continue
        for row in header:
            if first < len(items) and items[first][2] and items[first][1] == row:
                items.pop(first)
        if first < len(items) and items[first][2]:
            _join_split_row(prev, start, end, items, first)
        if first < len(items) and items[first][2] and items[first][1].count("\t") == prev[end][1].count("\t"):
            _move_footnotes(prev, end, items, first)
    return out


def _move_footnotes(prev: list[Item], end: int, items: list[Item], first: int) -> None:
    """Footnotes printed under the part of a table on the page before go after the whole table, so
    the continued table stays one run of rows (nothing is dropped, only moved)."""
    notes = [it for it in prev[end + 1:] if it[1].strip()]
    if not notes:
        return
    del prev[end + 1:]
    k = first
    while k < len(items) and items[k][2]:
        k += 1
    items[k:k] = notes


def _table_end(items: list[Item]) -> int | None:
    """Index of the last table row when a table ends the page (only footnotes may follow it)."""
    k = len(items) - 1
    while k >= 0 and (not items[k][1].strip() or (not items[k][2] and _FOOTNOTE_RE.match(items[k][1]))):
        k -= 1
    return k if k >= 0 and items[k][2] else None


_FOOTNOTE_RE = re.compile(r"^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹\d]{1,2}\s+\S")


def _header_rows(items: list[Item], start: int) -> list[str]:
    header = [items[start][1]]
    if start + 1 < len(items) and items[start + 1][2] and not items[start + 1][1].split("\t")[0].strip():
        header.append(items[start + 1][1])  # a two-row header (group names over years)
    return header


def _join_split_row(prev: list[Item], start: int, end: int, items: list[Item], k: int) -> None:
    """A first row on a page whose first cell starts in lower case continues the row above."""
    cells = items[k][1].split("\t")
    first = cells[0].strip()
    if not first or not first[:1].islower() or _OF_WHICH_RE.match(first):
        return
    target = next((n for n in range(end, start - 1, -1) if prev[n][1].split("\t")[0].strip()), None)
    if target is None:
        return
    top, text, tab = prev[target]
    prev_cells = text.split("\t")
    if len(prev_cells) != len(cells):
        return
    prev_cells[0] = f"{prev_cells[0].rstrip()} {first}"
    prev[target] = (top, "\t".join(prev_cells), tab)
    rest = [c.strip() for c in cells[1:] if c.strip()]
    if rest and all(c[:1].islower() for c in rest) and len(prev_cells) == len(cells):
        # a whole row broken over the page: every cell continues its text above
        for n in range(1, len(cells)):
            if cells[n].strip():
                prev_cells[n] = f"{prev_cells[n].rstrip()} {cells[n].strip()}".strip()
        prev[target] = (top, "\t".join(prev_cells), tab)
        items.pop(k)
    elif rest:
        items[k] = (items[k][0], "\t".join(["", *cells[1:]]), True)
    else:
        items.pop(k)
