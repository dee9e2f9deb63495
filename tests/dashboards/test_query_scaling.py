"""Issue 6: each main page runs the same number of queries for a kommun of 10 units and of 300 units.

Both kommuner come from `generate_kommun` (the benchmark generator), so the pages see realistic
trees: nämnder → förvaltningar → verksamhetsområden → enheter with figures, investments and goals.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgetapp.ops.synthetic import delete_kommun, generate_kommun
from budgetapp.organisation.models import NodeKind, OrgNode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["dashboards:overview", "dashboards:operating_summary", "dashboards:investments", "dashboards:goals"]


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _counts(client, units: int) -> dict[str, int]:
    delete_kommun("Skalkommun")
    generate_kommun(units=units, years=1, first_year=2024, investments=max(units // 3, 3),
                    goals=max(units // 2, 5), name="Skalkommun")
    root = OrgNode.objects.get(year=2024, kind=NodeKind.MUNICIPALITY)
    counts = {}
    for name in PAGES:
        counts[name] = _count_queries(client, f"{reverse(name)}?year=2024&node={root.pk}")
    return counts


def test_main_pages_run_the_same_queries_for_10_and_300_units(client):
    client.force_login(UserFactory(username="skalpolitiker"))  # signed in: pages are not served from cache
    small = _counts(client, 10)
    large = _counts(client, 300)
    assert small == large, f"10 enheter: {small}, 300 enheter: {large}"
