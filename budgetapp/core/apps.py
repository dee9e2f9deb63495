from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "budgetapp.core"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Grunddata"
