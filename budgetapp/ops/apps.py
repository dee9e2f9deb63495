from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health check, security headers, synthetic data for benchmarks."""

    name = "budgetapp.ops"
    verbose_name = "Drift"
    default_auto_field = "django.db.models.BigAutoField"
