from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "budgetapp.followup"
    default_auto_field = "django.db.models.BigAutoField"
