"""pdftotext goal tables (placeholder until implemented)."""

from __future__ import annotations

from .extraction import Line


def scan_pdf_tables(col, lines: list[Line]) -> None:  # type: ignore[no-untyped-def]
    return None
