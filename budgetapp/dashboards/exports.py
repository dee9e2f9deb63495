"""Excel (openpyxl) and CSV exports in Swedish format of every dashboard table.

CSV: semicolon separated, decimal comma, no thousands separator, UTF-8 with BOM, so Excel in a
Swedish locale opens it correctly and scripts can still parse it. XLSX: numbers as numbers (with a
thousands format), the unit and sign convention above the table and every cell's source on a
"Källor" sheet.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER_FORMAT = "#,##0;-#,##0"
DECIMAL_FORMAT = "#,##0.0;-#,##0.0"


@dataclass
class ExportTable:
    key: str
    title: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # row label, column, source


def swedish_decimal(value: object) -> str:
    """CSV cell text: 1234.5 → '1234,5', -7720 → '-7720'; None → ''."""
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        text = format(d.normalize() if d == d.to_integral() else d, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def csv_response(table: ExportTable, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([swedish_decimal(v) for v in row])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_safe(filename)}.csv"'
    return response


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or gettext("Tabell")
    base, n = title, 2
    while title in used:
        title = f"{base[:28]} {n}"
        n += 1
    used.add(title)
    return title


def xlsx_response(tables: list[ExportTable], filename: str, heading: str) -> HttpResponse:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    all_sources: list[tuple[str, str, str, str]] = []
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.title, used))
        ws.append([heading])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([table.title])
        ws["A2"].font = Font(bold=True)
        for note in table.notes:
            ws.append([note])
        ws.append([])
        header_row = ws.max_row + 1
        ws.append(table.headers)
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for cell, value in zip(ws[ws.max_row], row, strict=False):
                if isinstance(value, Decimal):
                    cell.number_format = NUMBER_FORMAT if value == value.to_integral() else DECIMAL_FORMAT
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
        for i, header in enumerate(table.headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 42 if i == 1 else max(14, min(28, len(header) + 2))
        all_sources += [(table.title, *s) for s in table.sources if s[2]]
    if all_sources:
        ws = wb.create_sheet(_sheet_title(gettext("Källor"), used))
        ws.append([gettext("Tabell"), pgettext("table row", "Rad"), gettext("Kolumn"), gettext("Källa")])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for source in all_sources:
            ws.append(list(source))
        for col, width in zip("ABCD", (30, 40, 24, 80), strict=True):
            ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_safe(filename)}.xlsx"'
    return response


def _safe(name: str) -> str:
    return slugify(name) or "export"


def export_response(fmt: str, tables: list[ExportTable], filename: str, heading: str,
                    table_key: str | None = None) -> HttpResponse | None:
    """The export the request asked for (?export=xlsx|csv[&table=key]), or None."""
    if fmt == "xlsx":
        return xlsx_response(tables, filename, heading)
    if fmt == "csv" and tables:
        chosen = next((t for t in tables if t.key == table_key), tables[0])
        suffix = f"-{chosen.key}" if len(tables) > 1 else ""
        return csv_response(chosen, filename + suffix)
    return None
