"""Top-level parse: bytes → lines → documents → tables and goals per document → one Extraction.

The pipeline is the importer's only entry point for parsing, so it is also where bad input becomes
a clear Swedish :class:`ImportParseError` (with file name and line/page) instead of a traceback:
empty files, binary junk and files in which nothing recognisable was found. Any unexpected
exception inside a recogniser is converted too, because the caller must only ever see
``ImportParseError``.
"""

from __future__ import annotations

import logging
from typing import Any

from .assignments import find_assignments
from .documents import split_documents
from .extraction import DocumentInfo, Extraction, ImportParseError, Line, ParseWarning
from .goals import find_goals
from .readers import read_bytes

logger = logging.getLogger(__name__)


def _find_tables(lines: list[Line], document_index: int, start: int, end: int | None) -> tuple[list, list]:
    """Call the table recogniser when it exists (another module, written in parallel)."""
    try:
        from . import tables as tables_module
    except ImportError:
        return [], []
    finder: Any = getattr(tables_module, "find_tables", None)
    if finder is None:
        return [], []
    tables, warnings = finder(lines, document_index=document_index, start=start, end=end)
    for t in tables:
        t.document_index = document_index
    return list(tables), list(warnings)


def _binary_share(lines: list[Line]) -> float:
    text = "".join(ln.text for ln in lines[:400])
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\f\r\n") or ch == "\ufffd")
    return bad / len(text)


def parse_lines(lines: list[Line], source_format: str = "text", filename: str = "") -> Extraction:
    """Recognise documents, tables and goals in already-read lines (used by tests and readers)."""
    name = filename or "Filen"
    if not any(ln.text.strip() for ln in lines):
        raise ImportParseError(f"{name}: Filen är tom.", line=1)
    if _binary_share(lines) > 0.05:
        raise ImportParseError(f"{name}: Filen innehåller binära data och kan inte läsas som text.", line=1)
    try:
        documents = split_documents(lines)
        index_of = {ln.no: k for k, ln in enumerate(lines)}
        extraction = Extraction(document=documents[0], documents=documents, source_format=source_format)
        for di, doc in enumerate(documents):
            start = index_of.get(doc.first_line, 0)
            end = index_of.get(doc.last_line, len(lines) - 1) + 1
            tables, t_warn = _find_tables(lines, di, start, end)
            goals, g_warn = find_goals(lines, di, start, end, kind=doc.kind)
            extraction.assignments.extend(find_assignments(lines, di, start, end))
            extraction.tables.extend(tables)
            extraction.goals.extend(goals)
            extraction.warnings.extend(t_warn)
            extraction.warnings.extend(g_warn)
    except ImportParseError:
        raise
    except Exception as exc:  # a recogniser bug must not reach the user as a traceback
        logger.exception("Parser failure in %s", name)
        raise ImportParseError(
            f"{name}: Dokumentet kunde inte tolkas ({exc.__class__.__name__}).", line=None
        ) from exc
    _require_something(extraction, name, lines)
    extraction.warnings.sort(key=lambda w: (w.line is None, w.line or 0))
    return extraction


def _require_something(extraction: Extraction, name: str, lines: list[Line]) -> None:
    recognised_kind = any(d.kind != "other" for d in extraction.documents)
    if not (recognised_kind or extraction.tables or extraction.goals):
        first = next((ln for ln in lines if ln.text.strip()), lines[0])
        raise ImportParseError(
            f"{name}: Inget känt innehåll hittades (ingen dokumenttyp, inga tabeller och inga mål). "
            "Är det rätt fil?",
            line=first.no,
            page=first.page,
        )


def parse_document(data: bytes, filename: str = "") -> Extraction:
    """Parse an uploaded file; raises only :class:`ImportParseError` with a Swedish message."""
    name = filename or "Filen"
    if not data or not data.strip():
        raise ImportParseError(f"{name}: Filen är tom.", line=1)
    try:
        source_format, lines = read_bytes(data, filename)
    except ImportParseError as exc:
        if filename and filename not in exc.message:
            raise ImportParseError(f"{filename}: {exc.message}", exc.line, exc.page) from exc
        raise
    except Exception as exc:
        raise ImportParseError(f"{name}: Filen kunde inte läsas ({exc.__class__.__name__}).", line=1) from exc
    return parse_lines(lines, source_format, filename)


__all__ = ["DocumentInfo", "ParseWarning", "parse_document", "parse_lines"]
