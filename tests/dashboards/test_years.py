"""Which year a dashboard shows: the newest visible year that has an organisation, not a plan year
or a year that only has a fiscal year row (the demo has both), and a friendly page for such a year."""

import pytest
from django.urls import reverse

from budgetapp.core.models import FiscalYear

pytestmark = pytest.mark.django_db

PAGES = ["overview", "operating_summary", "investments", "goals"]


@pytest.fixture
def years_without_tree(kommun):
    FiscalYear.objects.create(year=2025, is_published=True)  # published, e.g. key figures only
    FiscalYear.objects.create(year=2027, is_published=False)  # a plan year
    return kommun


@pytest.mark.parametrize("name", PAGES)
def test_default_year_is_the_newest_with_an_organisation(client, politician_client, years_without_tree, name):
    for who in (client, politician_client):
        response = who.get(reverse(f"dashboards:{name}"))
        assert response.status_code == 200
        html = response.content.decode()
        assert '<option value="2024" selected>' in html
        assert '<option value="2025"' not in html and '<option value="2027"' not in html


@pytest.mark.parametrize("name", PAGES)
def test_a_visible_year_without_organisation_gets_a_friendly_page(client, years_without_tree, name):
    response = client.get(reverse(f"dashboards:{name}") + "?year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inga siffror för 2025 ännu" in html
    assert f'href="{reverse(f"dashboards:{name}")}?year=2024"' in html


def test_hidden_years_still_ask_for_a_login(client, years_without_tree):
    response = client.get(reverse("dashboards:overview") + "?year=2027")
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_start_page_defaults_to_a_year_with_an_organisation(client, years_without_tree):
    html = client.get("/").content.decode()
    assert "Demokommun" in html
