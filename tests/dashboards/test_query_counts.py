"""Query counts must not grow with the number of rows (a kommun and one ten times larger)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .builders import build_kommun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _version_read_every_request(settings):
    """Both requests of a comparison read the public data version (no per-process memo between them)."""
    settings.PAGE_CACHE_VERSION_TTL = 0


def _count(client, url) -> int:
    cache.clear()  # both pages of a comparison are counted cold: nothing shared is cached yet
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("view", ["followup", "closed", "budget"])
def test_operating_summary_queries_fixed(client, django_assert_num_queries, view):
    small = build_kommun(2024, stabs=2)
    large = build_kommun(2030, stabs=20)
    # every unit's row is drawn from the same handful of queries
    small_url = reverse("dashboards:operating_summary") + f"?year=2024&node={small['klf'].pk}&view={view}"
    large_url = reverse("dashboards:operating_summary") + f"?year=2030&node={large['klf'].pk}&view={view}"
    expected = _count(client, small_url)
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(large_url)
    assert response.content.decode().count('class="row-node') == 22
    assert expected <= 14


@pytest.mark.parametrize("name", ["overview", "investments", "goals", "year_comparison"])
def test_other_pages_queries_fixed(client, django_assert_num_queries, name):
    small = build_kommun(2024, stabs=2)
    large = build_kommun(2030, stabs=20)
    expected = _count(client, reverse(f"dashboards:{name}") + f"?year=2024&node={small['ks'].pk}")
    cache.clear()
    with django_assert_num_queries(expected):
        client.get(reverse(f"dashboards:{name}") + f"?year=2030&node={large['ks'].pk}")
