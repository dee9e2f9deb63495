"""``python manage.py import_document PATH [--dry-run] [--format json]`` – the operators' contract.

Without ``--dry-run`` the file goes through the same job functions as the Celery tasks (guards →
parse → preview → the one atomic import service) and is listed in the import history. With
``--dry-run`` nothing is written. ``--format json`` prints exactly one JSON object
(``Extraction.to_json()``) on stdout; everything else goes to stderr. A bad file exits non-zero
with the Swedish message on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from budgetapp.imports import services
from budgetapp.imports.models import JobKind, JobStatus
from budgetapp.imports.parsing.extraction import ImportParseError


class Command(BaseCommand):
    help = "Importera ett budgetdokument eller en utfallsfil (samma väg som webbimporten)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="Sökväg till filen (.txt, .docx, .pdf, .xlsx eller .csv)")
        parser.add_argument("--dry-run", action="store_true", help="Tolka och visa, men spara ingenting.")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="json: skriv exakt ett JSON-objekt (extraktionen) på stdout.")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        as_json = options["format"] == "json"
        log = self.stderr if as_json else self.stdout
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"{path.name}: filen kunde inte läsas ({exc.strerror}).")
            sys.exit(2)
        try:
            extraction = services.parse_bytes(data, path.name)
        except ImportParseError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        sha = services.sha256_of(data)
        if options["dry_run"]:
            try:
                outcome = services.import_extraction(extraction, file_name=path.name, sha256=sha, dry_run=True)
            except ImportParseError as exc:
                self.stderr.write(str(exc))
                sys.exit(1)
            self._report(log, "Torrkörning – ingenting sparades.", outcome.summary)
        else:
            kind = JobKind.LEDGER if extraction.document.kind == "ledger" else JobKind.DOCUMENT
            job = services.create_job(data=data, file_name=path.name, kind=kind, queue=False)
            job = services.run_job_inline(job)
            if job.status != JobStatus.IMPORTED:
                where = f" ({job.error_location})" if job.error_location else ""
                self.stderr.write(f"{job.error}{where}")
                sys.exit(1)
            self._report(log, f"Importerad som jobb {job.pk}.", job.summary)
        if as_json:
            self.stdout.write(json.dumps(extraction.to_json(), ensure_ascii=False))

    def _report(self, out, headline: str, summary: dict) -> None:
        out.write(headline)
        if summary.get("already_imported"):
            out.write(f"Filen är redan importerad ({summary.get('document') or summary.get('existing_document')}); "
                      "ingenting ändrades.")
        for doc in summary.get("documents", []):
            details = {k: v for k, v in doc.items() if k != "title"}
            out.write(f"  {doc.get('title')}: {json.dumps(details, ensure_ascii=False)}")
        for node in summary.get("new_nodes", []):
            out.write(f"  Ny enhet: {node}")
        for w in summary.get("warnings", []):
            out.write(f"  Varning rad {w.get('line')}: {w.get('message')}")
