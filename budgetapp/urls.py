from django.contrib import admin
from django.urls import include, path

from budgetapp.api.api import api as open_data_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("budgetapp.accounts.urls")),
    path("import/", include("budgetapp.imports.urls")),
    path("uppfoljning/", include("budgetapp.followup.urls")),
    path("api/v1/", open_data_api.urls),
    path("", include("budgetapp.dashboards.urls")),
    path("", include("budgetapp.ops.urls")),
    path("", include("budgetapp.core.urls")),
]
