"""Find every numeric table in a document's lines, in TAB (docx-like) and pdftotext-like layout.

Entry point: :func:`find_tables`. Tables are recognised by their header vocabulary and by the
shape of their rows, never by line numbers or by labels of one known document, because the
importer must read next year's documents from other förvaltningar. Goal/indicator tables are left
to ``goals.py`` (see :func:`~.table_headers.is_indicator_header`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from budgetapp.core.money import parse_number

from .checks import MONEY_KINDS, check_table
from .cross_checks import check_across_tables, check_scale
from .extraction import Line, ParseWarning, Table
from .table_align import realign_rows
from .table_common import FOOTNOTE_RE, UNIT_ONLY_RE, Built, context_text, find_title
from .table_headers import (
    is_indicator_header,
    is_unit_caption,
    parse_text_header_line,
    tab_header_kind,
    unit_from_text,
)
from .table_kinds import classify_table, default_unit
from .table_lists import find_list_table
from .table_pdftext import read_text_table
from .table_rows import RawRow, join_wrapped_rows, type_rows
from .table_text import clean_label, is_year, parse_cell, strip_markup
from .table_units import MIXED, apply_row_units, unreadable_cells

__all__ = ["find_tables", "is_indicator_header"]


def find_tables(
    lines: Sequence[Line], document_index: int = 0, start: int = 0, end: int | None = None
) -> tuple[list[Table], list[ParseWarning]]:
    """All numeric tables in ``lines[start:end]`` (0-based indexes, like a slice).

    Returns the tables in document order and the warnings raised while reading them: ambiguous
    number splits and failed sum checks (see :mod:`.checks`). Printed figures are never changed.
    """
    stop = len(lines) if end is None else min(end, len(lines))
    i = max(start, 0)
    built: list[Built] = []
    while i < stop:
        line = lines[i]
        if line.tabular:
            from_run, i = _read_tab_run(lines, i, stop)
            built.extend(from_run)
            continue
        header = parse_text_header_line(line.text)
        if header is not None:
            found, nxt = read_text_table(lines, i, stop)
            if found is not None:
                built.append(found)
            i = max(nxt, i + 1)
            continue
        listed, nxt = find_list_table(lines, i, stop)
        if listed is not None:
            title = find_title(lines, i, start)
            built.append(
                Built(
                    header_line=lines[i].no,
                    label_header="",
                    columns=listed.columns,
                    raw=listed.rows,
                    title=title,
                    captions=[listed.unit_text],
                    page=lines[i].page,
                    kind_hint="frame_adjustments",
                )
            )
            i = nxt
            continue
        i += 1
    tables: list[Table] = []
    warnings: list[ParseWarning] = []
    for b in built:
        table = _finish(b, document_index)
        if table is None:
            continue
        tables.append(table)
        warnings.extend(b.warnings)
        warnings.extend(unreadable_cells(table))
        warnings.extend(check_table(table))
        warnings.extend(check_scale(table))
    warnings.extend(check_across_tables(tables))
    return tables, warnings




def _finish(b: Built, document_index: int) -> Table | None:
    if not any(isinstance(v, Decimal) for r in b.raw for v in r.values):
        return None
    headerless = not b.label_header and all(c.startswith("Kolumn ") for c in b.columns)
    if headerless and (len(b.columns) < 2 or re.match(r"innehåll", b.title, re.IGNORECASE)):
        return None  # a table of contents or a lone figure, not a numeric table
    while b.raw and all(v is None for v in b.raw[-1].values):
        b.raw.pop()  # a heading swallowed at the end is not part of the table
    row_units = apply_row_units(b)
    labels = [r.label for r in b.raw]
    kind = b.kind_hint or classify_table(b.title, b.label_header, b.columns, labels, b.context)
    if row_units and kind in ("other_numeric", "operating_summary", "volume"):
        kind = "volume"  # a key-figure table mixing kr, %, antal …: key figures, not money
    if kind in MONEY_KINDS:
        _accounting_parentheses(b.raw)
    unit = default_unit(kind, b.label_header, *b.captions, " ".join(b.columns), b.title)
    if kind in MONEY_KINDS and not any(unit_from_text(t) for t in (b.label_header, *b.captions, *b.columns, b.title)):
        unit = _implied_unit(b, unit)
    if any(r.realign or r.hinted for r in b.raw):

        def failures() -> int:
            trial = Table(kind=kind, title=b.title, unit=unit, page_or_line=b.header_line,
                          columns=list(b.columns), rows=_typed(b.raw, kind))
            return len(check_table(trial))

        realign_rows(b.raw, len(b.columns), failures if kind in MONEY_KINDS else None)
    rows = _typed(b.raw, kind)
    if row_units:
        for k, row in enumerate(rows):
            row.unit = row_units.get(k)
        distinct = set(row_units.values())
        unit = MIXED if len(distinct) > 1 else next(iter(distinct))
    title = b.title
    if kind == "unit_budget" or not title:
        title = b.label_header or title or (b.captions[0] if b.captions else "")
    return Table(
        kind=kind,
        title=title,
        unit=unit,
        page_or_line=b.header_line,
        columns=list(b.columns),
        rows=rows,
        document_index=document_index,
        page=b.page,
    )


def _typed(raw: list[RawRow], kind: str) -> list:
    rows = type_rows(raw, kind)
    if kind == "frame_adjustments":
        _type_frame_list(rows)
    return rows


def _implied_unit(b: Built, default: str) -> str:
    """Unit of a money table whose header names none: the sentence just above ("… 164,0 mnkr"),
    else mnkr when the amounts are printed with one decimal (tkr tables print whole numbers)."""
    named = unit_from_text(b.context) if b.context else None
    if named in ("tkr", "mnkr", "mdkr"):
        return named
    amounts = [v for r in b.raw for v in r.values if isinstance(v, Decimal) and v != 0 and not is_year(str(v))]
    with_decimals = [v for v in amounts if v != v.to_integral_value() or "." in str(v)]
    if amounts and len(with_decimals) * 2 > len(amounts):
        return "mnkr"
    return default


_PAREN_NUMBER_RE = re.compile(r"^\(\s*(\d[\d\s.,]*)\)$")
_BASE_FRAME_RE = re.compile(
    r"^(?:(?:budget|budgetram|ram|kommunbidrag|kf-ram)\s+(?:19|20)\d\d|ingående\s+(?:budget)?ram|utgångsläge)\b",
    re.IGNORECASE,
)


def _accounting_parentheses(raw: list[RawRow]) -> None:
    """ "(500)" in a money table's cell is a negative amount (accounting style, a cut).

    Only whole cells count ("(1 500)"); years in parentheses stay text. In prose and in goal
    tables parentheses keep their other meanings (DOMAIN §3.1), which is why this is not done in
    :func:`~budgetapp.core.money.parse_number`.
    """
    for r in raw:
        for n, v in enumerate(r.values):
            if isinstance(v, str):
                m = _PAREN_NUMBER_RE.match(v.strip())
                if m and not is_year(m.group(1).strip()):
                    number = parse_number(m.group(1))
                    if number is not None:
                        r.values[n] = -number


def _type_frame_list(rows: list) -> None:
    """A ramjusteringar table: base frame first ("Budget 2025"), adjustments, resulting frame."""
    base: str | None = None
    for n, r in enumerate(rows):
        if n == 0 and r.row_type == "line" and _BASE_FRAME_RE.match(r.label):
            r.row_type = "frame"
            base = r.label
        elif r.row_type == "line":
            r.row_type = "change"
            r.parent = base
        elif r.row_type in ("frame", "sum") and base is not None and r.label != base and r.parent is None:
            r.parent = base
            r.row_type = "frame"



# --------------------------------------------------------------------------------------------
# TAB (docx-like) tables
# --------------------------------------------------------------------------------------------


def _is_blank(line: Line) -> bool:
    return not line.text.strip()


def _tab_run_end(lines: Sequence[Line], i: int, stop: int) -> int:
    """End (exclusive) of a run of TAB lines. Blank lines and footnotes inside the run are
    allowed when the run continues with a TAB row of the same width that is not a new header
    (001:541 has a blank line inside a stab table, 001:348-352 footnotes inside a driftsammandrag)."""
    width = len(lines[i].cells)
    j = i
    while j < stop:
        if lines[j].tabular:
            width = len(lines[j].cells) if tab_header_kind(lines[j].cells) else width
            j += 1
            continue
        k = j
        blanks = 0
        while k < stop and not lines[k].tabular and (_is_blank(lines[k]) or FOOTNOTE_RE.match(lines[k].text.strip())):
            blanks += _is_blank(lines[k])
            k += 1
        footnotes = (k - j) - blanks
        if (
            k < stop
            and k > j
            and lines[k].tabular
            and len(lines[k].cells) == width
            and tab_header_kind(lines[k].cells) is None
            and (footnotes > 0 or blanks <= 2)
        ):
            j = k
            continue
        break
    return j


def _is_indicator_row(cells: Sequence[str]) -> bool:
    """A value-less TAB row that heads a goal/indicator table ("Nämndmål | Nämndindikator | 2022")."""
    if any(isinstance(parse_cell(c), Decimal) and not re.fullmatch(r"(19|20)\d\d", c.strip()) for c in cells[1:]):
        return False
    return is_indicator_header(cells) and sum(1 for c in cells if c.strip()) >= 2


def _indicator_context(lines: Sequence[Line], j: int) -> bool:
    """Whether the nearest TAB header above ``j`` (within 80 lines) is an indicator header."""
    for k in range(j - 1, max(-1, j - 80), -1):
        if lines[k].tabular and (_is_indicator_row(lines[k].cells) or tab_header_kind(lines[k].cells) == "header"):
            return is_indicator_header(lines[k].cells)
    return False


def _read_tab_run(lines: Sequence[Line], i: int, stop: int) -> tuple[list[Built], int]:
    end = _tab_run_end(lines, i, stop)
    tables: list[Built] = []
    current: Built | None = None
    header_rows: list[tuple[str, ...]] = []
    skipping = False  # inside an indicator table
    blank = False
    for j in range(i, end):
        line = lines[j]
        if not line.tabular:
            s = line.text.strip()
            if not s:
                blank = True
            elif current is not None and not skipping:
                # a footnote between rows of one table (001:348-352) is kept as a note row
                current.raw.append(RawRow(label=s, values=[None] * len(current.columns), line=line.no))
            continue
        cells = line.cells
        if _is_indicator_row(cells):
            if current is not None and current.raw:
                tables.append(current)
            current, header_rows, skipping = None, [], True
            continue
        if current is not None and not current.raw and header_rows and _header_continuation(cells):
            # "Utfall | Budget | Avvikelse" / " | 2025 | 2025 | mot budget": one header over two rows
            header_rows.append(cells)
            current = _tab_table_from_headers(lines, header_rows, j)
            continue
        if tab_header_kind(cells) == "header":
            if is_indicator_header(cells):
                if current is not None and current.raw:
                    tables.append(current)
                current, header_rows, skipping = None, [], True
                continue
            candidate_columns = [strip_markup(c) for c in cells[1:]]
            if (
                current is not None
                and current.raw
                and any(candidate_columns == [strip_markup(c) for c in h[1:]] for h in header_rows)
            ):
                # the same header again: a new section of one table (004:305-318)
                group = strip_markup(cells[0])
                if group and not is_unit_caption(group):
                    current.raw.append(RawRow(label=group, values=[None] * len(current.columns), line=line.no))
                blank = False
                continue
            if current is not None and current.raw:
                tables.append(current)
                current = None
                header_rows = []
            header_rows.append(cells)
            skipping = False
            current = _tab_table_from_headers(lines, header_rows, j)
            blank = False
            continue
        if skipping:
            continue
        if current is None:
            if _indicator_context(lines, j):
                skipping = True
                continue
            width = max(len(cells) - 1, 1)
            current = Built(
                header_line=line.no,
                label_header="",
                columns=[f"Kolumn {n}" for n in range(1, width + 1)],
                title=find_title(lines, j, 0),
                context=context_text(lines, j, 0),
                page=line.page,
            )
        label_cell = cells[0] if cells else ""
        values = [parse_cell(c) for c in cells[1:]]
        if not current.raw and not any(v is not None for v in values) and is_unit_caption(label_cell):
            current.captions.append(strip_markup(label_cell))
            continue
        if len(values) > len(current.columns):
            current.columns.extend([""] * (len(values) - len(current.columns)))
            for r in current.raw:
                r.values.extend([None] * (len(current.columns) - len(r.values)))
        values.extend([None] * (len(current.columns) - len(values)))
        label, marks = clean_label(label_cell)
        current.raw.append(
            RawRow(
                label=label,
                values=values,
                line=line.no,
                blank_before=blank,
                italic="<i>" in label_cell.lower(),
                footnotes=tuple(marks),
            )
        )
        blank = False
    if current is not None and current.raw:
        tables.append(current)
    for b in tables:
        b.raw = join_wrapped_rows(b.raw)
    return tables, max(end, i + 1)


def _header_continuation(cells: Sequence[str]) -> bool:
    """The second row of a two-row TAB header: empty label cell, short words or years only, no amounts."""
    if strip_markup(cells[0]):
        return False
    values = [strip_markup(c) for c in cells[1:] if strip_markup(c)]
    return bool(values) and all(
        is_year(v) or (len(v.split()) <= 3 and len(v) <= 30 and not isinstance(parse_cell(v), Decimal)) for v in values
    )


def _tab_table_from_headers(lines: Sequence[Line], header_rows: list[tuple[str, ...]], idx: int) -> Built:
    """A table from its header rows; ``idx`` is the index of the last header row."""
    line = lines[idx]
    last = header_rows[-1]
    columns = [strip_markup(c) for c in last[1:]]
    if len(header_rows) > 1:
        groups: list[str] = []
        current_group = ""
        for c in header_rows[-2][1:]:
            current_group = strip_markup(c) or current_group
            groups.append(current_group)
        seen = list(columns)
        years_only = all(is_year(c) for c in columns if c) and any(columns)
        above = [strip_markup(c) for c in header_rows[-2][1:]]
        # every named column has its own word above it ("Nettokostnad" over "budget 2026"): one name
        stacked = any(columns) and all(n < len(above) and above[n] for n, c in enumerate(columns) if c) and all(
            not c or c[:1].islower() or is_year(c.split()[-1]) for c in columns)
        for n, c in enumerate(columns):
            if (years_only or stacked) and n < len(groups) and groups[n]:
                # "Bokslut | Budget | Plan" over "2024 | 2025 | 2026": one name per column; a merged
                # group cell ("Budget" over 2025 and 2026) names every column it spans
                columns[n] = f"{groups[n]} {c}".strip()
            elif seen.count(c) > 1 and n < len(groups) and groups[n]:
                columns[n] = f"{c} ({groups[n]})"
    label_header = strip_markup(last[0]) if last else ""
    captions = [strip_markup(h[0]) for h in header_rows[:-1] if h and strip_markup(h[0])]
    if not label_header and captions and not is_unit_caption(captions[-1]):
        label_header = captions.pop()  # "Verksamhet" on the first of two header rows
    first_header_idx = idx - (len(header_rows) - 1)
    up = first_header_idx - 1
    while up >= 0 and not lines[up].tabular and not lines[up].text.strip():
        up -= 1
    if up >= 0 and not lines[up].tabular and UNIT_ONLY_RE.match(strip_markup(lines[up].text)):
        captions.insert(0, strip_markup(lines[up].text))  # "Belopp i kronor" right above the header
    title = find_title(lines, first_header_idx, 0)
    return Built(
        header_line=line.no - (len(header_rows) - 1),
        label_header=label_header,
        columns=columns,
        title=title,
        captions=captions,
        context=context_text(lines, first_header_idx, 0) + " " + " ".join(captions),
        page=line.page,
    )


