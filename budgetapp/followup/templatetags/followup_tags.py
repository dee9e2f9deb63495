"""Template filters of the follow-up pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def tkr_auto(value) -> str:
    """An amount in tkr with decimals only when it has any ("10 200 tkr", "−1,5 tkr")."""
    if value is None or value == "":
        return ""
    from budgetapp.core.money import format_tkr
    from budgetapp.followup.selectors import amount_input_text

    amount = Decimal(value)
    decimals = len(amount_input_text(amount).partition(",")[2])
    return format_tkr(amount, decimals)
