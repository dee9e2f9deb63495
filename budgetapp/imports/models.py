"""Import jobs and remembered ledger column mappings.

An :class:`ImportJob` is the whole life of one uploaded file: the bytes (kept in the database so a
Celery worker on another host reads exactly what was uploaded), the staged extraction the parse task
produced, the preview of what would change, and afterwards what the import produced. Nothing here
holds domain figures; the import service writes those with provenance pointing at a
``core.SourceDocument``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgetapp.core.models import SourceDocument


class JobKind(models.TextChoices):
    DOCUMENT = "document", _("Dokument (budget, plan, uppföljning)")
    LEDGER = "ledger", _("Utfall från redovisningen (XLSX/CSV)")


class JobStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uppladdad")
    PARSING = "parsing", _("Tolkas")
    PARSED = "parsed", _("Tolkad – väntar på bekräftelse")
    IMPORTING = "importing", _("Importeras")
    IMPORTED = "imported", _("Importerad")
    FAILED = "failed", _("Misslyckades")


#: Statuses in which a worker is (or should be) busy; the job page polls while in one of them.
RUNNING_STATUSES = (JobStatus.UPLOADED, JobStatus.PARSING, JobStatus.IMPORTING)


class LedgerMapping(models.Model):
    """Which columns of a ledger export hold what, remembered by name for the next upload."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    org_code_column = models.CharField(_("kolumn för ansvarskod"), max_length=100, default="Ansvar")
    line_kind_column = models.CharField(_("kolumn för konto/slag"), max_length=100, default="Konto")
    period_column = models.CharField(_("kolumn för period"), max_length=100, default="Period")
    amount_column = models.CharField(_("kolumn för belopp"), max_length=100, default="Belopp")
    amount_unit = models.CharField(_("enhet för belopp"), max_length=8, default="kr",
                                   choices=[("kr", "kr"), ("tkr", "tkr"), ("mnkr", "mnkr")])
    year = models.PositiveSmallIntegerField(_("år (om perioden bara är en månad)"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("kolumnmappning för utfall")
        verbose_name_plural = _("kolumnmappningar för utfall")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_options(self) -> dict:
        """The mapping as the plain dict the ledger reader takes (also stored on the job)."""
        return {
            "name": self.name,
            "org_code_column": self.org_code_column,
            "line_kind_column": self.line_kind_column,
            "period_column": self.period_column,
            "amount_column": self.amount_column,
            "amount_unit": self.amount_unit,
            "year": self.year,
        }


class ImportJob(models.Model):
    kind = models.CharField(_("typ"), max_length=10, choices=JobKind.choices, default=JobKind.DOCUMENT)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices,
                              default=JobStatus.UPLOADED, db_index=True)
    file_name = models.CharField(_("filnamn"), max_length=255)
    content = models.BinaryField(_("filinnehåll"), editable=False)
    size = models.PositiveIntegerField(_("storlek (byte)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    detected_format = models.CharField(_("format"), max_length=8, blank=True)
    ledger_options = models.JSONField(_("kolumnmappning"), default=dict, blank=True)
    ledger_mapping = models.ForeignKey(LedgerMapping, verbose_name=_("kolumnmappning"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="jobs")

    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    step = models.CharField(_("steg"), max_length=200, blank=True)
    error = models.TextField(_("felmeddelande"), blank=True)
    error_line = models.PositiveIntegerField(_("rad"), null=True, blank=True)
    error_page = models.PositiveIntegerField(_("sida"), null=True, blank=True)

    extraction = models.JSONField(_("tolkat innehåll"), null=True, blank=True)
    warnings = models.JSONField(_("varningar"), default=list, blank=True)
    preview = models.JSONField(_("förhandsvisning av ändringar"), default=dict, blank=True)
    summary = models.JSONField(_("resultat"), default=dict, blank=True)
    source_document = models.ForeignKey(SourceDocument, verbose_name=_("källdokument"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="import_jobs")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uppladdad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="import_jobs")
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("bekräftad av"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def error_location(self) -> str:
        parts = []
        if self.error_page:
            parts.append(f"sida {self.error_page}")
        if self.error_line:
            parts.append(f"rad {self.error_line}")
        return ", ".join(parts)
