"""Follow-up rounds (uppföljningar), per-node workflow status, deviation comments and their history.

Forecast amounts themselves are `budget.Figure` rows (scenario=forecast, the round's period/month);
this app only adds what a round needs around them: who may still change what (status), why a
forecast deviates (comments), investment forecasts per project and an audit trail of all of it.
Every mutable row carries a `version` for optimistic locking: a save names the version it was
based on and is refused with a conflict if someone saved in between.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgetapp.budget.models import PERIOD_END_MONTH, PeriodKind
from budgetapp.organisation.models import OrgNode


class ThresholdMode(models.TextChoices):
    EITHER = "either", _("Procent eller tkr (den som passeras först)")
    BOTH = "both", _("Både procent och tkr måste passeras")


class FollowUpRound(models.Model):
    """One follow-up occasion (tertial 1, delår, oktober, bokslut or a month) of one year."""

    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices)
    month = models.PositiveSmallIntegerField(
        _("till och med månad"), default=12,
        help_text=_("Sätts automatiskt för tertial, delår, oktober och helår."),
    )
    deadline = models.DateField(_("sista dag"))
    is_open = models.BooleanField(_("öppen"), default=True)
    threshold_percent = models.DecimalField(
        _("kommentarsgräns (% av budget)"), max_digits=6, decimal_places=2, default=Decimal("1.00")
    )
    threshold_tkr = models.DecimalField(
        _("kommentarsgräns (tkr)"), max_digits=12, decimal_places=1, default=Decimal("500")
    )
    threshold_mode = models.CharField(_("gränsregel"), max_length=8, choices=ThresholdMode.choices,
                                      default=ThresholdMode.EITHER)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("öppnad av"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("öppnad"), auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("stängd av"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    reopen_reason = models.CharField(_("motivering vid återöppning"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "period", "month"], name="uniq_followup_round"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="round_month_range"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}"

    def save(self, *args, **kwargs) -> None:
        if self.period in PERIOD_END_MONTH:
            self.month = PERIOD_END_MONTH[self.period]
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        if self.period == PeriodKind.MONTH:
            return f"{_('Månadsuppföljning')} {MONTH_NAMES[self.month]}"
        return str(self.get_period_display())

    @property
    def indicator_column(self) -> str:
        """Column name used for indicator values entered in this round (unique per round and year)."""
        return f"uppföljning {self.period} {self.month:02d}"


MONTH_NAMES = {1: "januari", 2: "februari", 3: "mars", 4: "april", 5: "maj", 6: "juni", 7: "juli",
               8: "augusti", 9: "september", 10: "oktober", 11: "november", 12: "december"}


class NodeStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    APPROVED = "approved", _("Godkänd")
    LOCKED = "locked", _("Låst")


class NodeRoundStatus(models.Model):
    """Workflow state of one entry node in one round; created lazily on first touch."""

    round = models.ForeignKey(FollowUpRound, verbose_name=_("omgång"), on_delete=models.CASCADE,
                              related_name="node_statuses")
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=NodeStatus.choices, default=NodeStatus.DRAFT)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("status per nod")
        verbose_name_plural = _("status per nod")
        constraints = [models.UniqueConstraint(fields=["round", "node"], name="uniq_round_node_status")]

    def __str__(self) -> str:
        return f"{self.node.name}: {self.get_status_display()}"


class StatusEvent(models.Model):
    """One status transition: who moved which node from what to what, when and why."""

    node_status = models.ForeignKey(NodeRoundStatus, verbose_name=_("status"), on_delete=models.CASCADE,
                                    related_name="events")
    old_status = models.CharField(_("från"), max_length=10, choices=NodeStatus.choices)
    new_status = models.CharField(_("till"), max_length=10, choices=NodeStatus.choices)
    reason = models.CharField(_("motivering"), max_length=500, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("statushändelse")
        verbose_name_plural = _("statushändelser")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class DeviationComment(models.Model):
    """The controller's explanation of a node's deviation in one round (väsentlig avvikelse)."""

    round = models.ForeignKey(FollowUpRound, verbose_name=_("omgång"), on_delete=models.CASCADE,
                              related_name="comments")
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="+")
    text = models.TextField(_("kommentar"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("avvikelsekommentar")
        verbose_name_plural = _("avvikelsekommentarer")
        constraints = [models.UniqueConstraint(fields=["round", "node"], name="uniq_round_node_comment")]

    def __str__(self) -> str:
        return self.text[:80]


class ProjectForecast(models.Model):
    """A round's forecast for one investment project (year outcome, lifetime total, end year)."""

    round = models.ForeignKey(FollowUpRound, verbose_name=_("omgång"), on_delete=models.CASCADE,
                              related_name="project_forecasts")
    project = models.ForeignKey("investments.InvestmentProject", verbose_name=_("projekt"),
                                on_delete=models.CASCADE, related_name="round_forecasts")
    year_forecast = models.DecimalField(_("prognos år (tkr)"), max_digits=18, decimal_places=3,
                                        null=True, blank=True)
    total_forecast = models.DecimalField(_("prognos totalt (tkr)"), max_digits=18, decimal_places=3,
                                         null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("slutår"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("investeringsprognos")
        verbose_name_plural = _("investeringsprognoser")
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="uniq_round_project")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.year_forecast}"


class EntryKind(models.TextChoices):
    COMMENT = "comment", _("Avvikelsekommentar")
    PROJECT_FORECAST = "project_forecast", _("Investeringsprognos")
    GOAL_ASSESSMENT = "goal_assessment", _("Målbedömning")
    INDICATOR_VALUE = "indicator_value", _("Indikatorvärde")


class EntryChange(models.Model):
    """History of every non-figure write in a round (figure writes go to `budget.FigureChange`)."""

    round = models.ForeignKey(FollowUpRound, verbose_name=_("omgång"), on_delete=models.CASCADE,
                              related_name="entry_changes")
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(_("typ"), max_length=20, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    field = models.CharField(_("fält"), max_length=40)
    old_value = models.TextField(_("före"), blank=True)
    new_value = models.TextField(_("efter"), blank=True)
    via = models.CharField(_("via"), max_length=12)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ändrad av"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("ändringshistorik")
        verbose_name_plural = _("ändringshistorik")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["round", "node", "kind"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"
