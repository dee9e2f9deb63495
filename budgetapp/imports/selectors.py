"""Reads for the import pages; the file bytes are never loaded for lists."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ImportJob, LedgerMapping
from .staging import load


def job_history() -> QuerySet[ImportJob]:
    return (ImportJob.objects.defer("content", "extraction", "preview")
            .select_related("created_by", "source_document"))


def job_for_page(job_id: int) -> ImportJob:
    return (ImportJob.objects.defer("content")
            .select_related("created_by", "confirmed_by", "source_document").get(pk=job_id))


def job_progress(job_id: int) -> ImportJob:
    fields = ("id", "status", "progress", "step", "error", "error_line", "error_page")
    return ImportJob.objects.only(*fields).get(pk=job_id)


def staged_extraction(job: ImportJob):
    return load(job.extraction) if job.extraction else None


def mappings() -> list[LedgerMapping]:
    return list(LedgerMapping.objects.all())
