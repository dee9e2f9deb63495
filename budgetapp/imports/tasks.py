"""Celery tasks of the importer: take a job id, call a service, write progress to the job.

Both are idempotent (a finished job is left alone; the apply locks the job row and the service
skips bytes already imported), acknowledged late and rejected on worker loss, so a worker killed
mid-import leaves no partial data (the write is one transaction) and the redelivered task finishes
the job. Without a broker the settings run them eagerly in-process.
"""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def parse_import_job(job_id: int) -> None:
    services.parse_job(job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def apply_import_job(job_id: int) -> None:
    services.apply_job(job_id)
