"""Investment variances are positive when favourable, as the year-end report prints them (004:305-322)."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError

from budgetapp.investments.models import InvestmentProject, ProjectStatus
from tests.factories import OrgNodeFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db


def test_year_and_lifetime_variance_are_budget_minus_outcome():
    node = OrgNodeFactory(year=2020)
    project = InvestmentProject.objects.create(
        node=node, year=2020, name="Simhall", status=ProjectStatus.ONGOING, approved_budget=D("300000"),
        accumulated_actual=D("120000"), year_budget=D("80000"), year_actual=D("95000"), total_forecast=D("310000"),
        is_large=True,
    )
    assert project.year_variance == D("-15000")  # overspent this year: unfavourable
    assert project.lifetime_variance == D("-10000")  # forecast over the decided budget
    project.total_forecast = None
    assert project.lifetime_variance == D("180000")  # falls back to the accumulated outcome
    project.year_actual = None
    assert project.year_variance is None


def test_one_snapshot_per_project_year_period_and_document():
    node = OrgNodeFactory(year=2020)
    doc = SourceDocumentFactory(year=2020)
    InvestmentProject.objects.create(node=node, year=2020, name="Simhall", source_document=doc)
    InvestmentProject.objects.create(node=node, year=2020, name="Simhall")  # entered by hand: its own row
    with pytest.raises(IntegrityError):
        InvestmentProject.objects.create(node=node, year=2020, name="Simhall", source_document=doc)
