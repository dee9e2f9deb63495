"""Strategic assignments (strategiska utvecklingsuppdrag) and committee assignments (nämnduppdrag).

Plans list them under a heading as numbered or bulleted items, sometimes grouped under
"Kommungemensamma" / "Nämndspecifika" (001:761-803, 003:494-509); year-end reports print a table
"… uppdrag | Status | Kommentar" (004:632-640). Sections are recognised by a short heading that
names assignments ("… uppdrag"), items by their list marks or table rows, never by one document's
wording. The status is kept as printed and mapped to a code (completed, in_progress, withdrawn,
carried_over) only when its word is unambiguous.
"""

from __future__ import annotations

import re

from .document_text import dehyphenate_join, strip_markup
from .extraction import Assignment, Line

_SECTION_RE = re.compile(
    r"^(?:strategiska?\s+utvecklingsuppdrag|(?:nämnd|förvaltnings)uppdrag|uppdrag\s+till\s+(?:förvaltningen|nämnden)"
    r"|(?:nämndspecifika|kommungemensamma)\s+(?:strategiska\s+)?(?:utvecklings)?uppdrag|uppdrag)"
    r"(?:\s+\S+){0,3}$",
    re.IGNORECASE,
)
_SCOPE_RE = re.compile(r"^(kommungemensamma|nämndspecifika)\b", re.IGNORECASE)
_ITEM_RE = re.compile(r"^\s*(?:[-–•●▪]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
_REPORT_RE = re.compile(r"(?:ska\s+)?återrapporter\w*\s+(?P<when>[^.]*)", re.IGNORECASE)
_STATUS_CODES = (
    ("withdrawn", r"utgått|utgår|avslutat utan|strukits"),
    ("carried_over", r"flyttas|överförs|förs över|skjuts"),
    ("in_progress", r"pågår|pågående|påbörjad|delvis genomför|ej slutfört"),
    ("not_started", r"ej påbörjad|inte påbörjad"),
    ("completed", r"genomför|slutför|klar|avslutad|uppfyllt"),
)


def status_code(text: str) -> str | None:
    low = text.lower()
    if re.search(r"ej påbörjad|inte påbörjad", low):
        return "not_started"
    for code, pattern in _STATUS_CODES:
        if re.search(pattern, low):
            return code
    return None


def _kind_of(heading: str) -> str:
    low = heading.lower()
    if "strategisk" in low or "utvecklingsuppdrag" in low or "kommungemensam" in low:
        return "strategic_assignment"
    return "committee_assignment"


def _is_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and text[:1].isupper() and not text.endswith((".", ":", ";", ","))


def _report_back(text: str) -> str:
    m = _REPORT_RE.search(text)
    return m.group("when").strip() if m else ""


def _table_columns(cells: tuple[str, ...]) -> tuple[int, int | None, int | None] | None:
    """(text column, status column, comment column) of an assignment table header."""
    clean = [strip_markup(c).lower() for c in cells]
    if not clean or "uppdrag" not in clean[0]:
        return None
    status = next((k for k, c in enumerate(clean) if k and c.startswith("status")), None)
    comment = next((k for k, c in enumerate(clean) if k and re.match(r"kommentar|åtgärd|redovisning", c)), None)
    if status is None and comment is None:
        return None
    return 0, status, comment


def find_assignments(
    lines: list[Line], document_index: int = 0, start: int = 0, end: int | None = None
) -> list[Assignment]:
    """All assignments in ``lines[start:end]`` in document order."""
    part = lines[start:end]
    out: list[Assignment] = []
    kind: str | None = None
    scope: str | None = None
    items_seen = 0
    prose_run = 0
    last_item_line = -1
    table: tuple[int, int | None, int | None] | None = None
    for ln in part:
        text = strip_markup(ln.text)
        if not text:
            continue
        if ln.tabular:
            header = _table_columns(ln.cells)
            if header is not None:
                table = header
                first = strip_markup(ln.cells[0])
                if kind is None or first.lower() != "uppdrag":
                    kind = _kind_of(first)
                scope = "nämndspecifikt" if "nämndspecifik" in text.lower() else scope
                continue
            if table is None:
                continue
            cells = [strip_markup(c) for c in ln.cells]
            ti, si, ci = table
            body = cells[ti] if ti < len(cells) else ""
            status = cells[si] if si is not None and si < len(cells) else ""
            comment = cells[ci] if ci is not None and ci < len(cells) else ""
            if not body and out and out[-1].line and (status or comment):
                prev = out[-1]  # a continuation row of a multi-line cell (004:637-640)
                prev.status = prev.status or status
                prev.comment = f"{prev.comment} {comment}".strip()
                prev.status_code = prev.status_code or status_code(prev.status)
                continue
            if not body:
                continue
            out.append(
                Assignment(
                    kind=kind or "committee_assignment",
                    text=body,
                    scope=scope,
                    status=status,
                    status_code=status_code(status) if status else None,
                    comment=comment,
                    report_back=_report_back(body),
                    line=ln.no,
                    document_index=document_index,
                    page=ln.page,
                )
            )
            continue
        table = None if not ln.tabular else table
        if _SECTION_RE.match(text) and _is_heading(text):
            kind = _kind_of(text)
            scope = "nämndspecifikt" if "nämndspecifik" in text.lower() else (
                "kommungemensamt" if "kommungemensam" in text.lower() else None)
            items_seen = 0
            prose_run = 0
            continue
        if kind is None:
            continue
        if _SCOPE_RE.match(text) and _is_heading(text):
            scope = "kommungemensamt" if text.lower().startswith("kommungemensam") else "nämndspecifikt"
            continue
        m = _ITEM_RE.match(text)
        if not m and out and items_seen and last_item_line == ln.no - 1 and (
            text[:1].islower() or out[-1].text.endswith("-")
        ):
            out[-1].text = dehyphenate_join([out[-1].text, text])  # an item wrapped by pdftotext
            out[-1].report_back = _report_back(out[-1].text)
            last_item_line = ln.no
            continue
        if m:
            body = m.group("text").strip()
            out.append(
                Assignment(
                    kind=kind,
                    text=body,
                    scope=scope,
                    report_back=_report_back(body),
                    line=ln.no,
                    document_index=document_index,
                    page=ln.page,
                )
            )
            items_seen += 1
            prose_run = 0
            last_item_line = ln.no
            continue
        if _is_heading(text) and (items_seen or prose_run >= 1):
            kind, scope = None, None  # the next section begins
            continue
        prose_run += 1
        if (prose_run > 2 and not items_seen) or (items_seen and prose_run > 1):
            kind, scope = None, None
    return out
