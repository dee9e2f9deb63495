from django.contrib import admin

from .models import (
    Assignment,
    AssignmentStatus,
    Goal,
    GoalArea,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
)


@admin.register(GoalArea)
class GoalAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


@admin.register(MunicipalGoal)
class MunicipalGoalAdmin(admin.ModelAdmin):
    list_display = ["name", "goal_area", "valid_from", "valid_to"]
    list_filter = ["goal_area", "valid_from"]
    search_fields = ["name"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "parent", "unit", "is_mandatory", "desired_direction", "sort_order"]
    show_change_link = True


class AssessmentInline(admin.TabularInline):
    model = GoalAssessment
    extra = 0
    fields = ["year", "period", "status", "analysis"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "node", "year", "goal_area", "municipal_goal"]
    list_filter = ["year", "kind", "goal_area"]
    search_fields = ["name"]
    autocomplete_fields = ["node", "municipal_goal", "predecessor"]
    inlines = [IndicatorInline, AssessmentInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["year", "is_target", "column", "raw", "value", "state", "comparator"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "is_mandatory", "unit"]
    search_fields = ["name"]
    autocomplete_fields = ["goal", "parent"]
    inlines = [IndicatorValueInline]


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(admin.ModelAdmin):
    list_display = ["goal", "year", "period", "status"]
    list_filter = ["year", "period", "status"]


class AssignmentStatusInline(admin.TabularInline):
    model = AssignmentStatus
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "node", "year", "deadline"]
    list_filter = ["year", "kind"]
    search_fields = ["text"]
    autocomplete_fields = ["node"]
    inlines = [AssignmentStatusInline]
