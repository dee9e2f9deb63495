"""Settings come from the environment only; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _run_check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_swedish_locale_and_timezone():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_production_without_secret_key_refuses_to_start():
    result = _run_check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_defaults_need_nothing_installed():
    result = _run_check({})
    assert result.returncode == 0, result.stderr


def test_postgresql_prepares_repeated_statements(db):
    """With PostgreSQL, psycopg binds parameters on the server and prepares a statement the second time
    a connection runs it, so planning is skipped (DB_PREPARE_THRESHOLD=0 turns it off)."""
    import pytest
    from django.db import connection

    from budgetapp.organisation.models import OrgNode

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL setting")
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    for year in (2001, 2002, 2003):  # same SQL, other parameters
        list(OrgNode.objects.filter(year=year).values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("organisation_orgnode" in sql and "$1" in sql for sql in prepared), prepared
