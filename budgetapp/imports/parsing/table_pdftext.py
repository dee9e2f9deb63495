"""pdftotext-like tables: cells separated by spaces, headers row-wise or stacked, page debris.

See :mod:`.table_headers` for header rebuilding and :mod:`.table_text` for splitting a row's
numeric tail. This module walks the lines after a recognised header and collects the rows:
wrapped labels, block headers without values, page breaks with repeated headers and footnotes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from budgetapp.core.money import parse_number

from .extraction import CellValue, Line
from .table_common import DEBRIS_RE, FOOTNOTE_RE, UNIT_ONLY_RE, Built, ambiguity_warning, context_text, find_title
from .table_headers import (
    TextHeaderLine,
    build_columns,
    first_line_is_caption,
    header_is_strong,
    is_indicator_header,
    is_unit_caption,
    layout_spans,
    parse_text_header_line,
)
from .table_rows import JOINING_END_RE as _JOINING_END_RE
from .table_rows import RawRow
from .table_text import (
    TextRow,
    clean_label,
    fits_columns,
    hints_consistent,
    join_wrapped,
    leading_sign,
    place_values,
    shift_first_token,
    split_text_row,
    strip_markup,
)
from .titles import kind_of


def _header_block(lines: Sequence[Line], i: int, stop: int) -> tuple[list[TextHeaderLine], list[str], int, int]:
    """Header lines from ``i``: (header lines, unit captions inside, index of last header line, next)."""
    headers: list[TextHeaderLine] = []
    captions: list[str] = []
    last = i
    j = i
    while j < stop and j - i < 30:
        line = lines[j]
        if line.tabular:
            break
        text = line.text
        if not text.strip():
            j += 1
            continue
        h = parse_text_header_line(text)
        if h is not None and not (h.label_words and kind_of(text)):
            # (a document title "Delårsrapport april 2025" is never a header line)
            headers.append(h)
            last = j
            j += 1
            continue
        if is_unit_caption(text) and len(text.split()) <= 4:
            captions.append(text.strip())
            last = j
            j += 1
            continue
        break
    return headers, captions, last, last + 1


def _prev_nonblank(lines: Sequence[Line], i: int, lo: int) -> int | None:
    j = i - 1
    while j >= lo and not lines[j].text.strip():
        j -= 1
    return j if j >= lo else None


def _next_nonblank(lines: Sequence[Line], i: int, stop: int) -> int | None:
    j = i
    while j < stop and not lines[j].text.strip():
        j += 1
    return j if j < stop else None


def read_text_table(lines: Sequence[Line], i: int, stop: int) -> tuple[Built | None, int]:
    headers, captions, _last, nxt = _header_block(lines, i, stop)
    if not headers or not (header_is_strong(headers) or _indented_year_header(lines, i, nxt, stop, headers)):
        return None, i + 1
    if first_line_is_caption(headers):
        return None, i + 1  # the header starts on the next line; this one is its title
    label, columns = build_columns(headers)
    # a lone word right above the header is the label column's header ("Basuppdrag", "Personal")
    label_prefix = ""
    caption_above = ""
    prev = _prev_nonblank(lines, i, 0)
    if prev is not None and not lines[prev].tabular:
        ptext = strip_markup(lines[prev].text)
        if is_unit_caption(ptext):
            captions.insert(0, ptext)
            caption_above = ptext
        elif 0 < len(ptext.split()) <= 3 and not ptext.endswith(".") and not re.search(r"\d", ptext):
            label_prefix = ptext
    if label:
        label_prefix = ""  # the header names its own label column; the line above is a heading
    label_header = " ".join(x for x in (label_prefix, label) if x)
    if is_indicator_header([label_header, *columns]) or re.search(
        r"indikator", context_text(lines, i, 0, 4), re.IGNORECASE
    ):
        return None, nxt
    if caption_above and UNIT_ONLY_RE.match(caption_above):
        # "Driftredovisning" / "Belopp i tusentals kronor" / header: the heading names the table
        title = find_title(lines, prev, 0) if prev is not None else ""
        title = title or caption_above
    elif caption_above:
        title = caption_above
    else:
        title_from = prev if prev is not None and label_prefix else i
        title = find_title(lines, title_from, 0) or label_header
    built = Built(
        header_line=lines[i].no,
        label_header=label_header,
        columns=columns,
        title=title,
        captions=captions,
        context=context_text(lines, i, 0),
        page=lines[i].page,
    )
    spans = layout_spans(headers)
    if spans is not None and len(spans) == len(columns):
        built.col_spans = spans
    first_header_text = strip_markup(lines[i].text)
    k = _read_text_rows(lines, nxt, stop, built, first_header_text)
    return built, k


def _indented_year_header(lines: Sequence[Line], i: int, nxt: int, stop: int, headers: list[TextHeaderLine]) -> bool:
    """ "Nyckeltal" / "            2023      2024      2025" (layout text): a header of consecutive
    years alone, indented to the value columns, counts when the next line is a labelled row with
    one value per year."""
    if len(headers) != 1 or headers[0].label_words or not headers[0].phrases:
        return False
    if len(lines[i].text) - len(lines[i].text.lstrip(" ")) < 10:
        return False
    row = split_text_row(lines[i].text)
    if not _years_only(row):
        return False
    n = _next_nonblank(lines, nxt, stop)
    if n is None or lines[n].tabular:
        return False
    layout = _layout_cells(lines[n].text, [(a, b) for a, b, _ in headers[0].phrases])
    return layout is not None and bool(layout[0]) and all(v is not None for v in layout[1])


def _looks_like_block_header(line: Line, lines: Sequence[Line], k: int, stop: int) -> bool:
    text = line.text
    s = text.strip()
    trailing = len(text) - len(text.rstrip(" "))
    if trailing >= 2 and len(s) <= 100:
        return True
    if s.endswith("-") and len(s) <= 80:
        return True
    if len(s) <= 50 and not s.endswith("."):
        n = _next_nonblank(lines, k + 1, stop)
        return n is not None and not lines[n].tabular and split_text_row(lines[n].text).has_values
    return False


def _repeated_header_ahead(lines: Sequence[Line], k: int, stop: int, header_text: str, built: Built) -> int | None:
    """Index of the header repeated after a page break, when only page debris lies before it.

    Running page headers ("Tekniska nämnden, delårsrapport per 30 april 2025"), page numbers and
    form feeds sit between the last row on one page and the repeated header on the next; they are
    skipped only when the header really repeats within a few short lines, so a table that ends at
    a page break does not swallow the next section.
    """
    if not built.raw or len(header_text.split()) < 2:
        return None
    seen = 0
    j = k
    page_break = False
    last_page = lines[k - 1].page if k > 0 else None
    while j < stop and seen < 6:
        line = lines[j]
        if line.tabular:
            return None
        page_break = page_break or (line.page is not None and line.page != last_page)
        s = strip_markup(line.text)
        if s:
            if s == header_text:
                return j if page_break else None
            if FORTS_RE.search(s) and not split_text_row(line.text).has_values:
                # "Tabell 2. Driftredovisning (mnkr), forts.": the caption repeated on the next page
                page_break, seen, j = True, seen + 1, j + 1
                continue
            page_break = page_break or bool(DEBRIS_RE.match(s)) or bool(kind_of(s))
            if len(s) > 90 or (s.endswith(".") and not DEBRIS_RE.match(s)):
                return None
            if not DEBRIS_RE.match(s) and split_text_row(line.text).has_values and not kind_of(s):
                return None  # a data row, not page debris (a running title names the document kind)
            seen += 1
        j += 1
    return None


FORTS_RE = re.compile(r"(?:^|[\s,(–-])(?:forts\.?|fortsättning|fortsätter)\)?\.?$", re.IGNORECASE)
_DATE_END_RE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d$")


_PAGE_TAIL_RE = re.compile(r"\bsida\s+\d+\s*(?:av|/|\()\s*\d+\)?$", re.IGNORECASE)


def _is_running_line(s: str) -> bool:
    """A page header or footer: page number, a title naming the document kind, a line ending in a
    date or in "Sida 3 av 12"."""
    if DEBRIS_RE.match(s) or _DATE_END_RE.search(s) or _PAGE_TAIL_RE.search(s):
        return True
    # a title naming the document kind, unless it is a data row ("Summa förvaltningens internbudget 500 0 …")
    if not kind_of(s):
        return False
    row = split_text_row(s)
    # no values, or only a page number after the title ("…, delårsrapport augusti 2025        3")
    return not row.has_values or (len(row.segments) == 1 and re.fullmatch(r"\d{1,3}", row.segments[0][1]) is not None)


def _continued_after_page_break(lines: Sequence[Line], k: int, stop: int, built: Built) -> int | None:
    """Index of the next data row when the table goes on after a page break without its header.

    pdftotext -layout prints the footer ("Sida 3 av 12"), a form feed and the running header (title,
    date) between the last row on one page and the first on the next. Only such lines may lie
    between, a page break must be seen, and the next line must carry exactly one value per column
    (a fresh table there would start with its own header).
    """
    if not built.raw:
        return None
    ncols = len(built.columns)
    b = k - 1
    while b > 0 and lines[b].no > built.raw[-1].line:
        b -= 1
    last_page = lines[b].page if b >= 0 else None
    page_break = False
    seen = 0
    j = k
    while j < stop and seen < 6:
        line = lines[j]
        if line.tabular:
            return None
        page_break = page_break or (line.page is not None and line.page != last_page)
        s = strip_markup(line.text)
        if s:
            if not _is_running_line(s):
                break
            page_break = page_break or bool(DEBRIS_RE.match(s))
            seen += 1
        j += 1
    if not page_break or j >= stop or j == k or lines[j].tabular:
        return None
    text = lines[j].text
    if parse_text_header_line(text) is not None:
        return None
    row = split_text_row(text)
    if not row.has_values or not row.label or not fits_columns(row, ncols):
        return None
    values, _ = place_values(row, ncols, _column_magnitudes(built.raw, ncols))
    return j if sum(1 for v in values if v is not None) == ncols else None


def _years_only(row: TextRow) -> bool:
    """A row whose cells are two or more consecutive years (a header, never amounts)."""
    tokens = [seg for _, seg, special in row.segments for seg in seg.split()] if row.segments else []
    if len(tokens) < 2 or not all(re.fullmatch(r"(?:19|20)\d\d", t) for t in tokens):
        return False
    years = [int(t) for t in tokens]
    return all(b == a + 1 for a, b in itertools.pairwise(years))


_PHRASE_RE = re.compile(r"\S+(?: \S+)*")
_CELL_WORDS = {"i.u.", "iu", "n/a", "ej", "-", "–", "—", "−", "x", "..", "…", "ny", "*", "saknas"}


def _layout_cell(phrase: str) -> tuple[bool, CellValue]:
    """(is a single cell value, the value) for one phrase of a layout row."""
    value = parse_number(leading_sign(phrase))
    if value is not None:
        return True, value
    if phrase.lower() in _CELL_WORDS or re.match(r"^\([+\-−–]?\d[\d ,.]*\)$", phrase):
        return True, phrase
    return False, None


def _layout_cells(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[CellValue]] | None:
    """(label, cells) of a layout row whose values sit under the header's columns.

    pdftotext -layout right-aligns amounts under their headers and separates cells by two or more
    spaces, so each value phrase belongs to the column it overlaps (or ends nearest to). None when
    any value phrase is unclear: then the spacing hints and splitting rules decide.
    """
    phrases = [(m.start(), m.end(), m.group(0)) for m in _PHRASE_RE.finditer(text.replace("\u00a0", " "))]
    values: list[tuple[int, int, CellValue]] = []
    while len(phrases) > 1:
        start, end, phrase = phrases[-1]
        ok, cell = _layout_cell(phrase)
        if not ok or start < spans[0][0] - 4:
            break
        values.insert(0, (start, end, cell))
        phrases.pop()
    if not values or not phrases or phrases[-1][1] > spans[0][0]:
        return None
    cells: list[CellValue] = [None] * len(spans)
    last = -1
    for start, end, cell in values:
        hits = [k for k, (a, b) in enumerate(spans) if min(b, end) - max(a, start) > 0]
        if len(hits) != 1:
            near = min(range(len(spans)), key=lambda k: abs(spans[k][1] - end))
            if hits or abs(spans[near][1] - end) > 3:
                return None
            hits = [near]
        if hits[0] <= last:
            return None
        last = hits[0]
        cells[last] = cell
    return " ".join(p[2] for p in phrases), cells


def _give_back_label_number(row: TextRow, label_text: str, ncols: int) -> tuple[TextRow, str]:
    """ "Ombyggnad Drottninggatan, etapp 2 64,0 12,1 …": a number that belongs to the label.

    When the numeric tail cannot be read as at most ``ncols`` numbers, its first token (an
    "etapp 2", "kv. 3") is moved back to the label, once or twice, until it can.
    """
    if not row.segments or row.segments[0][2] or not re.match(r"\d{1,2} ", row.segments[0][1]):
        return row, label_text  # cheap exit: no small leading number that could end a label
    current, text = row, label_text
    for _ in range(2):
        if fits_columns(current, ncols):
            return current, text
        shifted = shift_first_token(current)
        if shifted is None or not shifted.segments:
            break
        current, text = shifted, shifted.label
    return (current, text) if fits_columns(current, ncols) else (row, label_text)


def _column_magnitudes(raw: list[RawRow], ncols: int) -> list[int | None]:
    """Largest digit count seen so far in each column (rows above), for splitting digit runs."""
    out: list[int | None] = [None] * ncols
    for r in raw:
        for c, v in enumerate(r.values[:ncols]):
            if isinstance(v, Decimal) and v != 0:
                d = len(str(abs(int(v))))
                seen = out[c]
                out[c] = d if seen is None else max(seen, d)
    return out


def _read_text_rows(lines: Sequence[Line], k: int, stop: int, built: Built, header_text: str) -> int:
    ncols = len(built.columns)
    pending: tuple[str, int, bool] | None = None  # wrapped label or block header awaiting values
    blank = False

    def flush_pending() -> None:
        nonlocal pending
        if pending is not None:
            label, _ = clean_label(pending[0])
            built.raw.append(RawRow(label=label, values=[None] * ncols, line=pending[1], blank_before=pending[2]))
            pending = None

    while k < stop:
        line = lines[k]
        if line.tabular:
            break
        text = line.text
        s = strip_markup(text)
        if not s:
            blank = True
            k += 1
            continue
        if DEBRIS_RE.match(s) or (text.startswith("  ") and len(s) > 40 and not split_text_row(text).has_values):
            k += 1
            continue
        if s == header_text:
            _, _, _, k = _header_block(lines, k, stop)
            continue
        repeat = _repeated_header_ahead(lines, k, stop, header_text, built)
        if repeat is not None:
            k = repeat  # page header/footer lines before the header repeated on the next page
            continue
        if _is_running_line(s):
            cont = _continued_after_page_break(lines, k, stop, built)
            if cont is not None and cont > k:
                k = cont  # the table goes on on the next page without repeating its header
                continue
            if built.raw:
                break  # a running page header/footer ends the table; it is never a row
        h = parse_text_header_line(text)
        if h is not None and header_is_strong([h]):
            break
        row = split_text_row(text)
        if (blank or pending is not None) and _years_only(row):
            # "Nyckeltal" / "2023  2024  2025": the title and header of the next table
            if pending is not None:
                while k > 0 and lines[k].no != pending[1]:
                    k -= 1
                pending = None
            break
        layout = _layout_cells(text, built.col_spans) if built.col_spans else None
        if layout is not None and not row.has_values:
            row = TextRow(label=layout[0], segments=[(0, "", True)])
        if row.has_values and len(row.label) <= 100:
            label_text = layout[0] if layout is not None else row.label
            line_no = line.no
            if pending is not None:
                p_text = pending[0]
                wrapped = not label_text or label_text[0].islower() or label_text[0] in ")]" or p_text.endswith("-")
                if wrapped and not p_text.rstrip().endswith(":") and not label_text.lower().startswith("varav"):
                    label_text = join_wrapped(p_text, label_text)
                    line_no = pending[1]
                    blank_before = pending[2]
                    pending = None
                else:
                    flush_pending()
                    blank_before = blank
            else:
                blank_before = blank
            if layout is not None:
                values, ambiguous = list(layout[1]), False
            else:
                row, label_text = _give_back_label_number(row, label_text, ncols)
                values, ambiguous = place_values(row, ncols, _column_magnitudes(built.raw, ncols))
            label, marks = clean_label(label_text)
            short = sum(1 for v in values if v is not None) < ncols
            exact = short and hints_consistent(row, ncols, values)
            built.raw.append(
                RawRow(label=label, values=values, line=line_no, blank_before=blank_before, footnotes=tuple(marks),
                       realign=short and not exact, hinted=exact)
            )
            if ambiguous:
                built.warnings.append(ambiguity_warning(line, label, list(values)))
            blank = False
            k += 1
            continue
        if FOOTNOTE_RE.match(s):
            break
        if (
            pending is None and built.raw and not blank and s[0].islower() and len(s.split()) <= 4
            and not re.match(r"(?:varav|därav)\b", s) and _JOINING_END_RE.search(built.raw[-1].label)
        ):
            # "Kollektivtrafik och   80 000 …" / "färdtjänst": the label wrapped below its values
            built.raw[-1].label = join_wrapped(built.raw[-1].label, s)
            k += 1
            continue
        if pending is not None and (pending[0].endswith("-") or s[0].islower()):
            pending = (join_wrapped(pending[0], s), pending[1], pending[2])
            k += 1
            continue
        if not _looks_like_block_header(line, lines, k, stop):
            break
        flush_pending()
        pending = (s, line.no, blank)
        blank = False
        k += 1
    flush_pending()
    return k

