"""Ledger exports of actuals (utfall) from .xlsx or .csv → an :class:`Extraction` with one "ledger" table.

One booking is an org unit code (``OrgNode.code``), an account or line kind, a period and an
amount. Where the file keeps them is found by :mod:`.ledger_detect` (header row by its words,
columns by Swedish synonyms) unless the admin's :class:`LedgerMapping` names the columns; both
long files (one row per period, with Belopp, Ack utfall or Debet/Kredit) and wide ones (one column
per month) are read. Totals and subtotals are skipped so nothing is counted twice. Rows are summed
per (code, cost/revenue, month) and converted to tkr; revenue and cost are stored as positive
amounts, so a file that books revenue as negative credits is flipped. Amounts accumulated in the
file ("Ack utfall") are marked so the planner stores them as they are instead of accumulating them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from budgetapp.core import money

from . import ledger_detect as detect
from .parsing.extraction import DocumentInfo, Extraction, ImportParseError, ParseWarning, Table, TableRow

FIELDS = ("org_code", "line_kind", "period", "amount")
FIELD_LABELS = detect.FIELD_LABELS
MONTHS = detect.MONTH_WORDS
MAX_ROWS = 500_000
HEAD_ROWS = 60
#: Column label of the ledger table's amounts when they are year-to-date already (read by the planner).
YTD_COLUMN = "Ack. belopp"
_EMPTY_AMOUNTS = ("", "-", "–", "—")


def _rows_csv(data: bytes) -> Iterator[tuple[int, list]]:
    text, _encoding = detect.decode(data)
    delimiter = detect.sniff_delimiter(text)
    yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)


def _rows_xlsx(data: bytes) -> Iterator[tuple[int, list]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportParseError(f"Excel-filen kunde inte läsas ({exc.__class__.__name__}).", line=1) from exc
    try:
        sheet = book.worksheets[0]
        for no, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield no, list(row)
    finally:
        book.close()


def looks_like_ledger(data: bytes) -> bool:
    """A text upload is a ledger CSV when a ';' or tab separated header we can map is among its first lines."""
    try:
        text, _encoding = detect.decode(data[:8192])
    except ImportParseError:
        return False
    delimiter = detect.sniff_delimiter(text)
    if delimiter not in (";", "\t"):
        return False
    rows = list(enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1))[:detect.HEADER_SCAN_ROWS]
    try:
        layout = detect.detect_layout(rows)
    except ImportParseError:
        return False
    return "org_code" in layout.columns and len(layout.header) >= 3


def suggest_mapping(data: bytes, fmt: str) -> dict:
    """The columns a file's header suggests, as mapping-form values ({} when no header is recognised)."""
    try:
        rows = _rows_xlsx(data) if fmt == "xlsx" else _rows_csv(data)
        head = list(itertools.islice(rows, HEAD_ROWS))
        layout = detect.detect_layout(head)
    except ImportParseError:
        return {}
    options = layout.as_options()
    unit = layout.unit or detect.metadata_unit(head, layout.header_line)
    if unit:
        options["amount_unit"] = unit
    return options


def _col(index: int, fmt: str) -> str:
    if fmt == "xlsx":
        from openpyxl.utils import get_column_letter

        return f"cell {get_column_letter(index + 1)}"
    return f"kolumn {index + 1}"


def _measure(value: str, where: str, line: int) -> str:
    text = value.strip().casefold()
    digits = re.match(r"^\d+", text)
    if digits:
        first = digits.group(0)[0]
        if first == "3":
            return "revenue"
        if first in "45678":
            return "cost"
    if "intäkt" in text or text in ("revenue", "i"):
        return "revenue"
    if "kostnad" in text or text in ("cost", "k"):
        return "cost"
    raise ImportParseError(f"{where}: ”{value}” är varken ett intäkts- (3xxx) eller kostnadskonto (4xxx–8xxx) "
                           "eller texten Intäkt/Kostnad.", line=line)


def _period(value, default_year: int | None, where: str, line: int) -> tuple[int, int]:
    """"2026-03", "202603", "2026P03", "mars", "Mars 2026", "P03", "3", a date → (year, month 1–16)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.year, value.month
    text = detect.normalise(detect.cell_text(value))
    m = re.match(r"^((?:19|20)\d\d)\s*p?\s*(\d{1,2})(?: \d{1,2})?$", text)  # 2026-03, 202603, 2026P03, 2026-03-31
    if m and 1 <= int(m.group(2)) <= 16:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"^(\d{1,2}) ((?:19|20)\d\d)$", text)  # 03-2026
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)), int(m.group(1))
    m = re.match(r"^([a-zåäö]{3})[a-zåäö]*\s*((?:19|20)\d\d)?$", text)
    if m and m.group(1) in MONTHS:
        year = int(m.group(2)) if m.group(2) else default_year
        if year:
            return year, MONTHS[m.group(1)]
    m = re.fullmatch(r"(?:p|per|period)?\s*(\d{1,2})", text)
    if m and 1 <= int(m.group(1)) <= 16 and default_year:
        return default_year, int(m.group(1))
    raise ImportParseError(f"{where}: perioden ”{detect.cell_text(value)}” kunde inte läsas; använd t.ex. "
                           "2026-03, 202603, Mars 2026 eller P03 (och ange år i kolumnmappningen om perioden "
                           "bara anger månad).", line=line)


def _amount(value, where: str, line: int) -> Decimal | None:
    """A booked amount as printed ("12 345,67", "-1 234,50", "(1 234,50)", "1 234,50-"); None when empty."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = detect.cell_text(value)
    if text in _EMPTY_AMOUNTS:
        return None
    text = re.sub(r"\s*(?:kr|sek|:-)$", "", text, flags=re.IGNORECASE)
    parsed = money.parse_number(text, parentheses_negative=True, trailing_minus=True)
    if parsed is None:
        raise ImportParseError(f"{where}: beloppet ”{text}” är inget tal.", line=line)
    return parsed


class _Reader:
    """One pass over the data rows of a recognised layout, collecting bookings and what was skipped."""

    def __init__(self, layout: detect.Layout, head: list[tuple[int, list]], options: dict, fmt: str) -> None:
        self.layout, self.fmt = layout, fmt
        self.columns = layout.columns
        self.meta = detect.metadata_period(head, layout.header_line)
        self.year_hint = (options.get("year") or (self.meta[0] if self.meta else None)
                          or detect.metadata_year(head, layout.header_line, layout.header))
        self.ytd = layout.amount_is_ytd
        self.fixed_month: int | None = None
        self._require(options)
        self.sums: dict[tuple[str, str, int], Decimal] = {}
        self.first_line: dict[tuple[str, str, int], int] = {}
        self.years: set[int] = set()
        self.totals: list[int] = []
        self.blank_codes: list[int] = []
        self.closing_periods: list[int] = []

    def where(self, role_or_index: str | int, line: int) -> str:
        index = self.columns[role_or_index] if isinstance(role_or_index, str) else role_or_index
        name = self.layout.header[index] if index < len(self.layout.header) else ""
        return f"{_col(index, self.fmt)}{f' (”{name}”)' if name else ''}"

    def _require(self, options: dict) -> None:
        cols, line = self.columns, self.layout.header_line
        shown = ", ".join(h for h in self.layout.header if h)
        header = {detect.normalise(h) for h in self.layout.header}
        for role in ("org_code", "line_kind", "period", "amount", "debit", "credit"):
            wanted = str(options.get(f"{role}_column") or "")
            if wanted and not options.get("suggested") and detect.normalise(wanted) not in header:
                raise ImportParseError(f"Kolumnen för {FIELD_LABELS[role]} (”{wanted}”) finns inte i rubrikraden; "
                                       f"kolumnerna är: {shown}.", line=line)
        missing = [r for r in ("org_code", "line_kind") if r not in cols]
        has_amount = self.layout.wide or any(r in cols for r in ("amount", "ytd_amount")) or (
            "debit" in cols and "credit" in cols)
        if not has_amount:
            missing.append("amount")
        if missing:
            names = " och ".join(f"{FIELD_LABELS[r]} (t.ex. ”{detect.SYNONYMS[r][0].capitalize()}”)" for r in missing)
            raise ImportParseError(f"Kolumnen för {names} finns inte i rubrikraden; kolumnerna är: {shown}. "
                                   "Ange kolumnens namn i kolumnmappningen.", line=line)
        if "period" in cols or self.layout.wide:
            return
        if self.meta is None:
            raise ImportParseError("Filen har ingen periodkolumn och ingen rad ”Period: …” ovanför rubrikraden; "
                                   f"ange periodkolumnen i kolumnmappningen (kolumnerna är: {shown}).", line=line)
        _year, first, last = self.meta
        if first == last:
            self.fixed_month = last
        elif first == 1:
            self.fixed_month, self.ytd = last, True  # Jan–m summed = outcome through m
        else:
            raise ImportParseError(f"Filen saknar periodkolumn och perioden ovanför rubriken (månad {first}–{last}) "
                                   "börjar inte i januari; beloppen kan inte fördelas på månader.", line=line)

    def read(self, rows: Iterator[tuple[int, list]]) -> None:
        header_norm = [detect.normalise(h) for h in self.layout.header]
        count = 0
        for no, raw in rows:
            if no <= self.layout.header_line:
                continue
            texts = [detect.cell_text(c) for c in raw]
            repeated = sum(1 for h, t in zip(header_norm, texts, strict=False) if h and detect.normalise(t) == h)
            if not any(texts) or repeated >= 2:
                continue  # blank line or a header repeated after a page break
            count += 1
            if count > MAX_ROWS:
                raise ImportParseError(f"Filen har fler än {MAX_ROWS} rader.", line=no)
            self.row(no, raw, texts)

    def _cell(self, raw: list, index: int):
        return raw[index] if index < len(raw) else None

    def _bookings(self, no: int, raw: list) -> list[tuple[int | None, int | None, Decimal]]:
        """(year, month, amount) per amount cell; month None = read from the period column."""
        cols = self.columns
        if self.layout.wide:
            out: list[tuple[int | None, int | None, Decimal]] = []
            for index, (year, month) in sorted(self.layout.month_columns.items()):
                value = _amount(self._cell(raw, index), self.where(index, no), no)
                if value is not None:
                    out.append((year, month, value))
            return out
        role = "ytd_amount" if self.layout.amount_is_ytd else "amount"
        if role in cols:
            value = _amount(self._cell(raw, cols[role]), self.where(role, no), no)
        else:
            debit = _amount(self._cell(raw, cols["debit"]), self.where("debit", no), no)
            credit = _amount(self._cell(raw, cols["credit"]), self.where("credit", no), no)
            value = None if debit is None and credit is None else (debit or Decimal(0)) - (credit or Decimal(0))
        return [] if value is None else [(None, None, value)]

    def row(self, no: int, raw: list, texts: list[str]) -> None:
        cols = self.columns
        bookings = self._bookings(no, raw)
        if not bookings:
            return  # a heading row ("4100 Ekonomistaben") or an empty detail row
        code_cell = texts[cols["org_code"]] if cols["org_code"] < len(texts) else ""
        kind_cell = texts[cols["line_kind"]] if cols["line_kind"] < len(texts) else ""
        first_text = next((t for t in texts if t), "")
        if any(detect.is_total_label(t) for t in (code_cell, kind_cell, first_text)):
            self.totals.append(no)
            return
        if not code_cell:
            self.blank_codes.append(no)
            return
        code = detect.split_code(code_cell)
        measure = _measure(kind_cell, self.where("line_kind", no), no)
        for year, month, amount in bookings:
            if month is None and self.fixed_month is not None:
                year, month = self.meta[0] if self.meta else self.year_hint, self.fixed_month
            elif month is None:
                year, month = _period(self._cell(raw, cols["period"]), self.year_hint, self.where("period", no), no)
            year = year or self.year_hint
            if year is None:
                raise ImportParseError(f"{self.where(next(iter(self.layout.month_columns)), no)}: året framgår "
                                       "inte av filen; ange år i kolumnmappningen.", line=no)
            if month > 12:  # bokslutsperioder 13–16 (Agresso) belong to December's outcome
                self.closing_periods.append(no)
                month = 12
            self.years.add(year)
            key = (code, measure, month)
            self.sums[key] = self.sums.get(key, Decimal(0)) + amount
            self.first_line.setdefault(key, no)

    def warnings(self, suggested: bool) -> list[ParseWarning]:
        out = []
        line = self.layout.header_line
        if suggested:
            out.append(ParseWarning(line, "Kolumnerna föreslogs utifrån rubrikraden; kontrollera dem innan du "
                                          "bekräftar. " + self.layout.describe()))
        if self.fixed_month is not None and self.meta:
            kind = "ackumulerat till och med" if self.ytd else "bokfört i"
            out.append(ParseWarning(line, f"Perioden är hämtad ur rubriken ovanför tabellen: beloppen är {kind} "
                                          f"månad {self.fixed_month} {self.meta[0]}."))
        for lines, text in ((self.totals, "summarader (Summa/Totalt/Delsumma)"),
                            (self.blank_codes, "rader med belopp men utan ansvarskod (delsummor)"),
                            (self.closing_periods, "rader i bokslutsperiod 13–16, räknade till december")):
            if lines:
                shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
                verb = "lästes" if lines is self.closing_periods else "hoppades över så att inget räknas två gånger"
                out.append(ParseWarning(lines[0], f"{len(lines)} {text} {verb} (rad {shown})."))
        return out


def read_ledger(data: bytes, filename: str, options: dict, fmt: str) -> Extraction:
    rows = _rows_xlsx(data) if fmt == "xlsx" else _rows_csv(data)
    head = list(itertools.islice(rows, HEAD_ROWS))
    layout = detect.detect_layout(head, options)
    reader = _Reader(layout, head, options, fmt)
    reader.read(itertools.chain(head, rows))
    unit = options.get("amount_unit") or layout.unit or detect.metadata_unit(head, layout.header_line) or "kr"
    sums, header_line = reader.sums, layout.header_line
    if not sums:
        raise ImportParseError("Filen innehåller inga utfallsrader under rubrikraden.", line=header_line)
    if len(reader.years) > 1:
        raise ImportParseError(f"Filen innehåller flera år ({', '.join(map(str, sorted(reader.years)))}); "
                               "importera ett år i taget.", line=header_line)
    year = reader.years.pop()
    sums = {key: money.to_tkr(amount, unit) for key, amount in sums.items()}
    flip = {m for m in ("revenue", "cost") if sum(v for (_, mm, _), v in sums.items() if mm == m) < 0}
    table_rows = [
        TableRow(label=code, values=[measure, Decimal(month), -amount if measure in flip else amount],
                 line=reader.first_line[(code, measure, month)])
        for (code, measure, month), amount in sorted(sums.items())
    ]
    months = sorted({m for (_, _, m) in sums})
    title = f"Utfall {year} månad {months[0]}–{months[-1]}"
    info = DocumentInfo(kind="ledger", title=title, organisation=options.get("name") or "Redovisning",
                        year=year, first_line=header_line, last_line=max(reader.first_line.values()))
    table = Table(kind="ledger", title=title, unit="tkr", page_or_line=header_line,
                  columns=["Slag", "Månad", YTD_COLUMN if reader.ytd else "Belopp"], rows=table_rows)
    configured = not options.get("suggested") and any(
        options.get(f"{r}_column") for r in ("org_code", "line_kind", "period", "amount", "debit", "credit"))
    return Extraction(document=info, documents=[info], tables=[table], warnings=reader.warnings(not configured),
                      source_format="csv" if fmt == "text" else fmt)
