"""Compact pdftotext goal tables: header with years on its line, no blank lines between cells."""

from budgetapp.imports.parsing.extraction import Line
from budgetapp.imports.parsing.goals import find_goals


def _lines(text: str) -> list[Line]:
    return [Line(n, t, (t.strip(),)) for n, t in enumerate(text.split("\n"), start=1)]


def test_values_at_the_end_of_the_indicator_line_and_header_over_three_lines():
    text = """Målområde: Medarbetare
Nämndmål Nämnd-
indikator 2023 2024 Målvärde
2025
Goda arbetsplatser
Varje medarbetare har
en god arbetsmiljö.
Sjukfrånvaro (%) bland
tillsvidareanställda 8,9 8,4 Mindre än 8
Kvinnor 9,6 9,1
Män 6,1 5,9
Hållbart medarbetarengagemang,
index 78 79 Öka
Ingen nämndindikator ska
Stark ledning
Ingen nämndindikator
"""
    goals, _ = find_goals(_lines(text))
    assert [g.committee_goal for g in goals] == ["Goda arbetsplatser", "Stark ledning"]
    g = goals[0]
    assert g.target_area == "Medarbetare" and g.description == "Varje medarbetare har en god arbetsmiljö."
    assert [(i.label, i.values, i.parent) for i in g.indicators] == [
        ("Sjukfrånvaro (%) bland tillsvidareanställda", ["8,9", "8,4", "Mindre än 8"], None),
        ("Kvinnor", ["9,6", "9,1", ""], "Sjukfrånvaro (%) bland tillsvidareanställda"),
        ("Män", ["6,1", "5,9", ""], "Sjukfrånvaro (%) bland tillsvidareanställda"),
        ("Hållbart medarbetarengagemang, index", ["78", "79", "Öka"], None),
    ]
    assert goals[1].indicators == []
    assert g.indicators[0].columns == ["2023", "2024", "Målvärde 2025"]


def test_other_vocabulary_and_municipal_column():
    text = """Kommunövergripande mål Förvaltningsmål Förvaltningsindikator Utfall 2024 Målnivå 2025
En hållbar kommun
Minskad klimatpåverkan
Andel fossilfria
fordon (%) 71 85
"""
    goals, _ = find_goals(_lines(text), kind="administration_budget")
    [g] = goals
    assert (g.municipal_goal, g.committee_goal, g.kind) == (
        "En hållbar kommun", "Minskad klimatpåverkan", "administration_goal")
    [i] = g.indicators
    assert (i.label, i.columns, i.values) == (
        "Andel fossilfria fordon (%)", ["Utfall 2024", "Målnivå 2025"], ["71", "85"])


def test_breakdown_after_an_indicator_without_values():
    text = """Nämndens mål Indikator 2024 2025
Trygga skolor
Andel elever som känner sig trygga (%)
Flickor 88 90
Pojkar 91 92
"""
    [g], _ = find_goals(_lines(text))
    assert [(i.label, i.values, i.parent) for i in g.indicators] == [
        ("Andel elever som känner sig trygga (%)", ["", ""], None),
        ("Flickor", ["88", "90"], "Andel elever som känner sig trygga (%)"),
        ("Pojkar", ["91", "92"], "Andel elever som känner sig trygga (%)"),
    ]


def test_a_sentence_starting_with_namndmal_is_not_a_header():
    text = "Nämndmål Nämndindikator följs upp i delårsrapporten\nGoda arbetsplatser 8 9\n"
    goals, _ = find_goals(_lines(text))
    assert goals == []


def test_pdf_goal_table_without_ruling_lines(tmp_path):
    """pdfplumber puts side-by-side cells on one text line; word positions rebuild the columns."""
    import os

    import pytest

    fpdf = pytest.importorskip("fpdf")
    from fpdf.fonts import FontFace

    from budgetapp.imports.parsing.pipeline import parse_document

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(font):
        pytest.skip("DejaVu-typsnitt saknas")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", font)
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.write(5, "Barn- och ungdomsnämndens internbudget 2026\n\nMålområde: Medborgare\n\n")
    rows = [
        ["Nämndmål", "Nämndindikator", "2024", "2025", "Målvärde 2026"],
        ["Alla elever når kunskapskraven", "Andel (%) elever i årskurs 9 som är behöriga till gymnasiet",
         "86,1", "I.U.", "88"],
        ["", "Andel (%) elever som känner sig trygga i skolan", "91", "92", "Öka"],
        ["Trygga skolor", "Antal anmälda kränkningar per 100 elever", "4,1", "3,8", "Minska"],
    ]
    with pdf.table(borders_layout="NONE", col_widths=(30, 50, 12, 12, 18), headings_style=FontFace()) as t:
        for r in rows:
            cells = t.row()
            for c in r:
                cells.cell(c)
    ex = parse_document(bytes(pdf.output()), "bun.pdf")
    assert [g.committee_goal for g in ex.goals] == ["Alla elever når kunskapskraven", "Trygga skolor"]
    first = ex.goals[0]
    assert first.target_area == "Medborgare"
    assert [(i.label, i.values) for i in first.indicators] == [
        ("Andel (%) elever i årskurs 9 som är behöriga till gymnasiet", ["86,1", "I.U.", "88"]),
        ("Andel (%) elever som känner sig trygga i skolan", ["91", "92", "Öka"]),
    ]
    assert ex.goals[1].indicators[0].columns == ["2024", "2025", "Målvärde 2026"]
