from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "budgetapp.budget"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Budget och belopp"
