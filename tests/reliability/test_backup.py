"""Backup and restore drill: `make backup` then `make restore` into a fresh database → identical data.

PostgreSQL only. The test database is filled with a synthetic kommun plus audit rows, dumped with
`make backup` (pg_dump custom format), restored with `make restore` into a database created for the
drill, and compared: the row count of every table and an md5 over every figure amount (ordered by
id) must be identical. The drill database is dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from budgetapp.budget.models import FigureChange
from budgetapp.ops.synthetic import generate_kommun

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CHECKSUM_SQL = "SELECT count(*), md5(string_agg(id::text || ':' || amount::text, ',' ORDER BY id)) FROM budget_figure"


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _psql(url: str, sql: str) -> str:
    out = subprocess.run(["psql", "--no-psqlrc", "-At", "-d", url, "-c", sql], capture_output=True, text=True,
                         check=True, timeout=120)
    return out.stdout.strip()


def _table_counts(url: str) -> dict[str, int]:
    tables = _psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").split()
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)  # noqa: S608
    return {line.split("|")[0]: int(line.split("|")[1]) for line in _psql(url, union).splitlines()}


def _make(target: str, database_url: str, backup: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(["make", "--no-print-directory", target, f"BACKUP={backup}"],
                          cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(autouse=True)
def _needs_postgres_tools():
    if connection.vendor != "postgresql":
        pytest.skip("backup/restore drill needs PostgreSQL (pg_dump/pg_restore)")
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb", "psql", "make"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


def test_backup_restore_drill_gives_identical_data(tmp_path):
    generate_kommun(units=20, years=2, first_year=2024, investments=10, goals=10, name="Backupkommun")
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM organisation_orgnode")
        node_id = cursor.fetchone()[0]
    FigureChange.objects.create(node_id=node_id, description="drill", old_amount=1, new_amount=2, via="admin")

    source_url = _url(connection.settings_dict["NAME"])
    drill_db = f"restore_drill_{uuid.uuid4().hex[:8]}"
    backup = tmp_path / "drill.dump"

    result = _make("backup", source_url, str(backup))
    assert result.returncode == 0, result.stdout + result.stderr
    assert backup.exists() and backup.read_bytes()[:5] == b"PGDMP"  # custom format

    s = connection.settings_dict
    base = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"] or "postgres"]
    subprocess.run(["createdb", *base, drill_db], check=True, timeout=60)
    try:
        result = _make("restore", _url(drill_db), str(backup))
        assert result.returncode == 0, result.stdout + result.stderr

        before, after = _table_counts(source_url), _table_counts(_url(drill_db))
        assert before == after
        assert before["budget_figure"] > 1000 and before["budget_figurechange"] == 1
        assert _psql(source_url, CHECKSUM_SQL) == _psql(_url(drill_db), CHECKSUM_SQL)
    finally:
        subprocess.run(["dropdb", *base, "--if-exists", "--force", drill_db], check=False, timeout=60)


def test_backup_refuses_without_database_url(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(["make", "--no-print-directory", "backup", f"BACKUP={tmp_path / 'x.dump'}"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and "DATABASE_URL" in result.stdout + result.stderr
