"""Small template helpers for the dashboards."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from budgetapp.core.money import format_tkr

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ row.values|get_item:column.key }}`; None when missing."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def indicator_value(series, year):
    """The outcome value of an IndicatorSeries for `year` (first printed column), or None."""
    return next((v for v in series.values if v.year == year), None)


@register.filter
def indicator_target(series, year):
    return next((v for v in series.targets if v.year == year), None)


# `{% amount %}` and `{% variance %}` print exactly what `_amount.html` / `_variance.html` print, without
# an {% include %} per cell (a table of a hundred projects has seven hundred cells).

_MISSING_AMOUNT = mark_safe('<span title="Värde saknas">–<span class="visually-hidden">saknas</span></span>')
_MISSING_VARIANCE = mark_safe('<span>–<span class="visually-hidden">saknas</span></span>')


def _tkr(value) -> str:
    return format_tkr(Decimal(value))


@register.simple_tag
def amount(value, source: str = ""):
    """An amount in tkr with its source on hover; negative numbers get class "neg" and a real minus."""
    if value is None:
        return _MISSING_AMOUNT
    cls = "neg" if value < 0 else ""
    if source:
        return format_html('<span class="{}" title="Källa: {}">{}</span>', cls, source, _tkr(value))
    return format_html('<span class="{}">{}</span>', cls, _tkr(value))


@register.simple_tag
def variance(value, source: str = ""):
    """A deviation with arrow, sign and the word gynnsam/ogynnsam (never colour alone)."""
    if value is None:
        return _MISSING_VARIANCE
    suffix = f". Källa: {source}" if source else ""
    if value > 0:
        return format_html('<span class="pos" title="Positiv avvikelse är gynnsam{}"><span aria-hidden="true">▲ '
                           '</span>+{} <span class="var-word">(gynnsam)</span></span>', suffix, _tkr(value))
    if value < 0:
        return format_html('<span class="neg" title="Negativ avvikelse är ogynnsam{}"><span aria-hidden="true">▼ '
                           '</span>{} <span class="var-word">(ogynnsam)</span></span>', suffix, _tkr(value))
    return mark_safe('<span>0 tkr <span class="var-word">(i nivå)</span></span>')
