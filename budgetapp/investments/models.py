"""Investment projects per year/period, investment frames per node and the 10-year plan.

All amounts in tkr. Variance here is positive when favourable: budget − outcome (documents print
"Budget − Utfall" for projects and "Beslutad budget − Prognos" for lifetime forecasts).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from budgetapp.budget.models import PeriodKind
from budgetapp.core.models import Provenance, Unit
from budgetapp.organisation.models import OrgNode

LARGE_PROJECT_THRESHOLD_TKR = 50_000  # "stora investeringsprojekt" ≥ 50 mnkr


class ProjectStatus(models.TextChoices):
    ONGOING = "ongoing", _("Pågående")
    COMPLETED = "completed", _("Färdigställd")
    PLANNED = "planned", _("Planerad")


class InvestmentProject(Provenance):
    """A project as reported for one year and period (a snapshot, so history is kept per report)."""

    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="investment_projects")
    parent = models.ForeignKey("self", verbose_name=_("ingår i (varav)"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="parts")
    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices,
                              default=PeriodKind.FULL_YEAR)
    name = models.CharField(_("projekt"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices,
                              default=ProjectStatus.ONGOING)
    approved_budget = models.DecimalField(_("beslutad budget (tkr)"), max_digits=18, decimal_places=3,
                                          null=True, blank=True)
    accumulated_actual = models.DecimalField(_("ackumulerat utfall (tkr)"), max_digits=18, decimal_places=3,
                                             null=True, blank=True)
    year_budget = models.DecimalField(_("årets budget (tkr)"), max_digits=18, decimal_places=3,
                                      null=True, blank=True)
    year_actual = models.DecimalField(_("årets utfall (tkr)"), max_digits=18, decimal_places=3,
                                      null=True, blank=True)
    year_forecast = models.DecimalField(_("årets prognos (tkr)"), max_digits=18, decimal_places=3,
                                        null=True, blank=True)
    total_forecast = models.DecimalField(_("prognos totalt (tkr)"), max_digits=18, decimal_places=3,
                                         null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("slutår"), null=True, blank=True)
    is_large = models.BooleanField(_("stort investeringsprojekt"), default=False,
                                   help_text=_("Beslutad budget minst 50 mnkr."))
    printed_unit = models.CharField(_("enhet i källan"), max_length=8, choices=Unit.choices,
                                    default=Unit.TKR)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("investeringsprojekt")
        verbose_name_plural = _("investeringsprojekt")
        ordering = ["year", "status", "name"]
        constraints = [
            models.UniqueConstraint(fields=["node", "year", "period", "name", "source_document"],
                                    condition=Q(source_document__isnull=False), name="uniq_project_per_doc"),
            models.UniqueConstraint(fields=["node", "year", "period", "name"],
                                    condition=Q(source_document__isnull=True), name="uniq_project_entered"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def year_variance(self):
        return year_variance(self.year_budget, self.year_actual)

    @property
    def lifetime_variance(self):
        return lifetime_variance(self.approved_budget, self.total_forecast, self.accumulated_actual)


def year_variance(year_budget, year_actual):
    """Årets avvikelse: budget − utfall (positive = spent less than budgeted)."""
    if year_budget is None or year_actual is None:
        return None
    return year_budget - year_actual


def lifetime_variance(approved_budget, total_forecast, accumulated_actual):
    """Avvikelse sedan start: beslutad budget − prognos totalt (else ackumulerat utfall)."""
    basis = total_forecast if total_forecast is not None else accumulated_actual
    if approved_budget is None or basis is None:
        return None
    return approved_budget - basis


class FrameKind(models.TextChoices):
    WITHIN_FRAME = "within", _("Inom ram")
    OUTSIDE_FRAME = "outside", _("Utom ram")
    DECIDED_FRAME = "decided", _("Investeringsram enligt beslut")
    RESERVE = "reserve", _("Investeringsreserv")


class InvestmentFrame(Provenance):
    """Yearly investment frame or plan amount per node; several versions may coexist (kept)."""

    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="investment_frames")
    basis_year = models.PositiveSmallIntegerField(_("beslutad i budget för år"))
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("typ"), max_length=10, choices=FrameKind.choices, default=FrameKind.WITHIN_FRAME)
    label = models.CharField(_("benämning"), max_length=300, blank=True)
    amount = models.DecimalField(_("belopp (tkr)"), max_digits=18, decimal_places=3)
    printed_unit = models.CharField(_("enhet i källan"), max_length=8, choices=Unit.choices,
                                    default=Unit.TKR)
    decision_reference = models.CharField(_("beslut"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("investeringsram")
        verbose_name_plural = _("investeringsramar")
        ordering = ["node", "year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=F("basis_year") - 1), name="frame_year_after_basis"),
        ]


class InvestmentPlanItem(Provenance):
    """A row of the 10-year investment plan: a project or item with an amount per year."""

    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="investment_plan_items")
    basis_year = models.PositiveSmallIntegerField(_("planens budgetår"))
    name = models.CharField(_("projekt/post"), max_length=300)
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(_("belopp (tkr)"), max_digits=18, decimal_places=3)

    class Meta:
        verbose_name = _("investeringsplan (10 år)")
        verbose_name_plural = _("investeringsplan (10 år)")
        ordering = ["basis_year", "name", "year"]
