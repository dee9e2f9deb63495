"""More held-out documents of kinds the seeds lack (tests/imports/heldout/ and DOCX built here).

Written to vary vocabulary and layout the way other förvaltningar do; the expected values are what the
documents print, not what the recognisers happened to produce."""

import io
from decimal import Decimal
from pathlib import Path

import docx

from budgetapp.imports.parsing.extraction import Extraction, Table
from budgetapp.imports.parsing.pipeline import parse_document

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"


def parse(name: str) -> Extraction:
    path = HELDOUT / name
    return parse_document(path.read_bytes(), path.name)


def nums(*values) -> list:
    return [None if v is None else Decimal(str(v)) for v in values]


def table(ex: Extraction, title: str) -> Table:
    return next(t for t in ex.tables if t.title == title)


def row(t: Table, label: str):
    return next(r for r in t.rows if r.label == label)


def goal(ex: Extraction, name: str):
    return next(g for g in ex.goals if g.committee_goal == name)


def test_kf_budget_resultatrakning_and_frames_per_namnd():
    ex = parse("kf_budget_2026.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == ("council_budget", "Kommunfullmäktige", 2026, [2027, 2028])
    rr = table(ex, "Resultaträkning")
    assert (rr.kind, rr.unit) == ("operating_summary", "mnkr")
    assert rr.columns == ["Bokslut 2024", "Budget 2025", "Budget 2026", "Plan 2027", "Plan 2028"]
    assert row(rr, "Verksamhetens kostnader").values == nums("-10912.7", "-11240.6", "-11602.8", "-11930.2",
                                                             "-12251.9")
    assert row(rr, "Årets resultat").values == nums("219.3", "215.8", "192.8", "203.3", "244.8")
    frames = table(ex, "Driftbudget per nämnd")
    assert (frames.kind, frames.unit) == ("operating_summary", "mnkr")
    assert frames.columns == ["Budget 2025", "Budget 2026", "Plan 2027", "Plan 2028"]
    assert [r.label for r in frames.rows][:3] == ["Kommunstyrelsen", "Barn- och ungdomsnämnden", "Gymnasienämnden"]
    assert row(frames, "Barn- och ungdomsnämnden").values == nums("3719.5", "3750.9", "3758.8", "3763.8")
    assert row(frames, "Summa nämnder").row_type == "sum"
    assert row(frames, "Totalt").values == nums("9580.6", "9932.6", "10251.2", "10551.8")
    inv = table(ex, "Investeringsbudget")
    assert inv.kind == "investment_frame" and row(inv, "Summa investeringar").values == nums("936.0", "925.5",
                                                                                                "825.2")
    assert ex.warnings == []  # every Summa/Totalt adds up


def test_gymnasienamnden_000_layout_with_labelled_verdicts():
    ex = parse("gymnasienamnden_verksamhetsberattelse_2025.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("annual_report", "Gymnasienämnden", 2025)
    t = table(ex, "Driftredovisning")
    # "2025 2025  2024" under four columns: the printed hole is the Avvikelse column
    assert t.columns == ["Bokslut 2025", "Budget 2025", "Avvikelse", "Bokslut 2024"]
    assert row(t, "Nämnd och förvaltningsledning").values == nums(24310, 25000, 690, 23870)  # hyphenated label
    assert row(t, "Summa nämnd").values == nums(721308, 712800, -8508, 696304)
    statuses = {g.committee_goal: g.status for g in ex.goals}
    assert statuses == {"Fler elever tar examen": "delvis uppfyllt", "Trygg skolmiljö": "uppfyllt",
                        "Hållbar kompetensförsörjning": "ej uppfyllt"}
    exam = goal(ex, "Fler elever tar examen")
    assert exam.target_area == "Medborgare"
    assert exam.description == "Gymnasieskolan ska ge alla elever förutsättningar att nå examen."
    assert exam.status_text.startswith("Måluppfyllelse: Delvis uppfyllt")
    assert [(i.label, i.values, i.parent) for i in exam.indicators] == [
        ("Andel (%) elever med examen inom tre år", ["71,2", "72,0", "75"], None),
        ("Kvinnor", ["74,5", "75,1", ""], "Andel (%) elever med examen inom tre år"),
        ("Män", ["68,0", "69,2", ""], "Andel (%) elever med examen inom tre år"),
    ]
    assert goal(ex, "Trygg skolmiljö").indicators[0].values == ["88", "I.U.", "Öka"]
    assert goal(ex, "Hållbar kompetensförsörjning").target_area == "Medarbetare"
    assert ex.warnings == []


def _vard_docx() -> bytes:
    """Vård- och omsorgsnämnden's internbudget as Word would save it: a header cell merged over two
    year columns, and a goal column whose cell is merged down over the goal's two indicator rows."""
    d = docx.Document()
    d.add_paragraph("Vård- och omsorgsnämndens internbudget 2026 med plan för 2027-2028")
    d.add_paragraph("Nettokostnader per verksamhet")
    t = d.add_table(rows=2, cols=5)
    t.rows[0].cells[0].text = "Tkr"
    t.rows[0].cells[1].merge(t.rows[0].cells[2]).text = "Budget"
    t.rows[0].cells[3].merge(t.rows[0].cells[4]).text = "Plan"
    for cell, text in zip(t.rows[1].cells, ["", "2025", "2026", "2027", "2028"], strict=True):
        cell.text = text
    for r in (["Hemtjänst", "612 400", "634 900", "651 000", "668 200"],
              ["Särskilt boende", "1 104 200", "1 151 700", "1 190 000", "1 231 500"],
              ["Summa nämnd", "1 716 600", "1 786 600", "1 841 000", "1 899 700"]):
        for cell, text in zip(t.add_row().cells, r, strict=True):
            cell.text = text
    d.add_paragraph("Målområde: Medborgare")
    g = d.add_table(rows=1, cols=5)
    for cell, text in zip(g.rows[0].cells, ["Nämndmål", "Nämndindikator", "2024", "2025", "Målvärde 2026"],
                          strict=True):
        cell.text = text
    added = []
    for r in (["Trygg äldreomsorg", "Andel (%) brukare som känner sig trygga", "84", "86", "90"],
              ["", "Antal personal en brukare möter under 14 dagar", "15", "14", "Högst 12"],
              ["God hälsa", "Andel (%) brukare med fallriskbedömning", "71", "78", "85"]):
        cells = g.add_row().cells
        for cell, text in zip(cells, r, strict=True):
            cell.text = text
        added.append(cells)
    added[0][0].merge(added[1][0]).text = "Trygg äldreomsorg"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_merged_header_cell_and_vertically_merged_goal_cell():
    ex = parse_document(_vard_docx(), "von_internbudget_2026.docx")
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == (
        "internal_budget", "Vård- och omsorgsnämnden", 2026, [2027, 2028])
    t = table(ex, "Nettokostnader per verksamhet")
    assert (t.kind, t.unit) == ("operating_summary", "tkr")
    assert t.columns == ["Budget 2025", "Budget 2026", "Plan 2027", "Plan 2028"]
    assert row(t, "Särskilt boende").values == nums(1104200, 1151700, 1190000, 1231500)
    assert row(t, "Summa nämnd").row_type == "sum"
    assert [g.committee_goal for g in ex.goals] == ["Trygg äldreomsorg", "God hälsa"]
    safe = goal(ex, "Trygg äldreomsorg")
    assert [(i.label, i.values) for i in safe.indicators] == [
        ("Andel (%) brukare som känner sig trygga", ["84", "86", "90"]),
        ("Antal personal en brukare möter under 14 dagar", ["15", "14", "Högst 12"]),
    ]
    assert ex.warnings == []


def test_delarsrapport_augusti_helarsprognos_and_investment_sections():
    ex = parse("miljo_samhallsbyggnad_delarsrapport_augusti_2025.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("interim_report", "Miljö- och samhällsbyggnadsnämnden", 2025)
    prog = table(ex, "Helårsprognos")
    assert (prog.kind, prog.unit) == ("operating_summary", "mnkr")
    assert prog.columns == ["Budget 2025", "Utfall jan-aug", "Helårsprognos", "Prognos avvikelse mot budget"]
    assert row(prog, "Planering och bygglov").values == nums("-3.2", "-1.6", "-2.0", "-1.2")
    total = row(prog, "Förvaltningen totalt")
    assert (total.row_type, total.values) == ("sum", nums("31.9", "21.8", "34.3", "-2.4"))
    inv = table(ex, "Investeringar")
    assert (inv.kind, inv.unit) == ("investment_projects", "tkr")
    assert [(r.label, r.row_type, r.parent) for r in inv.rows[:4]] == [
        ("Färdigställda projekt", "header", None),
        ("Mätutrustning lantmäteri", "line", "Färdigställda projekt"),
        ("Summa färdigställda projekt", "sum", None),
        ("Pågående projekt", "header", None),
    ]
    scan = row(inv, "varav skanning av ritningar")
    assert (scan.row_type, scan.parent, scan.values) == ("varav", "Digitalt bygglovsarkiv", nums(2500, 1300, 2000, 500))
    assert row(inv, "Summa investeringar").values == nums(9500, 3650, 6950, 2550)
    statuses = [(g.committee_goal, g.status) for g in ex.goals]
    assert statuses == [("Snabb och rättssäker handläggning", "delvis uppfyllt"),
                        ("Hälsosam livsmiljö", "kan ej bedömas")]
    lead = goal(ex, "Snabb och rättssäker handläggning").indicators[1]
    assert (lead.label, lead.columns, lead.values) == (
        "Handläggningstid bygglov, medianvärde (dagar)", ["Utfall 2024", "Utfall aug 2025", "Målnivå 2025"],
        ["34", "29", "Högst 30"])
    assert ex.warnings == []


def test_pdf_numeric_table_without_ruling_lines_right_aligned():
    import os

    import pytest

    fpdf = pytest.importorskip("fpdf")
    from fpdf.fonts import FontFace

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(font):
        pytest.skip("DejaVu-typsnitt saknas")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", font)
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.write(5, "Tekniska nämndens internbudget 2026\n\nDriftbudget\n\n")
    rows = [["Tkr", "Budget 2025", "Budget 2026", "Plan 2027"], ["Gata och park", "98 400", "101 200", "103 000"],
            ["Trafik och parkering", "-12 300", "-11 900", "-11 500"], ["Summa nämnd", "86 100", "89 300", "91 500"]]
    with pdf.table(borders_layout="NONE", col_widths=(40, 20, 20, 20), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   headings_style=FontFace()) as t:
        for r in rows:
            cells = t.row()
            for c in r:
                cells.cell(c)
    ex = parse_document(bytes(pdf.output()), "tn.pdf")
    [t] = ex.tables
    assert (t.kind, t.unit, t.columns) == ("operating_summary", "tkr", ["Budget 2025", "Budget 2026", "Plan 2027"])
    assert row(t, "Trafik och parkering").values == nums(-12300, -11900, -11500)
    assert t.page == 1 and ex.warnings == []
