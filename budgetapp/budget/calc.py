"""The one place where net, result and variance are derived from stored figures.

Sign conventions (DOMAIN.md §3.2): costs and revenues are stored as positive amounts.
- net cost  = cost − revenue        (positive = the node costs money; KLF, nämnder)
- result    = revenue − cost        (positive = surplus; VSS, Leanlink and other revenue-funded units)
- variance  = positive when favourable:
    for a net cost:  budget − outcome/forecast
    for a result:    outcome/forecast − budget
Views state which convention they show using `convention_label`.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext

NET_COST = "net_cost"
RESULT = "result"


def net_cost(cost: Decimal | None, revenue: Decimal | None) -> Decimal | None:
    if cost is None and revenue is None:
        return None
    return (cost or Decimal(0)) - (revenue or Decimal(0))


def result(cost: Decimal | None, revenue: Decimal | None) -> Decimal | None:
    value = net_cost(cost, revenue)
    return None if value is None else -value


def to_convention(value: Decimal | None, from_measure: str, to_measure: str) -> Decimal | None:
    """Convert a net figure between net-cost and result conventions (they differ only in sign)."""
    if value is None or from_measure == to_measure:
        return value
    if {from_measure, to_measure} == {NET_COST, RESULT}:
        return -value
    raise ValueError(f"Kan inte konvertera {from_measure} till {to_measure}")


def variance(budget: Decimal | None, outcome: Decimal | None, measure: str = NET_COST) -> Decimal | None:
    """Favourable-positive variance between a budget and an outcome or forecast."""
    if budget is None or outcome is None:
        return None
    if measure == RESULT:
        return outcome - budget
    return budget - outcome


def variance_percent(var: Decimal | None, budget: Decimal | None) -> Decimal | None:
    if var is None or not budget:
        return None
    return (var / abs(budget) * 100).quantize(Decimal("0.1"))


def convention_label(measure: str) -> str:
    """The sign convention in words, in the active language (called per request, never cached)."""
    if measure == RESULT:
        return gettext("Resultat: positivt = överskott. Avvikelse = utfall/prognos − budget (positiv = gynnsam).")
    return gettext("Nettokostnad: positivt = kostnad. Avvikelse = budget − utfall/prognos (positiv = gynnsam).")
