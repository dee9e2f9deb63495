from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "budgetapp.dashboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
