"""Readers turn DOCX and PDF into the same numbered lines as Word-extracted text."""

import io

import docx
import pytest
from fpdf import FPDF
from fpdf.fonts import FontFace

from budgetapp.imports.parsing.extraction import ImportParseError
from budgetapp.imports.parsing.readers import read_bytes, read_docx, read_pdf, read_text

ROWS = [
    ["Nettokostnad, belopp tkr", "Budget 2025", "Prognos 2025", "Avvikelse"],
    ["Hemtjänst", "612 450", "631 200", "-18 750"],
    ["Nämnd och förvaltnings-ledning", "24 310", "23 900", "410"],
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Driftsammandrag")
    table = document.add_table(rows=0, cols=4)
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    p = document.add_paragraph()
    p.add_run("varav kostnader").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=10)
    for _ in range(pages):
        pdf.add_page()
        pdf.write(5, "Driftsammandrag\n\n")
        with pdf.table(headings_style=FontFace()) as table:
            for row in ROWS:
                r = table.row()
                for text in row:
                    r.cell(text)
        pdf.write(5, "\nText efter tabellen.\n")
    return bytes(pdf.output())


def test_text_reader_splits_tabs_and_keeps_line_numbers():
    lines = read_text("Rubrik\nHemtjänst\t612 450\t631 200\n 463 475 455 955")
    assert [line.no for line in lines] == [1, 2, 3]
    assert lines[1].tabular and lines[1].cells == ("Hemtjänst", "612 450", "631 200")
    assert not lines[2].tabular and lines[2].cells == ("463 475 455 955",)


def test_form_feed_starts_a_new_page():
    lines = read_text("sida ett\n\fsida två")
    assert [line.page for line in lines] == [1, 2]


def test_docx_tables_become_tab_lines_in_body_order():
    lines = read_docx(make_docx())
    texts = [line.text for line in lines]
    assert texts[0] == "Driftsammandrag"
    assert texts[1] == "\t".join(ROWS[0])
    assert lines[2].cells == tuple(ROWS[1]) and lines[2].tabular
    assert "<i>varav kostnader</i>" in texts


@pytest.mark.skipif(not __import__("os").path.exists(FONT), reason="DejaVu-typsnitt saknas")
def test_pdf_ruled_tables_become_tab_lines_with_pages():
    lines = read_pdf(make_pdf(pages=2))
    tab_lines = [line for line in lines if line.tabular]
    assert tab_lines[0].cells == tuple(ROWS[0])
    assert tab_lines[1].cells == tuple(ROWS[1])
    assert {line.page for line in tab_lines} == {1, 2}
    assert any(line.text == "Text efter tabellen." and line.page == 2 for line in lines)


def test_multi_line_pdf_cells_are_joined_and_dehyphenated():
    from budgetapp.imports.parsing.readers import _join_cell

    assert _join_cell("Nämnd och förvalt-\nningsledning") == "Nämnd och förvaltningsledning"
    assert _join_cell("Ekonomi-\noch HR-stöd") == "Ekonomi- och HR-stöd"
    assert _join_cell(None) == ""


def test_reader_is_chosen_by_content_not_name():
    fmt, _ = read_bytes(make_docx(), "budget.txt")
    assert fmt == "docx"
    fmt, _ = read_bytes(b"Rubrik\n", "budget.pdf")
    assert fmt == "text"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"PK\x03\x04broken zip", b"\x00\x01\x02binary"])
def test_broken_files_raise_the_importers_own_error(data):
    with pytest.raises(ImportParseError) as info:
        read_bytes(data, "trasig.fil")
    assert info.value.message
