"""End to end with a REAL Celery worker on Redis: upload page → parse task → preview → confirm → figures.

Runs when CELERY_BROKER_URL is set (CI's .ci/run sets it) and the test database is PostgreSQL, so
the worker subprocess can see the rows this test commits (``transaction=True``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from budgetapp.budget.models import Figure
from budgetapp.imports.models import ImportJob
from tests.factories import UserFactory, small_municipality

from .test_cli import SNIPPET

BROKER = os.environ.get("CELERY_BROKER_URL", "")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not BROKER, reason="CELERY_BROKER_URL är inte satt (sätts i CI)"),
]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _wait_for(job_id: int, statuses: set[str], timeout: float = 60) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"jobbet blev aldrig {statuses}; status {job.status}, steg {job.step}, fel {job.error}")


@pytest.fixture
def worker(settings):
    if connection.vendor != "postgresql":
        pytest.skip("arbetaren behöver se testdatabasen: kör med DATABASE_URL till PostgreSQL")
    from budgetapp.celery import app

    assert not app.conf.task_always_eager, "CELERY_BROKER_URL satt men uppgifter körs ändå i processen"
    queue = f"imports-test-{uuid.uuid4().hex[:8]}"
    old_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": BROKER, "DB_POOL": "0",
           "AXES_ENABLED": "0"}
    celery = Path(sys.executable).with_name("celery")
    proc = subprocess.Popen(
        [str(celery), "-A", "budgetapp", "worker", "-P", "solo", "-Q", queue, "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield proc
    finally:
        app.conf.task_default_queue = old_queue
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.django_db(transaction=True)
def test_upload_parse_preview_confirm_with_a_real_worker(client, worker):
    small_municipality(2021)
    admin = UserFactory(username="admin-e2e", role="admin")
    client.force_login(admin)
    response = client.post(reverse("imports:upload"), {
        "file": SimpleUploadedFile("vss2021.txt", SNIPPET.encode()), "kind": "document"})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    job = _wait_for(job.pk, {"parsed", "failed"})
    assert job.status == "parsed", job.error
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Det här kommer att ändras" in page and "Bekräfta och importera" in page
    assert not Figure.objects.exists()
    client.post(reverse("imports:confirm", args=[job.pk]))
    job = _wait_for(job.pk, {"imported", "failed"})
    assert job.status == "imported", job.error
    kontakt = Figure.objects.get(node__name="Kontakt Linköping", scenario="year_end_outcome", year=2019,
                                 measure="result")
    assert kontakt.amount == 5027 and kontakt.source_document == job.source_document
    assert job.summary["totals"]["figures_new"] == Figure.objects.count()
