"""Issue 6 fuzzing at the database level: mutated documents either import or fail cleanly.

A failure must be the importer's own error (`ImportParseError`) naming a line or page, and a failed
import must write nothing.
"""

from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetapp.budget.models import Figure
from budgetapp.core.models import SourceDocument
from budgetapp.goals.models import Goal
from budgetapp.imports import services
from budgetapp.imports.guards import UploadRejected
from budgetapp.imports.parsing.extraction import ImportParseError

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SNIPPETS = [
    # 004's driftsammandrag and a goal report, 001's mnkr driftsammandrag (Word TAB layout)
    "\n".join((SEEDS / "004_bbff43da3c846827.txt").read_text().splitlines()[226:252]),
    "\n".join((SEEDS / "001_9a19dcbb59c6bcdc.txt").read_text().splitlines()[309:340]),
    # 000's pdftotext driftsammandrag
    "\n".join((SEEDS / "000_352885f2a1d568c4.txt").read_text().splitlines()[1750:1790]),
]


def _counts() -> tuple[int, int, int]:
    return Figure.objects.count(), SourceDocument.objects.count(), Goal.objects.count()


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_mutated_documents_import_or_fail_cleanly_without_writes(data):
    text = data.draw(st.sampled_from(SNIPPETS))
    chars = list(text)
    for _ in range(data.draw(st.integers(0, 30))):
        pos = data.draw(st.integers(0, max(len(chars) - 1, 0)))
        op = data.draw(st.integers(0, 3))
        if op == 0 and chars:
            del chars[pos]
        elif op == 1:
            chars.insert(pos, data.draw(st.sampled_from(list("\t\n -–*(0123456789,.I.U.Summavarav"))))
        elif op == 2 and chars:
            chars[pos] = data.draw(st.characters(blacklist_categories=("Cs",)))
        else:
            cut = data.draw(st.integers(0, len(chars)))
            chars = chars[:cut]
    raw = "".join(chars).encode("utf-8")
    before = _counts()
    sid = transaction.savepoint()
    try:
        extraction = services.parse_bytes(raw, "slumpad.txt")
        services.import_extraction(extraction, file_name="slumpad.txt", sha256=services.sha256_of(raw))
    except UploadRejected as exc:  # whole-file problems (empty, binary) are refused before parsing
        assert "slumpad.txt" in exc.message
        assert _counts() == before
    except ImportParseError as exc:
        assert exc.line is not None or exc.page is not None, f"fel utan rad/sida: {exc}"
        assert "slumpad.txt" in exc.message
        assert _counts() == before, "ett misslyckat importförsök skrev till databasen"
    finally:
        transaction.savepoint_rollback(sid)
