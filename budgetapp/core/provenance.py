"""Provenance read as plain values: the one wording of a source, and a base for rows read as tuples.

Dashboards read hundreds of figures, goal assessments and projects per page. Building models (with
their source document and user joined in) cost more than the queries, so selectors read the columns
they show with `values_list` into small dataclasses that extend `ProvenanceRow`; the models'
`Provenance.source_label` and these rows word a source the same way, through `provenance_label`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def provenance_label(document: str | None, page: int | None, line: int | None, user: str | None,
                     entered_at: datetime | None) -> str:
    """"Dokument, sida 3, rad 12" for a document, "användare 2026-04-30 10:15" for a user, else ""."""
    if document is not None:
        where = f", sida {page}" if page else ""
        where += f", rad {line}" if line else ""
        return f"{document}{where}"
    if user is not None:
        return f"{user} {entered_at:%Y-%m-%d %H:%M}"
    return ""


#: `values_list` lookups for the fields of `ProvenanceRow`, in its order (subclass fields follow).
PROVENANCE_COLUMNS = ("source_document_id", "source_document__title", "source_page", "source_line", "entered_by_id",
                      "entered_by__username", "entered_at")


@dataclass(frozen=True, slots=True)
class ProvenanceRow:
    """The provenance columns of a row read with `values_list(*PROVENANCE_COLUMNS, …)`."""

    source_document_id: int | None
    document_title: str | None
    source_page: int | None
    source_line: int | None
    entered_by_id: int | None
    entered_by_name: str | None
    entered_at: datetime | None

    @property
    def source_label(self) -> str:
        return provenance_label(self.document_title if self.source_document_id else None, self.source_page,
                                self.source_line, self.entered_by_name if self.entered_by_id else None,
                                self.entered_at)
