"""Public page cache: hits for anonymous visitors, invalidation on writes, no nonce reuse, GET/HEAD only."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from budgetapp.budget.models import Figure, Scenario

pytestmark = pytest.mark.django_db
PAGES = ["overview", "operating_summary", "investments", "goals", "year_comparison"]


def _csp_ok(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    for nonce in re.findall(r"'nonce-([^']+)'", csp):
        assert nonce.encode() not in response.content  # a cached page never carries a nonce


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_pages_are_cached_with_vary_cookie_and_fresh_csp(client, kommun, name):
    url = reverse(f"dashboards:{name}")
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    for response in (first, second):
        assert "Cookie" in response["Vary"]
        _csp_ok(response)
        assert "text/html" in response["Content-Type"]


def test_cache_key_includes_query_string(client, kommun):
    url = reverse("dashboards:operating_summary")
    client.get(url)
    other = client.get(url + f"?node={kommun['klf'].pk}")
    assert other["X-Page-Cache"] == "miss"


def test_signed_in_pages_are_not_cached(politician_client, kommun):
    url = reverse("dashboards:overview")
    politician_client.get(url)
    response = politician_client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response and "Cookie" in response["Vary"]


def test_a_saved_figure_invalidates_cached_pages(client, kommun):
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup"
    before = client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    fig = Figure.objects.filter(node=kommun["stab_b"], scenario=Scenario.BUDGET, line_label="").first()
    fig.amount = 123456
    fig.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "123\u00a0456" in response.content.decode() and "123\u00a0456" not in before


@pytest.mark.django_db(transaction=True)
def test_bulk_update_invalidates_through_database_trigger(kommun, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger-based data version exists on PostgreSQL only")
    settings.PAGE_CACHE_VERSION_TTL = 0  # re-read the database version on every public request
    client = Client()
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # update() sends no signals: only the statement trigger (bumped at commit) notices it
    Figure.objects.filter(node=kommun["stab_b"], scenario=Scenario.BUDGET, line_label="").update(amount=654321)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "654\u00a0321" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_writes_the_orm_never_sees_are_served_at_most_ttl_late(kommun, settings):
    """Micro-caching: a public hit re-reads the database version at most every PAGE_CACHE_VERSION_TTL s."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger-based data version exists on PostgreSQL only")
    import time

    settings.PAGE_CACHE_VERSION_TTL = 0.5
    client = Client()
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup"
    client.get(url)
    Figure.objects.filter(node=kommun["stab_b"], scenario=Scenario.BUDGET, line_label="").update(amount=765432)
    stale = client.get(url)
    assert stale["X-Page-Cache"] == "hit" and "765\u00a0432" not in stale.content.decode()
    time.sleep(0.6)
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "765\u00a0432" in fresh.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_hit_runs_no_query_and_skips_session_auth_and_views(client, kommun, name, settings,
                                                             django_assert_num_queries, monkeypatch):
    """A hit is answered by the middleware before sessions, authentication and the URL resolver."""
    settings.PAGE_CACHE_VERSION_TTL = 60
    url = reverse(f"dashboards:{name}")
    miss = client.get(url)
    assert miss["X-Page-Cache"] == "miss"

    def no_resolving(*_args, **_kwargs):
        raise AssertionError("a cache hit must not reach the URL resolver")

    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", no_resolving)
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and hit.content == miss.content
    for header in ("Content-Type", "Vary", "Content-Language", "X-Frame-Options"):
        assert hit[header] == miss[header], header
    for header in ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy"):
        assert hit[header] == miss[header], header
    _csp_ok(hit)


def test_language_is_part_of_the_key(client, kommun):
    url = reverse("dashboards:overview")
    sv = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert sv["X-Page-Cache"] == "miss" and en["X-Page-Cache"] == "miss"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"
    assert sv["Content-Language"] == "sv" and en["Content-Language"] == "en"


def test_bad_host_is_refused_before_the_cache(client, kommun):
    url = reverse("dashboards:overview")
    client.get(url)
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


def test_session_cookie_bypasses_the_cache(client, kommun):
    from django.conf import settings

    url = reverse("dashboards:goals")
    client.get(url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "nonexistent"
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_unpublished_year_is_never_cached(client, kommun):
    from .builders import add_previous_year

    add_previous_year(kommun, published=False)
    url = reverse("dashboards:overview") + "?year=2023"
    assert client.get(url).status_code == 302
    assert client.get(url).status_code == 302


def test_exports_are_not_cached(client, kommun):
    url = reverse("dashboards:operating_summary") + "?export=csv"
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response and response["Content-Disposition"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_answer_get_and_head_only(client, kommun, name):
    url = reverse(f"dashboards:{name}")
    assert client.head(url).status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(url).status_code == 405


def test_goal_page_is_get_only(client, kommun):
    url = reverse("dashboards:goal", args=[kommun["goals"]["safe"].pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_overview_percent_in_swedish_format(client, kommun):
    html = client.get(reverse("dashboards:overview") + f"?node={kommun['ks'].pk}").content.decode()
    percents = re.findall(r"([^\s>]+) % av budget", html)
    assert percents
    for text in percents:
        assert "." not in text and "-" not in text
        assert re.fullmatch(r"\u2212?\d+,\d", text)
