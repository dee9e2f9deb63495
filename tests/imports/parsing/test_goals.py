"""Goals, indicators and goal statuses: real Swedish snippets and whole-seed facts, no database."""

from pathlib import Path

import pytest

from budgetapp.imports.parsing.goal_reports import prose_tallies, status_of
from budgetapp.imports.parsing.goal_values import clean_label, split_name_description
from budgetapp.imports.parsing.goals import find_goals
from budgetapp.imports.parsing.readers import read_bytes, read_text

SEEDS = Path("/work/shared/seeds")
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")

HEADER_004 = "Nämndmål\tNämndindikator\t2018\t2019\t2020\tMålvärde"


def seed_goals(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = read_bytes(path.read_bytes(), path.name)[1]
    return find_goals(lines)


def by_name(goals, name):
    [g] = [g for g in goals if g.committee_goal == name]
    return g


def test_breakdown_rows_under_indicator_with_empty_values():
    text = "\n".join([
        "Målområde: Samhälle", "", "Kommunövergripande mål: Ett attraktivt och tryggt Linköping", "",
        HEADER_004,
        "God trygghet och säkerhet <i>Trygghetsskapande åtgärder på allmänna platser.</i>\t"
        "Anmälda våldsbrott i kommunen, antal/100 000 invånare.\t733\t795\tI.U.\tFärre än 650",
        "\tAndel (%) av medborgarna som upplever den offentliga miljön som trygg kvälls- och nattetid. ²\t\t\t\t",
        "\tGator/torg\t64\t66\t63\t70",
        "\tParker\t49\t47\t45\t50",
    ])
    goals, _warnings = find_goals(read_text(text))
    [g] = goals
    assert (g.target_area, g.municipal_goal, g.committee_goal) == (
        "Samhälle", "Ett attraktivt och tryggt Linköping", "God trygghet och säkerhet")
    assert g.description == "Trygghetsskapande åtgärder på allmänna platser."
    first, parent, gator, parker = g.indicators
    assert first.values == ["733", "795", "I.U.", "Färre än 650"]
    assert first.columns == ["2018", "2019", "2020", "Målvärde"]
    assert parent.footnotes == ["2"] and parent.parent is None
    assert (gator.label, gator.values, gator.parent) == ("Gator/torg", ["64", "66", "63", "70"], parent.label)
    assert parker.parent == parent.label


def test_gender_rows_dash_rows_mandatory_and_shifted_rows():
    text = "\n".join([
        "Förvaltningsmål\tFörvaltnings-indikator\tUtfall 2019\tUtfall 2020\tMålvärde 2021\tMålvärde 2022",
        "God service\tKundnöjdhet\t-\t-\tTas fram under 2021\tTas fram under 2021",
        "\t-Kontakt Linköping\t-\t-\t\t",
        "\t<i>-LKDATA</i>\t-\t-\t\t",
        "Goda arbetsplatser Varje medarbetare känner arbetsglädje och stolthet.\tTotal sjukfrånvaro*, %\t3,82\t4,2"
        "\t<3,5\t<3,5",
        "\t<i>Män</i>\t2,94\t2,6\t\t",
        "<i>Kvinnor</i>\t98,3\t99,2\t\t\t",  # lost its leading TAB
        "Mertid\t0,2\tIU\t\t\t",
        "<i>Män</i>\t0,4\tIU\t\t\t",
    ])
    goals, _ = find_goals(read_text(text), kind="administration_budget")
    service, work = goals
    assert service.kind == "administration_goal"
    assert [(i.label, i.parent) for i in service.indicators] == [
        ("Kundnöjdhet", None), ("Kontakt Linköping", "Kundnöjdhet"), ("LKDATA", "Kundnöjdhet")]
    assert (work.committee_goal, work.description) == (
        "Goda arbetsplatser", "Varje medarbetare känner arbetsglädje och stolthet.")
    total, man, woman, mertid, mertid_man = work.indicators
    assert (total.label, total.mandatory) == ("Total sjukfrånvaro, %", True)
    assert (man.parent, woman.parent, woman.values) == (total.label, total.label, ["98,3", "99,2", "", ""])
    assert (mertid.label, mertid.parent, mertid_man.parent) == ("Mertid", None, "Mertid")


def test_no_indicator_marker_and_description_continuation():
    text = "\n".join([
        "Nämndmål\tNämndindikator\t2022\t2023\tÖnskvärd riktning /värde 2024\tÖnskvärd riktning /värde 2024",
        "Klimatsäkert Linköping <i>Genom ett samordnat klimatanpassningsarbete</i>\t<i>Ingen nämndindikator</i>"
        "\t\t\t\t",
        "<i>säkras kommunkoncernens verksamhet.</i>\tSjälvförsörjningsgrad av el.\t65 (2020)\tI.U.\tÖka\tÖka",
    ])
    goals, warnings = find_goals(read_text(text))
    [g] = goals
    assert g.description == "Genom ett samordnat klimatanpassningsarbete säkras kommunkoncernens verksamhet."
    assert [i.values for i in g.indicators] == [["65 (2020)", "I.U.", "Öka", "Öka"]]
    assert any("två gånger" in w.message for w in warnings)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Utifrån uppföljningen per den 31 december bedöms nämndmålet som delvis uppnått.", "delvis uppfyllt"),
        ("Utifrån uppföljningen per den 31 december bedöms nämndmålet som uppnått.", "uppfyllt"),
        ("Utifrån uppföljningen per den 31 december bedöms nämndmålet som inte uppnått.", "ej uppfyllt"),
        ("Förvaltningsmålet är ej uppfyllt.", "ej uppfyllt"),
        ("Den uppföljningen visade framsteg, varför nämndmålet bedöms som devis uppnått.", "delvis uppfyllt"),
        ("Per den 31 augusti bedöms förvaltningsmålet att uppnås.", "uppfyllt"),
        ("Nämndmålet kan ej bedömas då mätningen ställts in.", "kan ej bedömas"),
    ],
)
def test_status_sentences(sentence, status):
    got, text = status_of("Inledning utan status. " + sentence + " Mer text.")
    assert got == status
    assert text == sentence


def test_tally_in_prose():
    lines = read_text('Sju av arton nämndmål har uppfyllts helt, tio uppfyllts delvis och ett nämndmål '
                      '"Giftfri miljö" har ej uppfyllts.')
    assert prose_tallies(lines) == [(1, {"uppfyllt": 7, "delvis uppfyllt": 10, "ej uppfyllt": 1})]


def test_labels_and_names():
    assert clean_label("Kommunens resultat.*") == ("Kommunens resultat.", [], True)
    assert clean_label("Låg ekonomisk standard. ¹") == ("Låg ekonomisk standard.", ["1"], False)
    assert split_name_description(
        "Ett attraktivt och tryggt Linköping Linköping är den ekonomiska motorn i en växande region.") == (
        "Ett attraktivt och tryggt Linköping", "Linköping är den ekonomiska motorn i en växande region.")


EXPECTED_004 = {
    "God social sammanhållning och delaktighet": "delvis uppfyllt",
    "God trygghet och säkerhet": "delvis uppfyllt",
    "God planberedskap i antagna översiktsplaner": "uppfyllt",
    "Starkt varumärke": "uppfyllt",
    "Linköping är koldioxidneutralt år 2025": "delvis uppfyllt",
    "Klimatsäkert Linköping": "delvis uppfyllt",
    "Giftfri miljö": "ej uppfyllt",
    "Ett starkt entreprenörskap och växande näringsliv": "delvis uppfyllt",
    "Kostnadseffektiv verksamhet": "delvis uppfyllt",
    "Korrekta och effektiva inköp": "uppfyllt",
    "God ekonomisk kontroll": "uppfyllt",
    "God finansiell ställning": "uppfyllt",
    "Effektiv organisation med goda resultat": "delvis uppfyllt",
    "Hög digitaliseringsgrad": "delvis uppfyllt",
    "Klimat effektiv verksamhet": "uppfyllt",
    "Goda arbetsplatser": "delvis uppfyllt",
    "Framgångsrikt chef- och ledarskap": "delvis uppfyllt",
    "Nya vägar för (tryggad) kompetensförsörjning": "delvis uppfyllt",
}


@needs_seeds
def test_seed_004_statuses_indicators_and_tally_warning():
    goals, warnings = seed_goals("004")
    assert {g.committee_goal: g.status for g in goals} == EXPECTED_004
    assert [g.committee_goal for g in goals] == list(EXPECTED_004)
    giftfri = by_name(goals, "Giftfri miljö")
    assert giftfri.status_text == "Utifrån uppföljningen per den 31 december bedöms nämndmålet som inte uppnått."
    assert giftfri.analysis.startswith("Bedömningen baseras på")
    assert "engångsartiklar i plast" in giftfri.analysis
    koldioxid = by_name(goals, "Linköping är koldioxidneutralt år 2025")
    assert koldioxid.municipal_goal == "Ett klimatsmart Linköping" and koldioxid.target_area == "Samhälle"
    trygg = by_name(goals, "God trygghet och säkerhet")
    gator = next(i for i in trygg.indicators if i.label == "Gator/torg")
    assert gator.values == ["64", "66", "63", "70"]
    assert gator.parent == ("Andel (%) av medborgarna som upplever den offentliga miljön som trygg kvälls- och "
                            "nattetid.")
    social = by_name(goals, "God social sammanhållning och delaktighet")
    low = social.indicators[1]
    assert (low.label, low.values[0], low.footnotes) == ("Låg ekonomisk standard.", "15,3 % 2017: 15,7%", ["1"])
    inkop = by_name(goals, "Korrekta och effektiva inköp")
    assert [i.label for i in inkop.indicators if i.parent][:5] == ["Micro", "Små", "Medel", "Stora", "Okänt"]
    kontroll = by_name(goals, "God ekonomisk kontroll")
    assert kontroll.indicators[0].mandatory and kontroll.indicators[0].values[0] == "182 mnkr."
    assert kontroll.indicators[3].values == ["3,8", "4,2", "10,2", "Mindre än 2"]
    messages = " ".join(w.message for w in warnings)
    assert "texten säger 7, målredovisningen ger 6" in messages
    assert "Giffri miljö" in messages and "God planeringsberedskap" in messages


@needs_seeds
def test_seed_001_goals_without_status_and_breakdowns():
    goals, _ = seed_goals("001")
    assert len(goals) == 18 and all(g.status is None for g in goals)
    assert {g.target_area for g in goals} == {"Samhälle", "Ekonomi", "Verksamhet", "Medarbetare"}
    trygg = goals[0]
    assert trygg.committee_goal == "God trygghet och säkerhet"
    assert trygg.municipal_goal == "Ett tryggt och säkert Linköping"
    skagg = trygg.indicators[2]
    assert (skagg.label, skagg.values, skagg.footnotes) == ("Skäggetorp", ["2,17 ²", "", "1", "1"], ["2"])
    assert trygg.indicators[0].columns == ["2022", "2023", "Önskvärd riktning /värde 2024",
                                           "Önskvärd riktning /värde 2025"]
    assert by_name(goals, "Stärkt civil beredskap").indicators == []
    arbete = by_name(goals, "Goda arbetsplatser")
    assert arbete.description.startswith("Varje medarbetare känner arbetsglädje")
    heltid_klf = next(i for i in by_name(goals, "Nya vägar för kompetensförsörjning").indicators
                      if i.label == "Andel heltidsanställningar (%) KLF")
    kids = [i for i in by_name(goals, "Nya vägar för kompetensförsörjning").indicators
            if i.parent == heltid_klf.label]
    assert [(i.label, i.values) for i in kids] == [("Män", ["100,0", "", "-", "-"]),
                                                    ("Kvinnor", ["98,4", "", "-", "-"])]
    org = by_name(goals, "En hållbar organisation med hög produktivitet och effektivitet")
    assert "jämställdhetsintegrering" in org.description
    energy_parts = [i.label for i in org.indicators if i.parent and i.parent.startswith("Energianvändning")]
    assert energy_parts == ["Omsorg", "Kunskap (skola)", "Övriga administrativa (kontor etc.).",
                            "Publika (arenor, bibliotek etc.)."]


@needs_seeds
def test_seed_003_vss_administration_goals():
    goals, _ = seed_goals("003")
    assert all(g.kind == "administration_goal" for g in goals)
    service = goals[0]
    assert (service.target_area, service.committee_goal) == ("Medborgare/Kund", "God service")
    assert len([i for i in service.indicators if i.parent == "Kundnöjdhet"]) == 8
    svar = service.indicators[9]
    assert (svar.label, svar.values) == ("Svarsservice Kontakt Linköping (andel inom 120 sekunder %)",
                                         ["90", "91 (jan-juli)", ">92", ">92"])
    assert svar.columns == ["Utfall 2019", "Utfall 2020", "Målvärde 2021", "Målvärde 2022"]
    assert by_name(goals, "God ekonomisk kontroll").indicators[0].values[1] == "2 600 (progn os aug)"
