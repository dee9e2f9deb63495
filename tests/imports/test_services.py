"""The import service maps an extraction onto the domain, atomically and idempotently."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetapp.budget.models import BudgetChange, Figure, FigureChange
from budgetapp.core.models import SourceDocument
from budgetapp.goals.models import Goal, GoalAssessment, Indicator, IndicatorValue
from budgetapp.imports import services, staging
from budgetapp.imports.parsing.extraction import ImportParseError, TableRow
from budgetapp.investments.models import InvestmentFrame, InvestmentProject
from budgetapp.organisation.models import KeyFigure, OrgNode
from tests.factories import OrgNodeFactory, UserFactory, small_municipality

from ._support import D, annual_report_extraction, make_docx, make_pdf, operating_extraction

pytestmark = pytest.mark.django_db

MODELS = (Figure, FigureChange, BudgetChange, SourceDocument, Goal, Indicator, IndicatorValue, InvestmentProject,
          InvestmentFrame, KeyFigure, OrgNode)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def org():
    nodes = small_municipality(2024)
    nodes["plan"] = OrgNodeFactory(year=2024, name="Planeringsstaben", parent=nodes["klf"])
    return nodes


def run(extraction, sha="a" * 64, user=None):
    return services.import_extraction(extraction, file_name="ks2024.txt", sha256=sha, user=user)


def test_figures_land_with_scenario_year_unit_sign_and_source(org):
    outcome = run(operating_extraction())
    assert outcome.status == "imported"
    doc = outcome.documents[0]
    plan = org["plan"]
    budget = Figure.objects.get(node=plan, scenario="budget", year=2024, line_label="")
    assert budget.amount == Decimal("41400")  # 41,4 mnkr → tkr via core.money
    assert budget.printed_unit == "mnkr" and budget.printed_value == "41,4"
    assert budget.measure == "net_cost" and budget.basis_year == 2024
    assert budget.source_document == doc and budget.source_line == 331
    plan_2025 = Figure.objects.get(node=plan, scenario="plan", year=2025)
    assert plan_2025.basis_year == 2024 and plan_2025.amount == Decimal("41700")
    actual = Figure.objects.get(node=plan, scenario="actual", year=2022)
    assert actual.amount == Decimal("35400") and actual.period == "full_year"
    previous_budget = Figure.objects.get(node=plan, scenario="budget", year=2023)
    assert previous_budget.basis_year == 2023
    # revenue-funded node: its net row is a result (positive = surplus), sign as printed
    vss = Figure.objects.get(node=org["vss"], scenario="actual", year=2022)
    assert vss.measure == "result" and vss.amount == Decimal("-2400")
    # Summa → the document's organisation; varav intäkter stored positive as revenue
    assert Figure.objects.get(node=org["ks"], scenario="budget", year=2024, measure="net_cost").amount == 666800
    assert Figure.objects.get(node=org["ks"], scenario="budget", year=2024, measure="revenue").amount == 52200
    # change rows → BudgetChange under their stab, with the ** marker kept
    e_arkiv = BudgetChange.objects.filter(node=plan, reason="E-arkiv, budgetöverföring nämnder")
    assert sorted(e_arkiv.values_list("year", "amount")) == [(2024, Decimal("200")), (2025, Decimal("200"))]
    leader = BudgetChange.objects.get(node=plan, reason="Utökad avgift Leader Folkungaland")
    assert leader.marker == "**" and leader.budget_year == 2024 and leader.source_line == 334
    # history: each imported figure is recorded as an import change
    assert FigureChange.objects.filter(via="import", old_amount__isnull=True).count() == Figure.objects.count()


def test_missing_unit_row_is_created_under_the_organisation_and_reported(org):
    outcome = run(operating_extraction())
    created = OrgNode.objects.get(year=2024, name="Avvecklingsenheten")
    assert created.parent == org["ks"]
    assert "Avvecklingsenheten (2024)" in outcome.summary["new_nodes"]
    assert any("Avvecklingsenheten" in w["message"] for w in outcome.summary["warnings"])


def test_goals_indicators_personnel_and_investments(org):
    run(operating_extraction())
    goal = Goal.objects.get(name="Goda arbetsplatser", year=2024)
    assert goal.node == org["ks"] and goal.goal_area.name == "Medarbetare"
    assert goal.municipal_goal.name == "Attraktiv arbetsgivare"
    parent = Indicator.objects.get(goal=goal, name="Sjukfrånvaro (%)")
    child = Indicator.objects.get(goal=goal, name="Kvinnor")
    assert child.parent == parent
    v2022 = IndicatorValue.objects.get(indicator=parent, year=2022)
    assert v2022.raw == "2,2" and v2022.value == Decimal("2.2") and v2022.state == "value"
    assert IndicatorValue.objects.get(indicator=parent, year=2023).state == "no_data"
    target = IndicatorValue.objects.get(indicator=parent, year=2024, is_target=True)
    assert target.comparator == "<" and target.value == 4 and target.raw == "Mindre än 4"
    staff = KeyFigure.objects.get(kind="permanent_staff", year=2024)
    assert staff.value == 132 and staff.node == org["ks"] and staff.is_forecast
    frame = InvestmentFrame.objects.get(year=2024)
    assert frame.amount == 1500 and frame.printed_unit == "mnkr" and frame.basis_year == 2024


def test_annual_report_maps_outcome_status_and_projects():
    nodes = small_municipality(2020)
    OrgNodeFactory(year=2020, name="Planeringsstaben", parent=nodes["klf"])
    run(annual_report_extraction(2020))
    plan = OrgNode.objects.get(year=2020, name="Planeringsstaben")
    assert Figure.objects.get(node=plan, scenario="year_end_outcome", year=2020).amount == 29317
    assert Figure.objects.get(node=plan, scenario="year_end_outcome", year=2019).amount == 34220
    assert not Figure.objects.filter(printed_value="6330").exists()  # Avvikelse is derived, never stored
    vss = Figure.objects.get(node=nodes["vss"], scenario="year_end_outcome", year=2020)
    assert vss.measure == "result" and vss.amount == 6773  # "Verksamhetsstöd och service*" resolved
    assessment = GoalAssessment.objects.get(goal__name="Giftfri miljö")
    assert assessment.status == "not_fulfilled" and assessment.period == "full_year"
    project = InvestmentProject.objects.get(name="KS ny simhall")
    assert project.approved_budget == Decimal("990500") and project.end_year == 2022 and project.is_large
    assert project.year_actual == 422000 and project.year_budget == 272000


def test_reimporting_the_same_document_changes_nothing(org):
    run(operating_extraction())
    before = counts()
    fig = Figure.objects.get(node=org["plan"], scenario="budget", year=2024)
    outcome = run(operating_extraction())
    assert outcome.status == "unchanged"
    assert counts() == before
    fig.refresh_from_db()
    assert fig.version == 1


def test_corrected_version_replaces_figures_and_keeps_history(org):
    admin = UserFactory(username="admin", role="admin")
    first = run(operating_extraction(), sha="a" * 64).documents[0]
    corrected = operating_extraction(planeringsstaben="42,0")
    corrected.tables[0].rows = [r for r in corrected.tables[0].rows if r.label != "Ekonomistaben"]
    outcome = run(corrected, sha="b" * 64, user=admin)
    second = outcome.documents[0]
    first.refresh_from_db()
    assert not first.is_current and second.is_current and second.supersedes == first
    fig = Figure.objects.get(node=org["plan"], scenario="budget", year=2024)
    assert fig.amount == 42000 and fig.source_document == second and fig.version == 2
    change = FigureChange.objects.get(figure=fig, old_amount=41400)
    assert change.new_amount == 42000 and change.via == "import" and change.changed_by == admin
    assert not Figure.objects.filter(node=org["stab_a"]).exists()  # Ekonomistaben removed in the correction
    assert FigureChange.objects.filter(node=org["stab_a"], new_amount__isnull=True).count() == 4
    assert not Figure.objects.filter(source_document=first).exists()
    stats = outcome.summary["documents"][0]
    assert stats["figures_changed"] == 1 and stats["figures_removed"] == 4
    assert BudgetChange.objects.filter(source_document=first).count() == 0
    assert BudgetChange.objects.filter(source_document=second).count() == 3


def test_preview_counts_new_changed_removed(org):
    run(operating_extraction(), sha="a" * 64)
    corrected = operating_extraction(planeringsstaben="42,0")
    corrected.tables[0].rows = [r for r in corrected.tables[0].rows if r.label != "Ekonomistaben"]
    before = counts()
    preview = services.preview_extraction(corrected, "b" * 64)
    assert counts() == before
    figures = preview["documents"][0]["figures"]
    assert figures["changed"] == 1 and figures["removed"] == 4 and figures["new"] == 0
    assert preview["documents"][0]["replaces"] == "Kommunstyrelsens internbudget 2024"


def test_a_table_with_a_missing_column_writes_nothing(org):
    extraction = operating_extraction()
    extraction.tables[0].rows.append(TableRow("HR-staben", [D(1), D(2), D(3), D(4), D(5)], line=377))
    before = counts()
    with pytest.raises(ImportParseError) as err:
        run(extraction)
    assert err.value.line == 377 and "kolumn" in err.value.message
    assert counts() == before


def test_a_failure_midway_rolls_everything_back(org, monkeypatch):
    from budgetapp.imports import writer

    def boom(*args, **kwargs):
        raise ImportParseError("Konstruerat fel", line=5)

    monkeypatch.setattr(writer, "write_goals", boom)
    before = counts()
    with pytest.raises(ImportParseError):
        run(operating_extraction())
    assert counts() == before


MALFORMED = {
    "tom.txt": b"",
    "skrap.bin": bytes(range(256)) * 64,
    "avkortad.docx": make_docx(["Driftsammandrag"] * 50)[:3000],
    "avkortad.pdf": make_pdf(["Driftsammandrag"])[:300],
    "stor.txt": b"Driftsammandrag 1 2 3\n" * (50 * 1024 * 1024 // 22),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_files_get_a_clear_message_and_write_nothing(org, name):
    before = counts()
    with pytest.raises(ImportParseError) as err:
        services.parse_bytes(MALFORMED[name], name)
    assert name in err.value.message
    assert counts() == before


def test_staged_extraction_round_trips_exactly():
    extraction = operating_extraction()
    again = staging.load(staging.dump(extraction))
    assert again == extraction
    assert isinstance(again.tables[0].rows[0].values[0], Decimal)
