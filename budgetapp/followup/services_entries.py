"""Writes of a round's other entries: investment forecasts, goal assessments and indicator values.

Each serialises with the node's other writes by locking its status row (as forecasts do), compares
versions where the entry has one (409 through `services.Conflict`) and logs every changed field as
an `EntryChange` (who, when, old, new, via).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from budgetapp.budget.models import ChangeSource

from .models import EntryChange, EntryKind, FollowUpRound, ProjectForecast
from .services import Conflict, locked_status, require_perm


def _log(rnd, node, kind, object_id, field, old, new, via, user) -> None:
    if str(old if old is not None else "") != str(new if new is not None else ""):
        EntryChange.objects.create(round=rnd, node=node, kind=kind, object_id=object_id, field=field,
                                   old_value="" if old is None else str(old),
                                   new_value="" if new is None else str(new), via=via, changed_by=user)


@transaction.atomic
def save_project_forecast(*, rnd: FollowUpRound, project, user, year_forecast: Decimal | None,
                          total_forecast: Decimal | None, end_year: int | None, expected_version: int,
                          via: str = ChangeSource.WEB_FORM) -> ProjectForecast:
    require_perm(user, "budget.edit_forecast", project.node)
    if not rnd.is_open:
        raise ValidationError("Omgången är stängd.")
    if end_year is not None and not (rnd.year - 30 <= end_year <= rnd.year + 30):
        raise ValidationError("Slutåret är orimligt.")
    locked_status(rnd, project.node)  # serialise with other writes on the node
    pf = ProjectForecast.objects.select_for_update().filter(round=rnd, project=project).first()
    current_version = pf.version if pf else 0
    if current_version != expected_version:
        raise Conflict(current_value=pf.year_forecast if pf else None, your_value=year_forecast,
                       current_version=current_version, changed_by=str(pf.changed_by or "") if pf else "",
                       changed_at=pf.changed_at if pf else None)
    old = (pf.year_forecast, pf.total_forecast, pf.end_year) if pf else (None, None, None)
    new = (year_forecast, total_forecast, end_year)
    if pf is None:
        pf = ProjectForecast(round=rnd, project=project, version=1)
    elif old == new:
        return pf
    else:
        pf.version += 1
    pf.year_forecast, pf.total_forecast, pf.end_year, pf.changed_by = *new, user
    pf.save()
    for name, o, n in zip(("year_forecast", "total_forecast", "end_year"), old, new, strict=True):
        _log(rnd, project.node, EntryKind.PROJECT_FORECAST, pf.pk, f"{project.name}: {name}", o, n, via, user)
    return pf


@transaction.atomic
def save_goal_assessment(*, rnd: FollowUpRound, goal, user, status: str, analysis: str, expected_version: int,
                         via: str = ChangeSource.WEB_FORM):
    from budgetapp.goals.models import AssessmentStatus, GoalAssessment

    require_perm(user, "budget.edit_forecast", goal.node)
    if not rnd.is_open:
        raise ValidationError("Omgången är stängd.")
    if status not in AssessmentStatus.values:
        raise ValidationError("Välj en bedömning.")
    locked_status(rnd, goal.node)
    ga = GoalAssessment.objects.select_for_update().filter(goal=goal, year=rnd.year, period=rnd.period).first()
    current_version = ga.version if ga else 0
    if current_version != expected_version:
        raise Conflict(current_value=ga.get_status_display() if ga else "", your_value=status,
                       current_version=current_version)
    old = (ga.status, ga.analysis) if ga else ("", "")
    if ga is None:
        ga = GoalAssessment(goal=goal, year=rnd.year, period=rnd.period, version=1)
    elif old == (status, analysis.strip()):
        return ga
    else:
        ga.version += 1
    ga.status, ga.analysis, ga.entered_by = status, analysis.strip(), user
    ga.status_text = str(AssessmentStatus(status).label)
    ga.save()
    _log(rnd, goal.node, EntryKind.GOAL_ASSESSMENT, ga.pk, f"{goal.name}: bedömning", old[0], status, via, user)
    _log(rnd, goal.node, EntryKind.GOAL_ASSESSMENT, ga.pk, f"{goal.name}: analys", old[1], ga.analysis, via, user)
    return ga


@transaction.atomic
def save_indicator_value(*, rnd: FollowUpRound, indicator, user, raw: str, via: str = ChangeSource.WEB_FORM):
    """Record an indicator's new outcome in this round, keeping the text as typed next to the number."""
    from budgetapp.core.money import parse_number
    from budgetapp.goals.models import IndicatorValue, ValueState

    node = indicator.goal.node
    require_perm(user, "budget.edit_forecast", node)
    if not rnd.is_open:
        raise ValidationError("Omgången är stängd.")
    raw = raw.strip()
    locked_status(rnd, node)
    iv = IndicatorValue.objects.select_for_update().filter(indicator=indicator, year=rnd.year, is_target=False,
                                                            column=rnd.indicator_column).first()
    old = iv.raw if iv else ""
    if old == raw:
        return iv
    number = parse_number(raw)
    if raw.upper().replace(" ", "") in ("I.U.", "IU"):
        state = ValueState.NO_DATA
    elif number is not None:
        state = ValueState.VALUE
    else:
        state = ValueState.TEXT if raw else ValueState.EMPTY
    iv = iv or IndicatorValue(indicator=indicator, year=rnd.year, is_target=False, column=rnd.indicator_column)
    iv.raw, iv.value, iv.state, iv.entered_by = raw, number, state, user
    iv.is_partial_period = rnd.month < 12
    iv.save()
    _log(rnd, node, EntryKind.INDICATOR_VALUE, iv.pk, indicator.name, old, raw, via, user)
    return iv


