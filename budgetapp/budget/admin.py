from django.contrib import admin

from .models import BudgetChange, ChangeSource, Figure, FigureChange


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["node", "year", "period", "month", "scenario", "measure", "line_label", "amount",
                    "printed_unit", "source_label"]
    list_filter = ["year", "scenario", "period", "measure"]
    search_fields = ["node__name", "line_label"]
    autocomplete_fields = ["node"]
    readonly_fields = ["version", "entered_at"]

    def save_model(self, request, obj, form, change):
        """Admin edits go through the same audit trail as every other write path."""
        old = Figure.objects.filter(pk=obj.pk).values_list("amount", flat=True).first() if change else None
        obj.entered_by = request.user
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
        FigureChange.objects.create(
            figure=obj, node=obj.node, description=str(obj)[:300], old_amount=old, new_amount=obj.amount,
            changed_by=request.user, via=ChangeSource.ADMIN,
        )


@admin.register(FigureChange)
class FigureChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "node", "description", "old_amount", "new_amount", "changed_by", "via"]
    list_filter = ["via"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BudgetChange)
class BudgetChangeAdmin(admin.ModelAdmin):
    list_display = ["node", "budget_year", "year", "kind", "reason", "amount", "counterpart_name",
                    "decision_reference"]
    list_filter = ["budget_year", "kind"]
    search_fields = ["reason", "node__name"]
    autocomplete_fields = ["node", "counterpart"]
