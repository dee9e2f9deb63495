"""PDF pages real förvaltningar produce: two prose columns beside a table, a landscape page, a shaded
header without ruling lines, running header/footer lines; a page pdfplumber cannot analyse falls back
to plain text. Built with fpdf2."""

import os
from decimal import Decimal

import pytest
from fpdf import FPDF

from budgetapp.imports.parsing import readers
from budgetapp.imports.parsing.pipeline import parse_document
from budgetapp.imports.parsing.readers import read_pdf

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pytestmark = pytest.mark.skipif(not os.path.exists(FONT), reason="DejaVu-typsnitt saknas")
ROWS = [["Verksamhet, tkr", "Budget 2026", "Budget 2025", "Förändring"],
        ["Förskola", "120 400", "118 200", "2 200"],
        ["Grundskola", "310 000", "305 500", "4 500"],
        ["Summa", "430 400", "423 700", "6 700"]]


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(False)
    return pdf


def _header_footer(pdf: FPDF, page: int) -> None:
    pdf.set_xy(10, 8)
    pdf.cell(0, 5, "Barn- och utbildningsnämnden, internbudget 2026")
    pdf.set_xy(10, 285)
    pdf.cell(0, 5, f"Sida {page} av 2")


def _unruled_table(pdf: FPDF, x: float, y: float, widths: list[float], shaded: bool = True) -> None:
    for n, row in enumerate(ROWS):
        pdf.set_xy(x, y + n * 6)
        if n == 0 and shaded:
            pdf.set_fill_color(200, 200, 200)
        for text, w in zip(row, widths, strict=True):
            pdf.cell(w, 6, text, fill=n == 0 and shaded, align="L" if text == row[0] else "R")


def _two_columns_and_table() -> bytes:
    pdf = _pdf()
    for page in (1, 2):
        pdf.add_page()
        _header_footer(pdf, page)
        pdf.set_xy(10, 20)
        pdf.cell(0, 6, "Driftbudget")
        for col, x in ((0, 10), (1, 105)):
            pdf.set_xy(x, 30)
            pdf.multi_cell(90, 5, ("Nämnden prioriterar tidiga insatser och en likvärdig skola. " * 4).strip()
                           + (" Vänster." if col == 0 else " Höger."))
        _unruled_table(pdf, 10, 80, [70, 35, 35, 35])
    return bytes(pdf.output())


def test_two_prose_columns_shaded_unruled_table_and_running_lines():
    lines = read_pdf(_two_columns_and_table())
    assert {line.page for line in lines} == {1, 2}
    texts = [line.text for line in lines if line.page == 1]
    # the prose columns are read column by column, not across the gutter
    assert texts.index("och en likvärdig skola. Vänster.") + 5 == texts.index("och en likvärdig skola. Höger.")
    assert not any("Vänster." in t and "Höger." in t for t in texts)
    rows = [line.cells for line in lines if line.tabular]
    assert ("Förskola", "120 400", "118 200", "2 200") in rows
    ex = parse_document(_two_columns_and_table(), "bun.pdf")
    assert ex.tables, "the unruled table is found"
    table = ex.tables[0]
    values = {r.label: r.values for r in table.rows}
    assert values["Grundskola"] == [Decimal(310000), Decimal(305500), Decimal(4500)]
    assert "Sida 1 av 2" not in values and table.page == 1


def test_landscape_and_rotated_pages_give_lines_without_crashing():
    pdf = _pdf()
    pdf.add_page(orientation="L")
    pdf.cell(0, 6, "Investeringsbudget (liggande sida)")
    _unruled_table(pdf, 10, 20, [90, 45, 45, 45], shaded=False)
    pdf.add_page()
    with pdf.rotation(90, x=100, y=150):
        pdf.set_xy(40, 150)
        pdf.cell(0, 6, "Roterad rubrik 2026")
    pdf.set_xy(10, 200)
    pdf.cell(0, 6, "Vanlig text under")
    lines = read_pdf(bytes(pdf.output()))
    texts = [line.text for line in lines]
    assert any("Investeringsbudget" in t for t in texts)
    assert any("Förskola" in t and "120 400" in t for t in texts)
    assert "Vanlig text under" in texts
    assert all(line.page in (1, 2) for line in lines)


def test_page_layout_failure_falls_back_to_plain_text(monkeypatch):
    def broken(page):
        raise ValueError("odd content")

    monkeypatch.setattr(readers, "_pdf_page_lines", broken)
    lines = read_pdf(_two_columns_and_table())
    texts = [line.text for line in lines]
    assert "Driftbudget" in texts and any("Förskola" in t for t in texts)
    assert not any(line.tabular for line in lines)
