"""The organisation as one tree per year, with lineage links between years.

Each year has its own nodes (an adjacency list queried with recursive CTEs by django-tree-queries),
so a rename, merge, split or move is simply a different tree next year plus `OrgLineage` rows that
say which nodes of year N became which nodes of year N+1. Year comparisons follow those links.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from budgetapp.core.models import Provenance, Unit


class NodeKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun")
    COUNCIL = "council", _("Kommunfullmäktige")
    COMMITTEE = "committee", _("Nämnd")
    ADMINISTRATION = "administration", _("Förvaltning")
    STAFF_UNIT = "staff_unit", _("Stab")
    OPERATIONAL_AREA = "operational_area", _("Verksamhetsområde")
    BUSINESS_AREA = "business_area", _("Affärsområde")
    UNIT = "unit", _("Enhet")
    COMPANY = "company", _("Bolag")
    FEDERATION = "federation", _("Kommunalförbund")
    COMMON = "common", _("Kommungemensamt")


class Financing(models.TextChoices):
    """Decides the sign convention a node's net figure is reported in."""

    APPROPRIATION = "appropriation", _("Anslagsfinansierad (nettokostnad, positivt = kostnad)")
    REVENUE = "revenue", _("Intäktsfinansierad (resultat, positivt = överskott)")


class OrgNodeQuerySet(TreeQuerySet):
    def for_year(self, year: int) -> "OrgNodeQuerySet":
        return self.filter(year=year)


class OrgNode(TreeNode):
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=NodeKind.choices)
    code = models.CharField(_("kod (ansvar)"), max_length=40, blank=True,
                            help_text=_("Kod i redovisningen, används vid import av utfall."))
    financing = models.CharField(_("finansiering"), max_length=16, choices=Financing.choices,
                                 default=Financing.APPROPRIATION)
    within_frame = models.BooleanField(_("ingår i nämndens ram"), default=True)
    aliases = models.JSONField(_("alternativa namn"), default=list, blank=True,
                               help_text=_("Namn som dokumenten använder, t.ex. förkortningar."))
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    objects = OrgNodeQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("organisationsnod")
        verbose_name_plural = _("organisationsnoder")
        ordering = ["year", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "parent", "name"], name="uniq_node_name_per_parent_year"),
        ]
        indexes = [models.Index(fields=["year", "code"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def reports_result(self) -> bool:
        return self.financing == Financing.REVENUE


class LineageKind(models.TextChoices):
    CONTINUES = "continues", _("Fortsätter")
    RENAMED = "renamed", _("Namnbyte")
    MERGED = "merged", _("Sammanslagning")
    SPLIT = "split", _("Delning")
    MOVED = "moved", _("Flyttad")


class OrgLineage(models.Model):
    """`predecessor` (year N) became, wholly or partly, `successor` (a later year)."""

    predecessor = models.ForeignKey(OrgNode, verbose_name=_("föregångare"), on_delete=models.CASCADE,
                                    related_name="successor_links")
    successor = models.ForeignKey(OrgNode, verbose_name=_("efterträdare"), on_delete=models.CASCADE,
                                  related_name="predecessor_links")
    kind = models.CharField(_("typ av förändring"), max_length=16, choices=LineageKind.choices,
                            default=LineageKind.CONTINUES)
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("organisationshistorik")
        verbose_name_plural = _("organisationshistorik")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="uniq_lineage_pair"),
            models.CheckConstraint(condition=~models.Q(predecessor=models.F("successor")),
                                   name="lineage_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class KeyFigureKind(models.TextChoices):
    PERMANENT_STAFF = "permanent_staff", _("Tillsvidareanställda")
    FTE = "fte", _("Årsarbetare")
    SICKNESS_ABSENCE = "sickness_absence", _("Sjukfrånvaro")
    STAFF_TURNOVER = "staff_turnover", _("Personalomsättning")
    FULL_TIME_SHARE = "full_time_share", _("Andel heltidsanställda")
    VOLUME = "volume", _("Volymtal")
    OTHER = "other", _("Övrigt")


class KeyFigure(Provenance):
    """Personnel and volume key figures per unit and year, value as printed plus parsed number."""

    node = models.ForeignKey(OrgNode, verbose_name=_("organisationsnod"), on_delete=models.CASCADE,
                             related_name="key_figures")
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("nyckeltal"), max_length=20, choices=KeyFigureKind.choices)
    label = models.CharField(_("benämning"), max_length=300)
    column = models.CharField(_("kolumn (som tryckt)"), max_length=100, blank=True)
    is_forecast = models.BooleanField(_("prognos"), default=False)
    raw_value = models.CharField(_("värde som tryckt"), max_length=100, blank=True)
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("enhet"), max_length=10, choices=Unit.choices, default=Unit.COUNT)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "year", "kind", "label", "column", "source_document"],
                name="uniq_key_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}: {self.raw_value}"
