"""The parse pipeline: whole seeds, error handling and a property test that only ImportParseError escapes."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetapp.imports.parsing.extraction import ImportParseError
from budgetapp.imports.parsing.goals import find_goals
from budgetapp.imports.parsing.pipeline import parse_document, parse_lines
from budgetapp.imports.parsing.readers import read_text

SEEDS = Path("/work/shared/seeds")
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")


def seed_bytes(prefix: str) -> tuple[bytes, str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_bytes(), path.name


@needs_seeds
def test_seed_000_whole_pipeline_is_fast_and_bundled():
    data, name = seed_bytes("000")
    t0 = time.perf_counter()
    ex = parse_document(data, name)
    assert time.perf_counter() - t0 < 2.0
    assert ex.document.kind == "decision"
    assert [d.kind for d in ex.documents][3:] == ["internal_budget", "administration_budget",
                                                   "administration_budget"]
    ks = [g for g in ex.goals if g.document_index == 3]
    names = [g.committee_goal for g in ks]
    assert names[:4] == ["God social sammanhållning och delaktighet", "God trygghet och säkerhet",
                         "God planberedskap i antagna översiktsplaner", "Starkt varumärke"]
    assert "Nya vägar för (tryggad) kompetensförsörjning" in names
    trygg = ks[1]
    assert trygg.municipal_goal == "Ett attraktivt och tryggt Linköping" and trygg.target_area == "Samhälle"
    gator = next(i for i in trygg.indicators if i.label == "Gator/torg")
    assert gator.values == ["64", "I.U.", "70", "70"] and gator.parent.startswith("Andel (%) av medborgarna")
    low = ks[0].indicators[1]
    assert (low.label, low.values, low.footnotes) == (
        "Låg ekonomisk standard.", ["2016: 15,2%", "2017: 15,7%", "Minska", "Minska"], ["1"])
    skuld = next(i for g in ks for i in g.indicators if i.label == "Skuldsättning per invånare.")
    assert skuld.values == ["0 kr.", "I.U.", "Max 900 kr.", "Max 900 kr."] and skuld.mandatory
    vss = [g for g in ex.goals if g.document_index == 4]
    assert vss[0].committee_goal == "Hög tillgänglighet i Kontakt Linköping"
    assert all(g.kind == "administration_goal" for g in vss)
    leanlink = [g for g in ex.goals if g.document_index == 5]
    assert leanlink[0].committee_goal == "Trygga välfärdstjänster med god kvalitet."
    assert leanlink[0].indicators[0].label == "Nöjda kunder/brukare (andel %)"
    lines = [w.line for w in ex.warnings if w.line is not None]
    assert lines == sorted(lines)
    ex.to_json()


@needs_seeds
@pytest.mark.parametrize(("prefix", "kind", "n_goals"), [
    ("001", "internal_budget", 18), ("003", "administration_budget", 11), ("004", "annual_report", 18)])
def test_single_seed_pipeline(prefix, kind, n_goals):
    ex = parse_document(*seed_bytes(prefix))
    assert ex.document.kind == kind and len(ex.documents) == 1
    assert len(ex.goals) == n_goals
    assert all(g.document_index == 0 for g in ex.goals)
    assert ex.to_json()["document"]["kind"] == kind


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Filen är tom"),
    (b"  \n\n \t\n", "Filen är tom"),
    (b"\x00\x01\x02PK junk", "binära data"),
    (b"Hej!\nDet h\xe4r \xe4r ett brev utan budget.\n", "Inget känt innehåll"),
])
def test_bad_input_raises_swedish_error_with_file_name(data, message):
    with pytest.raises(ImportParseError) as err:
        parse_document(data, "upload.txt")
    assert message in str(err.value) and "upload.txt" in str(err.value)
    assert err.value.line is not None


def test_parse_lines_on_snippet():
    ex = parse_lines(read_text("Verksamhetsberättelse 2025\n\nKultur- och fritidsnämnden\n"), "text")
    assert (ex.document.kind, ex.document.organisation, ex.document.year) == (
        "annual_report", "Kultur- och fritidsnämnden", 2025)


SNIPPET = (
    "Målområde: Samhälle\n\nKommunövergripande mål: Ett attraktivt och tryggt Linköping\n\n"
    "Nämndmål\tNämndindikator\t2018\t2019\t2020\tMålvärde\n"
    "Starkt varumärke <i>Linköping är en plats.</i>\tAndel (%) invånare.\t83\t83\t74\t\n\tMän\t1\t2\t3\t4\n"
    "Starkt varumärke ■\n\nUtifrån uppföljningen per den 31 december bedöms nämndmålet som uppnått.\n"
    " Kommunövergri-\npande mål \n\nNämndmål Nämnd- \nindikator \n\n2018 2019 Målvärde \n2020  \n\n"
    "Ett attraktivt och \ntryggt Linköping \n\nGod social samman-\nhållning \nGoda förutsättningar.\n\n"
    "Låg ekonomisk \nstandard.1 \n\n2016: \n15,2% \n\nMinska Minska \n"
)


@settings(max_examples=1000, deadline=None)
@given(st.data())
def test_random_and_mutated_text_only_raises_import_parse_error(data):
    choice = data.draw(st.integers(0, 2))
    if choice == 0:
        text = data.draw(st.text(max_size=400))
    else:
        chars = list(SNIPPET)
        for _ in range(data.draw(st.integers(1, 25))):
            pos = data.draw(st.integers(0, len(chars)))
            op = data.draw(st.integers(0, 2))
            if op == 0 and pos < len(chars):
                del chars[pos]
            elif op == 1:
                chars.insert(pos, data.draw(st.sampled_from(list("\t\n -*■¹(<i>0123456789.:ÅÄÖåäö"))))
            elif pos < len(chars):
                chars[pos] = data.draw(st.characters())
        text = "".join(chars)
    try:
        goals, warnings = find_goals(read_text(text))
        assert isinstance(goals, list) and isinstance(warnings, list)
    except ImportParseError:
        pass
    raw = data.draw(st.sampled_from([text.encode("utf-8", "surrogatepass"), text.encode("cp1252", "replace")]))
    try:
        parse_document(raw, "slump.txt").to_json()
    except ImportParseError as exc:
        assert exc.message
