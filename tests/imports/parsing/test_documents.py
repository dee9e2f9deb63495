"""Document splitting and recognition: pure functions over real seed text, no database."""

from pathlib import Path

import pytest

from budgetapp.imports.parsing.documents import parse_title, split_documents
from budgetapp.imports.parsing.readers import read_bytes, read_text

SEEDS = Path("/work/shared/seeds")


def seed_lines(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return read_bytes(path.read_bytes(), path.name)[1]


needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not available")


@pytest.mark.parametrize(
    ("text", "kind", "org", "year", "plan"),
    [
        ("Kommunstyrelsens internbudget för 2024 med plan för 2025-2029", "internal_budget",
         "Kommunstyrelsen", 2024, [2025, 2026, 2027, 2028, 2029]),
        ("Leanlinks förvaltningsbudget för 2020 med plan för 2021-2023", "administration_budget",
         "Leanlink", 2020, [2021, 2022, 2023]),
        ("  Verksamhetsstöd och services förvaltningsbudget och verksamhetsplan för 2020 med plan för 2021-2023",
         "administration_budget", "Verksamhetsstöd och service", 2020, [2021, 2022, 2023]),
        ("Verksamhetsberättelse 2020, Leanlink", "annual_report", "Leanlink", 2020, []),
        ("Barn- och ungdomsnämndens delårsrapport 2021", "interim_report", "Barn- och ungdomsnämnden", 2021, []),
        ("Oktoberuppföljning 2022", "interim_report", "", 2022, []),
        ("Internbudget 2020 - kommunstyrelsen", "internal_budget", "Kommunstyrelsen", 2020, []),
    ],
)
def test_parse_title_recognises_kind_owner_and_years(text, kind, org, year, plan):
    t = parse_title(text)
    assert t is not None
    assert (t.kind, t.organisation, t.year, t.plan_years) == (kind, org, year, plan)


@pytest.mark.parametrize(
    "text",
    [
        # prose that mentions a budget is not a title
        "Kommunstyrelsens internbudget 2020 innefattar tre förvaltningar - Kommunledningsförvaltningen, Leanlink",
        "Övriga bilagor till kommunstyrelsens verksamhetsberättelse 2020",
        "Bilaga 13 - Leanlinks förvaltningsbudget för 2020 med plan för 2021-2023",
        "Förvaltningsbudget 2021 med plan för 2022-2024..... 5",
        "Kommunstyrelsens internbudget kommer att följas upp i samband med",
        "Internbudgetens innehåll anger kommunstyrelsens utvecklingsområden,",
    ],
)
def test_parse_title_rejects_prose_lists_and_toc(text):
    assert parse_title(text) is None


def test_title_split_over_two_lines_is_joined():
    lines = read_text("\n\n\nVerksamhetsstöd och services förvaltningsbudget för 2021\n\nmed plan för 2022-2024\n\n"
                      "Kommunövergripande mål\n\nMålområde Samhälle\n")
    [doc] = split_documents(lines)
    assert doc.title == "Verksamhetsstöd och services förvaltningsbudget för 2021 med plan för 2022-2024"
    assert doc.organisation == "Verksamhetsstöd och service"
    assert (doc.year, doc.plan_years) == (2021, [2022, 2023, 2024])


def test_annual_report_owner_on_next_line():
    lines = read_text("\n\nVerksamhetsberättelse 2021\n\nBildningsnämnden\n\nInnehållsförteckning\n")
    [doc] = split_documents(lines)
    assert (doc.kind, doc.title, doc.organisation, doc.year) == (
        "annual_report", "Verksamhetsberättelse 2021", "Bildningsnämnden", 2021)


def test_section_heading_after_title_is_not_an_owner():
    lines = read_text("Förvaltningsbudget med verksamhetsplan 2022\n\nNämndens uppdrag\n\nText.\n")
    assert split_documents(lines)[0].organisation == ""


def test_bundle_of_protocol_and_two_uncovered_bilagor():
    """A synthetic bundle: the bilagor have no cover page, their titles come from the bilaga list."""
    text = "\n".join([
        "§ 12 Internbudget 2026 - bildningsnämnden",
        "Bilaga 1 - Bildningsnämndens internbudget 2026 med plan för 2027-2028",
        "Bilaga 2 - Kulturskolans förvaltningsbudget 2026 med plan för 2027-2028",
        "", "", "",
        " Kommunövergripande mål", "", "Målområde Samhälle", "Text om samhället.",
        "", "", "",
        " Kommunövergripande mål", "", "Målområde Samhälle", "Mer text.",
    ])
    docs = split_documents(read_text(text))
    assert [d.kind for d in docs] == ["decision", "internal_budget", "administration_budget"]
    assert docs[1].title == "Bildningsnämndens internbudget 2026 med plan för 2027-2028"
    assert docs[1].organisation == "Bildningsnämnden"
    assert docs[2].organisation == "Kulturskolan"
    assert docs[2].plan_years == [2027, 2028]
    assert [d.first_line for d in docs] == [1, 7, 14]


@needs_seeds
def test_seed_000_bundle():
    docs = split_documents(seed_lines("000"))
    summary = [(d.kind, d.title, d.organisation, d.year, d.plan_years, d.first_line) for d in docs]
    assert summary == [
        ("decision", "§ 315 Internbudget 2020 - kommunstyrelsen", "Kommunstyrelsen", 2020, [2021, 2022, 2023], 1),
        ("decision", "PROTOKOLL", "Kommunstyrelsens förhandlingsdelegerad", 2020, [2021, 2022, 2023], 230),
        ("other", "Minnesanteckningar MBL 2019-09-12", "Verksamhetsstöd och service", 2019, [], 345),
        ("internal_budget", "Kommunstyrelsens internbudget 2020 med plan för 2021-2023", "Kommunstyrelsen",
         2020, [2021, 2022, 2023], 438),
        ("administration_budget",
         "Verksamhetsstöd och services förvaltningsbudget och verksamhetsplan för 2020 med plan för 2021-2023",
         "Verksamhetsstöd och service", 2020, [2021, 2022, 2023], 2368),
        ("administration_budget", "Leanlinks förvaltningsbudget för 2020 med plan för 2021-2023", "Leanlink",
         2020, [2021, 2022, 2023], 3430),
    ]
    assert docs[3].last_line == 2367
    assert docs[4].last_line == 3429
    assert docs[5].last_line >= 4380


@needs_seeds
@pytest.mark.parametrize(
    ("prefix", "kind", "title", "org", "year", "plan"),
    [
        ("001", "internal_budget", "Kommunstyrelsens internbudget för 2024 med plan för 2025-2029",
         "Kommunstyrelsen", 2024, [2025, 2026, 2027, 2028, 2029]),
        ("003", "administration_budget",
         "Verksamhetsstöd och services förvaltningsbudget för 2021 med plan för 2022-2024",
         "Verksamhetsstöd och service", 2021, [2022, 2023, 2024]),
        ("004", "annual_report", "Verksamhetsberättelse 2020", "Kommunstyrelsen", 2020, []),
    ],
)
def test_single_seed_documents(prefix, kind, title, org, year, plan):
    docs = split_documents(seed_lines(prefix))
    assert len(docs) == 1, [d.title for d in docs]
    d = docs[0]
    assert (d.kind, d.title, d.organisation, d.year, d.plan_years, d.first_line) == (kind, title, org, year, plan, 1)


def test_empty_input_gives_one_other_document():
    assert split_documents([])[0].kind == "other"
