"""Investment forecasts, goal assessments, Excel round-trip and forecast accuracy pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from budgetapp.budget.models import PeriodKind
from budgetapp.core.selectors import available_years
from budgetapp.goals.models import AssessmentStatus, Goal, Indicator
from budgetapp.investments.models import InvestmentProject

from . import accuracy as accuracy_selectors
from . import excel, selectors, services, services_entries
from .forms import ExcelUploadForm, GoalAssessmentForm, IndicatorValueForm, ProjectForecastForm
from .views import _crumbs, _grid_context, _node, _round, view_internal


@login_required
@view_internal
@require_safe
def excel_download(request, round_id: int, root_id: int):
    rnd = _round(round_id)
    root = _node(rnd, root_id)
    content = excel.build_workbook(selectors.round_grid(rnd, root, request.user))
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = slugify(f"prognos-{rnd.year}-{rnd.period}-{rnd.month}-{root.name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_POST
def excel_upload(request, round_id: int, root_id: int):
    """Same rules as the cells: 403 if the sheet changes a node the user may not edit, 422 if invalid."""
    rnd = _round(round_id)
    root = _node(rnd, root_id)
    grid = selectors.round_grid(rnd, root, request.user)
    if not any(r.can_edit for r in grid.entry_rows):
        raise PermissionDenied
    form = ExcelUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        return render(request, "followup/grid.html", _grid_context(request, rnd, root, errors=errors), status=422)
    result = excel.apply_upload(rnd=rnd, root=root, user=request.user, file=form.cleaned_data["file"])
    if result.errors:
        status = 403 if result.permission_denied else 422
        return render(request, "followup/grid.html", _grid_context(request, rnd, root, errors=result.errors),
                      status=status)
    messages.success(request, _("Excel inläst: %(f)d prognoser och %(c)d kommentarer ändrade.") % {
        "f": result.forecasts, "c": result.comments})
    return redirect("followup:grid", rnd.pk, root.pk)


@login_required
@view_internal
@require_http_methods(["GET", "POST"])
def investments(request, round_id: int, root_id: int):
    rnd = _round(round_id)
    root = _node(rnd, root_id)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = ProjectForecastForm(request.POST)
        project = None
        if form.is_valid():
            project = get_object_or_404(InvestmentProject.objects.select_related("node"),
                                        pk=form.cleaned_data["project"], year=rnd.year)
        if project is not None and not request.user.has_perm("budget.edit_forecast", project.node):
            raise PermissionDenied
        if project is None:
            errors, status = [e for errs in form.errors.values() for e in errs], 422
        else:
            try:
                services_entries.save_project_forecast(
                    rnd=rnd, project=project, user=request.user,
                    year_forecast=form.cleaned_data["year_forecast"],
                    total_forecast=form.cleaned_data["total_forecast"], end_year=form.cleaned_data["end_year"],
                    expected_version=form.cleaned_data["version"])
                messages.success(request, _("Prognosen för %(p)s är sparad.") % {"p": project.name})
                return redirect("followup:investments", rnd.pk, root.pk)
            except services.Conflict as c:
                errors, status = [_("Konflikt: någon annan har sparat %(v)s tkr för %(p)s. Ditt värde sparades "
                                    "inte; sidan visar nu det sparade värdet.") % {
                    "v": c.current_value, "p": project.name}], 409
            except ValidationError as exc:
                errors, status = exc.messages, 422
    return render(request, "followup/investments.html", {
        "rnd": rnd, "root": root, "items": selectors.round_projects(rnd, root, request.user), "errors": errors,
        "breadcrumbs": _crumbs(rnd, root, _("Investeringsprognoser")),
    }, status=status)


@login_required
@view_internal
@require_http_methods(["GET", "POST"])
def goals(request, round_id: int, root_id: int):
    rnd = _round(round_id)
    root = _node(rnd, root_id)
    errors: list[str] = []
    status = 200
    if request.method == "POST" and rnd.period == PeriodKind.MONTH:
        errors, status = [_("Målbedömningar görs i tertial-, delårs-, oktober- och helårsuppföljningar.")], 422
    elif request.method == "POST" and "indicator" in request.POST:
        form = IndicatorValueForm(request.POST)
        if form.is_valid():
            indicator = get_object_or_404(Indicator.objects.select_related("goal__node"),
                                          pk=form.cleaned_data["indicator"], goal__year=rnd.year)
            if not request.user.has_perm("budget.edit_forecast", indicator.goal.node):
                raise PermissionDenied
            try:
                services_entries.save_indicator_value(rnd=rnd, indicator=indicator, user=request.user,
                                              raw=form.cleaned_data["raw"])
                return redirect("followup:goals", rnd.pk, root.pk)
            except ValidationError as exc:
                errors, status = exc.messages, 422
        else:
            errors, status = [_("Ogiltigt indikatorvärde.")], 422
    elif request.method == "POST":
        form = GoalAssessmentForm(request.POST)
        goal = None
        if form.is_valid():
            goal = get_object_or_404(Goal.objects.select_related("node"), pk=form.cleaned_data["goal"],
                                     year=rnd.year)
            if not request.user.has_perm("budget.edit_forecast", goal.node):
                raise PermissionDenied
        if goal is None:
            errors, status = [e for errs in form.errors.values() for e in errs], 422
        else:
            try:
                services_entries.save_goal_assessment(rnd=rnd, goal=goal, user=request.user,
                                              status=form.cleaned_data["status"],
                                              analysis=form.cleaned_data["analysis"],
                                              expected_version=form.cleaned_data["version"])
                messages.success(request, _("Bedömningen av %(g)s är sparad.") % {"g": goal.name})
                return redirect("followup:goals", rnd.pk, root.pk)
            except services.Conflict:
                errors, status = [_("Konflikt: någon annan har sparat en bedömning av målet. Din bedömning "
                                    "sparades inte; sidan visar nu den sparade.")], 409
            except ValidationError as exc:
                errors, status = exc.messages, 422
    return render(request, "followup/goals.html", {
        "rnd": rnd, "root": root, "items": selectors.round_goals(rnd, root, request.user), "errors": errors,
        "statuses": AssessmentStatus.choices, "monthly": rnd.period == PeriodKind.MONTH,
        "breadcrumbs": _crumbs(rnd, root, _("Målbedömningar")),
    }, status=status)


@login_required
@view_internal
@require_safe
def accuracy(request):
    years = available_years()
    try:
        first = int(request.GET.get("from", min(years) if years else 0))
        last = int(request.GET.get("to", max(years) if years else 0))
    except ValueError:
        first, last = (min(years), max(years)) if years else (0, 0)
    selected = [y for y in years if first <= y <= last]
    data = accuracy_selectors.forecast_accuracy(selected)
    return render(request, "followup/accuracy.html", {
        "years": sorted(years), "first": first, "last": last, **data,
        "breadcrumbs": _crumbs(last=_("Prognossäkerhet")),
    })
