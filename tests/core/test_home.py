"""The start page shows the chosen year's tree with budgets and links to the admin."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.budget.models import Scenario
from budgetapp.core.models import FiscalYear
from tests.factories import FigureFactory, UserFactory, small_municipality

pytestmark = pytest.mark.django_db


def test_home_shows_tree_and_formatted_budget(client):
    org = small_municipality(2024)
    FigureFactory(node=org["stab_a"], amount=Decimal("34800"), scenario=Scenario.BUDGET)
    FiscalYear.objects.create(year=2024, is_published=True)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ekonomistaben" in html and "Kommunledningsförvaltningen" in html
    assert "34\xa0800\xa0tkr" in html
    assert 'lang="sv"' in html


def test_unpublished_years_are_hidden_from_the_public(client):
    small_municipality(2024)
    FiscalYear.objects.create(year=2024, is_published=False)
    response = client.get(reverse("home"))
    assert "Ekonomistaben" not in response.content.decode()
    user = UserFactory(is_staff=True)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "Ekonomistaben" in html
    assert reverse("admin:index") in html


def test_home_query_count_does_not_grow_with_the_tree(client, django_assert_max_num_queries):
    FiscalYear.objects.create(year=2024, is_published=True)
    small_municipality(2024)
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("home"))
    from tests.factories import OrgNodeFactory

    parent = OrgNodeFactory(year=2024, name="Extra förvaltning", kind="administration")
    for i in range(40):
        OrgNodeFactory(year=2024, name=f"Extra stab {i}", parent=parent)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("home"))
