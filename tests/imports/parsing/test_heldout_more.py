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
