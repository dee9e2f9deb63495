from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo kommun (Linköping 2020 and 2024) loaded by `manage.py load_demo`."""

    name = "budgetapp.demo"
    verbose_name = "Demokommun"
    default_auto_field = "django.db.models.BigAutoField"
