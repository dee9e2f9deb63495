from django.apps import AppConfig


class InvestmentsConfig(AppConfig):
    name = "budgetapp.investments"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Investeringar"
