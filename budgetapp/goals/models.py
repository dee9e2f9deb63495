"""Goals: målområde → kommunövergripande mål → nämndmål/förvaltningsmål → indikatorer.

Indicator values keep the printed string next to a parsed number, because documents print things
like "I.U.", "15,3 % 2017: 15,7%" or "91 (jan-juli)" that a number alone would lose.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budgetapp.budget.models import PeriodKind
from budgetapp.core.models import Provenance
from budgetapp.organisation.models import OrgNode


class GoalArea(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class MunicipalGoal(models.Model):
    """A KF goal valid for a span of years (the set is replaced with each political majority)."""

    goal_area = models.ForeignKey(GoalArea, verbose_name=_("målområde"), on_delete=models.PROTECT,
                                  related_name="municipal_goals")
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    valid_from = models.PositiveSmallIntegerField(_("gäller från år"))
    valid_to = models.PositiveSmallIntegerField(_("gäller till år"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("efterträds av"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="predecessors")

    class Meta:
        verbose_name = _("kommunövergripande mål")
        verbose_name_plural = _("kommunövergripande mål")
        ordering = ["goal_area__sort_order", "valid_from", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "valid_from"], name="uniq_municipal_goal")]

    def __str__(self) -> str:
        return self.name


class GoalKind(models.TextChoices):
    COMMITTEE_GOAL = "committee_goal", _("Nämndmål")
    ADMINISTRATION_GOAL = "administration_goal", _("Förvaltningsmål")


class Goal(Provenance):
    """A nämndmål or förvaltningsmål of one node for one year."""

    kind = models.CharField(_("typ"), max_length=20, choices=GoalKind.choices, default=GoalKind.COMMITTEE_GOAL)
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="goals")
    year = models.PositiveSmallIntegerField(_("år"))
    municipal_goal = models.ForeignKey(MunicipalGoal, verbose_name=_("kommunövergripande mål"), null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="goals")
    goal_area = models.ForeignKey(GoalArea, verbose_name=_("målområde"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="goals")
    name = models.CharField(_("namn"), max_length=400)
    description = models.TextField(_("beskrivning"), blank=True)
    predecessor = models.ForeignKey("self", verbose_name=_("föregående års mål"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="successors")
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["year", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["node", "year", "kind", "name"], name="uniq_goal")]

    def __str__(self) -> str:
        return self.name


class Indicator(Provenance):
    goal = models.ForeignKey(Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey("self", verbose_name=_("huvudindikator"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="breakdowns",
                               help_text=_("För uppdelningsrader som Kvinnor/Män."))
    name = models.CharField(_("namn"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=30, blank=True)
    is_mandatory = models.BooleanField(_("obligatorisk (*)"), default=False)
    footnote = models.TextField(_("fotnot"), blank=True)
    desired_direction = models.CharField(_("önskvärd riktning"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "sort_order"]

    def __str__(self) -> str:
        return self.name


class ValueState(models.TextChoices):
    VALUE = "value", _("Värde")
    NO_DATA = "no_data", _("I.U. (ingen uppgift)")
    TEXT = "text", _("Text")
    EMPTY = "empty", _("Tomt")


class IndicatorValue(Provenance):
    """An outcome or target of an indicator for a year, as printed plus parsed."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE,
                                  related_name="values")
    year = models.PositiveSmallIntegerField(_("år"))
    is_target = models.BooleanField(_("målvärde"), default=False)
    column = models.CharField(_("kolumn (som tryckt)"), max_length=100, blank=True)
    raw = models.CharField(_("värde som tryckt"), max_length=200, blank=True)
    value = models.DecimalField(_("värde"), max_digits=18, decimal_places=4, null=True, blank=True)
    state = models.CharField(_("status"), max_length=8, choices=ValueState.choices, default=ValueState.VALUE)
    reference_year = models.PositiveSmallIntegerField(_("avser år"), null=True, blank=True)
    comparator = models.CharField(_("jämförelse"), max_length=4, blank=True,
                                  help_text=_("<, >, ≤, ≥ för målvärden som 'Färre än 650'."))
    is_partial_period = models.BooleanField(_("delår/prognos"), default=False)

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["indicator", "year", "is_target"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "is_target", "column"], name="uniq_ind_value"),
        ]


class AssessmentStatus(models.TextChoices):
    FULFILLED = "fulfilled", _("Uppfyllt")
    PARTLY_FULFILLED = "partly_fulfilled", _("Delvis uppfyllt")
    NOT_FULFILLED = "not_fulfilled", _("Ej uppfyllt")
    CANNOT_BE_ASSESSED = "cannot_be_assessed", _("Kan ej bedömas")


class GoalAssessment(Provenance):
    goal = models.ForeignKey(Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices,
                              default=PeriodKind.FULL_YEAR)
    status = models.CharField(_("bedömning"), max_length=20, choices=AssessmentStatus.choices)
    status_text = models.TextField(_("bedömning som skriven"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("målbedömning")
        verbose_name_plural = _("målbedömningar")
        ordering = ["goal", "year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "year", "period"], name="uniq_goal_assessment"),
        ]


class AssignmentKind(models.TextChoices):
    STRATEGIC_COMMON = "strategic_common", _("Strategiskt utvecklingsuppdrag, kommungemensamt")
    STRATEGIC_SPECIFIC = "strategic_specific", _("Strategiskt utvecklingsuppdrag, nämndspecifikt")
    COMMITTEE = "committee", _("Nämnduppdrag")


class AssignmentStatusKind(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Pågår")
    COMPLETED = "completed", _("Genomfört")
    CARRIED_OVER = "carried_over", _("Överfört till nästa år")
    WITHDRAWN = "withdrawn", _("Utgått")


class Assignment(Provenance):
    kind = models.CharField(_("typ"), max_length=20, choices=AssignmentKind.choices)
    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="assignments_given")
    year = models.PositiveSmallIntegerField(_("år"))
    text = models.TextField(_("uppdrag"))
    assignees = models.CharField(_("ansvariga"), max_length=300, blank=True)
    deadline = models.CharField(_("återrapportering"), max_length=100, blank=True)
    handled_in = models.CharField(_("hanteras i"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["year", "kind", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class AssignmentStatus(Provenance):
    assignment = models.ForeignKey(Assignment, verbose_name=_("uppdrag"), on_delete=models.CASCADE,
                                   related_name="statuses")
    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(_("period"), max_length=12, choices=PeriodKind.choices,
                              default=PeriodKind.FULL_YEAR)
    status = models.CharField(_("status"), max_length=16, choices=AssignmentStatusKind.choices)
    status_text = models.CharField(_("status som tryckt"), max_length=100, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("uppdragsstatus")
        verbose_name_plural = _("uppdragsstatus")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "year", "period"], name="uniq_assignment_status"),
        ]
