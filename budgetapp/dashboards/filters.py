"""Filters for the dashboards (django-filter), each over the rows a page lists."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from budgetapp.organisation.models import Financing, NodeKind, OrgNode


class OperatingSummaryFilter(django_filters.FilterSet):
    """Narrows the driftsammandrag's rows; the view passes the node's children as queryset."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Sök enhet"))
    kind = django_filters.ChoiceFilter(field_name="kind", choices=NodeKind.choices, label=_("Typ"),
                                       empty_label=_("Alla typer"))
    financing = django_filters.ChoiceFilter(field_name="financing", choices=Financing.choices,
                                            label=_("Finansiering"), empty_label=_("Alla"))

    class Meta:
        model = OrgNode
        fields = ["q", "kind", "financing"]

    @property
    def is_active(self) -> bool:
        return self.is_bound and self.form.is_valid() and any(self.form.cleaned_data.get(f) for f in self.Meta.fields)
