from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from budgetapp.api.api import api as open_data_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("budgetapp.accounts.urls")),
    path("import/", include("budgetapp.imports.urls")),
    path("uppfoljning/", include("budgetapp.followup.urls")),
    path("api/v1/", open_data_api.urls),
    # The footer's language switcher is on cached public pages, which carry no CSRF token (a token sets a cookie
    # and makes a page uncacheable). set_language only sets the language cookie and redirects to a same-site
    # `next`, so a forged request can at most change someone's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("budgetapp.dashboards.urls")),
    path("", include("budgetapp.ops.urls")),
    path("", include("budgetapp.core.urls")),
]
