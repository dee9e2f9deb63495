"""``manage.py import_document PATH [--dry-run] [--format json]`` keeps its contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from budgetapp.budget.models import Figure
from budgetapp.core.models import SourceDocument
from budgetapp.imports.models import ImportJob

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SNIPPET = """Verksamhetsstöd och services förvaltningsbudget för 2021 med plan för 2022-2024

Driftsammandrag

Driftsammandrag, tkr\tBokslut 2019\tBudget 2020\tBudget förslag 2021\tPlan förslag 2022
Kontakt Linköping\t5 027\t0\t0\t0
<i>varav intäkter</i>\t38 405\t38 455\t39 961\t40 971
<i>varav kostnader</i>\t33 378\t38 455\t39 961\t40 971
LKDATA\t15 362\t0\t0\t0
<i>varav intäkter</i>\t191 690\t200 601\t210 840\t215 057
<i>varav kostnader</i>\t176 327\t200 601\t210 840\t215 057
Summa förvaltningens internbudget\t20 389\t0\t0\t0
"""


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_document", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def snippet(tmp_path) -> Path:
    path = tmp_path / "vss2021.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    return path


def test_json_output_is_exactly_one_object_with_the_contract_shape(snippet):
    code, out, _err = run(str(snippet), "--dry-run", "--format", "json")
    assert code == 0
    data = json.loads(out)  # exactly one JSON document on stdout, nothing else
    assert set(data) >= {"document", "documents", "tables", "goals", "warnings"}
    assert set(data["document"]) == {"kind", "title", "organisation", "year", "plan_years"}
    assert data["document"]["year"] == 2021 and data["document"]["plan_years"] == [2022, 2023, 2024]
    table = next(t for t in data["tables"] if t["kind"] == "operating_summary")
    assert table["unit"] == "tkr" and table["columns"][0] == "Bokslut 2019"
    row = next(r for r in table["rows"] if r["label"] == "Kontakt Linköping")
    assert row["values"] == [5027, 0, 0, 0] and isinstance(row["line"], int)


def test_dry_run_writes_nothing(snippet):
    code, _out, _err = run(str(snippet), "--dry-run")
    assert code == 0
    assert not Figure.objects.exists() and not SourceDocument.objects.exists() and not ImportJob.objects.exists()


def test_import_writes_through_the_job_path_and_is_idempotent(snippet):
    code, out, err = run(str(snippet))
    assert code == 0, err
    job = ImportJob.objects.get()
    assert job.status == "imported" and job.source_document is not None
    vss = job.source_document
    kontakt = Figure.objects.get(node__name="Kontakt Linköping", scenario="year_end_outcome", year=2019,
                                 measure="result")
    assert kontakt.amount == 5027 and kontakt.source_document == vss and kontakt.source_line == 6
    assert Figure.objects.get(node__name="Kontakt Linköping", year=2021, measure="revenue").amount == 39961
    before = Figure.objects.count()
    code, out, _ = run(str(snippet))
    assert code == 0 and "redan importerad" in out
    assert Figure.objects.count() == before


def test_bad_file_exits_non_zero_with_swedish_message_on_stderr(tmp_path):
    path = tmp_path / "skrap.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    code, out, err = run(str(path), "--format", "json")
    assert code != 0 and out == ""
    assert "skrap.docx" in err and "trasig" in err


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds saknas")
def test_seed_003_imports_with_the_real_parsers():
    path = next(SEEDS.glob("003_*.txt"))
    code, _out, err = run(str(path))
    assert code == 0, err
    lkdata = Figure.objects.get(node__name="LKDATA", node__year=2021, scenario="year_end_outcome", year=2019,
                                measure="result", line_label="")
    assert lkdata.amount == 15362
    assert Figure.objects.get(node__name="LKDATA", node__year=2021, scenario="budget", year=2021,
                              measure="revenue").amount == 210840
