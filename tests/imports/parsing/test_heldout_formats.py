"""The same held-out content as DOCX (python-docx) and as PDF with ruled tables (fpdf2): both formats go
through the recognisers the TAB text uses, and PDF tables cite their page."""

import io
import os
from decimal import Decimal

import docx
import pytest
from fpdf import FPDF
from fpdf.fonts import FontFace

from budgetapp.imports.parsing.pipeline import parse_document

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DRIFT = [
    ["Resultat 31 december 2025, tkr", "Bokslut 2025", "Budget 2025", "Avvikelse", "Bokslut 2024"],
    ["Nämnd och förvaltningsledning", "31 402", "33 900", "2 498", "30 115"],
    ["Individ- och familjeomsorg", "412 880", "398 300", "–14 580", "401 260"],
    ["Kulturhuset", "", "", "", ""],
    ["Funktionsstöd LSS", "702 114", "708 600", "6 486", "688 402"],
    ["Summa nämnden", "1 146 396", "1 140 800", "–5 596", "1 119 777"],
]
GOALS = [
    ["Nämndmål", "Nämndindikator", "2023", "2024", "2025", "Målvärde 2025"],
    ["Goda arbetsplatser", "Sjukfrånvaro (%)", "8,9", "8,4", "8,1", "Mindre än 8"],
    ["", "Kvinnor", "9,6", "9,1", "8,8", ""],
    ["", "Män", "6,1", "5,9", "5,6", ""],
]


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Verksamhetsberättelse 2025")
    d.add_paragraph("Social- och omsorgsnämnden")
    d.add_paragraph("Driftsammandrag")
    for rows in (DRIFT,):
        t = d.add_table(rows=0, cols=len(rows[0]))
        for r in rows:
            for cell, text in zip(t.add_row().cells, r, strict=True):
                cell.text = text
    d.add_paragraph("Målområde: Medarbetare")
    t = d.add_table(rows=0, cols=len(GOALS[0]))
    for r in GOALS:
        for cell, text in zip(t.add_row().cells, r, strict=True):
            cell.text = text
    d.add_paragraph("Goda arbetsplatser")
    d.add_paragraph("Målet är delvis uppfyllt. Sjukfrånvaron har minskat men ligger över målvärdet.")
    d.add_paragraph("Strategiska utvecklingsuppdrag")
    p = d.add_paragraph("- Införa digitalt ansökningsförfarande för ekonomiskt bistånd. Återrapporteras i mars 2026.")
    assert p.text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.write(5, "Verksamhetsberättelse 2025\nSocial- och omsorgsnämnden\n\nInledning\n")
    pdf.add_page()
    pdf.write(5, "Driftsammandrag\n\n")
    with pdf.table(headings_style=FontFace()) as tbl:
        for r in DRIFT:
            row = tbl.row()
            for text in r:
                row.cell(text)
    return bytes(pdf.output())


def _check_drift(table) -> None:
    assert table.kind == "operating_summary" and table.unit == "tkr"
    assert table.columns == ["Bokslut 2025", "Budget 2025", "Avvikelse", "Bokslut 2024"]
    values = {r.label: r.values for r in table.rows}
    assert values["Individ- och familjeomsorg"] == [Decimal(412880), Decimal(398300), Decimal(-14580),
                                                    Decimal(401260)]
    assert values["Kulturhuset"] == [None] * 4
    assert next(r for r in table.rows if r.label == "Kulturhuset").row_type == "line"


def test_docx_version_reads_tables_goals_status_and_assignments():
    ex = parse_document(_docx(), "son.docx")
    assert ex.source_format == "docx"
    assert (ex.document.kind, ex.document.organisation, ex.document.year) == (
        "annual_report", "Social- och omsorgsnämnden", 2025)
    _check_drift(ex.tables[0])
    [g] = ex.goals
    assert (g.committee_goal, g.target_area, g.status) == ("Goda arbetsplatser", "Medarbetare", "delvis uppfyllt")
    assert [(i.label, i.parent) for i in g.indicators] == [
        ("Sjukfrånvaro (%)", None), ("Kvinnor", "Sjukfrånvaro (%)"), ("Män", "Sjukfrånvaro (%)")]
    assert g.indicators[0].values == ["8,9", "8,4", "8,1", "Mindre än 8"]
    [a] = ex.assignments
    assert a.kind == "strategic_assignment" and a.report_back == "i mars 2026"


@pytest.mark.skipif(not os.path.exists(FONT), reason="DejaVu-typsnitt saknas")
def test_pdf_version_ruled_table_cites_its_page():
    ex = parse_document(_pdf(), "son.pdf")
    assert ex.source_format == "pdf"
    assert ex.document.organisation == "Social- och omsorgsnämnden"
    [t] = ex.tables
    _check_drift(t)
    assert t.page == 2
    out = ex.to_json()["tables"][0]
    assert out["page"] == 2 and out["page_or_line"] == 2 and out["line"] == t.page_or_line
