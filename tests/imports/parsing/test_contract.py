"""JSON contract of ``parse_document`` over every held-out document, every seed and the DOCX/PDF
structure fixtures: the importer and the review UI rely on these shapes whatever the input looks like."""

import json
import os
from pathlib import Path

import pytest

from budgetapp.imports.parsing.pipeline import parse_document

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
SEEDS = Path("/work/shared/seeds")
STATUSES = {"uppfyllt", "delvis uppfyllt", "ej uppfyllt", "kan ej bedömas", None}
FILES = sorted(HELDOUT.glob("*.txt")) + (sorted(SEEDS.glob("[0-9]*.txt")) if SEEDS.exists() else [])


def assert_contract(out: dict) -> None:
    out = json.loads(json.dumps(out))  # must be JSON-serialisable as such
    for table in out["tables"]:
        assert table["unit"], table["title"]
        assert isinstance(table["page_or_line"], int) and table["page_or_line"] >= 1
        for row in table["rows"]:
            assert len(row["values"]) == len(table["columns"]), (table["title"], row)
            assert all(v is None or isinstance(v, int | float | str) for v in row["values"]), row
            assert not any(isinstance(v, bool) for v in row["values"]), row
    for goal in out["goals"]:
        assert goal["status"] in STATUSES, goal["status"]
        for indicator in goal["indicators"]:
            assert all(v is None or isinstance(v, int | float | str) for v in indicator["values"])
    for warning in out["warnings"]:
        assert warning.get("line") or warning.get("page"), warning
        assert warning["message"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_text_documents_keep_the_json_contract(path: Path):
    assert_contract(parse_document(path.read_bytes(), path.name).to_json())


def _structure_fixtures() -> list[tuple[str, bytes]]:
    from tests.imports.parsing import test_docx_structures as d
    from tests.imports.parsing import test_heldout_formats as h

    docs = [("heldout.docx", h._docx())]
    if os.path.exists(h.FONT):
        from tests.imports.parsing import test_pdf_structures as p

        docs += [("heldout.pdf", h._pdf()), ("columns.pdf", p._two_columns_and_table())]
    doc = d.docx.Document()
    doc.add_paragraph("Driftredovisning")
    d._table(doc, [["Verksamhet, tkr", "Budget 2026", "", "Budget 2025"], ["Skola", "1 000", "", "900"]])
    docs.append(("merged.docx", d._save(doc)))
    return docs


@pytest.mark.parametrize("name,data", _structure_fixtures(), ids=lambda v: v if isinstance(v, str) else "")
def test_docx_and_pdf_fixtures_keep_the_json_contract(name: str, data: bytes):
    assert_contract(parse_document(data, name).to_json())
