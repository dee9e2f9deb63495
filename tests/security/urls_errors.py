"""The project's URLs plus two views that fail on purpose, for the 403/500 header and page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def forbidden(request):
    raise PermissionDenied("test")


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [
    path("__test__/403/", forbidden),
    path("__test__/500/", boom),
    path("", include("budgetapp.urls")),
]
