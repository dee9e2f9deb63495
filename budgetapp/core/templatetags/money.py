"""Template filters for Swedish amounts (`1 234,5 tkr`); formatting lives in core.money."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def tkr(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    from budgetapp.core import money  # imported lazily: templates load before every app is ready

    return money.format_tkr(Decimal(value), decimals=int(decimals))


@register.filter
def swedish_number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    from budgetapp.core import money

    return money.format_number(Decimal(value), decimals=int(decimals))
