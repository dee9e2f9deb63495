"""Every response carries HSTS, a CSP with frame-ancestors and no inline scripts, nosniff and a
Referrer-Policy: every URL pattern crawled as anonymous and as admin, plus static files, 403 (both
PermissionDenied and CSRF failure), 404 and 500 pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.security.conftest import client_for
from tests.security.crawl import build_url, iter_routes
from tests.security.headers import missing_headers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_every_url_pattern_sends_security_headers(site, role):
    client = client_for(site.users[role])
    context = {"node": site.own_node, "year": 2024}
    checked, failures, unbuildable = 0, [], []
    for route in iter_routes():
        url = build_url(route, context)
        if url is None:
            unbuildable.append(route.description)
            continue
        if site.users[role] is not None:
            client.force_login(site.users[role])  # an earlier URL may have been a logout
        response = client.get(url)
        checked += 1
        missing = missing_headers(response)
        if missing:
            failures.append(f"{url} [{response.status_code}]: {', '.join(missing)}")
    assert checked > 10
    assert failures == [], f"{len(failures)} of {checked} responses miss headers:\n" + "\n".join(failures)
    # Only the admin's unnamed regex catch-all can't be built; everything else must be crawled.
    assert all("(?P<url>" in d for d in unbuildable), unbuildable


@override_settings(WHITENOISE_USE_FINDERS=True)  # no collectstatic in tests; production serves STATIC_ROOT
def test_static_file_sends_security_headers():
    response = Client().get(f"{settings.STATIC_URL}css/app.css")
    assert response.status_code == 200
    assert missing_headers(response) == []
    if hasattr(response, "close"):
        response.close()


@pytest.mark.urls("tests.security.urls_errors")
@pytest.mark.parametrize(("path", "status", "text"), [
    ("/__test__/403/", 403, "Åtkomst nekad"),
    ("/finns-inte/", 404, "Sidan finns inte"),
    ("/__test__/500/", 500, "Ett tekniskt fel har inträffat"),
])
def test_error_pages_are_swedish_and_send_security_headers(path, status, text):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == status
    assert text in response.content.decode()
    assert missing_headers(response) == []


def test_csrf_failure_is_a_swedish_403_with_headers():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post("/konto/logga-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()
    assert missing_headers(response) == []


def test_hsts_is_sent_on_plain_http_and_https():
    for secure in (False, True):
        response = Client().get("/health/", secure=secure)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_500_page_is_standalone():
    """The 500 page must render even when the database, context processors or base.html fail."""
    source = (settings.BASE_DIR / "templates" / "500.html").read_text(encoding="utf-8")
    assert "{% extends" not in source and "{% url" not in source and "{{" not in source
    assert 'lang="sv"' in source
