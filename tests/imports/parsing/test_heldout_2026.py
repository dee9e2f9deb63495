"""Round 5 held-out documents (written before the parser was changed): other förvaltningar's layouts.

Each expectation is read off the document itself. What each document exercises:

- ``utbildningsnamnden_delarsrapport_april_layout_2026``: pdftotext -layout; columns "Utfall jan–apr 2026
  | Budget | Prognos | Avvikelse mot budget" (outcome first), headers over two lines, mnkr in the caption,
  "(5,2)", U+2212 and trailing-minus negatives, NBSP/thin-space thousands, the table continued on the next
  page under "…, forts." with its header repeated, a bottom-aligned goal table, "Bedömning: Delvis uppfyllt".
- ``socialnamnden_verksamhetsberattelse_ordstatus_2025``: Word TAB; amounts in kronor ("Belopp i kronor")
  with period/NBSP thousands and a trailing minus; a two-line header whose second line is not years only;
  goal statuses as words in an overview table "Nämndmål | Bedömning | Kommentar"; indicator tables whose
  header cell is the goal's own name directly under the goal heading.
- ``kultur_fritid_internbudget_nyckeltal_2026``: Word TAB; two-line header "Nettokostnad / budget 2026";
  thin-space/narrow-NBSP thousands; key-figure tables with an "Enhet" column or the unit in the row label
  (kr, %, antal, tkr, mnkr in one table).
- ``samhallsbyggnad_verksamhetsberattelse_forts_2025``: pdftotext (single spaces) driftredovisning with
  outcome first; a layout investment table continued across a page break under "(tkr), forts."; goal
  statuses as symbols explained by the document's own legend ("● Uppfyllt ◐ Delvis uppfyllt ○ Ej uppfyllt").
- ``vard_omsorg_verksamhetsberattelse_symboler_2025``: Word TAB; trailing-minus variances; key figures
  with the unit column last; an overview table with ✔/◑/✖ statuses and a legend line above it.
- ``miljoforvaltningen_forvaltningsbudget_2026``: Word TAB; negative revenue with U+2212; indicator tables
  whose header cell is "Förvaltningsmål 1: Effektiv tillsyn" under a section heading. Also built as a PDF
  with ruled tables (fpdf2), and the Socialnämnden document as DOCX (python-docx), in the tests below.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from budgetapp.imports.parsing.extraction import Extraction, Table
from budgetapp.imports.parsing.pipeline import parse_document

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
D = Decimal


def parse_file(name: str) -> Extraction:
    path = HELDOUT / name
    return parse_document(path.read_bytes(), path.name)


def table(ex: Extraction, title: str) -> Table:
    found = [t for t in ex.tables if title in t.title]
    assert found, (title, [t.title for t in ex.tables])
    return found[0]


def values(t: Table) -> dict:
    return {r.label: r.values for r in t.rows}


def statuses(ex: Extraction) -> list:
    return [(g.committee_goal, g.status) for g in ex.goals]


def indicators(ex: Extraction, goal: str) -> list:
    g = next(g for g in ex.goals if g.committee_goal == goal)
    return [(i.label, i.values, i.parent) for i in g.indicators]


def sum_warnings(ex: Extraction) -> list:
    return [w.message for w in ex.warnings if "Summa" in w.message or "summa" in w.message]


# ---------------------------------------------------------------------------------------------- A
A = "utbildningsnamnden_delarsrapport_april_layout_2026.txt"


def test_a_outcome_first_columns_two_line_headers_and_odd_negatives():
    ex = parse_file(A)
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("interim_report", "Utbildningsnämnden", 2026)
    drift = [t for t in ex.tables if "Driftredovisning" in t.title]
    assert len(drift) == 1, [t.title for t in drift]  # "…, forts." continues the same table
    t = drift[0]
    assert (t.kind, t.unit) == ("operating_summary", "mnkr")
    assert t.columns == ["Utfall jan–apr 2026", "Budget 2026", "Prognos 2026", "Avvikelse mot budget"]
    assert [r.label for r in t.rows] == [
        "Förskola", "Grundskola", "Grundsärskola", "Fritidshem", "Gymnasieskola", "Vuxenutbildning",
        "Nämnd och förvaltning", "Summa"]
    got = values(t)
    assert got["Förskola"] == [D("210.4"), D("640.0"), D("645.2"), D("-5.2")]  # "(5,2)"
    assert got["Grundskola"] == [D("388.1"), D("1150.0"), D("1146.3"), D("3.7")]  # NBSP thousands
    assert got["Grundsärskola"][3] == D("-1.4")  # U+2212
    assert got["Fritidshem"][3] == D("-1.1")  # trailing minus "1,1-"
    assert got["Summa"] == [D("888.1"), D("2667.0"), D("2667.4"), D("-0.4")]  # thin space, "(0,4)"
    assert t.rows[-1].row_type == "sum"
    assert not sum_warnings(ex)


def test_a_bottom_aligned_layout_goal_table_and_word_statuses():
    ex = parse_file(A)
    assert statuses(ex) == [("Alla elever ska nå kunskapskraven", "delvis uppfyllt"),
                            ("Goda arbetsplatser", "uppfyllt")]
    assert indicators(ex, "Alla elever ska nå kunskapskraven") == [
        ("Andel elever i åk 9 som är behöriga till ett nationellt program (%)", ["82", "84", "88"], None),
        ("Andel elever som känner sig trygga i skolan (%)", ["86", "85", "90"], None),
    ]
    assert indicators(ex, "Goda arbetsplatser") == [("Sjukfrånvaro bland medarbetare (%)", ["7,9", "7,5",
                                                                                           "Mindre än 7"], None)]
    assert ex.goals[0].indicators[0].columns == ["2024", "2025", "Målvärde 2026"]


# ---------------------------------------------------------------------------------------------- B
B = "socialnamnden_verksamhetsberattelse_ordstatus_2025.txt"
B_DRIFT = {
    "Individ- och familjeomsorg": [D(412880000), D(398300000), D(-14580000), D(401260000)],
    "Ekonomiskt bistånd": [D(96450000), D(92000000), D(-4450000), D(90112000)],
    "Funktionsstöd": [D(702114000), D(708600000), D(6486000), D(688402000)],
    "Nämnd och förvaltning": [D(31402000), D(33900000), D(2498000), D(30115000)],
    "Summa": [D(1242846000), D(1232800000), D(-10046000), D(1209889000)],
}
B_STATUSES = [("Trygg och stabil uppväxt", "delvis uppfyllt"), ("Fler i egen försörjning", "uppfyllt"),
              ("Ett självständigt liv", "ej uppfyllt"), ("Goda arbetsplatser", "uppfyllt")]


def _check_b(ex: Extraction) -> None:
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("annual_report", "Socialnämnden", 2025)
    t = table(ex, "Driftredovisning")
    assert (t.kind, t.unit) == ("operating_summary", "kr")
    assert t.columns == ["Utfall 2025", "Budget 2025", "Avvikelse mot budget", "Utfall 2024"]
    assert values(t) == B_DRIFT
    assert not sum_warnings(ex)
    assert statuses(ex) == B_STATUSES
    first = ex.goals[0]
    assert first.indicators[0].columns == ["Utfall 2023", "Utfall 2024", "Utfall 2025", "Målvärde 2025"]
    assert indicators(ex, "Trygg och stabil uppväxt") == [
        ("Andel placerade barn i familjehem (%)", ["44", "47", "49", "55"], None),
        ("Antal barn placerade på institution", ["38", "35", "31", "Färre än 30"], None)]
    assert indicators(ex, "Goda arbetsplatser") == [
        ("Sjukfrånvaro (%)", ["9,1", "8,6", "8,0", "Mindre än 8,5"], None),
        ("Kvinnor", ["9,8", "9,2", "8,5", ""], "Sjukfrånvaro (%)"),
        ("Män", ["6,3", "6,0", "5,7", ""], "Sjukfrånvaro (%)")]
    assert "målvärdet nås inte" in first.analysis
    assert not [t for t in ex.tables if "Måluppfyllelse" in t.title or "Bedömning" in t.columns]


def test_b_kronor_word_statuses_and_goal_named_header_cells():
    _check_b(parse_file(B))


def text_to_docx(text: str) -> bytes:
    """Word version of a TAB document: runs of TAB lines become one table, other lines paragraphs."""
    d = docx.Document()
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(r) for r in block)
        t = d.add_table(rows=0, cols=width)
        for r in block:
            for cell, text in zip(t.add_row().cells, r + [""] * (width - len(r)), strict=True):
                cell.text = text
        block.clear()

    for line in text.splitlines():
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        flush()
        d.add_paragraph(line)
    flush()
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_b_as_docx_gives_the_same_figures_and_statuses():
    data = text_to_docx((HELDOUT / B).read_text(encoding="utf-8"))
    ex = parse_document(data, "socialnamnden_verksamhetsberattelse_2025.docx")
    assert ex.source_format == "docx"
    _check_b(ex)


# ---------------------------------------------------------------------------------------------- C
C = "kultur_fritid_internbudget_nyckeltal_2026.txt"


def test_c_two_line_header_thin_spaces_and_key_figures_with_units_per_row():
    ex = parse_file(C)
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == (
        "internal_budget", "Kultur- och fritidsnämnden", 2026, [2027, 2028])
    t = table(ex, "Driftbudget per verksamhet")
    assert (t.kind, t.unit) == ("operating_summary", "tkr")
    assert t.columns == ["Nettokostnad budget 2026", "Nettokostnad budget 2025", "Förändring mellan åren"]
    got = values(t)
    assert got["Bibliotek"] == [D(62500), D(61300), D(1200)]
    assert got["Kulturskola"] == [D(40600), D(41100), D(-500)]
    assert got["Fritidsgårdar"] == [D(30100), D(30600), D(-500)]  # "500-"
    assert got["Summa"] == [D(216800), D(214800), D(2000)]
    assert not sum_warnings(ex)

    kf = next(t for t in ex.tables if t.title == "Nyckeltal")
    assert kf.columns == ["Utfall 2024", "Budget 2025", "Budget 2026"]  # the Enhet column is the rows' unit
    assert kf.unit == "blandad"
    assert [(r.label, r.unit) for r in kf.rows] == [
        ("Besök på biblioteken", "antal"), ("Kostnad per besök", "kr"), ("Andel aktiva låntagare", "%"),
        ("Nettokostnad per invånare", "kr"), ("Bidrag till föreningar", "tkr"), ("Investeringar", "mnkr")]
    got = values(kf)
    assert got["Besök på biblioteken"] == [D(412000), D(420000), D(425000)]
    assert got["Andel aktiva låntagare"] == [D("31.5"), D("32.0"), D("33.0")]
    assert got["Investeringar"] == [D("14.5"), D("9.0"), D("22.0")]
    assert kf.kind != "investment_frame"

    per = table(ex, "Nyckeltal per verksamhet")
    assert per.columns == ["2024", "2025", "2026"] and per.unit == "blandad"
    assert [r.unit for r in per.rows] == ["kr", "%", "antal", "tkr"]
    assert values(per)["Antal deltagartillfällen"] == [D(160400), D(162000), D(165000)]

    inv = table(ex, "Investeringar")
    # a "Projekt" label column makes it a project table (documented rule); the importer maps its
    # Budget/Plan year columns as frame rows all the same (no Beslutad budget/Ack. utfall columns)
    assert (inv.kind, inv.unit) == ("investment_projects", "tkr")
    assert values(inv)["Konstgräsplan Söder"] == [D(12000), "–", "–"]
    assert values(inv)["Summa"] == [D(22000), D(46500), D(60000)]


def test_c_key_figure_rows_keep_their_unit_in_the_json():
    out = parse_file(C).to_json()
    kf = next(t for t in out["tables"] if t["title"] == "Nyckeltal")
    assert [r["unit"] for r in kf["rows"]] == ["antal", "kr", "%", "kr", "tkr", "mnkr"]


# ---------------------------------------------------------------------------------------------- D
DOC_D = "samhallsbyggnad_verksamhetsberattelse_forts_2025.txt"


def test_d_pdftotext_outcome_first_and_investments_continued_under_forts():
    ex = parse_file(DOC_D)
    assert (ex.document.kind, ex.document.organisation) == ("annual_report", "Samhällsbyggnadsnämnden")
    t = table(ex, "Driftredovisning")
    assert (t.kind, t.unit) == ("operating_summary", "mnkr")
    assert t.columns == ["Utfall 2025", "Budget 2025", "Avvikelse 2025", "Utfall 2024"]
    got = values(t)
    assert got["Gata och park"] == [D("143.6"), D("139.0"), D("-4.6"), D("135.2")]
    assert got["Mark och exploatering"] == [D("-12.4"), D("-8.0"), D("4.4"), D("-10.9")]
    assert got["Summa"] == [D("161.1"), D("163.0"), D("1.9"), D("152.9")]

    inv = [t for t in ex.tables if "Investeringsredovisning" in t.title]
    assert len(inv) == 1, [t.title for t in inv]
    # a "Projekt" label column makes it a project table (documented rule), not a frame table
    assert (inv[0].kind, inv[0].unit) == ("investment_projects", "tkr")
    assert inv[0].columns == ["Budget 2025", "Utfall 2025", "Avvikelse 2025"]
    assert [r.label for r in inv[0].rows] == [
        "Gång- och cykelväg Norra leden", "Ombyggnad Stora torget", "Beläggningsprogram", "Trafiksignaler",
        "Lekplats Västra parken", "Summa"]
    got = values(inv[0])
    assert got["Ombyggnad Stora torget"] == [D(22000), D(24350), D(-2350)]
    assert got["Lekplats Västra parken"] == [D(2400), D(2650), D(-250)]
    assert got["Summa"] == [D(51100), D(52000), D(-900)]
    assert not sum_warnings(ex)


def test_d_symbol_statuses_through_the_documents_own_legend():
    ex = parse_file(DOC_D)
    assert statuses(ex) == [("Ökat bostadsbyggande", "uppfyllt"),
                            ("Trygga och tillgängliga gator", "delvis uppfyllt"),
                            ("Minskade utsläpp från trafiken", "ej uppfyllt")]


def test_d_symbols_without_a_legend_are_not_guessed_and_warned():
    text = (HELDOUT / DOC_D).read_text(encoding="utf-8").replace(
        "Teckenförklaring: ● Uppfyllt  ◐ Delvis uppfyllt  ○ Ej uppfyllt", "")
    ex = parse_document(text.encode(), "samhallsbyggnad.txt")
    assert [s for _, s in statuses(ex)] == [None, None, None]
    assert any("Ökat bostadsbyggande" in w.message and w.line for w in ex.warnings)


# ---------------------------------------------------------------------------------------------- E
E = "vard_omsorg_verksamhetsberattelse_symboler_2025.txt"


def test_e_trailing_minus_unit_column_last_and_symbol_overview():
    ex = parse_file(E)
    t = table(ex, "Resultat per verksamhet")
    assert (t.kind, t.unit) == ("operating_summary", "mnkr")
    assert t.columns == ["Utfall 2025", "Budget 2025", "Avvikelse", "Utfall 2024"]
    got = values(t)
    assert got["Hemtjänst"] == [D("412.6"), D("398.0"), D("-14.6"), D("395.1")]
    assert got["Summa"] == [D("1210.2"), D("1197.9"), D("-12.3"), D("1172.9")]
    assert not sum_warnings(ex)

    kf = next(t for t in ex.tables if t.title == "Nyckeltal")
    assert kf.columns == ["2023", "2024", "2025"]
    assert [r.unit for r in kf.rows] == ["antal", "antal", "kr", "%", "mnkr"]
    assert values(kf)["Beviljade timmar hemtjänst"] == [D(1102000), D(1151000), D(1214000)]

    assert statuses(ex) == [("Trygg och värdig äldreomsorg", "uppfyllt"),
                            ("God kontinuitet i hemtjänsten", "delvis uppfyllt"),
                            ("Minskad ofrivillig ensamhet", "ej uppfyllt"), ("Kompetent personal", "delvis uppfyllt")]
    assert indicators(ex, "God kontinuitet i hemtjänsten") == [
        ("Antal personal per brukare under 14 dagar", ["16", "15", "Högst 12"], None)]


# ---------------------------------------------------------------------------------------------- F
F = "miljoforvaltningen_forvaltningsbudget_2026.txt"


def _check_f(ex: Extraction) -> None:
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == (
        "administration_budget", "Miljöförvaltningen", 2026, [2027, 2028])
    t = table(ex, "Driftbudget")
    assert (t.kind, t.unit) == ("operating_summary", "mnkr")
    assert t.columns == ["Budget 2026", "Budget 2025", "Plan 2027", "Plan 2028"]
    got = values(t)
    assert got["Taxeintäkter"] == [D("-14.2"), D("-13.6"), D("-14.5"), D("-14.8")]
    assert got["Summa"] == [D("26.6"), D("26.6"), D("27.1"), D("27.6")]
    assert not sum_warnings(ex)
    assert [g.committee_goal for g in ex.goals] == ["Effektiv tillsyn", "Minskad klimatpåverkan"]
    assert indicators(ex, "Effektiv tillsyn") == [
        ("Andel planerade tillsynsbesök som genomförts (%)", ["88", "95", "95"], None),
        ("Handläggningstid för anmälningsärenden (dagar)", ["34", "Högst 28", "Högst 25"], None)]
    assert indicators(ex, "Minskad klimatpåverkan") == [("Andel fossilfria tjänsteresor (%)", ["61", "75", "85"],
                                                          None)]
    assert ex.goals[0].indicators[0].columns == ["Utfall 2024", "Mål 2026", "Mål 2027"]
    assert not [t for t in ex.tables if "Förvaltningsmål" in t.title]


def test_f_goal_title_in_the_header_cell_and_unicode_minus():
    _check_f(parse_file(F))


def text_to_pdf(text: str) -> bytes:
    """PDF version of a TAB document: runs of TAB lines become a ruled table (fpdf2), the rest text."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(r) for r in block)
        with pdf.table(headings_style=FontFace(), col_widths=[3] + [1] * (width - 1)) as tbl:
            for r in block:
                row = tbl.row()
                for cell in r + [""] * (width - len(r)):
                    row.cell(cell)
        pdf.ln(4)
        block.clear()

    for line in text.splitlines():
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        flush()
        pdf.write(5, line + "\n")
    flush()
    return bytes(pdf.output())


@pytest.mark.skipif(not os.path.exists(FONT), reason="DejaVu-typsnitt saknas")
def test_f_as_pdf_with_ruled_tables_gives_the_same_result_and_cites_pages():
    ex = parse_document(text_to_pdf((HELDOUT / F).read_text(encoding="utf-8")), "miljo_forvaltningsbudget.pdf")
    assert ex.source_format == "pdf"
    _check_f(ex)
    assert all(t.page == 1 for t in ex.tables)


@pytest.mark.skipif(not os.path.exists(FONT), reason="DejaVu-typsnitt saknas")
def test_e_as_pdf_keeps_trailing_minus_and_symbol_statuses():
    ex = parse_document(text_to_pdf((HELDOUT / E).read_text(encoding="utf-8")), "vard_omsorg.pdf")
    assert values(table(ex, "Resultat per verksamhet"))["Hemtjänst"][2] == D("-14.6")
    assert [s for _, s in statuses(ex)] == ["uppfyllt", "delvis uppfyllt", "ej uppfyllt", "delvis uppfyllt"]


# ---------------------------------------------------------------------------------------------- errors
def test_unreadable_amount_cell_is_warned_with_line_and_cell():
    text = (HELDOUT / F).read_text(encoding="utf-8").replace("9,8\t9,5", "9,8\t9.5,3")
    ex = parse_document(text.encode(), "miljo.txt")
    line = next(i + 1 for i, s in enumerate(text.splitlines()) if "9.5,3" in s)
    found = [w for w in ex.warnings if w.line == line]
    assert found and "9.5,3" in found[0].message and "Budget 2025" in found[0].message
