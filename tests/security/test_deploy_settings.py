"""Production settings: `check --deploy` is clean, there are no secret defaults, cookies are locked down."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def _production_env(**extra: str) -> dict[str, str]:
    dropped = {"SECRET_KEY", "DEBUG", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last is set by conftest
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DEBUG": "0", "ALLOWED_HOSTS": "budget.example.se", "DJANGO_SETTINGS_MODULE": "budgetapp.settings"})
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=120,
                          cwd=settings.BASE_DIR, check=False)


def test_check_deploy_reports_no_issues():
    result = _run([MANAGE, "check", "--deploy", "--fail-level", "WARNING"],
                  _production_env(SECRET_KEY=secrets.token_urlsafe(64)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_secret_key_in_production():
    result = _run([MANAGE, "check"], _production_env())
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_refuses_the_development_secret_in_production():
    result = _run([MANAGE, "check"],
                  _production_env(SECRET_KEY="dev-only-insecure-key-never-use-in-production"))
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_cookie_and_transport_settings():
    names = ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_NAME",
             "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_NAME",
             "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DEBUG"]
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))")
    result = _run(["-c", code], _production_env(SECRET_KEY=secrets.token_urlsafe(64)))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-") and values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert 0 < values["SESSION_COOKIE_AGE"] <= 12 * 3600 and values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] >= 31536000
