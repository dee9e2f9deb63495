"""find_tables over each whole seed document; figures asserted exactly as printed."""

import time
from decimal import Decimal as D
from functools import cache
from pathlib import Path

import pytest

from budgetapp.imports.parsing.extraction import Table, TableRow
from budgetapp.imports.parsing.readers import read_text
from budgetapp.imports.parsing.tables import find_tables, is_indicator_header

SEEDS = Path("/work/shared/seeds")
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")


@cache
def parsed(alias: str) -> tuple[list[Table], list]:
    path = next(SEEDS.glob(f"{alias}_*.txt"))
    return find_tables(read_text(path.read_text(encoding="utf-8")))


def table_at(alias: str, line: int) -> Table:
    return next(t for t in parsed(alias)[0] if t.page_or_line == line)


def row(table: Table, label: str, n: int = 0) -> TableRow:
    return [r for r in table.rows if r.label == label][n]


def nums(*xs: object) -> list[object]:
    return [None if x is None else D(str(x)) for x in xs]


def test_000_parses_fast() -> None:
    path = next(SEEDS.glob("000_*.txt"))
    lines = read_text(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    find_tables(lines)
    assert time.perf_counter() - start < 1.0


def test_000_ks_driftsammandrag() -> None:
    t = table_at("000", 1752)
    assert t.kind == "operating_summary"
    assert t.unit == "tkr"
    assert t.title == "Kommunstyrelsens förslag till driftsammandrag"
    assert t.columns == [
        "Budget 2019",
        "Budget förslag 2020",
        "Plan förslag 2021",
        "Plan förslag 2022",
        "Plan förslag 2023",
    ]
    expected = {
        "Kommunledning": (170679, 160964),
        "Planeringsstaben": (47860, 36612),
        "Digitaliseringsstaben": (12523, 12693),
        "Näringsliv och tillväxtstaben": (41873, 40987),
        "Ekonomistaben": (49824, 49429),
        "HR-staben": (44206, 45954),
        "Kommunikationsstaben": (44619, 40051),
        "Administrativa staben": (70752, 75885),
    }
    for label, (b19, b20) in expected.items():
        r = row(t, label)
        assert r.row_type == "line"
        assert r.values == nums(b19, b20, None, None, None)
        assert r.parent == "Kommunstyrelsen, Kommunledningsförvaltningen"
    change = [r for r in t.rows if r.row_type == "change" and r.parent == "Kommunledning"]
    assert [(r.label, r.values[1]) for r in change] == [
        ("Kostnadsdämpande åtgärder", D(-1200)),
        ("Budgetjusteringar", D(-5824)),
        ("Tekniska justeringar ram", D(-7720)),
        ("Omfördelning ram", D(900)),
        ("Övrigt inkl. pris och lön", D(4129)),
    ]
    assert row(t, "Omfördelning ram", 3).values == nums(None, -3000, None, None, None)  # Kommunikationsstaben
    frame = row(t, "Budgetram enligt beslut i KF den 28 maj 2019")
    assert frame.row_type == "frame"
    assert frame.values == nums(482336, 463475, 455955, 443641, 440495)
    adjusted = row(t, "Budgetram enligt beslut i KF den 28 maj 2019 inkl ramjusteringar")
    assert adjusted.values == nums(482336, 460375, 452855, 440541, 437395)
    moved = row(t, "Omfördelning ram från barn- och ungdomsnämnden och bildningsnämnden")
    assert moved.row_type == "change" and moved.values == nums(None, 1200, 1200, 1200, 1200)
    assert row(t, "varav intäkter").values == nums(None, 83988, None, None, None)
    assert row(t, "varav kostnader").values == nums(None, 546563, None, None, None)
    vss = row(t, "Verksamhetens nettokostnad", 0)
    assert vss.parent == "Verksamhetsstöd och service" and vss.values == nums(3346, 0, 0, 0, 0)
    leanlink = row(t, "Verksamhetens nettokostnad", 1)
    assert leanlink.parent == "Leanlink" and leanlink.values == nums(0, 15000, 0, 0, 0)
    assert row(t, "Intäktsökning/kostnadsreducering").values == nums(40458, 25458, None, None, None)


def test_000_vss_and_leanlink_driftsammandrag() -> None:
    vss = table_at("000", 3294)
    assert vss.kind == "operating_summary"
    assert row(vss, "LKDATA").values == nums(None, 0, 0, 0, 0)  # vanished 2019 cell stays empty
    assert row(vss, "varav intäkter", 5).values == nums(185925, 192000, 192000, 192000, 192000)
    assert row(vss, "Summa förvaltningens internbudget").row_type == "sum"
    assert row(vss, "Summa förvaltningens internbudget").values == nums(500, 0, 0, 0, 0)
    ll = table_at("000", 4264)
    assert ll.title == "Förvaltningschefens förslag till driftsammandrag"
    assert [(r.label, r.values[:2]) for r in ll.rows if r.row_type == "line"] == [
        ("Råd & Stöd", nums(-6175, -6000)),
        ("LSS Funktionsstöd", nums(15350, 9000)),
        ("Äldreomsorg", nums(31202, 14000)),
        ("Stöd & Service", nums(0, 0)),
        ("Kost & Restaurang", nums(0, -2000)),
        ("Ledning", nums(0, 0)),
    ]
    assert row(ll, "Summa internbudget").values == nums(40377, 15000, 0, 0, 0)
    assert row(ll, "varav intäkter").values == nums(1545589, 1626300, 1626300, 1626300, 1626300)
    assert row(ll, "Budgetram enligt beslut i KF den 28 maj 2019").row_type == "frame"


def test_000_economy_and_frame_list() -> None:
    eco = table_at("000", 653)
    assert eco.kind == "economy_summary"
    assert eco.title == "Ekonomi, belopp tkr"
    assert eco.columns == ["Budget förslag 2020", "Plan förslag 2021", "Plan förslag 2022", "Plan förslag 2023"]
    assert row(eco, "Verksamhetens nettokostnader").values == nums(460375, 452855, 440541, 437395)
    assert row(eco, "varav intäkter").values == nums(83988, None, None, None)
    assert row(eco, "Intäktsökning/kostnadsreducering").values == nums(25458, 0, 0, 0)
    frames = table_at("000", 702)
    assert frames.kind == "frame_adjustments"
    assert [r.values[0] for r in frames.rows] == nums(463475, 1000, 200, 900, -3000, -2200, 460375)
    assert [r.row_type for r in frames.rows] == ["frame"] + ["change"] * 5 + ["frame"]


def test_000_stab_tables() -> None:
    stabs = [t for t in parsed("000")[0] if t.kind == "unit_budget"]
    assert [t.title for t in stabs] == [
        "Kommunledning (tkr)",
        "Planeringsstaben (tkr)",
        "Digitaliseringsstaben (tkr)",
        "Näringsliv och tillväxtstaben (tkr)",
        "Ekonomistaben (tkr)",
        "HR-staben (tkr)",
        "Kommunikationsstaben (tkr)",
        "Administrativa staben (tkr)",
    ]
    kl = stabs[0]
    assert kl.columns == ["Budget 2020"] and kl.unit == "tkr"
    assert row(kl, "Kommunstyrelsen", 1).values == nums(-4878)
    assert row(kl, "Kommunstyrelsen", 1).parent == "Kommunstyrelsen"
    assert row(kl, "Räddningstjänstverksamhet", 1).values == nums(104650)
    assert row(kl, "Summa stab").values == nums(160964)
    assert row(kl, "varav intäkter").parent == "Summa stab"
    plan = stabs[1]  # "Forts. nästa sida" and the repeated header are skipped
    assert row(plan, "Enhetschefer").values == nums(2515)
    assert row(plan, "Personal").parent == "Analys och utredning"
    assert row(plan, "Summa stab").values == nums(36612)
    assert not any("Forts" in r.label or "(tkr)" in r.label for t in stabs for r in t.rows)
    assert row(stabs[4], "Inkasso").values == nums(-300)
    assert row(stabs[5], "varav kostnader").values == nums(-58658)


def test_000_investments_and_volumes() -> None:
    inv = table_at("000", 2287)
    assert inv.kind == "investment_frame" and inv.title == "Investeringar" and inv.unit == "tkr"
    assert inv.columns == [
        "Nettoutgift förslag 2020",
        "Nettoutgift förslag 2021",
        "Nettoutgift förslag 2022",
        "Nettoutgift förslag 2023",
    ]
    assert row(inv, "varav investeringsreserv").values == nums(15000, 15000, 15000, 15000)
    assert row(inv, "Ny simhall").values == nums(252000, 297000, 307500, None)
    assert row(inv, "Kommunstyrelsen (ombyggnation receptionen i Stadshuset)").values == nums(1200, None, None, None)
    wrapped = row(inv, "Verksamhetsstöd och service (ökade volymer samt digitaliseringssatsningar LKDATA)")
    assert wrapped.values == nums(7100, 7100, 7100, 7100)
    assert row(inv, "Summa investeringar").values == nums(369950, 413550, 424050, 116550)
    vol = table_at("000", 2610)
    assert vol.kind == "volume" and vol.unit == "antal"
    assert vol.columns == ["Utfall 2018", "Utfall aug. 2019", "Prognos 2019", "Prognos 2020"]
    assert row(vol, "Ärenden Kontakt Linköping").values == ["N/A", D(100000), D(197000), D(250000)]
    assert row(vol, "Ärenden HR Direkt").values == ["N/A", D(450), D(1000), D(1600)]
    pers = table_at("000", 2625)
    assert pers.kind == "personnel" and row(pers, "Antal årsarbetare").values == nums("151.8", "180.5", 184, 186)
    ll_vol = table_at("000", 3740)
    assert row(ll_vol, "Hemtjänst, timmar").values == nums(412441, None, None, None)
    assert row(ll_vol, "Måltider, antal (Kost & Restaurang)").values == nums(6610550, None, None, None)


def test_000_has_no_indicator_tables() -> None:
    tables, _ = parsed("000")
    assert not any(t.page_or_line in range(915, 1689) for t in tables)  # nämndmål section
    assert not any(t.page_or_line in range(2763, 3228) for t in tables)  # VSS förvaltningsmål


def test_001_tables() -> None:
    tables, _ = parsed("001")
    eco = table_at("001", 234)
    assert eco.kind == "economy_summary" and eco.unit == "mnkr"
    assert row(eco, "Nettokostader KS/KLF".replace("kostader", "kostnader")).values == nums(
        "666.8", "673.7", "680.0", "677.2", "678.2", "679.1"
    )
    assert row(eco, "Investeringar netto Leanlink").values == nums(4400, 4400, 4400, 4400, 4400, 4400)
    drift = table_at("001", 312)
    assert drift.kind == "operating_summary" and drift.unit == "mnkr"
    assert drift.columns[0] == "Utfall 2022" and drift.columns[-1] == "Plan 2029"
    units = [r.label for r in drift.rows if r.row_type == "line"]
    assert units == [
        "Kommunstyrelsen",
        "Kommungemensamt",
        "Kommunledningsstaben",
        "Planeringsstaben",
        "Näringsliv- och tillväxtstaben",
        "Ekonomistaben",
        "HR-staben",
        "Kommunikations- & utveckl staben",
    ]
    assert row(drift, "Kommungemensamt").values == nums(
        "206.0", "260.3", "297.1", "306.8", "309.9", "310.1", "307.3", "310.8"
    )
    rtog = row(drift, "RTÖG höjd medlemsavgift")
    assert rtog.row_type == "change" and rtog.parent == "Kommungemensamt"
    assert rtog.values == nums(None, None, "0.2", "1.0", "0.7", "0.2", "0.2", "0.2")
    civil = row(drift, "Kapitalkostn investeringar civilt försvar")
    assert civil.row_type == "change" and civil.parent == "Kommunledningsstaben"
    assert row(drift, "Summa nämndens internbudget").values[0] == D("554.9")
    ks = table_at("001", 413)
    assert ks.kind == "unit_budget" and ks.unit == "tkr" and ks.columns == ["Budget 2023", "Budget 2024"]
    assert row(ks, "Summa kommunstyrelsen").values == nums(28143, 30164)
    assert row(ks, "varav intäkter").values == nums(-3971, -3501)
    eko = table_at("001", 533)  # a blank line inside the table does not split it
    assert row(eko, "Gemensamma lokaler").values == nums(5715, 5829)
    assert row(eko, "Summa Ekonomistaben").values == nums(34040, 34766)
    kls = table_at("001", 450)
    assert row(kls, "ers MSB intäkt").values == nums(-4800, -4800)
    inv = table_at("001", 612)
    assert inv.kind == "investment_frame" and inv.unit == "mnkr"
    assert row(inv, "Summa investeringar").values[0] == D("419.0")
    pers = table_at("001", 823)
    assert pers.kind == "personnel"
    assert row(pers, "Total sjukfrånvaro").values[1] == D("3.0")
    assert row(pers, "Externa personalavgångar").values[1] == "-"
    assert not any(t.page_or_line in range(627, 760) for t in tables)  # indicator tables are goals.py's


def test_003_tables() -> None:
    drift = table_at("003", 349)
    assert drift.kind == "operating_summary" and drift.unit == "tkr"
    assert drift.columns == [
        "Bokslut 2019",
        "Budget 2020",
        "Budget förslag 2021",
        "Plan förslag 2022",
        "Plan förslag 2023",
        "Plan förslag 2024",
    ]
    assert row(drift, "VSS ledning").values == nums(-2355, 0, 0, 0, 0, 0)
    assert row(drift, "Kontakt Linköping").values[0] == D(5027)
    assert row(drift, "varav kostnader", 5).values[0] == D(176327)  # "varav kostnader**" mark stripped
    assert row(drift, "Summa nämndens internbudget").values == nums(17301, 0, 0, 0, 0, 0)
    vol = table_at("003", 193)
    assert vol.kind == "volume"
    assert row(vol, "Ärenden Kontakt Linköping").values == ["-", D(220000), D(250000), D(260000), D(270000), D(280000)]
    inv = table_at("003", 395)
    assert inv.kind == "investment_frame"
    assert row(inv, "VSS (huvudsakligen LKDATA)").values == nums(46070, 60000, 45000, 45000, 45000, 45000)
    eco = table_at("003", 175)
    assert eco.kind == "economy_summary" and row(eco, "varav kostnader").values[0] == D(326910)


def test_004_tables() -> None:
    drift = table_at("004", 231)
    assert drift.kind == "operating_summary"
    assert drift.columns == ["Bokslut 2020", "Budget 2020", "Avvikelse", "Bokslut 2019"]
    assert row(drift, "Kommunstyrelsen, kommunledningen").values == nums(172446, 160967, -11479, 168116)
    assert row(drift, "Summa").values == nums(449379, 504181, 54802, 462113)
    assert row(drift, "Leanlink").values == nums(7972, -15000, 22972, -25157)
    corona = table_at("004", 247)
    assert corona.kind == "event"
    assert row(corona, "Kommunstyrelsen").values == nums(-15800, 0, -15800)
    proj = table_at("004", 305)
    assert proj.kind == "investment_projects" and proj.unit == "mnkr"
    assert row(proj, "varav KS strateg markköp").values == nums("50.0", "20.5", "29.5", "50.0", "20.5", "29.5")
    assert row(proj, "Summa investeringar").values[0] == D("137.2")
    big = table_at("004", 320)
    assert big.kind == "investment_projects"
    assert row(big, "KS ny simhall").values[0] == D(2022)
    effects = table_at("004", 342)
    assert effects.kind == "event" and effects.columns == ["Kostnader", "Intäkter"]
    assert row(effects, "Summa").values == nums(-15800, None)
    pers = table_at("004", 151)
    assert pers.kind == "personnel"
    eco = table_at("004", 81)
    assert eco.kind == "economy_summary"
    assert row(eco, "Investeringar, netto").values == nums(449975, 344705, -105270)


def test_indicator_headers_are_not_numeric_tables() -> None:
    assert is_indicator_header(["Nämndmål", "Nämndindikator", "2022", "2023"])
    assert is_indicator_header(["Förvaltningsmål", "Förvaltnings-indikator", "Utfall 2019", "Målvärde 2021"])
    assert not is_indicator_header(["Personal", "Bokslut 2020", "Bokslut 2019", "Målvärde helår"])
    assert not is_indicator_header(["Nettokostnad, belopp mnkr", "Utfall 2022", "Budget 2023"])
