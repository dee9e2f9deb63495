"""End to end per seed document: parse the real file, import it through the service, read the database.

Every expected value below is read from the seed text itself; the comment names the seed line
(``000:1761`` = line 1761 of ``000_*.txt``, as ``sed -n``). The org tree is the demo kommun's
(``budgetapp.demo.build_org.load_trees``: Linköping 2020 and 2024, copied to 2021 for 003), so
the importer resolves printed names ("HR staben", "Näringsliv och tillväxstaben") against a
realistic tree with aliases, and creates only units the tree lacks (003's new VSS areas).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetapp.budget.models import BudgetChange, Figure
from budgetapp.goals.models import GoalAssessment, Indicator, IndicatorValue
from budgetapp.imports import services
from budgetapp.investments.models import InvestmentFrame, InvestmentProject
from budgetapp.organisation.models import KeyFigure, NodeKind, OrgNode

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds saknas"),
]


@pytest.fixture
def linkoping():
    from budgetapp.demo.build_org import load_fiscal_years, load_trees
    from budgetapp.organisation.services import copy_year

    load_fiscal_years()
    load_trees()
    copy_year(2020, 2021)


def import_seed(alias: str) -> services.ImportOutcome:
    path = next(SEEDS.glob(f"{alias}_*.txt"))
    data = path.read_bytes()
    extraction = services.parse_bytes(data, path.name)
    outcome = services.import_extraction(extraction, file_name=path.name, sha256=services.sha256_of(data))
    assert outcome.status == "imported"
    return outcome


def node(name: str, year: int, **extra) -> OrgNode:
    return OrgNode.objects.get(name=name, year=year, **extra)


def amount(name: str, year: int, scenario: str, measure: str = "net_cost", *, node_year: int | None = None,
           line_label: str = "", **extra) -> Decimal:
    fig = Figure.objects.get(node=node(name, node_year or year, **extra.pop("node_filter", {})), year=year,
                             scenario=scenario, measure=measure, line_label=line_label, **extra)
    return fig.amount


T = Decimal


# --- 004: KS verksamhetsberättelse 2020 -------------------------------------------------------------

# 004:233-243 "Driftsammandrag, netto tkr | Bokslut 2020 | Budget 2020 | Avvikelse | Bokslut 2019"
DRIFT_004 = [
    ("Kommunledning", 172_446, 160_967, 168_116),  # 004:233 "Kommunstyrelsen, kommunledningen"
    ("Planeringsstaben", 29_317, 35_647, 34_220),  # 004:234
    ("Digitaliseringsstaben", 12_318, 12_692, 11_474),  # 004:235
    ("Näringsliv och tillväxtstaben", 38_485, 40_987, 40_355),  # 004:236 printed "tillväxstaben"
    ("Ekonomistaben", 46_015, 90_278, 44_961),  # 004:237
    ("HR-staben", 43_991, 47_723, 49_159),  # 004:238 printed "HR staben"
    ("Kommunikationsstaben", 35_951, 40_001, 43_060),  # 004:239
    ("Administrativa staben", 70_856, 75_886, 70_768),  # 004:240
]


def test_004_annual_report(linkoping):
    outcome = import_seed("004")
    assert outcome.summary["new_nodes"] == []
    for name, outcome_2020, budget_2020, outcome_2019 in DRIFT_004:
        assert amount(name, 2020, "year_end_outcome") == outcome_2020, name
        assert amount(name, 2020, "budget") == budget_2020, name
        assert amount(name, 2019, "year_end_outcome", node_year=2020) == outcome_2019, name
    # 004:241 "Summa 449 379 504 181 54 802 462 113" → the committee
    assert amount("Kommunstyrelsen", 2020, "year_end_outcome") == 449_379
    assert amount("Kommunstyrelsen", 2020, "budget") == 504_181
    assert amount("Kommunstyrelsen", 2019, "year_end_outcome", node_year=2020) == 462_113
    # 004:242-243 VSS* and Leanlink* are results, positive = surplus (footnote 004:245)
    assert amount("Verksamhetsstöd och service", 2020, "year_end_outcome", "result") == 6_773
    assert amount("Verksamhetsstöd och service", 2020, "budget", "result") == 0
    assert amount("Verksamhetsstöd och service", 2019, "year_end_outcome", "result", node_year=2020) == 17_301
    assert amount("Leanlink", 2020, "year_end_outcome", "result") == 7_972
    assert amount("Leanlink", 2020, "budget", "result") == -15_000
    assert amount("Leanlink", 2019, "year_end_outcome", "result", node_year=2020) == -25_157
    # the printed Avvikelse column (004:233 "-11 479") is derived, never stored
    assert not Figure.objects.filter(printed_value__in=["-11479", "22972", "54802"]).exists()
    # 004:247-251 and 004:342-351 (corona) are reported as not imported, with the reason
    preview_docs = services.describe_plan(services.build_plan(
        services.parse_bytes(next(SEEDS.glob("004_*.txt")).read_bytes(), "004.txt")), "x" * 64)["documents"]
    unmapped = " ".join(preview_docs[0]["unmapped_tables"])
    assert "coronapandemin" in unmapped and "räknas dubbelt" in unmapped
    # the ekonomi table's varav row (004:83) is kept as a line of the committee, not as its net
    corona = Figure.objects.get(printed_value="-15800")
    assert corona.line_label == "varav nettokostnader för coronapandemin" and corona.scenario == "year_end_outcome"
    assert Figure.objects.filter(printed_value="-15800").count() == 1

    # 004:305-322 investments, mnkr → tkr
    projects = {p.name: p for p in InvestmentProject.objects.filter(year=2020)}
    expected = {
        # name: (status, beslutad budget, ack. utfall, budget 2020, utfall 2020, large) — 004:308-322
        "KS strateg markköp": ("completed", 50_000, 20_500, 50_000, 20_500, False),  # 004:308
        "VSS (LKDATA)": ("completed", 60_000, 36_600, 60_000, 36_600, False),  # 004:309
        "Leanlink": ("completed", 4_900, 5_100, 4_900, 5_100, False),  # 004:310
        "Kommunledningsförv": ("ongoing", 3_000, 1_200, 3_000, 1_200, False),  # 004:315
        "Säkerhetsenheten": ("ongoing", 19_300, 5_800, 19_300, 5_800, False),  # 004:316
        "KS ny simhall": ("ongoing", 990_500, 536_200, 272_000, 422_000, True),  # 004:322
    }
    assert set(projects) == set(expected)
    for name, (status, approved, accumulated, year_budget, year_actual, large) in expected.items():
        p = projects[name]
        assert (p.status, p.approved_budget, p.accumulated_actual, p.year_budget, p.year_actual, p.is_large) == (
            status, approved, accumulated, year_budget, year_actual, large), name
        assert p.printed_unit == "mnkr"
    simhall = projects["KS ny simhall"]
    assert simhall.end_year == 2022 and simhall.total_forecast == 990_500  # 004:322 "2022 … 990,5"

    # 004:378-617: every goal's status as its own text states it (DOMAIN §4.2)
    statuses = dict(GoalAssessment.objects.filter(year=2020, period="full_year")
                    .values_list("goal__name", "status"))
    assert statuses == {
        "God social sammanhållning och delaktighet": "partly_fulfilled",  # 004:380
        "God trygghet och säkerhet": "partly_fulfilled",  # 004:393
        "God planberedskap i antagna översiktsplaner": "fulfilled",  # 004:409
        "Starkt varumärke": "fulfilled",  # 004:422
        "Linköping är koldioxidneutralt år 2025": "partly_fulfilled",  # 004:437 ("devis" typo at 004:439)
        "Klimatsäkert Linköping": "partly_fulfilled",  # 004:455
        "Giftfri miljö": "not_fulfilled",  # 004:464
        "Ett starkt entreprenörskap och växande näringsliv": "partly_fulfilled",  # 004:471
        "Kostnadseffektiv verksamhet": "partly_fulfilled",  # 004:492
        "Korrekta och effektiva inköp": "fulfilled",  # 004:502
        "God ekonomisk kontroll": "fulfilled",  # 004:521
        "God finansiell ställning": "fulfilled",  # 004:534
        "Effektiv organisation med goda resultat": "partly_fulfilled",  # 004:544
        "Hög digitaliseringsgrad": "partly_fulfilled",  # 004:562
        "Klimat effektiv verksamhet": "fulfilled",  # 004:578 (heading printed "Klimat effektiv")
        "Goda arbetsplatser": "partly_fulfilled",  # 004:594
        "Framgångsrikt chef- och ledarskap": "partly_fulfilled",  # 004:607
        "Nya vägar för (tryggad) kompetensförsörjning": "partly_fulfilled",  # 004:617
    }
    giftfri = GoalAssessment.objects.get(goal__name="Giftfri miljö", year=2020)
    assert "inte uppnått" in giftfri.status_text

    # indicators with breakdown rows, raw + parsed, I.U. as no_data
    def values(indicator: Indicator) -> dict:
        return {(v.year, v.is_target): (v.raw, v.value, v.state)
                for v in IndicatorValue.objects.filter(indicator=indicator)}

    sick = Indicator.objects.get(goal__name="Goda arbetsplatser", goal__year=2020, parent=None,
                                 name__startswith="Total sjukfrånvaro (%)")
    # 004:817 "Total sjukfrånvaro (%) … 4,6 2,7 2,2 3,2" (column "August i 2020", 004:815)
    assert values(sick) == {(2018, False): ("4,6", T("4.6"), "value"), (2019, False): ("2,7", T("2.7"), "value"),
                            (2020, False): ("2,2", T("2.2"), "value"), (2020, True): ("3,2", T("3.2"), "value")}
    men, women = (Indicator.objects.get(parent=sick, name=n) for n in ("Män", "Kvinnor"))
    assert values(men)[(2020, False)] == ("2,6", T("2.6"), "value")  # 004:818
    assert values(women)[(2020, True)] == ("3,4", T("3.4"), "value")  # 004:819
    # 004:770-775 company-size breakdown under an indicator whose own values are I.U.
    bidders = Indicator.objects.get(goal__name="Korrekta och effektiva inköp", parent=None,
                                    name__startswith="Andel micro, små, medelstora och stora företag som lämnar")
    assert values(bidders) == {(2018, False): ("I.U.", None, "no_data"), (2019, False): ("I.U.", None, "no_data")}
    sizes = {i.name: values(i)[(2020, False)][1] for i in Indicator.objects.filter(parent=bidders)}
    assert sizes == {"Micro": T("13.65"), "Små": T("29.21"), "Medel": T("20.00"), "Stora": T("33.33"),
                     "Okänt": T("3.81")}
    # 004:789: 10,2 against the target "Mindre än 2" (the goal is still "uppnått", 004:521)
    deviation = Indicator.objects.get(goal__name="God ekonomisk kontroll", name__contains="avser Kom")
    v = values(deviation)
    assert v[(2020, False)] == ("10,2", T("10.2"), "value")
    target = IndicatorValue.objects.get(indicator=deviation, is_target=True)
    assert (target.raw, target.value, target.comparator) == ("Mindre än 2", 2, "<")
    # 004:724 "Anmälda våldsbrott … 733 795 I.U. Färre än 650"
    violence = Indicator.objects.get(goal__name="God trygghet och säkerhet", name__startswith="Anmälda våldsbrott")
    assert values(violence)[(2020, False)] == ("I.U.", None, "no_data")
    assert values(violence)[(2019, False)] == ("795", 795, "value")

    # 004:151-154 personnel key figures
    staff = KeyFigure.objects.get(kind="permanent_staff", year=2020, node__year=2020)
    assert staff.value == 141 and staff.node.name == "Kommunstyrelsen"  # 004:152 "141"
    assert KeyFigure.objects.get(kind="sickness_absence", year=2019).value == T("2.3")  # 004:153
    assert KeyFigure.objects.get(kind="sickness_absence", year=2020).unit == "%"


# --- 000: internbudget 2020 bundle --------------------------------------------------------------------

# 000:1761-1806 "Nettokostnad | Budget 2019 | Budget förslag 2020", one row per KLF stab
DRIFT_000 = [
    ("Kommunledning", 170_679, 160_964),  # 000:1761
    ("Planeringsstaben", 47_860, 36_612),  # 000:1769
    ("Digitaliseringsstaben", 12_523, 12_693),  # 000:1776
    ("Näringsliv och tillväxtstaben", 41_873, 40_987),  # 000:1781
    ("Ekonomistaben", 49_824, 49_429),  # 000:1786 (its stab table says 47 229: DOMAIN §7 #1, reported)
    ("HR-staben", 44_206, 45_954),  # 000:1794
    ("Kommunikationsstaben", 44_619, 40_051),  # 000:1800
    ("Administrativa staben", 70_752, 75_885),  # 000:1806
]
# 000:1763-1810 "Specifikation av förändringar", budget year only
CHANGES_000 = {
    "Kommunledning": {"Kostnadsdämpande åtgärder": -1_200, "Budgetjusteringar": -5_824,  # 000:1763-1764
                      "Tekniska justeringar ram": -7_720, "Omfördelning ram": 900,  # 000:1765-1766 "- 7 720"
                      "Övrigt inkl. pris och lön": 4_129},  # 000:1767
    "Planeringsstaben": {"Kostnadsdämpande åtgärder": -1_325, "Tekniska justeringar ram": -11_390,  # 000:1771-1772
                         "Omfördelning ram": 1_200, "Övrigt inkl. pris och lön": 267},  # 000:1773-1774
    "Ekonomistaben": {"Kostnadsdämpande åtgärder": -1_000, "Omfördelning ram": -2_200,  # 000:1788-1789
                      "Övrigt inkl. pris och lön": 605},  # 000:1790
    "Administrativa staben": {"Kostnadsdämpande åtgärder": -1_400, "Tekniska justeringar ram": 300,  # 000:1808-1809
                              "Övrigt inkl. pris och lön": 6_233},  # 000:1810
}


def test_000_internal_budget_bundle(linkoping):
    outcome = import_seed("000")
    titles = [d["title"] for d in outcome.summary["documents"]]
    assert "Kommunstyrelsens internbudget 2020 med plan för 2021-2023" in titles
    for name, budget_2019, budget_2020 in DRIFT_000:
        assert amount(name, 2020, "budget") == budget_2020, name
        assert amount(name, 2019, "budget", node_year=2020) == budget_2019, name
    # change rows → BudgetChange(change_specification) on their stab; they reconcile for Kommunledning:
    # 170 679 − 1 200 − 5 824 − 7 720 + 900 + 4 129 = 160 964 (DOMAIN §3.3)
    for name, rows in CHANGES_000.items():
        stored = dict(BudgetChange.objects.filter(node=node(name, 2020), kind="change_specification", year=2020)
                      .values_list("reason", "amount"))
        assert stored == rows, name
    kl = BudgetChange.objects.filter(node=node("Kommunledning", 2020), kind="change_specification")
    assert 170_679 + sum(c.amount for c in kl) == 160_964
    # 000:1812-1813 varav intäkter/kostnader of the KLF block
    assert amount("Kommunstyrelsen", 2020, "budget", "revenue") == 83_988
    assert amount("Kommunstyrelsen", 2020, "budget", "cost") == 546_563

    # ramjusteringar 000:702-714: KF frame 463 475 → 460 375, each adjustment with counterpart and decision
    ks = node("Kommunstyrelsen", 2020)
    assert amount("Kommunstyrelsen", 2020, "frame", line_label="Budgetram enligt KF före ramjusteringar") == 463_475
    assert amount("Kommunstyrelsen", 2020, "frame") == 460_375  # 000:714 and 000:1820
    adjustments = BudgetChange.objects.filter(node=ks, kind="frame_adjustment", year=2020).order_by("source_line")
    assert [(c.source_line, c.amount, c.counterpart.name if c.counterpart else None, c.counterpart_name)
            for c in adjustments] == [
        (704, 1_000, "Barn- och ungdomsnämnden", "barn- och ungdomsnämnden"),  # "+ 1 000"
        (706, 200, "Bildningsnämnden", "bildningsnämnden"),  # "+ 200"
        (708, 900, "Kommunfullmäktige", "kommunfullmäktige"),  # "+ 900"
        (710, -3_000, "Kultur- och fritidsnämnden", "kultur och fritidsnämnden"),  # "- 3 000"
        (712, -2_200, "Kultur- och fritidsnämnden", "kultur och fritidsnämnden"),  # "- 2 200"
    ]
    assert 463_475 + sum(c.amount for c in adjustments) == 460_375
    first = adjustments[0]
    assert first.reason == "Omfördelning från barn- och ungdomsnämnden till kommunstyrelsen för statistiktjänster"
    # 000:1 "§ 315 Internbudget 2020 - kommunstyrelsen" with its "Dnr KS 2019-519"; the bilagor inherit it
    assert {c.decision_reference for c in BudgetChange.objects.filter(node=ks, kind="frame_adjustment")} == {
        "§ 315, Dnr KS 2019-519"}
    assert first.source_document.decision_reference == "§ 315, Dnr KS 2019-519"
    # the protocol paragraph and its three bilagor carry it; the other protocol and the MBL notes bundled in
    # the same file (000:230, 000:345) print none of their own
    assert [(d.kind, d.decision_reference) for d in outcome.documents] == [
        ("decision", "§ 315, Dnr KS 2019-519"), ("decision", ""), ("other", ""),
        ("internal_budget", "§ 315, Dnr KS 2019-519"), ("administration_budget", "§ 315, Dnr KS 2019-519"),
        ("administration_budget", "§ 315, Dnr KS 2019-519")]
    # plan years: the aggregated rows of the driftsammandrag 000:1816-1819 (+1 200, +900, −5 200)
    plan_2021 = BudgetChange.objects.filter(node=ks, kind="frame_adjustment", year=2021).order_by("source_line")
    assert [(c.amount, c.counterpart_name) for c in plan_2021] == [
        (1_200, "barn- och ungdomsnämnden och bildningsnämnden"), (900, "kommunfullmäktige"),
        (-5_200, "kultur- och fritidsnämnden")]
    # 000:1815/1820 KF frame and adjusted frame for the plan years
    assert amount("Kommunstyrelsen", 2021, "frame", node_year=2020,
                  line_label="Budgetram enligt KF före ramjusteringar") == 455_955
    assert amount("Kommunstyrelsen", 2023, "frame", node_year=2020) == 437_395
    # 000:1820 wins over the ekonomi table's "440 451" (000:677, DOMAIN §7 #2), which is reported
    assert amount("Kommunstyrelsen", 2022, "frame", node_year=2020) == 440_541
    assert any(w["line"] == 677 and "440451" in w["message"] for w in outcome.summary["warnings"])

    # VSS and Leanlink in the KS table (000:1824-1831): VSS prints a surplus (3 346 = 257 616 − 254 271),
    # Leanlink a deficit as a positive net cost (15 000 = 1 641 300 − 1 626 300) → result −15 000
    ks_doc = {"source_document__title__startswith": "Kommunstyrelsens"}
    assert amount("Verksamhetsstöd och service", 2019, "budget", "result", node_year=2020, **ks_doc) == 3_346
    # … while VSS's own driftsammandrag says 500 for 2019 (000:3326; DOMAIN §7 #7): both kept, per document
    assert amount("Verksamhetsstöd och service", 2019, "budget", "result", node_year=2020,
                  source_document__title__startswith="Verksamhetsstöd") == 500
    assert amount("Leanlink", 2020, "budget", "result",
                  source_document__title__startswith="Kommunstyrelsens") == -15_000
    # Leanlink's own driftsammandrag 000:4267-4273: "Råd & Stöd -6 175 -6 000" is a surplus
    leanlink_doc = {"source_document__title__startswith": "Leanlinks"}
    assert amount("Råd & Stöd", 2020, "budget", "result", **leanlink_doc) == 6_000
    assert amount("Äldreomsorg", 2020, "budget", "result", **leanlink_doc) == -14_000
    assert amount("Leanlink", 2019, "budget", "result", node_year=2020, **leanlink_doc) == -40_377
    # 000:1961-1966 a stab table line, kept as a budget line of its stab
    assert amount("Kommunledning", 2020, "budget", line_label="Räddningstjänstverksamhet") == 104_650
    # 000:2299 investment frame row "Verksamhetsstöd och service 37 900"
    assert InvestmentFrame.objects.filter(node__name="Verksamhetsstöd och service", year=2020,
                                          amount=37_900).exists()
    # 000:2610-2631 volume and personnel tables → KeyFigure
    assert KeyFigure.objects.filter(kind="volume", node__name="Verksamhetsstöd och service").exists()


# --- 001: KS internbudget 2024 (mnkr) --------------------------------------------------------------

# 001:313-354 "Utfall 2022 | Budget 2023 | Budget 2024 | Plan 2025 … Plan 2029", mnkr
DRIFT_001 = [
    # node (kind), values as printed (mnkr)
    ("Kommunstyrelsen", NodeKind.OPERATIONAL_AREA, ["24,2", "28,1", "30,2", "30,2", "30,2", "30,2", "30,2", "30,2"]),
    ("Kommungemensamt", None, ["206,0", "260,3", "297,1", "306,8", "309,9", "310,1", "307,3", "310,8"]),  # 001:317
    ("Kommunledningsstaben", None, ["87,9", "103,6", "113,2", "113,8", "114,4", "115,0", "115,6", "116,2"]),
    ("Planeringsstaben", None, ["35,4", "40,7", "41,4", "41,7", "41,7", "41,7", "41,7", "41,7"]),  # 001:332
    ("Näringsliv- och tillväxtstaben", None, ["43,0", "42,5", "44,9", "44,4", "43,9", "43,4", "43,4", "43,4"]),
    ("Ekonomistaben", None, ["26,1", "34,0", "34,8", "34,8", "34,8", "34,8", "34,8", "34,8"]),  # 001:346
    ("HR-staben", None, ["64,5", "50,2", "50,2", "47,1", "50,2", "47,1", "50,2", "47,1"]),  # 001:349
    ("Kommunikations- och utvecklingsstaben", None,  # 001:354 "Kommunikations- & utveckl staben"
     ["67,6", "59,1", "55,1", "55,1", "55,1", "55,1", "55,1", "55,1"]),
]
COLUMNS_001 = [(2022, "actual", 2022), (2023, "budget", 2023), (2024, "budget", 2024)] + [
    (y, "plan", 2024) for y in range(2025, 2030)]


def test_001_internal_budget_mnkr(linkoping):
    outcome = import_seed("001")
    assert outcome.summary["new_nodes"] == []
    for name, kind, printed in DRIFT_001:
        where = {"kind": kind} if kind else {}
        unit = node(name, 2024, **where)
        for value, (year, scenario, basis) in zip(printed, COLUMNS_001, strict=True):
            fig = Figure.objects.get(node=unit, year=year, scenario=scenario, measure="net_cost", line_label="")
            assert fig.amount == T(value.replace(",", ".")) * 1000, (name, year)
            assert fig.printed_unit == "mnkr" and fig.printed_value == value and fig.basis_year == basis
    # 001:358 "Summa nämndens internbudget … 666,8 …" → the committee
    committee = node("Kommunstyrelsen", 2024, kind=NodeKind.COMMITTEE)
    assert Figure.objects.get(node=committee, year=2024, scenario="budget", measure="net_cost").amount == 666_800
    assert Figure.objects.get(node=committee, year=2029, scenario="plan", measure="net_cost").basis_year == 2024
    # change rows per year (001:320 "Intern ränta (höjs från 1 % till 2 %) 20,8 21,1 21,4 21,7 22,0 22,3")
    ranta = BudgetChange.objects.filter(kind="change_specification", reason="Intern ränta (höjs från 1 % till 2 %)")
    assert sorted(ranta.values_list("year", "amount")) == [
        (2024, 20_800), (2025, 21_100), (2026, 21_400), (2027, 21_700), (2028, 22_000), (2029, 22_300)]
    assert {c.node.name for c in ranta} == {"Kommungemensamt"} and {c.printed_unit for c in ranta} == {"mnkr"}
    # ramjusteringar in mnkr 001:256-264
    frame = BudgetChange.objects.filter(kind="frame_adjustment", budget_year=2024).order_by("source_line")
    assert [c.amount for c in frame] == [1_700, 3_100, 1_600, 20_800, -4_400, -5_200, -200, -3_000, -2_400]
    hr = frame.get(source_line=260)
    assert hr.counterpart.name == "Social- och omsorgsnämnden"
    assert hr.counterpart_name.startswith("social- och omsorgsnämnden, barn- och ungdomsnämnden")
    assert frame.get(source_line=259).counterpart_name == ""  # "höjning fr 1% till 2%" names no party
    assert frame.get(source_line=263).counterpart.name == "Samhällsbyggnadsnämnden"
    # 001:823-826 personnel
    staff = KeyFigure.objects.get(kind="permanent_staff", year=2024)
    assert staff.value == 132 and staff.is_forecast and staff.raw_value == "132"
    actual = KeyFigure.objects.get(kind="permanent_staff", year=2022)
    assert actual.value == 130 and not actual.is_forecast
    sick = KeyFigure.objects.get(kind="sickness_absence", year=2022)
    assert (sick.raw_value, sick.value, sick.unit) == ("2,2", T("2.2"), "%")  # 001:825
    assert KeyFigure.objects.get(kind="sickness_absence", year=2024).value == 3  # 001:825 "3.0"
    assert KeyFigure.objects.get(kind="staff_turnover", year=2022).value == T("21.5")  # 001:826


# --- 003: VSS förvaltningsbudget 2021 ----------------------------------------------------------------

# 003:351-380 "Nettokostnad | Bokslut 2019 | Budget 2020 | Budget förslag 2021 …": result, intäkter, kostnader
VSS_003 = [
    ("VSS ledning", -2_355, 5_891, 5_891),  # 003:351-353
    ("Ekonomiservice", -476, 14_955, 14_955),  # 003:354-356
    ("HR service", -232, 16_093, 16_093),  # 003:357-359
    ("e-lärandecenter", 0, 5_067, 5_067),  # 003:360-362 "eLärandeCenter"
    ("Kontakt Linköping", 5_027, 39_961, 39_961),  # 003:363-365
    ("LKDATA", 15_362, 210_840, 210_840),  # 003:366-368
    ("Stadsarkivet", -24, 6_486, 6_486),  # 003:369-371
    ("Upphandling och inköp", 0, 17_617, 17_617),  # 003:372-374 (new in 2021: created)
    ("Löneservice", 0, 10_000, 10_000),  # 003:375-377 (new in 2021: created)
]


def test_003_vss_administration_budget(linkoping):
    outcome = import_seed("003")
    assert sorted(outcome.summary["new_nodes"]) == ["Löneservice (2021)", "Upphandling och inköp (2021)"]
    for name, result_2019, revenue_2021, cost_2021 in VSS_003:
        assert amount(name, 2019, "year_end_outcome", "result", node_year=2021) == result_2019, name
        assert amount(name, 2021, "budget", "revenue") == revenue_2021, name
        assert amount(name, 2021, "budget", "cost") == cost_2021, name
        assert amount(name, 2021, "budget", "result") == 0, name
    # 003:364-365: Kontakt Linköping 5 027 = 38 405 − 33 378
    assert amount("Kontakt Linköping", 2019, "year_end_outcome", "revenue", node_year=2021) == 38_405
    assert amount("Kontakt Linköping", 2019, "year_end_outcome", "cost", node_year=2021) == 33_378
    assert OrgNode.objects.get(name="Löneservice", year=2021).financing == "revenue"
    # 003:378-380 "Summa nämndens internbudget 17 301 …"
    assert amount("Verksamhetsstöd och service", 2019, "year_end_outcome", "result", node_year=2021) == 17_301
    assert amount("Verksamhetsstöd och service", 2024, "plan", "revenue", node_year=2021) == 347_126
    # 003:193-216 volumes → KeyFigure(volume)
    contact = KeyFigure.objects.get(kind="volume", label="Ärenden Kontakt Linköping", year=2021)
    assert contact.value == 250_000 and contact.is_forecast  # 003:194 "Budget 2021 250 000"
    assert KeyFigure.objects.get(kind="volume", label="varav chatt", year=2024).value == 30_000  # 003:195
    # 003:418 an indicator with a partial-year value "91 (jan-juli)" and a bound target ">92"
    answer = Indicator.objects.get(name__startswith="Svarsservice Kontakt Linköping")
    partial = IndicatorValue.objects.get(indicator=answer, year=2020, is_target=False)
    assert (partial.raw, partial.value, partial.is_partial_period) == ("91 (jan-juli)", 91, True)
    target = IndicatorValue.objects.get(indicator=answer, year=2021, is_target=True)
    assert (target.raw, target.value, target.comparator) == (">92", 92, ">")
