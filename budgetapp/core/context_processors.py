"""Main menu: each app contributes by URL name; missing pages are simply skipped."""

from django.urls import NoReverseMatch, reverse

MENU = [
    ("dashboards:overview", "Översikt"),
    ("dashboards:operating_summary", "Driftsammandrag"),
    ("dashboards:investments", "Investeringar"),
    ("dashboards:goals", "Måluppfyllelse"),
    ("dashboards:year_comparison", "Jämförelse"),
    ("followup:round_list", "Uppföljning"),
    ("imports:job_list", "Import"),
]


def main_menu(request):
    items = []
    for name, label in MENU:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return {"main_menu": items}
