from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("oversikt/", views.overview, name="overview"),
    path("driftsammandrag/", views.operating_summary, name="operating_summary"),
    path("driftsammandrag/rader/", views.operating_summary_rows, name="operating_summary_rows"),
    path("investeringar/", views.investments, name="investments"),
    path("maluppfyllelse/", views.goals, name="goals"),
    path("maluppfyllelse/mal/<int:pk>/", views.goal, name="goal"),
    path("jamforelse/", views.year_comparison, name="year_comparison"),
]
