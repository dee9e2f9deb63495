"""A Celery worker SIGKILLed in the middle of an import leaves nothing behind; the redelivered task finishes it.

Real worker (``celery -A budgetapp worker -P solo``) on Redis against the test database. The worker
is made slow in a controlled way: ``BUDGETAPP_IMPORT_TEST_PAUSE`` makes the writer sleep inside the
import's transaction after the figures are written (honoured only with DEBUG on), and writes a marker
file when it gets there. The test then SIGKILLs the worker: the transaction dies with its database
connection, so no figure of the document may exist. A second worker picks the unacknowledged task up
again (``acks_late``; Redis visibility timeout shortened through ``CELERY_VISIBILITY_TIMEOUT``) and
must produce the same rows and figure checksum as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, transaction

from budgetapp.budget.models import BudgetChange, Figure, FigureChange
from budgetapp.core.models import SourceDocument
from budgetapp.imports import services, staging
from budgetapp.imports.models import ImportJob, JobKind, JobStatus
from budgetapp.organisation.models import OrgNode
from tests.factories import small_municipality

from .test_celery_worker import _database_url
from .test_cli import SNIPPET

BROKER = os.environ.get("CELERY_BROKER_URL", "")
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 3

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not BROKER, reason="CELERY_BROKER_URL är inte satt (sätts i CI)"),
]


def fingerprint() -> dict:
    """Row counts and a checksum over every figure, independent of primary keys."""
    rows = sorted(
        f"{node}|{year}|{period}|{month}|{scenario}|{measure}|{label}|{basis}|{amount}"
        for node, year, period, month, scenario, measure, label, basis, amount in Figure.objects.values_list(
            "node__name", "year", "period", "month", "scenario", "measure", "line_label", "basis_year", "amount"))
    return {
        "figures": Figure.objects.count(), "figure_changes": FigureChange.objects.count(),
        "budget_changes": BudgetChange.objects.count(), "documents": SourceDocument.objects.count(),
        "nodes": OrgNode.objects.count(), "checksum": hashlib.sha256("\n".join(rows).encode()).hexdigest(),
    }


def start_worker(queue: str, **extra_env: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": BROKER, "DB_POOL": "0",
           "AXES_ENABLED": "0", "DEBUG": "1", "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), **extra_env}
    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(
        [str(celery), "-A", "budgetapp", "worker", "-P", "solo", "-Q", queue, "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"väntade förgäves på: {what}")


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_import_leaves_nothing_and_the_redelivered_task_finishes(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("arbetaren behöver se testdatabasen: kör med DATABASE_URL till PostgreSQL")
    from budgetapp.celery import app
    from budgetapp.imports.tasks import apply_import_job

    assert not app.conf.task_always_eager
    small_municipality(2021)
    data = SNIPPET.encode()
    job = services.create_job(data=data, file_name="vss2021.txt", kind=JobKind.DOCUMENT, queue=False)
    job = services.parse_job(job.pk)
    assert job.status == JobStatus.PARSED, job.error

    # the uninterrupted result, computed in this process and rolled back
    with transaction.atomic():
        services.import_extraction(staging.load(job.extraction), file_name=job.file_name, sha256=job.sha256)
        expected = fingerprint()
        transaction.set_rollback(True)
    before = fingerprint()
    assert expected["figures"] > 0 and before["figures"] == 0

    queue = f"imports-kill-{uuid.uuid4().hex[:8]}"
    marker = tmp_path / "paused"
    first = start_worker(queue, BUDGETAPP_IMPORT_TEST_PAUSE="120", BUDGETAPP_IMPORT_TEST_PAUSE_MARKER=str(marker))
    second = None
    try:
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.IMPORTING)
        apply_import_job.apply_async(args=[job.pk], queue=queue)
        wait_until(marker.exists, 60, "arbetaren är mitt i importen")
        assert first.poll() is None
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        # the killed worker's transaction is gone with its connection: nothing of the document is left
        wait_until(lambda: not _in_transaction_elsewhere(), 20, "den dödade arbetarens transaktion avslutas")
        assert fingerprint() == before
        assert ImportJob.objects.get(pk=job.pk).status == JobStatus.IMPORTING

        second = start_worker(queue)
        wait_until(lambda: ImportJob.objects.get(pk=job.pk).status in (JobStatus.IMPORTED, JobStatus.FAILED),
                   120, "det återlevererade jobbet blir klart")
        finished = ImportJob.objects.get(pk=job.pk)
        assert finished.status == JobStatus.IMPORTED, finished.error
        assert fingerprint() == expected
        assert finished.source_document.sha256 == job.sha256
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        if second is not None:
            stop(second)


def _in_transaction_elsewhere() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'")
        return cursor.fetchone()[0] > 0
