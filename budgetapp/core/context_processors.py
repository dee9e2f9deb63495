"""Main menu: each app contributes by URL name; missing pages are simply skipped."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MENU = [
    ("dashboards:overview", _("Översikt")),
    ("dashboards:operating_summary", _("Driftsammandrag")),
    ("dashboards:investments", _("Investeringar")),
    ("dashboards:goals", _("Måluppfyllelse")),
    ("dashboards:year_comparison", _("Jämförelse")),
    ("followup:round_list", _("Uppföljning")),
    ("imports:job_list", _("Import")),
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
