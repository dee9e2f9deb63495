from django.contrib import admin

from .models import DeviationComment, EntryChange, FollowUpRound, NodeRoundStatus, ProjectForecast, StatusEvent


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "period", "month", "deadline", "is_open", "threshold_percent", "threshold_tkr"]
    list_filter = ["year", "period", "is_open"]
    readonly_fields = ["opened_by", "opened_at", "closed_by", "closed_at", "reopen_reason", "version"]


class StatusEventInline(admin.TabularInline):
    model = StatusEvent
    extra = 0
    readonly_fields = ["old_status", "new_status", "reason", "changed_by", "changed_at"]
    can_delete = False


@admin.register(NodeRoundStatus)
class NodeRoundStatusAdmin(admin.ModelAdmin):
    """Read-only here: status changes go through the workflow so that every change is logged."""

    list_display = ["node", "round", "status", "changed_by", "changed_at"]
    list_filter = ["round", "status"]
    readonly_fields = ["round", "node", "status", "changed_by", "changed_at", "version"]
    inlines = [StatusEventInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DeviationComment)
class DeviationCommentAdmin(admin.ModelAdmin):
    list_display = ["node", "round", "changed_by", "changed_at"]
    list_filter = ["round"]
    readonly_fields = ["round", "node", "text", "changed_by", "changed_at", "version"]


@admin.register(ProjectForecast)
class ProjectForecastAdmin(admin.ModelAdmin):
    list_display = ["project", "round", "year_forecast", "total_forecast", "end_year"]
    list_filter = ["round"]
    readonly_fields = ["round", "project", "year_forecast", "total_forecast", "end_year", "changed_by", "version"]


@admin.register(EntryChange)
class EntryChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "node", "kind", "field", "old_value", "new_value", "via"]
    list_filter = ["round", "kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
