from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "budgetapp.accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Användare och roller"
