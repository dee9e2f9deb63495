"""``frames.decision_reference``: the parser's reference wins; the title-based guess is only a fallback."""

from __future__ import annotations

from budgetapp.imports.frames import decision_reference
from budgetapp.imports.parsing.extraction import DocumentInfo


def _bundle(plan_reference: str | None) -> list[DocumentInfo]:
    return [
        DocumentInfo("decision", "§ 315 Internbudget 2020 - kommunstyrelsen", "KS", 2020,
                     decision_reference=plan_reference),
        DocumentInfo("internal_budget", "Kommunstyrelsens internbudget 2020, Dnr KS 2019-519", "Kommunstyrelsen",
                     2020, decision_reference=plan_reference),
    ]


def test_the_parsers_reference_is_used_whole():
    assert decision_reference(_bundle("§ 315, Dnr KS 2019-519"), 1) == "§ 315, Dnr KS 2019-519"


def test_without_the_parsers_reference_it_is_read_from_the_titles():
    assert decision_reference(_bundle(None), 1) == "KS § 315, Dnr KS 2019-519"
    assert decision_reference(_bundle("  "), 1) == "KS § 315, Dnr KS 2019-519"


def test_no_reference_anywhere_gives_an_empty_string():
    docs = [DocumentInfo("internal_budget", "Internbudget 2020", "Kommunstyrelsen", 2020)]
    assert decision_reference(docs, 0) == ""
