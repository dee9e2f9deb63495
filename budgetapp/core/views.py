from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def home(request):
    """The start page only reads: GET/HEAD, anything else is 405."""
    years = selectors.visible_years(request.user)
    with_tree = selectors.years_with_organisation()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        # the newest year with an organisation to show (plan years have a fiscal year row but no tree)
        year = next((y for y in years if y in with_tree), years[0] if years else None)
    municipality, nodes = selectors.start_page_tree(year) if year else (None, [])
    return render(request, "core/home.html",
                  {"years": years, "year": year, "municipality": municipality, "nodes": nodes})
