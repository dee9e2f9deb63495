"""Five more held-out documents (tests/imports/heldout/), written before reading the recognisers.

Layouts the earlier held-out set lacks: a Word nämndplan whose goals are headings with an "Indikator" table
under each, a pdftotext delårsrapport where revenue and cost are rows, a verksamhetsberättelse with
percentage columns and a project table "Total budget | Ack. utfall | Återstår", a protocol paragraph with
its bilaga, and a short internbudget with a wrongly scaled cell and a figure that differs between tables.
Expected values are what the documents print."""

from decimal import Decimal
from pathlib import Path

from budgetapp.imports.parsing.extraction import Extraction, Table
from budgetapp.imports.parsing.pipeline import parse_document

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"


def parse(name: str) -> Extraction:
    path = HELDOUT / name
    return parse_document(path.read_bytes(), path.name)


def nums(*values) -> list:
    return [None if v is None else Decimal(str(v)) for v in values]


def table(ex: Extraction, title: str) -> Table:
    return next(t for t in ex.tables if title in t.title)


def row(t: Table, label: str):
    return next(r for r in t.rows if r.label == label)


def goal(ex: Extraction, name: str):
    return next(g for g in ex.goals if g.committee_goal == name)


def indicators(g) -> list:
    return [(i.label, i.values, i.parent) for i in g.indicators]


def test_word_verksamhetsplan_goal_headings_with_indicator_tables_and_budget_per_verksamhet():
    ex = parse("arbetsmarknadsnamnden_verksamhetsplan_2025.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == (
        "internal_budget", "Arbetsmarknadsnämnden", 2025, [2026, 2027])
    assert [g.committee_goal for g in ex.goals] == [
        "Fler invånare går från ekonomiskt bistånd till egen försörjning",
        "Nyanlända etablerar sig snabbare på arbetsmarknaden",
    ]
    first = ex.goals[0]
    assert (first.target_area, first.municipal_goal) == ("Medborgare", "Fler i arbete och egen försörjning")
    assert first.description == ("Nämnden ska genom samordnade insatser korta tiden med ekonomiskt bistånd och "
                                 "öka övergången till arbete eller studier.")
    share = "Andel avslutade insatser som lett till arbete eller studier (%)"
    assert indicators(first) == [
        (share, ["38", "41", "45", "48"], None),
        ("Kvinnor", ["35", "39", "43", "46"], share),
        ("Män", ["41", "43", "47", "50"], share),
        ("Antal hushåll med långvarigt ekonomiskt bistånd", ["1 240", "1 185", "Minska", "Minska"], None),
    ]
    assert first.indicators[0].columns == ["Utfall 2023", "Utfall 2024", "Mål 2025", "Mål 2026"]
    second = ex.goals[1]
    assert second.municipal_goal == "Fler i arbete och egen försörjning"
    assert second.description == "Sfi och samhällsorientering ska kombineras med praktik från första månaden."
    assert indicators(second) == [
        ("Andel sfi-elever som klarat minst en kurs (%)", ["62", "I.U.", "65", "68"], None),
        ("Etableringstid, medianvärde (månader)", ["24", "22", "Högst 20", "Högst 18"], None),
    ]

    per = table(ex, "Budget per verksamhet")
    assert (per.kind, per.unit, per.columns) == ("operating_summary", "tkr", ["Intäkter", "Kostnader", "Netto"])
    assert [r.label for r in per.rows] == ["Nämnd och förvaltningsledning", "Arbetsmarknadsinsatser",
                                          "Vuxenutbildning", "Ekonomiskt bistånd", "Integration och etablering",
                                          "Summa"]
    assert row(per, "Ekonomiskt bistånd").values == nums(4300, 286500, 282200)
    assert (row(per, "Summa").values, row(per, "Summa").row_type) == (nums(81600, 613500, 531900), "sum")

    res = table(ex, "Resultatbudget")
    assert (res.unit, res.columns) == ("tkr", ["Bokslut 2023", "Budget 2024", "Budget 2025", "Plan 2026",
                                               "Plan 2027"])
    assert row(res, "Kostnader").values == nums(-592180, -604700, -613500, -620400, -627500)
    assert row(res, "Resultat").values == nums(-1470, 0, 0, 0, 0)
    assert ex.warnings == []  # every figure in the document adds up


def test_pdftotext_delarsrapport_revenue_and_cost_rows_and_compact_goal_table():
    ex = parse("utbildningsnamnden_delarsrapport_augusti_2025.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("interim_report", "Utbildningsnämnden", 2025)
    assert len(ex.documents) == 1  # the running page header is no new document

    prog = table(ex, "Prognos helår")
    assert prog.kind in {"operating_summary", "economy_summary"} and prog.unit == "mnkr"
    assert prog.columns == ["Budget", "Prognos", "Avvikelse", "Utfall jan–aug"]
    assert [r.label for r in prog.rows] == ["Intäkter", "Personalkostnader", "Lokalkostnader", "Övriga kostnader",
                                           "Summa kostnader", "Nettokostnad", "Kommunbidrag", "Resultat"]
    assert row(prog, "Personalkostnader").values == nums("-1204.7", "-1219.3", "-14.6", "-792.4")
    assert row(prog, "Summa kostnader").values == nums("-1970.1", "-1983.4", "-13.3", "-1302.1")
    assert row(prog, "Resultat").values == nums("0.0", "-6.8", "-6.8", "17.6")

    per = table(ex, "Nettokostnad per verksamhet")
    assert per.unit == "mnkr"
    assert per.columns == ["Budget 2025", "Prognos 2025", "Avvikelse", "Utfall jan–aug 2025",
                           "Utfall jan–aug 2024"]
    assert row(per, "Gemensam verksamhet och förvaltningsledning").values == nums("47.6", "46.6", "1.0", "33.5",
                                                                                  "32.8")
    assert (row(per, "Summa").values, row(per, "Summa").row_type) == (
        nums("1657.7", "1664.5", "-6.8", "1087.5", "1050.0"), "sum")
    assert len(per.rows) == 6  # the sentence under the table is no row

    assert [(g.committee_goal, g.status) for g in ex.goals] == [
        ("Alla elever ska nå kunskapskraven", "delvis uppfyllt"), ("Trygg skolmiljö", "ej uppfyllt")]
    know = ex.goals[0]
    assert know.target_area == "Medborgare"
    assert know.description == "Skolan ska ge varje elev förutsättningar att nå målen."
    # the wrapped line "Västerås kommunala …" starts with a capital after an ordinary word: same indicator
    assert indicators(know) == [
        ("Andel elever i årskurs 9 som är behöriga till gymnasieskolan (%)", ["84,2", "85,0", "88"], None),
        ("Andel vårdnadshavare som rekommenderar Västerås kommunala förskolor (%)", ["89", "90", "Öka"], None),
    ]
    assert know.indicators[0].columns == ["2024", "2025", "Målvärde 2025"]
    safe = "Andel elever som känner sig trygga i skolan (%)"
    assert indicators(ex.goals[1]) == [
        (safe, ["87", "86", "90"], None), ("Flickor", ["85", "84", "-"], safe), ("Pojkar", ["89", "88", "-"], safe)]
    assert ex.warnings == []


def test_verksamhetsberattelse_percentage_columns_and_project_table():
    ex = parse("idrott_forening_verksamhetsberattelse_2024.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("annual_report", "Idrotts- och föreningsnämnden", 2024)

    drift = table(ex, "Driftredovisning")
    assert (drift.unit, drift.columns) == ("mnkr", ["Budget 2024", "Bokslut 2024", "Avvikelse", "Avvikelse (%)"])
    assert row(drift, "Kostnader").values == nums("-652.3", "-660.7", "-8.4", "-1.3")
    assert row(drift, "Resultat").values == nums("0.0", "-2.0", "-2.0", None)

    dev = table(ex, "Nettokostnadsutveckling")
    assert (dev.unit, dev.columns) == ("mnkr", ["Bokslut 2023", "Bokslut 2024", "Förändring", "Förändring (%)"])
    assert row(dev, "Nämnd och förvaltning").values == nums("41.7", "40.9", "-0.8", "-1.9")
    total = row(dev, "Summa nettokostnad")
    assert (total.values, total.row_type) == (nums("516.7", "536.1", "19.4", "3.8"), "sum")

    inv = table(ex, "Investeringsredovisning")
    assert (inv.kind, inv.unit) == ("investment_projects", "tkr")
    assert inv.columns == ["Total budget", "Ack. utfall", "Återstår", "Budget 2024", "Utfall 2024",
                           "Avvikelse 2024"]
    assert row(inv, "Ny sporthall Östra").values == nums(86000, 61450, 24550, 35000, 33120, 1880)
    assert row(inv, "Mindre investeringar").values == ["–", "–", "–", *nums(4000, 3640, 360)]
    assert row(inv, "Summa").values == nums(109700, 78870, 30830, 58500, 54180, 4320)

    assert [(g.committee_goal, g.status, g.target_area) for g in ex.goals] == [
        ("Fler barn och unga är fysiskt aktiva", "uppfyllt", "Medborgare"),
        ("Tillgängliga anläggningar för alla", "delvis uppfyllt", "Medborgare")]
    active = ex.goals[0]
    label = "Antal deltagartillfällen i föreningsverksamhet 7–20 år (tusental)"
    assert indicators(active) == [
        (label, ["1 812", "1 875", "1 903", "1 900"], None),
        ("Flickor", ["742", "771", "788", "–"], label),
        ("Pojkar", ["1 070", "1 104", "1 115", "–"], label),
    ]
    assert active.indicators[0].columns == ["Utfall 2022", "Utfall 2023", "Utfall 2024", "Målvärde 2024"]
    assert ex.goals[1].indicators[0].values == ["81", "83", "I.U.", "85"]
    # a percentage column is not summed, and Avvikelse (%) is no net of its rows
    assert ex.warnings == []


def test_protocol_paragraph_with_bilaga_is_split_and_keeps_its_decision_reference():
    ex = parse("aldrenamnden_protokoll_delarsrapport_2025.txt")
    assert [(d.kind, d.organisation, d.year) for d in ex.documents] == [
        ("decision", "Äldrenämnden", 2025), ("interim_report", "Äldrenämnden", 2025)]
    decision, report = ex.documents
    assert decision.decision_reference == "§ 45, Dnr ÄN 2025-123"
    assert report.decision_reference == "§ 45, Dnr ÄN 2025-123"  # the bilaga was decided under § 45
    assert report.title == "Delårsrapport per 31 augusti 2025"
    assert decision.last_line < report.first_line <= 23

    out = ex.to_json()
    assert out["document"]["decision_reference"] == "§ 45, Dnr ÄN 2025-123"
    assert [d["decision_reference"] for d in out["documents"]] == ["§ 45, Dnr ÄN 2025-123"] * 2

    prog = table(ex, "Prognos per verksamhetsområde")
    assert (prog.document_index, prog.unit) == (1, "mnkr")
    assert prog.columns == ["Budget helår", "Utfall jan–aug", "Prognos helår", "Avvikelse"]
    assert row(prog, "Hemtjänst").values == nums("412.0", "281.3", "420.5", "-8.5")
    assert row(prog, "Summa").values == nums("1391.2", "929.3", "1403.7", "-12.5")

    [g] = ex.goals
    assert (g.document_index, g.target_area, g.committee_goal, g.status) == (
        1, "Medborgare", "Äldre upplever en trygg och värdig vardag", "delvis uppfyllt")
    assert [(i.label, i.columns, i.values) for i in g.indicators] == [
        ("Andel brukare i särskilt boende som känner sig trygga (%)", ["Utfall 2024", "Utfall T2 2025",
                                                                      "Målvärde 2025"], ["84", "86", "88"]),
        ("Andel brukare i hemtjänsten som känner sig trygga (%)", ["Utfall 2024", "Utfall T2 2025",
                                                                  "Målvärde 2025"], ["81", "I.U.", "85"]),
    ]
    assert ex.warnings == []


def test_documents_without_a_decision_keep_the_five_contract_keys():
    ex = parse("fritidsnamnden_internbudget_2026.txt")
    assert ex.document.decision_reference is None
    assert set(ex.to_json()["document"]) == {"kind", "title", "organisation", "year", "plan_years"}


def test_decision_reference_from_a_plan_cover_and_inherited_by_bundled_bilagor():
    kfn = parse("kfn_internbudget_2026.txt").document  # "Beslutad av kultur- och fritidsnämnden …, § 112"
    assert kfn.decision_reference == "§ 112"
    seed = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_352885f2a1d568c4.txt"
    if seed.exists():
        docs = parse_document(seed.read_bytes(), seed.name).documents
        assert docs[0].decision_reference == "§ 315, Dnr KS 2019-519"
        assert [d.decision_reference for d in docs if d.kind in ("internal_budget", "administration_budget")] == [
            "§ 315, Dnr KS 2019-519"] * 3


def test_wrongly_scaled_cell_and_figure_that_differs_between_tables_are_warned_not_fixed():
    ex = parse("fritidsnamnden_internbudget_2026.txt")
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == ("internal_budget", "Fritidsnämnden", 2026,
                                                              [2027, 2028])
    over = table(ex, "Ekonomisk översikt")
    assert over.unit == "mnkr"
    assert row(over, "Nettoinvesteringar").values == nums("-18.5", "-2400", "-21.0", "-16.5")  # kept as printed
    drift = table(ex, "Driftbudget per verksamhet")
    assert row(drift, "Nettokostnad").values == nums("275.8", "283.4", "289.4", "295.9")
    inv = table(ex, "Investeringsbudget")
    assert row(inv, "Summa investeringar").values == nums("24.0", "21.0", "16.5")

    assert len(ex.warnings) == 2, ex.warnings
    scale = next(w for w in ex.warnings if "trolig enhetsfel" in w.message)
    assert scale.line == 9 and "Nettoinvesteringar" in scale.message
    differs = next(w for w in ex.warnings if "trolig enhetsfel" not in w.message)
    assert differs.line == 17
    assert "Nettokostnad" in differs.message and "Plan 2028" in differs.message
    assert "Ekonomisk översikt" in differs.message
