"""Excel round-trip of a round's sheet for one förvaltning (openpyxl).

`build_workbook` is a read (it renders the same grid selector as the page). `apply_upload` is a
service: it validates every row first (amount parsing, permission, status, version) and writes
nothing unless the whole sheet is valid, then saves through the same services as the web cells,
so the rules are identical on both paths.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from budgetapp.budget.models import ChangeSource
from budgetapp.core.money import parse_amount_input

from . import services
from .models import FollowUpRound
from .selectors import Grid, convention_text, round_grid

SHEET = "Prognos"
META = "meta"
HEADER_ROW = 3
COLUMNS = ["Nod-id", "Enhet", "Typ", "Budget", "Utfall", "Föregående prognos", "Prognos helår (tkr)",
           "Avvikelse", "Kommentar", "Version prognos", "Version kommentar"]
COL = {name: i + 1 for i, name in enumerate(COLUMNS)}
ENTRY, SUM = "inmatning", "summa"


def build_workbook(grid: Grid) -> bytes:
    rnd, root = grid.round, grid.root
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([f"Prognos {rnd.label} {rnd.year} – {root.name}"])
    ws.append([f"Belopp i tkr. {convention_text(root)} Fyll i kolumnen Prognos (och Kommentar) på "
               f"inmatningsrader. Ändra inte Nod-id eller versionskolumnerna."])
    ws.append(COLUMNS)
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in grid.rows:
        r = ws.max_row + 1
        amount = lambda v: float(v) if v is not None else None  # noqa: E731 - Excel stores floats
        ws.append([row.node.pk, "  " * row.depth + row.node.name, ENTRY if row.is_entry else SUM,
                   amount(row.budget), amount(row.actual), amount(row.previous), amount(row.forecast), None,
                   row.comment_text if row.is_entry else None,
                   row.forecast_version if row.is_entry else None, row.comment_version if row.is_entry else None])
        b, f = f"D{r}", f"G{r}"
        ws[f"H{r}"] = f'=IF(OR({b}="",{f}=""),"",{f}-{b})' if row.measure == "result" else \
            f'=IF(OR({b}="",{f}=""),"",{b}-{f})'
        if row.is_entry and row.editable:
            ws[f"G{r}"].fill = fill
            ws[f"I{r}"].fill = fill
        else:
            ws[f"B{r}"].font = Font(bold=not row.is_entry)
    for letter, width in zip("ABCDEFGHIJK", (8, 40, 11, 14, 14, 14, 16, 14, 50, 9, 9), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C4"
    meta = wb.create_sheet(META)
    meta.append(["round", rnd.pk])
    meta.append(["root", root.pk])
    meta.append(["format", 1])
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class UploadResult:
    forecasts: int = 0
    comments: int = 0
    errors: list[str] = field(default_factory=list)
    permission_denied: bool = False


def _to_amount(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("Ogiltigt belopp.")
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value)).quantize(Decimal("0.001"))
        except InvalidOperation as exc:
            raise ValueError("Ogiltigt belopp.") from exc
    return parse_amount_input(str(value))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def apply_upload(*, rnd: FollowUpRound, root, user, file) -> UploadResult:
    """Validate the whole sheet, then write every changed cell atomically (or nothing)."""
    result = UploadResult()
    try:
        wb = load_workbook(file, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        result.errors.append("Filen kunde inte läsas som en Excel-fil (.xlsx).")
        return result
    if SHEET not in wb.sheetnames or META not in wb.sheetnames:
        result.errors.append("Arket känns inte igen; ladda ner ett nytt ark från tabellen.")
        return result
    meta = {row[0]: row[1] for row in wb[META].iter_rows(values_only=True) if row and row[0]}
    if _int(meta.get("round")) != rnd.pk or _int(meta.get("root")) != root.pk:
        result.errors.append("Arket hör till en annan omgång eller förvaltning.")
        return result
    grid = round_grid(rnd, root, user)
    by_id = {r.node.pk: r for r in grid.rows}
    planned: list[tuple[str, object, object, int]] = []
    for line, values in enumerate(wb[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True),
                                  start=HEADER_ROW + 1):
        values = list(values) + [None] * (len(COLUMNS) - len(values))
        node_id = _int(values[COL["Nod-id"] - 1])
        if node_id is None:
            continue
        row = by_id.get(node_id)
        if row is None:
            result.errors.append(f"Rad {line}: okänd enhet (Nod-id {node_id}).")
            continue
        if not row.is_entry:
            continue
        raw = values[COL["Prognos helår (tkr)"] - 1]
        text = values[COL["Kommentar"] - 1]
        text = "" if text is None else str(text).strip()
        changes = []
        if raw not in (None, ""):
            try:
                amount = _to_amount(raw)
            except ValueError as exc:
                result.errors.append(f"Rad {line} ({row.node.name}): {exc}")
                continue
            if row.forecast is None or amount != row.forecast:
                changes.append(("forecast", amount, _int(values[COL["Version prognos"] - 1])))
        if text != row.comment_text.strip():
            changes.append(("comment", text, _int(values[COL["Version kommentar"] - 1])))
        if not changes:
            continue
        if not row.can_edit:
            result.permission_denied = True
            result.errors.append(f"Rad {line} ({row.node.name}): du får inte ändra den här enheten.")
            continue
        if not row.editable:
            result.errors.append(f"Rad {line} ({row.node.name}): enheten är {row.status_label.lower()} "
                                 f"och kan inte ändras.")
            continue
        for kind, value, version in changes:
            current = row.forecast_version if kind == "forecast" else row.comment_version
            if version is None or version != current:
                what = "prognosen" if kind == "forecast" else "kommentaren"
                result.errors.append(f"Rad {line} ({row.node.name}): {what} har ändrats av någon annan sedan "
                                     f"arket laddades ner; ladda ner ett nytt ark.")
                continue
            planned.append((kind, row.node, value, version))
    if result.errors:
        return result
    try:
        _write(rnd, user, planned, result)
    except services.Conflict:
        result.errors.append("Någon annan sparade samtidigt; inget ändrades. Försök igen.")
        result.forecasts = result.comments = 0
    except ValidationError as exc:
        result.errors.extend(exc.messages)
        result.forecasts = result.comments = 0
    return result


@transaction.atomic
def _write(rnd, user, planned, result: UploadResult) -> None:
    for kind, node, value, version in planned:
        if kind == "forecast":
            services.save_forecast(rnd=rnd, node=node, user=user, amount=value, expected_version=version,
                                   via=ChangeSource.EXCEL)
            result.forecasts += 1
        else:
            services.save_comment(rnd=rnd, node=node, user=user, text=value, expected_version=version,
                                  via=ChangeSource.EXCEL)
            result.comments += 1
