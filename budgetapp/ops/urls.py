from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("drift/noop/", views.noop, name="noop"),
]
