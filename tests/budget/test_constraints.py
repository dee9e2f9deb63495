"""Figure uniqueness: one amount per node/year/period/scenario/measure/line/basis year/document."""

import pytest
from django.db import IntegrityError, transaction

from budgetapp.budget.models import Figure, Measure, PeriodKind, Scenario
from tests.factories import FigureFactory, OrgNodeFactory, SourceDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_rejected(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureFactory(**fields)


@pytest.fixture
def node():
    return OrgNodeFactory(year=2024, name="Planeringsstaben")


def test_duplicate_figure_from_the_same_document_is_rejected(node):
    doc = SourceDocumentFactory()
    FigureFactory(node=node, source_document=doc, source_line=332)
    assert_rejected(node=node, source_document=doc, source_line=400)


def test_duplicate_entered_figure_is_rejected(node):
    user = UserFactory()
    FigureFactory(node=node, scenario=Scenario.FORECAST, period=PeriodKind.TERTIAL_1, entered_by=user)
    assert_rejected(node=node, scenario=Scenario.FORECAST, period=PeriodKind.TERTIAL_1, entered_by=user)


def test_same_figure_from_another_document_is_kept(node):
    FigureFactory(node=node, source_document=SourceDocumentFactory())
    FigureFactory(node=node, source_document=SourceDocumentFactory())
    FigureFactory(node=node)  # and once entered by hand
    assert Figure.objects.filter(node=node).count() == 3


@pytest.mark.parametrize("change", [
    {"year": 2025, "scenario": Scenario.PLAN},
    {"period": PeriodKind.INTERIM},
    {"scenario": Scenario.FORECAST},
    {"measure": Measure.COST},
    {"line_label": "Statistik"},
    {"basis_year": 2023},
])
def test_any_key_difference_is_a_different_figure(node, change):
    doc = SourceDocumentFactory()
    FigureFactory(node=node, source_document=doc)
    FigureFactory(node=node, source_document=doc, **change)
    assert Figure.objects.filter(node=node).count() == 2


def test_months_are_distinct_figures_but_not_twice(node):
    for month in (1, 2):
        FigureFactory(node=node, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=month)
    assert_rejected(node=node, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=2)


def test_period_fixes_the_month_and_month_must_be_valid(node):
    forecast = FigureFactory(node=node, scenario=Scenario.FORECAST, period=PeriodKind.TERTIAL_1, month=12)
    assert forecast.month == 4
    assert_rejected(node=node, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=13)
