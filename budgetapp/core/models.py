"""Cross-cutting models: fiscal years (publication), source documents and provenance.

`SourceDocument` lives here, not in the imports app, because every figure in budget, investments
and goals points at its source and those apps must not depend on the importer.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .provenance import provenance_label


class Unit(models.TextChoices):
    """Unit a source printed a figure in. Amounts are always stored in tkr."""

    TKR = "tkr", _("tkr")
    MNKR = "mnkr", _("mnkr")
    MDKR = "mdkr", _("Mdkr")
    KR = "kr", _("kr")
    PERCENT = "%", _("procent")
    COUNT = "antal", _("antal")
    FTE = "åa", _("årsarbetare")


class FiscalYear(models.Model):
    """A calendar/fiscal year the kommun works with; publication opens it to the public."""

    year = models.PositiveSmallIntegerField(_("år"), primary_key=True)
    is_published = models.BooleanField(
        _("publicerat"), default=False, help_text=_("Visa årets siffror för allmänheten utan inloggning.")
    )
    note = models.CharField(_("anteckning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("år")
        verbose_name_plural = _("år")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class DocumentKind(models.TextChoices):
    COUNCIL_BUDGET = "council_budget", _("KF-budget")
    INTERNAL_BUDGET = "internal_budget", _("Internbudget")
    ADMINISTRATION_BUDGET = "administration_budget", _("Förvaltningsbudget")
    INTERIM_REPORT = "interim_report", _("Delårsrapport/uppföljning")
    ANNUAL_REPORT = "annual_report", _("Verksamhetsberättelse")
    DECISION = "decision", _("Protokoll/beslut")
    LEDGER = "ledger", _("Redovisningsexport (utfall)")
    OTHER = "other", _("Övrigt")


class SourceDocument(models.Model):
    """A document figures were read from. Versions of the same document chain via `supersedes`."""

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("dokumenttyp"), max_length=32, choices=DocumentKind.choices)
    organisation_name = models.CharField(_("organisation (som tryckt)"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    plan_years = models.JSONField(_("planår"), default=list, blank=True)
    file_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    decision_reference = models.CharField(_("beslutsreferens"), max_length=200, blank=True)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("ersätter"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    is_current = models.BooleanField(_("gällande version"), default=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("importerad av"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("källdokument")
        verbose_name_plural = _("källdokument")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.title


class Provenance(models.Model):
    """Where a stored figure came from: a document line/page, or a user and a time."""

    source_document = models.ForeignKey(
        SourceDocument, verbose_name=_("källdokument"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    source_line = models.PositiveIntegerField(_("rad i källan"), null=True, blank=True)
    source_page = models.PositiveIntegerField(_("sida i källan"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inmatad av"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    entered_at = models.DateTimeField(_("registrerad"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def source_label(self) -> str:
        """Human-readable provenance, shown on hover next to a figure."""
        return provenance_label(
            str(self.source_document) if self.source_document_id else None, self.source_page, self.source_line,
            str(self.entered_by) if self.entered_by_id else None, self.entered_at,
        )
