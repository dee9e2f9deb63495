"""The import service: validate an extraction, show what it would change, write it once.

``import_extraction`` is the one path into the domain tables for documents and ledgers alike; the
Celery tasks, the web confirm button and ``manage.py import_document`` all end up there. It runs in
one transaction: any error (the parsers' ``ImportParseError`` or a validation error raised while
mapping) rolls everything back, so a failed import writes nothing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from budgetapp.budget.models import Figure
from budgetapp.core.models import SourceDocument

from . import guards, ledger, staging
from .mapping import ImportPlan, build_plan
from .models import ImportJob, JobKind, JobStatus
from .parsing.extraction import Extraction, ImportParseError
from .writer import item_key, ledger_overlap, predecessor, stored_key, write_document

log = logging.getLogger(__name__)


@dataclass
class ImportOutcome:
    status: str  # imported | unchanged | dry_run
    documents: list[SourceDocument] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- parsing -------------------------------------------------------------------------------------

def parse_bytes(data: bytes, filename: str, *, kind: str | None = None,
                ledger_options: dict | None = None) -> Extraction:
    """Guard the bytes, then hand them to the ledger reader or the document pipeline.

    Any exception a parser lets through is turned into an ``ImportParseError`` so callers only ever
    handle the importer's own error type.
    """
    checked = guards.check_upload(data, filename)
    is_ledger = kind == JobKind.LEDGER or checked.format == "xlsx" or (
        kind is None and checked.format == "text" and ledger.looks_like_ledger(data))
    try:
        if is_ledger:
            if checked.format not in ("xlsx", "text"):
                raise ImportParseError(f"{filename}: utfall kan bara läsas från .xlsx eller .csv.")
            return ledger.read_ledger(data, filename, ledger_options or {}, checked.format)
        from .parsing.pipeline import parse_document

        return parse_document(data, filename)
    except ImportParseError as exc:
        if filename not in exc.message:
            exc.message = f"{filename}: {exc.message}"
            exc.args = (exc.message,)
        raise
    except Exception as exc:
        log.exception("Parser failed on %s", filename)
        raise ImportParseError(f"{filename}: filen kunde inte tolkas ({exc.__class__.__name__}: {exc}).") from exc


# --- preview -------------------------------------------------------------------------------------

def already_imported(sha256: str) -> SourceDocument | None:
    return SourceDocument.objects.filter(sha256=sha256, is_current=True).order_by("-id").first()


def describe_plan(plan: ImportPlan, sha256: str) -> dict[str, Any]:
    """What importing would change, compared with the current database (reads only)."""
    docs = []
    for doc in plan.docs:
        info = doc.info
        previous = predecessor(info.kind or "other", info.organisation or doc.organisation.name, info.year,
                               sha256, info.title)
        if info.kind == "ledger":  # a ledger file takes over the months it covers from earlier files
            overlapped = ledger_overlap(doc, sha256)
            old = {stored_key(f): f.amount for figs in overlapped.values() for f in figs}
            previous = max(overlapped, key=lambda d: (d.imported_at, d.pk)) if overlapped else None
        else:
            old = ({stored_key(f): f.amount for f in Figure.objects.filter(source_document=previous)}
                   if previous else {})
        new = changed = unchanged = 0
        for item in doc.figures.values():
            key = item_key(item) if getattr(item.node, "pk", None) else None
            if key is None or key not in old:
                new += 1
            elif old.pop(key) != item.amount:
                changed += 1
            else:
                unchanged += 1
        docs.append({
            "title": info.title, "kind": info.kind, "organisation": info.organisation, "year": info.year,
            "plan_years": list(info.plan_years), "replaces": previous.title if previous else None,
            "replaces_id": previous.pk if previous else None,
            "figures": {"new": new, "changed": changed, "unchanged": unchanged, "removed": len(old)},
            "counts": doc.counts(), "unmapped_tables": doc.unmapped_tables,
        })
    return {
        "documents": docs,
        "new_nodes": [f"{n.name} ({n.year})" for n in plan.new_nodes],
        "warnings": [{"line": w.line, "page": w.page, "message": w.message} for w in plan.warnings],
    }


def preview_extraction(extraction: Extraction, sha256: str) -> dict[str, Any]:
    existing = already_imported(sha256)
    if existing is not None:
        return {"already_imported": True, "existing_document": existing.title, "documents": [], "new_nodes": [],
                "warnings": []}
    with transaction.atomic():
        preview = describe_plan(build_plan(extraction), sha256)
        transaction.set_rollback(True)  # the planner only reads; make sure nothing can stick
    preview["already_imported"] = False
    return preview


# --- the one write -------------------------------------------------------------------------------

def import_extraction(extraction: Extraction, *, file_name: str, sha256: str, user=None,
                      dry_run: bool = False) -> ImportOutcome:
    """Validate and write an extraction atomically; re-importing the same bytes changes nothing."""
    existing = already_imported(sha256)
    if existing is not None:
        return ImportOutcome("unchanged", [existing], {"already_imported": True, "document": existing.title,
                                                        "document_id": existing.pk})
    try:
        return _import_extraction(extraction, file_name=file_name, sha256=sha256, user=user, dry_run=dry_run)
    except ImportParseError as exc:
        if file_name and file_name not in exc.message:
            exc.message = f"{file_name}: {exc.message}"
            exc.args = (exc.message,)
        raise


def _import_extraction(extraction: Extraction, *, file_name: str, sha256: str, user, dry_run: bool) -> ImportOutcome:
    with transaction.atomic():
        plan = build_plan(extraction)
        preview = describe_plan(plan, sha256)
        if dry_run:
            transaction.set_rollback(True)
            return ImportOutcome("dry_run", [], preview)
        documents, per_doc = [], []
        for doc_plan in plan.docs:
            doc, stats = write_document(doc_plan, file_name=file_name, sha256=sha256, user=user)
            documents.append(doc)
            per_doc.append(stats)
        summary = {"documents": per_doc, "new_nodes": preview["new_nodes"], "warnings": preview["warnings"]}
        totals: dict[str, int] = {}
        for stats in per_doc:
            for k, v in stats.items():
                if isinstance(v, int) and not k.endswith("_id"):
                    totals[k] = totals.get(k, 0) + v
        summary["totals"] = totals
    return ImportOutcome("imported", documents, summary)


# --- jobs ----------------------------------------------------------------------------------------

def create_job(*, data: bytes, file_name: str, kind: str, user=None, ledger_options: dict | None = None,
               ledger_mapping=None, queue: bool = True) -> ImportJob:
    """Store a checked upload and (unless ``queue`` is off) queue its parse task once committed."""
    checked = guards.check_upload(data, file_name)
    if kind == JobKind.DOCUMENT and checked.format == "xlsx":
        raise guards.UploadRejected(
            f"{file_name}: Excel-filer importeras som utfall; välj ”Utfall från redovisningen”.")
    if kind == JobKind.LEDGER and checked.format not in ("xlsx", "text"):
        raise guards.UploadRejected(f"{file_name}: utfall kan bara läsas från .xlsx eller .csv.")
    job = ImportJob.objects.create(kind=kind, file_name=file_name[:255], content=data, size=len(data),
                                   sha256=sha256_of(data), detected_format=checked.format,
                                   ledger_options=ledger_options or {}, ledger_mapping=ledger_mapping,
                                   created_by=user, step="Väntar på tolkning")
    if queue:
        from .tasks import parse_import_job

        transaction.on_commit(lambda: parse_import_job.delay(job.pk))
    return job


def _progress(job_id: int, progress: int, step: str, **extra: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(progress=progress, step=step, **extra)


def _fail(job_id: int, exc: ImportParseError) -> None:
    _progress(job_id, 100, "Misslyckades", status=JobStatus.FAILED, error=str(exc.message)[:2000],
              error_line=exc.line, error_page=exc.page, finished_at=timezone.now())


def parse_job(job_id: int) -> ImportJob | None:
    """Parse the stored file into a staged extraction and preview; safe to run twice."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in (JobStatus.UPLOADED, JobStatus.PARSING):
        return job
    _progress(job_id, 10, "Kontrollerar filen", status=JobStatus.PARSING)
    try:
        data = bytes(job.content)
        _progress(job_id, 25, "Läser tabeller och mål")
        extraction = parse_bytes(data, job.file_name, kind=job.kind, ledger_options=job.ledger_options)
        _progress(job_id, 70, "Jämför med databasen")
        preview = preview_extraction(extraction, job.sha256)
    except ImportParseError as exc:
        _fail(job_id, exc)
        return ImportJob.objects.get(pk=job_id)
    except Exception as exc:
        log.exception("Parsing job %s failed", job_id)
        _fail(job_id, ImportParseError(f"{job.file_name}: oväntat fel vid tolkningen ({exc.__class__.__name__})."))
        return ImportJob.objects.get(pk=job_id)
    warnings = [{"line": w.line, "page": w.page, "message": w.message} for w in extraction.warnings]
    _progress(job_id, 100, "Klar att granska", status=JobStatus.PARSED, extraction=staging.dump(extraction),
              warnings=warnings, preview=preview)
    return ImportJob.objects.get(pk=job_id)


def confirm_job(job: ImportJob, user) -> None:
    """The admin confirmed the preview: queue the apply task after this transaction commits."""
    if job.status != JobStatus.PARSED:
        raise ImportParseError("Jobbet kan inte importeras i sitt nuvarande läge.")
    _progress(job.pk, 0, "Väntar på import", status=JobStatus.IMPORTING, confirmed_by=user)
    from .tasks import apply_import_job

    transaction.on_commit(lambda: apply_import_job.delay(job.pk))


def apply_job(job_id: int) -> ImportJob | None:
    """Write a parsed job's extraction. Locks the job row so a redelivered task cannot write twice."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in (JobStatus.PARSED, JobStatus.IMPORTING):
        return job
    _progress(job_id, 10, "Importerar", status=JobStatus.IMPORTING)
    try:
        extraction = staging.load(job.extraction or {})
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job_id)
            if locked.status == JobStatus.IMPORTED:
                return locked
            outcome = import_extraction(extraction, file_name=job.file_name, sha256=job.sha256,
                                        user=job.confirmed_by or job.created_by)
            locked.status = JobStatus.IMPORTED
            locked.progress, locked.step = 100, "Importerad"
            locked.summary = outcome.summary | {"outcome": outcome.status}
            locked.source_document = outcome.documents[0] if outcome.documents else None
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "progress", "step", "summary", "source_document", "finished_at"])
    except ImportParseError as exc:
        _fail(job_id, exc)
    except Exception as exc:
        log.exception("Import job %s failed", job_id)
        _fail(job_id, ImportParseError(f"{job.file_name}: oväntat fel vid importen ({exc.__class__.__name__}); "
                                       "inget har sparats."))
    return ImportJob.objects.get(pk=job_id)


def run_job_inline(job: ImportJob) -> ImportJob:
    """Parse and apply in this process (the management command's path; same functions as the tasks)."""
    parsed = parse_job(job.pk)
    if parsed is None or parsed.status != JobStatus.PARSED:
        return parsed or job
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.IMPORTING)
    return apply_job(job.pk) or job
