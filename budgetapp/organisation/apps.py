from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "budgetapp.organisation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Organisation"
