from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "budgetapp.goals"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Mål och indikatorer"
