"""/health/ for the load balancer: 200 {"status": "ok"} or 503, details only for budget admins."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client, override_settings

from budgetapp.accounts.models import Role
from budgetapp.ops import health
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/health/"


def _admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="ops-admin", role=Role.ADMIN))
    return client


def test_anonymous_gets_status_only():
    response = Client().get(URL)
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_admin_gets_each_dependency():
    body = json.loads(_admin_client().get(URL).content)
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTROLLER])
def test_other_signed_in_roles_get_status_only(role):
    client = Client()
    client.force_login(UserFactory(username=f"ops-{role}", role=role))
    assert json.loads(client.get(URL).content) == {"status": "ok"}


def test_failing_dependency_gives_503_without_details_to_anonymous(monkeypatch):
    def broken():
        raise ConnectionError("redis://:hemligt-lösenord@10.0.0.7:6379 refused")

    monkeypatch.setitem(health.PROBES, "cache", broken)
    response = Client().get(URL)
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}
    admin = json.loads(_admin_client().get(URL).content)
    assert admin["checks"]["cache"] == {"ok": False, "ms": admin["checks"]["cache"]["ms"], "error": "ConnectionError"}
    assert "hemligt" not in json.dumps(admin)  # not even admins get connection strings


def test_unreachable_broker_fails_fast(monkeypatch):
    from budgetapp.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before its own conf (CI sets it)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    started = time.monotonic()
    response = Client().get(URL)
    assert response.status_code == 503
    assert time.monotonic() - started < 10


def test_only_safe_methods():
    assert Client().post(URL).status_code == 405
    assert Client().head(URL).status_code == 200


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_probe_is_not_redirected():
    assert Client().get(URL).status_code == 200
    assert Client().get("/").status_code == 301


def test_noop_post_needs_login_and_csrf():
    assert Client().post("/drift/noop/").status_code == 302
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="ops-viewer"))
    assert client.post("/drift/noop/").status_code == 403
    assert client.get("/drift/noop/").status_code == 405
