from django.contrib import admin

from .models import InvestmentFrame, InvestmentPlanItem, InvestmentProject


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "node", "year", "status", "approved_budget", "accumulated_actual", "year_budget",
                    "year_actual", "is_large"]
    list_filter = ["year", "status", "is_large"]
    search_fields = ["name"]
    autocomplete_fields = ["node", "parent"]


@admin.register(InvestmentFrame)
class InvestmentFrameAdmin(admin.ModelAdmin):
    list_display = ["node", "basis_year", "year", "kind", "label", "amount"]
    list_filter = ["basis_year", "kind"]
    autocomplete_fields = ["node"]


@admin.register(InvestmentPlanItem)
class InvestmentPlanItemAdmin(admin.ModelAdmin):
    list_display = ["name", "node", "basis_year", "year", "amount"]
    list_filter = ["basis_year"]
    autocomplete_fields = ["node"]
