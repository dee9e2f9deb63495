"""Figures in long form and budget changes.

One `Figure` row is one amount in tkr for a node, year, period, scenario (budget, plan, utfall,
prognos, bokslut, ram) and measure. The measure fixes the sign convention: costs and revenues are
stored as positive amounts, a net cost is positive when it costs, a result is positive when it is a
surplus. Derived quantities (netto, resultat, avvikelse) are computed in `budgetapp.budget.calc`
only, never stored twice.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgetapp.core.models import Provenance, Unit
from budgetapp.organisation.models import OrgNode


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Månad")
    TERTIAL_1 = "tertial_1", _("Tertial 1 (30 april)")
    INTERIM = "interim", _("Delår (31 augusti)")
    OCTOBER = "october", _("Oktoberuppföljning")
    FULL_YEAR = "full_year", _("Helår/bokslut")


#: The month each non-monthly period ends in; a month period stores its own month.
PERIOD_END_MONTH = {
    PeriodKind.TERTIAL_1: 4,
    PeriodKind.INTERIM: 8,
    PeriodKind.OCTOBER: 10,
    PeriodKind.FULL_YEAR: 12,
}


class Scenario(models.TextChoices):
    FRAME = "frame", _("Ram (KF)")
    BUDGET = "budget", _("Budget")
    PLAN = "plan", _("Plan")
    ACTUAL = "actual", _("Utfall")
    FORECAST = "forecast", _("Prognos")
    YEAR_END_OUTCOME = "year_end_outcome", _("Bokslut")


class Measure(models.TextChoices):
    """What the amount is, which also fixes its sign convention."""

    COST = "cost", _("Kostnader (positivt belopp)")
    REVENUE = "revenue", _("Intäkter (positivt belopp)")
    NET_COST = "net_cost", _("Nettokostnad (positivt = kostnad)")
    RESULT = "result", _("Resultat (positivt = överskott)")
    REVENUE_INCREASE = "revenue_increase", _("Intäktsökning/kostnadsreducering")
    INVESTMENT_NET = "investment_net", _("Investeringar, netto (positivt = utgift)")
    INVESTMENT_EXPENDITURE = "investment_expenditure", _("Investeringsutgifter")
    INVESTMENT_RECEIPTS = "investment_receipts", _("Investeringsinkomster")


class Figure(Provenance):
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="figures")
    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices,
                              default=PeriodKind.FULL_YEAR)
    month = models.PositiveSmallIntegerField(_("till och med månad"), default=12)
    scenario = models.CharField(_("typ av belopp"), max_length=20, choices=Scenario.choices)
    measure = models.CharField(_("mått"), max_length=24, choices=Measure.choices)
    line_label = models.CharField(
        _("rad"), max_length=300, blank=True,
        help_text=_("Budgetrad inom enheten (t.ex. 'Inkasso'); tom för enhetens totalsumma."),
    )
    basis_year = models.PositiveSmallIntegerField(
        _("beslutad i budget för år"), help_text=_("Planår hör till budgeten för detta år.")
    )
    amount = models.DecimalField(_("belopp (tkr)"), max_digits=18, decimal_places=3)
    printed_unit = models.CharField(_("enhet i källan"), max_length=8, choices=Unit.choices,
                                    default=Unit.TKR)
    printed_value = models.CharField(_("värde som tryckt"), max_length=60, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1,
                                          help_text=_("Ökas vid varje ändring (optimistisk låsning)."))

    class Meta:
        verbose_name = _("belopp")
        verbose_name_plural = _("belopp")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "year", "period", "month", "scenario", "measure", "line_label", "basis_year",
                        "source_document"],
                condition=Q(source_document__isnull=False),
                name="uniq_figure_per_document",
            ),
            models.UniqueConstraint(
                fields=["node", "year", "period", "month", "scenario", "measure", "line_label", "basis_year"],
                condition=Q(source_document__isnull=True),
                name="uniq_figure_entered",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="figure_month_range"),
        ]
        indexes = [
            models.Index(fields=["year", "scenario", "period", "month"]),
            models.Index(fields=["node", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.node.name} {self.year} {self.get_scenario_display()} {self.measure}: {self.amount}"

    def save(self, *args, **kwargs) -> None:
        if self.basis_year is None:
            self.basis_year = self.year
        if self.period in PERIOD_END_MONTH:
            self.month = PERIOD_END_MONTH[self.period]
        super().save(*args, **kwargs)


class ChangeSource(models.TextChoices):
    WEB_FORM = "web_form", _("Webbformulär")
    HTMX_CELL = "htmx_cell", _("Cell i tabell")
    EXCEL = "excel", _("Excel-uppladdning")
    ADMIN = "admin", _("Administration")
    IMPORT = "import", _("Import")


class FigureChange(models.Model):
    """Audit trail of every figure write: who, when, through which path, old → new."""

    figure = models.ForeignKey(Figure, verbose_name=_("belopp"), null=True, on_delete=models.SET_NULL,
                               related_name="changes")
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="+")
    description = models.CharField(_("beskrivning"), max_length=300)
    old_amount = models.DecimalField(_("före"), max_digits=18, decimal_places=3, null=True, blank=True)
    new_amount = models.DecimalField(_("efter"), max_digits=18, decimal_places=3, null=True, blank=True)
    changed_by = models.ForeignKey("accounts.User", verbose_name=_("ändrad av"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    via = models.CharField(_("via"), max_length=12, choices=ChangeSource.choices)

    class Meta:
        verbose_name = _("beloppshistorik")
        verbose_name_plural = _("beloppshistorik")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.description}: {self.old_amount} → {self.new_amount}"


class BudgetChangeKind(models.TextChoices):
    FRAME_ADJUSTMENT = "frame_adjustment", _("Ramjustering/omfördelning mellan nämnder")
    CHANGE_SPECIFICATION = "change_specification", _("Specifikation av förändringar")


class BudgetChange(Provenance):
    """One amount of a ramjustering or a 'Specifikation av förändringar' row for one year.

    A row printed with values for 2024–2029 becomes six rows sharing `reason`; positive `amount`
    increases the node's net cost budget.
    """

    kind = models.CharField(_("typ"), max_length=24, choices=BudgetChangeKind.choices)
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="budget_changes")
    budget_year = models.PositiveSmallIntegerField(_("budgetår"))
    year = models.PositiveSmallIntegerField(_("år beloppet avser"))
    reason = models.CharField(_("orsak"), max_length=400)
    amount = models.DecimalField(_("belopp (tkr)"), max_digits=18, decimal_places=3)
    printed_unit = models.CharField(_("enhet i källan"), max_length=8, choices=Unit.choices,
                                    default=Unit.TKR)
    counterpart = models.ForeignKey(OrgNode, verbose_name=_("motpart"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    counterpart_name = models.CharField(_("motpart (som tryckt)"), max_length=200, blank=True)
    decision_reference = models.CharField(_("beslut"), max_length=200, blank=True,
                                          help_text=_("T.ex. 'KS § 315, Dnr KS 2019-519'."))
    marker = models.CharField(_("markering"), max_length=4, blank=True,
                              help_text=_("'*' eller '**' som i dokumentet."))

    class Meta:
        verbose_name = _("budgetförändring")
        verbose_name_plural = _("budgetförändringar")
        ordering = ["budget_year", "node", "reason", "year"]

    def __str__(self) -> str:
        return f"{self.node.name} {self.year}: {self.reason} {self.amount}"


ZERO = Decimal("0")
