"""Admin for follow-up rounds.

Comments and investment forecasts may be added here (an administrator filling in for a controller),
but only through the same services as the web pages, so the permission, round and status rules and
the history apply on this path too. Every rule the service enforces is checked in the form first,
so a refused add is a form error on the page, never a 500. Existing rows are read-only here:
changes go through the round's pages, where optimistic locking protects concurrent edits.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budgetapp.budget.models import ChangeSource

from . import services, services_entries
from .models import (
    DeviationComment,
    EntryChange,
    FollowUpRound,
    NodeRoundStatus,
    NodeStatus,
    ProjectForecast,
    StatusEvent,
)


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


def _check_writable(user, rnd: FollowUpRound, node) -> None:
    """The service's preconditions for a write on `node` in `rnd`, as form errors."""
    if node.year != rnd.year:
        raise ValidationError(_("Enheten hör inte till omgångens år."))
    if not rnd.is_open:
        raise ValidationError(_("Omgången är stängd."))
    if not user.has_perm("budget.edit_forecast", node):
        raise ValidationError(_("Du har inte behörighet att ändra %(n)s.") % {"n": node.name})


class DeviationCommentAddForm(forms.ModelForm):
    """Add form: round, node and text are required; the comment is saved by `services.save_comment`."""

    request = None  # set by DeviationCommentAdmin.get_form

    class Meta:
        model = DeviationComment
        fields = ["round", "node", "text"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True

    def clean(self):
        data = super().clean()
        rnd, node = data.get("round"), data.get("node")
        if rnd is None or node is None:
            return data
        _check_writable(self.request.user, rnd, node)
        status = NodeRoundStatus.objects.filter(round=rnd, node=node).values_list("status", flat=True).first()
        if status not in (None, NodeStatus.DRAFT):
            raise ValidationError(_("%(n)s är %(s)s och kan inte ändras.") % {
                "n": node.name, "s": NodeStatus(status).label.lower()})
        return data


@admin.register(DeviationComment)
class DeviationCommentAdmin(admin.ModelAdmin):
    list_display = ["node", "round", "changed_by", "changed_at"]
    list_filter = ["round"]
    autocomplete_fields = ["node"]
    readonly_fields = ["round", "node", "text", "changed_by", "changed_at", "version"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        kwargs["form"] = type("BoundDeviationCommentAddForm", (DeviationCommentAddForm,), {"request": request})
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if change:  # every field is read-only on change; nothing to write
            return
        saved = services.save_comment(rnd=obj.round, node=obj.node, user=request.user, text=obj.text,
                                      expected_version=0, via=ChangeSource.ADMIN)
        obj.pk, obj.version, obj.changed_by = saved.pk, saved.version, saved.changed_by


class ProjectForecastAddForm(forms.ModelForm):
    """Add form: round and project are required; saved by `services_entries.save_project_forecast`."""

    request = None  # set by ProjectForecastAdmin.get_form

    class Meta:
        model = ProjectForecast
        fields = ["round", "project", "year_forecast", "total_forecast", "end_year"]

    def clean(self):
        data = super().clean()
        rnd, project = data.get("round"), data.get("project")
        if rnd is None or project is None:
            return data
        if project.year != rnd.year:
            raise ValidationError(_("Projektet hör inte till omgångens år."))
        _check_writable(self.request.user, rnd, project.node)
        end_year = data.get("end_year")
        if end_year is not None and not (rnd.year - 30 <= end_year <= rnd.year + 30):
            self.add_error("end_year", _("Slutåret är orimligt."))
        if all(data.get(f) is None for f in ("year_forecast", "total_forecast", "end_year")):
            raise ValidationError(_("Ange minst ett prognosvärde."))
        return data


@admin.register(ProjectForecast)
class ProjectForecastAdmin(admin.ModelAdmin):
    list_display = ["project", "round", "year_forecast", "total_forecast", "end_year"]
    list_filter = ["round"]
    autocomplete_fields = ["project"]
    readonly_fields = ["round", "project", "year_forecast", "total_forecast", "end_year", "changed_by", "version"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        kwargs["form"] = type("BoundProjectForecastAddForm", (ProjectForecastAddForm,), {"request": request})
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if change:  # every field is read-only on change; nothing to write
            return
        saved = services_entries.save_project_forecast(
            rnd=obj.round, project=obj.project, user=request.user, year_forecast=obj.year_forecast,
            total_forecast=obj.total_forecast, end_year=obj.end_year, expected_version=0, via=ChangeSource.ADMIN)
        obj.pk, obj.version, obj.changed_by = saved.pk, saved.version, saved.changed_by


@admin.register(EntryChange)
class EntryChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "node", "kind", "field", "old_value", "new_value", "via"]
    list_filter = ["round", "kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
