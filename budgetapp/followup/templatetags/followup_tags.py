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


@register.simple_tag(takes_context=True)
def forecast_grid_rows(context):
    """All rows of the forecast grid, built by `followup.cells` (see there why not per-cell includes)."""
    from budgetapp.followup import cells

    sheet = cells.Sheet.for_grid(context["rnd"], context["root"], str(context.get("csrf_token") or ""))
    return cells.grid_rows(sheet, context["grid"].rows, failed=context.get("failed"),
                           failed_comment=context.get("failed_comment"))
