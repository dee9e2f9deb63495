"""Small template helpers for the dashboards."""

from django import template

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
