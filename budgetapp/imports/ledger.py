"""Ledger exports of actuals (utfall) from .xlsx or .csv → an :class:`Extraction` with one "ledger" table.

One input row is one org unit code (``OrgNode.code``), an account or line kind, a period and an
amount. Which column holds what is configurable per import (a :class:`LedgerMapping`); without one
the header is matched against the words ledger exports use ("Ansvar", "Konto", "Period", "Belopp").
Rows are summed per (code, cost/revenue, month) and converted to tkr; revenue and cost are stored
as positive amounts, so a file that books revenue as negative credits is flipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal

from budgetapp.core import money

from .parsing.extraction import DocumentInfo, Extraction, ImportParseError, Table, TableRow

FIELDS = ("org_code", "line_kind", "period", "amount")
FIELD_LABELS = {"org_code": "ansvarskod", "line_kind": "konto/slag", "period": "period", "amount": "belopp"}
GUESSES = {
    "org_code": ("ansvar", "ansvarskod", "ansvarsenhet", "enhetskod", "kostnadsställe", "org", "enhet", "kod"),
    "line_kind": ("konto", "kontoslag", "slag", "radtyp", "typ", "kategori", "kontotyp"),
    "period": ("period", "månad", "bokföringsperiod", "datum", "manad"),
    "amount": ("belopp", "utfall", "summa", "saldo", "amount"),
}
MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10,
          "nov": 11, "dec": 12}
MAX_ROWS = 500_000


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportParseError("Filen har en okänd teckenkodning.", line=1)


def _rows_csv(data: bytes) -> Iterator[tuple[int, list]]:
    text = _decode(data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def looks_like_ledger(data: bytes) -> bool:
    """A text upload is a ledger CSV when its first line is a ';'-separated header we can map."""
    try:
        first = next((ln for ln in _decode(data[:4096]).splitlines() if ln.strip()), "")
    except ImportParseError:
        return False
    if first.count(";") < 3:
        return False
    try:
        _locate([c.strip() for c in first.split(";")], {}, 1)
    except ImportParseError:
        return False
    return True


def _locate(header: list[str], options: dict, line: int) -> dict[str, int]:
    lowered = [h.strip().casefold() for h in header]
    out: dict[str, int] = {}
    for name in FIELDS:
        wanted = (options.get(f"{name}_column") or "").strip().casefold()
        candidates = (wanted,) if wanted else GUESSES[name]
        for candidate in candidates:
            if candidate in lowered and lowered.index(candidate) not in out.values():
                out[name] = lowered.index(candidate)
                break
        else:
            shown = options.get(f"{name}_column") or "/".join(GUESSES[name][:3])
            raise ImportParseError(
                f"Kolumnen för {FIELD_LABELS[name]} (”{shown}”) finns inte i rubrikraden; "
                f"kolumnerna är: {', '.join(h for h in header if h)}.", line=line)
    return out


def _measure(value: str, line: int) -> str:
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
    raise ImportParseError(f"”{value}” är varken ett intäkts- (3xxx) eller kostnadskonto (4xxx–8xxx) "
                           "eller texten Intäkt/Kostnad.", line=line)


def _period(value, default_year: int | None, line: int) -> tuple[int, int]:
    if isinstance(value, dt.datetime | dt.date):
        return value.year, value.month
    text = _cell_text(value).casefold()
    m = re.match(r"^((?:19|20)\d\d)[-/. ]?(\d{1,2})(?:[-/. ]\d{1,2})?$", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"^([a-zåäö]{3})[a-zåäö]*\.?\s*((?:19|20)\d\d)?$", text)
    if m and m.group(1) in MONTHS:
        year = int(m.group(2)) if m.group(2) else default_year
        if year:
            return year, MONTHS[m.group(1)]
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 12 and default_year:
        return default_year, int(text)
    raise ImportParseError(f"Perioden ”{_cell_text(value)}” kunde inte läsas; använd t.ex. 2024-03 eller 202403 "
                           "(eller ange år i kolumnmappningen).", line=line)


def _amount(value, line: int) -> Decimal:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    parsed = money.parse_number(_cell_text(value))
    if parsed is None:
        raise ImportParseError(f"Beloppet ”{_cell_text(value)}” är inget tal.", line=line)
    return parsed


def read_ledger(data: bytes, filename: str, options: dict, fmt: str) -> Extraction:
    rows = _rows_xlsx(data) if fmt == "xlsx" else _rows_csv(data)
    header_line, columns = 0, None
    sums: dict[tuple[str, str, int], Decimal] = {}
    first_line: dict[tuple[str, str, int], int] = {}
    years: set[int] = set()
    unit = options.get("amount_unit") or "kr"
    default_year = options.get("year") or None
    count = 0
    for no, raw in rows:
        cells = [_cell_text(c) if not isinstance(c, dt.date | int | float) else c for c in raw]
        if not any(_cell_text(c) for c in cells):
            continue
        if columns is None:
            columns = _locate([_cell_text(c) for c in cells], options, no)
            header_line = no
            continue
        count += 1
        if count > MAX_ROWS:
            raise ImportParseError(f"Filen har fler än {MAX_ROWS} rader.", line=no)
        width = max(columns.values()) + 1
        if len(cells) < width:
            raise ImportParseError(f"Raden har {len(cells)} kolumner men {width} behövs.", line=no)
        code = _cell_text(cells[columns["org_code"]])
        if not code:
            raise ImportParseError("Ansvarskod saknas.", line=no)
        measure = _measure(_cell_text(cells[columns["line_kind"]]), no)
        year, month = _period(cells[columns["period"]], default_year, no)
        years.add(year)
        amount = money.to_tkr(_amount(cells[columns["amount"]], no), unit)
        key = (code, measure, month)
        sums[key] = sums.get(key, Decimal(0)) + amount
        first_line.setdefault(key, no)
    if columns is None or not sums:
        raise ImportParseError("Filen innehåller inga utfallsrader.", line=header_line or 1)
    if len(years) > 1:
        raise ImportParseError(f"Filen innehåller flera år ({', '.join(map(str, sorted(years)))}); "
                               "importera ett år i taget.", line=header_line)
    year = years.pop()
    flip = {m for m in ("revenue", "cost") if sum(v for (_, mm, _), v in sums.items() if mm == m) < 0}
    table_rows = [
        TableRow(label=code, values=[measure, Decimal(month), -amount if measure in flip else amount],
                 line=first_line[(code, measure, month)])
        for (code, measure, month), amount in sorted(sums.items())
    ]
    months = sorted({m for (_, _, m) in sums})
    title = f"Utfall {year} månad {months[0]}–{months[-1]}"
    info = DocumentInfo(kind="ledger", title=title, organisation=options.get("name") or "Redovisning",
                        year=year, first_line=header_line, last_line=max(first_line.values()))
    table = Table(kind="ledger", title=title, unit="tkr", page_or_line=header_line,
                  columns=["Slag", "Månad", "Belopp"], rows=table_rows)
    return Extraction(document=info, documents=[info], tables=[table], source_format="csv" if fmt == "text" else fmt)
