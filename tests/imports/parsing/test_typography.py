"""Typesetting characters do not change what is read: ligature glyphs (as Word's PDFs hand them back),
soft hyphens, zero-width spaces, BOMs and non-breaking hyphens inside words give the same extraction
as the clean text, for the seed documents and held-out documents of other nämnder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetapp.imports.parsing.pipeline import parse_document
from budgetapp.imports.parsing.readers import plain_typography, read_text

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT.parent / "shared" / "seeds"
HELDOUT = ROOT / "tests" / "imports" / "heldout"
DOCUMENTS = [
    *(SEEDS / name for name in ("001_9a19dcbb59c6bcdc.txt", "004_bbff43da3c846827.txt")),
    *(HELDOUT / name for name in ("socialnamnden_verksamhetsberattelse_ordstatus_2025.txt",
                                  "fritid_verksamhetsberattelse_cellformer_word_2025.txt",
                                  "kf_budget_2026.txt")),
]
_LONG_WORD = re.compile(r"\b([A-ZÅÄÖa-zåäö][a-zåäö]{5})([a-zåäö]{5,})\b")


def typeset(text: str) -> str:
    """What an office program may leave in exported text: ligatures, soft hyphens, invisible marks."""
    text = text.replace("fi", "\ufb01").replace("ff", "\ufb00").replace("fl", "\ufb02")
    text = _LONG_WORD.sub(lambda m: f"{m.group(1)}\u00ad{m.group(2)}", text)  # a hyphenation point
    return text.replace(" och ", " och\u200b ").replace("Ekonomi", "\ufeffEkonomi")


def test_plain_typography_spells_out_and_drops():
    lines = plain_typography(read_text("e\ufb03ciens\tunder\u00advisning\u200b\n\u2011 1\u00a0234 \u2212 5"))
    assert lines[0].text == "efficiens\tundervisning" and lines[0].cells == ("efficiens", "undervisning")
    assert lines[1].text == "- 1\u00a0234 \u2212 5"  # no-break space and the minus sign stay for the number parser


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_typeset_document_reads_like_the_clean_one(path: Path):
    if not path.exists():
        pytest.skip(f"{path} saknas")
    clean = path.read_text(encoding="utf-8")
    typeset_text = typeset(clean)
    assert typeset_text != clean
    expected = parse_document(clean.encode("utf-8"), path.name).to_json()
    got = parse_document(typeset_text.encode("utf-8"), path.name).to_json()
    assert got == expected


@pytest.mark.parametrize("path", DOCUMENTS[:2], ids=lambda p: p.name)
def test_unicode_text_reads_like_utf8(path: Path):
    """A document saved as "Unicode text" (UTF-16 with BOM) gives the same extraction as UTF-8."""
    if not path.exists():
        pytest.skip(f"{path} saknas")
    clean = path.read_text(encoding="utf-8")
    expected = parse_document(clean.encode("utf-8"), path.name).to_json()
    assert parse_document(clean.encode("utf-16"), path.name).to_json() == expected
