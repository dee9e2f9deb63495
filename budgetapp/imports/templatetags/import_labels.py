"""Swedish labels for the importer's English codes (document and table kinds) in the preview."""

from django import template

from budgetapp.core.models import DocumentKind

register = template.Library()

TABLE_KINDS = {
    "economy_summary": "Ekonomisk sammanställning",
    "operating_summary": "Driftsammandrag",
    "unit_budget": "Budget per stab/enhet",
    "frame_adjustments": "Ramjusteringar",
    "investment_frame": "Investeringsram",
    "investment_projects": "Investeringsprojekt",
    "investment_plan": "Investeringsplan",
    "personnel": "Personal",
    "volume": "Volymer",
    "event": "Händelse (t.ex. corona)",
    "other_numeric": "Övrig tabell",
}


@register.filter
def table_kind_label(code: str) -> str:
    return TABLE_KINDS.get(code, code)


@register.filter
def document_kind_label(code: str) -> str:
    try:
        return str(DocumentKind(code).label)
    except ValueError:
        return code
