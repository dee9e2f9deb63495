"""Brute-force lockout (django-axes) and session handling: cookie flags, expiry, logout."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from budgetapp.accounts.models import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"
COOL_OFF = timedelta(seconds=2)


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=COOL_OFF)
def test_lockout_after_repeated_failures_then_login_after_cool_off():
    UserFactory(username="kerstin", role=Role.CONTROLLER)
    client = Client()
    statuses = [_login(client, "kerstin", "fel-lösenord").status_code for _ in range(3)]
    assert statuses[:2] == [200, 200]  # the form again, with an error
    locked = _login(client, "kerstin", "fel-lösenord")
    assert statuses[2] == 429 or locked.status_code == 429
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "För många misslyckade inloggningsförsök" in body and 'lang="sv"' in body
    assert locked["Retry-After"].isdigit()

    # Even the right password is refused while locked: that is what stops guessing.
    assert _login(client, "kerstin", TEST_PASSWORD).status_code == 429

    time.sleep(COOL_OFF.total_seconds() + 0.5)
    response = _login(client, "kerstin", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_answers_ajax_with_the_same_page_not_json():
    UserFactory(username="olle")
    client = Client(headers={"X-Requested-With": "XMLHttpRequest"})
    for _ in range(4):
        response = _login(client, "olle", "fel")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Access-Control-Allow-Origin" not in response


def test_session_cookie_flags():
    UserFactory(username="anna")
    with override_settings(SESSION_COOKIE_SECURE=True):
        response = _login(Client(), "anna", TEST_PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"].lower() == "lax"
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # ends with the browser session


def test_session_expires_on_the_server():
    """A stolen cookie stops working after SESSION_COOKIE_AGE even if the browser keeps it."""
    UserFactory(username="berit")
    client = Client()
    assert _login(client, "berit", TEST_PASSWORD).status_code == 302
    assert client.post(reverse("ops:noop")).status_code == 204
    session = Session.objects.get()
    age = session.expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < age <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.post(reverse("ops:noop"))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_logout_invalidates_the_session_server_side():
    UserFactory(username="cilla")
    client = Client()
    assert _login(client, "cilla", TEST_PASSWORD).status_code == 302
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("ops:noop")).status_code == 204

    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=old_cookie).exists()

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = replay.post(reverse("ops:noop"))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_login_rotates_the_session_key():
    """Session fixation: the key a visitor had before logging in is not the authenticated one."""
    UserFactory(username="doris")
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    assert _login(client, "doris", TEST_PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
