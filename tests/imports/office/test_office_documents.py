"""Documents produced by a real office suite: python-docx sources, LibreOffice's PDF and its DOCX round trip.

The fixtures are built by ``make_fixtures.py`` (run by hand; CI only reads the committed files). Every
expectation below comes from the documents' own content, the data the script typesets, never from what
the parser returned. Each document is read in three variants (``.docx`` as Word features written by
python-docx, ``.lo.docx`` as LibreOffice saves it, ``.pdf`` as LibreOffice typesets it: running header,
"Sida X av Y" footer, repeated header rows, rows split over a page end, footnote marks as raised digits,
words broken in narrow cells) and all three must give the same figures.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetapp.imports.parsing.extraction import Extraction, Table
from budgetapp.imports.parsing.pipeline import parse_document
from tests.imports.office import make_fixtures as src

HERE = Path(__file__).resolve().parent
VARIANTS = ("docx", "lo.docx", "pdf")
D = Decimal
_cache: dict[str, Extraction] = {}


def parse(name: str, variant: str) -> Extraction:
    key = f"{name}.{variant}"
    if key not in _cache:
        path = HERE / key
        _cache[key] = parse_document(path.read_bytes(), path.name)
    return _cache[key]


def table(ex: Extraction, title: str) -> Table:
    found = [t for t in ex.tables if title in t.title]
    assert len(found) == 1, (title, [t.title for t in ex.tables])
    return found[0]


def values(t: Table) -> dict[str, list]:
    return {r.label: r.values for r in t.rows}


def label(text: str) -> str:
    return text.replace(src.SOFT_HYPHEN, "")


def summary(ex: Extraction) -> list:
    """Everything the import stores, without line/page positions (which differ between formats)."""
    tables = [(t.kind, t.title, t.unit, t.columns, [(r.label, r.values, r.row_type, r.parent) for r in t.rows])
              for t in ex.tables]
    goals = [(g.kind, g.committee_goal, g.status, [(i.label, i.columns, i.values, i.parent) for i in g.indicators])
             for g in ex.goals]
    return [tables, goals]


@pytest.mark.parametrize("name", list(src.DOCUMENTS))
def test_fixtures_are_small_and_present(name):
    for variant in VARIANTS:
        path = HERE / f"{name}.{variant}"
        assert path.exists() and path.stat().st_size < 200_000, path


@pytest.mark.parametrize("name", list(src.DOCUMENTS))
@pytest.mark.parametrize("variant", ["lo.docx", "pdf"])
def test_every_variant_extracts_the_same_as_the_word_source(name, variant):
    assert summary(parse(name, variant)) == summary(parse(name, "docx"))


@pytest.mark.parametrize("name", list(src.DOCUMENTS))
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_warnings_for_clean_documents(name, variant):
    """The documents add up and every cell is readable: any warning here is a reading error."""
    assert [w.message for w in parse(name, variant).warnings] == []


# ------------------------------------------------------------------------------------------ BUN
@pytest.mark.parametrize("variant", VARIANTS)
def test_bun_internbudget(variant):
    ex = parse("bun_internbudget_2027", variant)
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == ("internal_budget", "Barn- och ungdomsnämnden", 2027,
                                                              [2028, 2029])
    assert len(ex.documents) == 1
    drift = table(ex, "Driftbudget per verksamhet")
    assert (drift.kind, drift.unit) == ("operating_summary", "tkr")
    assert drift.columns == ["Bokslut 2025", "Budget 2026", "Budget 2027", "Plan 2028", "Plan 2029"]
    expected = {label(k): v for k, v in src.BUN_DRIFT.items()}
    expected["Summa"] = src.BUN_DRIFT_SUM
    assert values(drift) == expected  # the footnote mark on "Nämnd och förvaltning" is not in the label
    assert [r.row_type for r in drift.rows][-1] == "sum"

    frames = table(ex, "Ramjusteringar")
    assert frames.kind == "frame_adjustments" and frames.columns == ["2027", "2028", "2029"]
    rows = {r.label: (r.row_type, r.values) for r in frames.rows}
    assert rows["Ram 2026"] == ("frame", [D(3527500)] * 3)
    for text, amounts in src.BUN_CHANGES.items():
        assert rows[text] == ("change", amounts)
    assert rows["Budgetram"] == ("frame", src.BUN_FRAMES)

    units = table(ex, "Budget per område")
    assert units.kind == "operating_summary" and units.columns == ["Budget 2026", "Budget 2027"]
    # 56 rows over a page break with the header row repeated: one table, no row lost or doubled
    assert values(units) == {**src.BUN_UNITS, "Summa områden": src.BUN_UNITS_SUM}
    assert len(units.rows) == len(src.BUN_UNITS) + 1

    volumes = table(ex, "Volymer")
    assert volumes.kind == "volume" and volumes.columns == ["Utfall 2025", "Budget 2026", "Budget 2027"]
    assert values(volumes) == src.BUN_VOLUMES

    assert [g.committee_goal for g in ex.goals] == [g for g, _ in src.BUN_GOALS]
    for goal, (_, inds) in zip(ex.goals, src.BUN_GOALS, strict=True):
        assert goal.status is None  # a budget has no assessments
        assert [(i.label, i.values) for i in goal.indicators] == [(n, [v, t]) for n, v, t in inds]
        assert all(i.columns == ["2025", "Målvärde 2027"] for i in goal.indicators)
    sick = ex.goals[-1].indicators
    assert [i.parent for i in sick] == [None, "Sjukfrånvaro (%)", "Sjukfrånvaro (%)"]


def test_bun_toc_with_dot_leaders_is_not_a_table():
    for variant in VARIANTS:
        ex = parse("bun_internbudget_2027", variant)
        assert not any("Förord" in r.label for t in ex.tables for r in t.rows), variant


def test_bun_pdf_cites_pages_and_drops_page_furniture():
    ex = parse("bun_internbudget_2027", "pdf")
    assert table(ex, "Driftbudget per verksamhet").page == 2
    assert table(ex, "Budget per område").page == 3  # the table starts on page 3 and ends on page 4
    labels = {r.label for t in ex.tables for r in t.rows}
    assert not any("Sida" in lb or "Internbudget 2027" in lb for lb in labels)


# ---------------------------------------------------------------------------------------- Äldre
@pytest.mark.parametrize("variant", VARIANTS)
def test_aldre_verksamhetsberattelse(variant):
    ex = parse("aldrenamnden_verksamhetsberattelse_2026", variant)
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("annual_report", "Äldrenämnden", 2026)
    drift = table(ex, "Driftredovisning")
    assert (drift.kind, drift.unit) == ("operating_summary", "tkr")
    assert drift.columns == ["Bokslut 2026", "Budget 2026", "Avvikelse", "Bokslut 2025"]
    assert values(drift) == {**src.ALDRE_DRIFT, "Summa": src.ALDRE_DRIFT_SUM}
    assert values(drift)["Hemtjänst"][2] == D(-14400)  # printed with U+2212

    statuses = {"Delvis uppfyllt": "delvis uppfyllt", "Uppfyllt": "uppfyllt", "Ej uppfyllt": "ej uppfyllt"}
    # the overview table and each goal's own section assess the same goal: one goal each
    assert [(g.committee_goal, g.status) for g in ex.goals] == [(g, statuses[s]) for g, s, _, _ in src.ALDRE_GOALS]
    for goal, (_, _, _, inds) in zip(ex.goals, src.ALDRE_GOALS, strict=True):
        assert [(i.label, i.values) for i in goal.indicators] == [(n, list(v)) for n, *v in inds]
        assert goal.indicators[0].columns == ["Utfall 2024", "Utfall 2025", "Utfall 2026", "Målvärde 2026"]

    staff = table(ex, "Personal")
    assert staff.kind == "personnel"
    assert values(staff) == {k: [D(v.replace(" ", "")) for v in vs] for k, vs in src.ALDRE_STAFF.items()}

    projects = table(ex, "Investeringsprojekt")
    assert projects.kind == "investment_projects"
    assert projects.columns == ["Beslutad budget", "Ack. utfall", "Avvikelse", "Slutår"]
    rows = {r.label: (r.values, r.parent) for r in projects.rows if r.row_type == "line"}
    assert rows == {name: ([budget, actual, budget - actual, D(end)], section)
                    for section, name, budget, actual, end in src.ALDRE_PROJECTS}


# ------------------------------------------------------------------------------ Samhällsbyggnad
@pytest.mark.parametrize("variant", VARIANTS)
def test_samhallsbyggnad_forvaltningsbudget(variant):
    ex = parse("samhallsbyggnad_forvaltningsbudget_2027", variant)
    d = ex.document
    assert (d.kind, d.organisation, d.year, d.plan_years) == (
        "administration_budget", "Samhällsbyggnadsförvaltningen", 2027, [2028, 2029])
    drift = table(ex, "Driftbudget per verksamhet")
    assert (drift.kind, drift.unit) == ("operating_summary", "mnkr")
    assert drift.columns == ["Budget 2026", "Budget 2027", "Plan 2028", "Plan 2029"]
    assert values(drift) == {**src.SBN_DRIFT, "Summa verksamheter": src.SBN_DRIFT_SUM}  # NBSP thousands

    invest = table(ex, "Investeringar, nettoutgift")
    assert (invest.kind, invest.unit) == ("investment_frame", "tkr")
    assert values(invest) == {**src.SBN_INVEST, "Summa investeringar inom ram": src.SBN_INVEST_SUM,
                              "Investeringsram enligt KF": src.SBN_INVEST_SUM}
    assert {r.label: r.row_type for r in invest.rows}["Investeringsram enligt KF"] == "frame"

    projects = table(ex, "Större investeringsprojekt")  # in a landscape section
    assert projects.kind == "investment_projects"
    assert projects.columns == ["Beslutad budget", "Ack. utfall 2026", "Prognos totalt", "Avvikelse", "Slutår"]
    assert values(projects) == {k: [b, a, p, b - p, D(end)] for k, (b, a, p, end) in src.SBN_PROJECTS.items()}

    assert [(g.kind, g.committee_goal) for g in ex.goals] == [("administration_goal", g) for g, _ in src.SBN_GOALS]
    for goal, (_, inds) in zip(ex.goals, src.SBN_GOALS, strict=True):
        assert [(i.label, i.values) for i in goal.indicators] == [(n, [v, t]) for n, v, t in inds]


# ------------------------------------------------------------------------------------------- KF
@pytest.mark.parametrize("variant", VARIANTS)
def test_kf_budget(variant):
    ex = parse("kf_budget_2027", variant)
    d = ex.document
    assert (d.kind, d.organisation, d.year) == ("council_budget", "Kommunfullmäktige", 2027)
    drift = table(ex, "Driftsammandrag")
    assert (drift.kind, drift.unit) == ("operating_summary", "mnkr")
    assert drift.columns == ["Budget 2026", "Budget 2027", "Plan 2028", "Plan 2029"]
    assert values(drift) == {**src.KF_DRIFT, "Summa nämnder": src.KF_DRIFT_SUM,
                             "Kommungemensamma poster": src.KF_COMMON, "Totalt": src.KF_TOTAL}
    adjustments = table(ex, "Ramjustering")
    assert (adjustments.kind, adjustments.unit) == ("frame_adjustments", "mnkr")
    rows = [(r.label, r.values, r.row_type) for r in adjustments.rows]
    assert rows[:-1] == [(t, [v], "change") for t, v in src.KF_ADJUSTMENTS]
    assert rows[-1] == ("Summa ramjusteringar", [sum((v for _, v in src.KF_ADJUSTMENTS), D(0))], "sum")


def test_kf_docx_title_keeps_the_plan_years():
    # the one-page PDF's running header ("Budget 2027 – Kommunfullmäktige") comes first there, so only
    # the DOCX variants read the plan years from the cover title (see docs/import-formats.md)
    for variant in ("docx", "lo.docx"):
        assert parse("kf_budget_2027", variant).document.plan_years == [2028, 2029]


def test_pdf_footnotes_moved_not_dropped_and_marks_are_superscripts():
    from budgetapp.imports.parsing.readers import read_bytes

    _, lines = read_bytes((HERE / "bun_internbudget_2027.pdf").read_bytes())
    texts = [ln.text for ln in lines]
    assert any(src.BUN_FOOTNOTE in t for t in texts) and any(src.BUN_DRIFT_NOTE in t for t in texts)
    assert any(t.startswith("Nämnd och förvaltning¹\t") for t in texts)  # not "förvaltning1"
    assert not any("Sida " in t for t in texts)  # footers are page furniture
