"""Typed result of parsing one uploaded file: pure data, no database.

The parsers produce an :class:`Extraction`; the import service validates it and writes it in one
transaction, and ``import_document --format json`` prints ``Extraction.to_json()``. Keeping the
shape here, apart from both, lets parsers be tested as pure functions over real document snippets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

# A table cell after parsing: a number in the table's own unit, None for an empty cell, or the
# printed text when the cell is not a number ("I.U.", "Öka", "-----").
CellValue = Decimal | str | None


class ImportParseError(Exception):
    """The importer's own error: always carries a Swedish message and the line/page it concerns."""

    def __init__(self, message: str, line: int | None = None, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.page = page

    def __str__(self) -> str:
        where = []
        if self.page is not None:
            where.append(f"sida {self.page}")
        if self.line is not None:
            where.append(f"rad {self.line}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Line:
    """One numbered line of a document as a reader produced it.

    ``cells`` holds TAB- or table-separated cells when the source had real cells (Word, DOCX
    tables, TAB text); for pdftotext-like text it is ``[text]`` and block parsers split it.
    ``no`` is 1-based like ``sed -n``; ``page`` is known for PDF and form-feed text.
    """

    no: int
    text: str
    cells: tuple[str, ...]
    page: int | None = None
    tabular: bool = False  # True when cells come from real cell boundaries


@dataclass
class DocumentInfo:
    # council_budget | internal_budget | administration_budget | annual_report | interim_report | decision | other
    kind: str
    title: str
    organisation: str
    year: int | None
    plan_years: list[int] = field(default_factory=list)
    first_line: int = 1
    last_line: int = 0
    # "§ 45, Dnr ÄN 2025-123": the paragraph (and case number) that decided this document, from the
    # protocol it is bundled with or from its own cover ("Beslutad av … § 112"); None when not printed
    decision_reference: str | None = None


@dataclass
class TableRow:
    label: str
    values: list[CellValue]
    parent: str | None = None
    line: int = 0
    # line | sum | varav | change | frame | header | note
    row_type: str = "line"
    # the row's own unit in a key-figure table mixing units (Table.unit == "blandad"); else None
    unit: str | None = None


@dataclass
class Table:
    kind: str  # see docs/import-formats.md
    title: str
    unit: str  # tkr | mnkr | % | antal | ...
    page_or_line: int
    columns: list[str]
    rows: list[TableRow] = field(default_factory=list)
    document_index: int = 0  # index into Extraction.documents
    page: int | None = None


@dataclass
class Indicator:
    label: str
    columns: list[str]
    values: list[str]  # as printed ("I.U.", "56", "15,3 % 2017: 15,7%")
    parent: str | None = None
    line: int = 0
    mandatory: bool = False
    footnotes: list[str] = field(default_factory=list)


@dataclass
class Goal:
    target_area: str | None
    municipal_goal: str | None
    committee_goal: str
    description: str = ""
    status: str | None = None  # uppfyllt | delvis uppfyllt | ej uppfyllt | kan ej bedömas
    status_text: str = ""  # the sentence the status was read from, verbatim
    analysis: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    line: int = 0
    document_index: int = 0
    kind: str = "committee_goal"  # committee_goal | administration_goal


@dataclass
class ParseWarning:
    line: int | None
    message: str
    page: int | None = None


@dataclass
class Assignment:
    """A strategic assignment or nämnduppdrag as printed (see :mod:`.assignments`)."""

    kind: str  # strategic_assignment | committee_assignment
    text: str
    scope: str | None = None  # kommungemensamt | nämndspecifikt
    status: str = ""  # as printed ("Genomfört")
    status_code: str | None = None  # completed | in_progress | withdrawn | carried_over | not_started
    comment: str = ""
    report_back: str = ""
    line: int = 0
    document_index: int = 0
    page: int | None = None


@dataclass
class Extraction:
    document: DocumentInfo
    documents: list[DocumentInfo] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    source_format: str = "text"  # text | docx | pdf | xlsx | csv
    assignments: list[Assignment] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The command-line contract of ``import_document --format json``."""

        def num(v: CellValue) -> Any:
            if isinstance(v, Decimal):
                return int(v) if v == v.to_integral_value() else float(v)
            return v

        def doc(d: DocumentInfo) -> dict[str, Any]:
            out: dict[str, Any] = {
                "kind": d.kind,
                "title": d.title,
                "organisation": d.organisation,
                "year": d.year,
                "plan_years": list(d.plan_years),
            }
            if d.decision_reference:
                # additive: present only when a decision is printed, so the contract's five keys
                # stay exactly as they were for every other document
                out["decision_reference"] = d.decision_reference
            return out

        return {
            "document": doc(self.document),
            "documents": [doc(d) for d in self.documents],
            "tables": [
                {
                    "kind": t.kind,
                    "title": t.title,
                    "unit": t.unit,
                    # PDF input is cited by page (the reader's line numbers are synthetic there)
                    "page_or_line": t.page if self.source_format == "pdf" and t.page else t.page_or_line,
                    "page": t.page,
                    "line": t.page_or_line,
                    "columns": list(t.columns),
                    "rows": [
                        {
                            "label": r.label,
                            "values": [num(v) for v in r.values],
                            "parent": r.parent,
                            "line": r.line,
                            "row_type": r.row_type,
                            # additive: only rows of a mixed-unit key-figure table carry a unit
                            **({"unit": r.unit} if r.unit else {}),
                        }
                        for r in t.rows
                    ],
                }
                for t in self.tables
            ],
            "goals": [
                {
                    "target_area": g.target_area,
                    "municipal_goal": g.municipal_goal,
                    "committee_goal": g.committee_goal,
                    "description": g.description,
                    "status": g.status,
                    "line": g.line,
                    "indicators": [
                        {
                            "label": i.label,
                            "columns": list(i.columns),
                            "values": list(i.values),
                            "parent": i.parent,
                            "line": i.line,
                            "mandatory": i.mandatory,
                        }
                        for i in g.indicators
                    ],
                }
                for g in self.goals
            ],
            "warnings": [{"line": w.line, "message": w.message, "page": w.page} for w in self.warnings],
            "assignments": [
                {
                    "kind": a.kind,
                    "text": a.text,
                    "scope": a.scope,
                    "status": a.status or None,
                    "status_code": a.status_code,
                    "comment": a.comment,
                    "report_back": a.report_back,
                    "line": a.line,
                    "page": a.page,
                }
                for a in self.assignments
            ],
        }


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
