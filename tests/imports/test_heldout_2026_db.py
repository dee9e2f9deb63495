"""Round 5 held-out documents through the import service: units per key-figure row and kronor
amounts land as the documents print them (amounts in tkr, printed unit kept)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetapp.budget.models import Figure
from budgetapp.imports import services
from budgetapp.imports.parsing.pipeline import parse_document
from budgetapp.organisation.models import KeyFigure
from tests.factories import small_municipality

pytestmark = pytest.mark.django_db
HELDOUT = Path(__file__).resolve().parent / "heldout"


def _import(name: str, year: int):
    small_municipality(year)
    path = HELDOUT / name
    ex = parse_document(path.read_bytes(), path.name)
    return services.import_extraction(ex, file_name=path.name, sha256="b" * 64, user=None)


def test_mixed_unit_key_figures_keep_each_rows_unit_and_are_not_amounts():
    _import("kultur_fritid_internbudget_nyckeltal_2026.txt", 2026)
    units = {k.label: k.unit for k in KeyFigure.objects.filter(year=2026, column="Budget 2026")}
    assert units["Kostnad per besök"] == "kr"
    assert units["Andel aktiva låntagare"] == "%"
    assert units["Besök på biblioteken"] == "antal"
    assert units["Investeringar"] == "mnkr"
    assert KeyFigure.objects.get(label="Andel aktiva låntagare", year=2026, column="Budget 2026").value == Decimal("33")
    assert not Figure.objects.filter(printed_value="148").exists()  # a key figure is never an amount


def test_kronor_amounts_are_stored_in_tkr_with_the_printed_unit():
    _import("socialnamnden_verksamhetsberattelse_ordstatus_2025.txt", 2025)
    fig = Figure.objects.filter(year=2025, printed_unit="kr", amount=Decimal("412880")).first()
    assert fig is not None
