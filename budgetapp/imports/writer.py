"""Write an :class:`ImportPlan` into the domain tables. Called only inside ``services.import_extraction``'s
transaction, so a failure anywhere leaves the database as it was.

A corrected version of a document (same kind, organisation and year, new content) supersedes the
current one: figures are updated in place where their key matches (old → new amount recorded as a
``FigureChange`` via import), new keys are created, keys the new version lacks are deleted (also
recorded). Budget changes, investments and key figures of the old version are replaced; goals are
upserted by their natural key because plans and follow-up reports describe the same goals.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.db.models import Q

from budgetapp.budget.models import (
    BudgetChange,
    BudgetChangeKind,
    ChangeSource,
    Figure,
    FigureChange,
    PeriodKind,
    Scenario,
)
from budgetapp.core.models import SourceDocument
from budgetapp.goals.models import (
    Goal,
    GoalArea,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
)
from budgetapp.investments.models import InvestmentFrame, InvestmentPlanItem, InvestmentProject
from budgetapp.organisation.models import KeyFigure

from .mapping import DocPlan, FigureItem
from .nodes import materialise

LEDGER = "ledger"
#: Seconds to sleep between the figures and the rest of a document's write, inside the import's
#: transaction; lets the reliability test SIGKILL a worker mid-import. Honoured only with DEBUG on.
PAUSE_ENV = "BUDGETAPP_IMPORT_TEST_PAUSE"
PAUSE_MARKER_ENV = "BUDGETAPP_IMPORT_TEST_PAUSE_MARKER"


def _test_pause() -> None:
    from django.conf import settings

    seconds = os.environ.get(PAUSE_ENV)
    if not seconds or not settings.DEBUG:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        Path(marker).write_text("paused")
    time.sleep(float(seconds))


def predecessor(kind: str, organisation: str, year: int | None, sha256: str, title: str = "") -> SourceDocument | None:
    qs = SourceDocument.objects.filter(kind=kind, organisation_name=organisation, year=year, is_current=True)
    qs = qs.exclude(sha256=sha256)
    if kind == "ledger":
        qs = qs.filter(title=title)
    return qs.order_by("-imported_at", "-id").first()


def stored_key(fig: Figure) -> tuple:
    return (fig.node_id, fig.year, fig.period, fig.month, fig.scenario, fig.measure, fig.line_label, fig.basis_year)


def item_key(item: FigureItem) -> tuple:
    node = materialise(item.node)
    return (node.pk, item.year, item.period, item.month, item.scenario, item.measure, item.line_label,
            item.basis_year)


def write_document(plan: DocPlan, *, file_name: str, sha256: str, user) -> tuple[SourceDocument, dict]:
    info = plan.info
    organisation_name = info.organisation or plan.organisation.name
    overlapped = ledger_overlap(plan, sha256) if info.kind == LEDGER else {}
    previous = (max(overlapped, key=lambda d: (d.imported_at, d.pk)) if overlapped else None) \
        if info.kind == LEDGER else predecessor(info.kind, organisation_name, info.year, sha256, info.title)
    # the parser's reference only: the title fallback of ``frames.decision_reference`` would give an
    # unrelated protocol bundled in the same file (000:230 förhandlingsdelegationen) the plan's § 315
    doc = SourceDocument.objects.create(
        title=(info.title or file_name)[:300], kind=info.kind if info.kind else "other",
        organisation_name=organisation_name[:200], year=info.year, plan_years=list(info.plan_years),
        file_name=file_name[:255], sha256=sha256, decision_reference=(info.decision_reference or "")[:200],
        supersedes=previous, imported_by=user,
    )
    if previous is not None and info.kind != LEDGER:
        SourceDocument.objects.filter(pk=previous.pk).update(is_current=False)
    stats = {"document_id": doc.pk, "title": doc.title, "replaces": previous.title if previous else None}
    if info.kind == LEDGER:
        old = [f for figs in overlapped.values() for f in figs]
        stats.update(write_figures(plan, doc, None, user, old=old))
        # an earlier ledger import whose every month this one covers is superseded; one that still
        # holds months this file lacks stays current for those months
        emptied = [d.pk for d in overlapped if not Figure.objects.filter(source_document=d).exists()]
        SourceDocument.objects.filter(pk__in=emptied).update(is_current=False)
        stats["replaced_months"] = sorted({f.month for f in old})
    else:
        stats.update(write_figures(plan, doc, previous, user))
    _test_pause()
    if previous is not None:
        for model in (BudgetChange, InvestmentProject, InvestmentFrame, InvestmentPlanItem, KeyFigure):
            model.objects.filter(source_document=previous).delete()
    stats["budget_changes"] = write_changes(plan, doc)
    stats.update(write_investments(plan, doc))
    stats["key_figures"] = write_key_figures(plan, doc)
    stats.update(write_goals(plan, doc, previous))
    return doc, stats


def ledger_overlap(plan: DocPlan, sha256: str) -> dict[SourceDocument, list[Figure]]:
    """Current ledger imports of the same year, with their monthly actuals in the months this one covers.

    Ledger files overlap (Jan–Mar, then Jan–Apr): the newer file is the truth for every month it
    contains, so those months' figures are taken over (updated in place, with history) rather than
    stored twice; months it does not contain stay with the earlier import.
    """
    months = {item.month for item in plan.figures.values() if item.period == PeriodKind.MONTH}
    if not months or plan.info.year is None:
        return {}
    docs = SourceDocument.objects.filter(kind=LEDGER, year=plan.info.year, is_current=True).exclude(sha256=sha256)
    out: dict[SourceDocument, list[Figure]] = {}
    for fig in (Figure.objects.filter(source_document__in=docs, year=plan.info.year, period=PeriodKind.MONTH,
                                      month__in=months, scenario=Scenario.ACTUAL)
                .select_related("source_document", "node")):
        out.setdefault(fig.source_document, []).append(fig)
    return out


def write_figures(plan: DocPlan, doc: SourceDocument, previous: SourceDocument | None, user, *,
                  old: list[Figure] | None = None) -> dict:
    if old is not None:
        old = {stored_key(f): f for f in old}
    else:
        old = {stored_key(f): f for f in Figure.objects.filter(source_document=previous)} if previous else {}
    created: list[Figure] = []
    changes: list[FigureChange] = []
    changed = unchanged = 0
    for item in plan.figures.values():
        key = item_key(item)
        node = materialise(item.node)
        fig = old.pop(key, None)
        if fig is not None:
            before = fig.amount
            fig.source_document, fig.source_line, fig.source_page = doc, item.line, item.page
            fig.printed_unit, fig.printed_value = item.printed_unit, item.printed_value[:60]
            if before != item.amount:
                fig.amount = item.amount
                fig.version += 1
                changed += 1
                changes.append(_change(fig, node, before, item.amount, user, "Rättad version av dokumentet"))
            else:
                unchanged += 1
            fig.save()
            continue
        created.append(Figure(
            node=node, year=item.year, period=item.period, month=item.month, scenario=item.scenario,
            measure=item.measure, line_label=item.line_label, basis_year=item.basis_year, amount=item.amount,
            printed_unit=item.printed_unit, printed_value=item.printed_value[:60], source_document=doc,
            source_line=item.line, source_page=item.page, entered_by=user))
    Figure.objects.bulk_create(created, batch_size=500)
    changes.extend(_change(f, f.node, None, f.amount, user, "Import") for f in created)
    removed = list(old.values())
    changes.extend(_change(f, f.node, f.amount, None, user, "Saknas i rättad version") for f in removed)
    FigureChange.objects.bulk_create(changes, batch_size=500)
    if removed:
        Figure.objects.filter(pk__in=[f.pk for f in removed]).delete()
    return {"figures_new": len(created), "figures_changed": changed, "figures_unchanged": unchanged,
            "figures_removed": len(removed)}


def _change(fig: Figure, node, old: Decimal | None, new: Decimal | None, user, why: str) -> FigureChange:
    text = f"{why}: {fig.get_scenario_display()} {fig.year} {fig.measure}"
    if fig.line_label:
        text += f" – {fig.line_label}"
    return FigureChange(figure=fig, node=node, description=text[:300], old_amount=old, new_amount=new,
                        changed_by=user, via=ChangeSource.IMPORT)


def write_changes(plan: DocPlan, doc: SourceDocument) -> int:
    rows = [BudgetChange(kind=c.kind or BudgetChangeKind.CHANGE_SPECIFICATION, node=materialise(c.node),
                         budget_year=c.budget_year, year=c.year, reason=c.reason, amount=c.amount,
                         printed_unit=c.printed_unit, marker=c.marker, counterpart=c.counterpart,
                         counterpart_name=c.counterpart_name[:200], decision_reference=c.decision_reference[:200],
                         source_document=doc, source_line=c.line, source_page=c.page) for c in plan.changes]
    BudgetChange.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def write_investments(plan: DocPlan, doc: SourceDocument) -> dict:
    projects = []
    for p in plan.projects.values():
        v = p.values
        projects.append(InvestmentProject(
            node=materialise(p.node), year=p.year, name=p.name, status=p.status,
            approved_budget=v.get("approved_budget"), accumulated_actual=v.get("accumulated_actual"),
            year_budget=v.get("year_budget"), year_actual=v.get("year_actual"),
            total_forecast=v.get("total_forecast"), end_year=v.get("end_year"), is_large=p.is_large,
            printed_unit=p.printed_unit, source_document=doc, source_line=p.line, source_page=p.page))
    InvestmentProject.objects.bulk_create(projects)
    frames = [InvestmentFrame(node=materialise(f.node), basis_year=f.basis_year, year=f.year, kind=f.kind,
                              label=f.label, amount=f.amount, printed_unit=f.printed_unit, source_document=doc,
                              source_line=f.line, source_page=f.page) for f in plan.frames]
    InvestmentFrame.objects.bulk_create(frames)
    rows = [InvestmentPlanItem(node=materialise(r.node), basis_year=r.basis_year, name=r.name, year=r.year,
                               amount=r.amount, source_document=doc, source_line=r.line, source_page=r.page)
            for r in plan.plan_rows]
    InvestmentPlanItem.objects.bulk_create(rows)
    return {"investment_projects": len(projects), "investment_frames": len(frames),
            "investment_plan_rows": len(rows)}


def write_key_figures(plan: DocPlan, doc: SourceDocument) -> int:
    rows = [KeyFigure(node=materialise(k.node), year=k.year, kind=k.kind, label=k.label, column=k.column,
                      is_forecast=k.is_forecast, raw_value=k.raw_value, value=k.value, unit=k.unit,
                      source_document=doc, source_line=k.line, source_page=k.page)
            for k in plan.key_figures.values()]
    KeyFigure.objects.bulk_create(rows)
    return len(rows)


def _goal_area(name: str | None) -> GoalArea | None:
    if not name:
        return None
    area = GoalArea.objects.filter(name__iexact=name).first()
    return area or GoalArea.objects.create(name=name[:100])


def _municipal_goal(name: str | None, area: GoalArea | None, year: int) -> MunicipalGoal | None:
    if not name:
        return None
    found = (MunicipalGoal.objects.filter(name__iexact=name, valid_from__lte=year)
             .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year)).order_by("-valid_from").first())
    if found or area is None:
        return found
    return MunicipalGoal.objects.create(goal_area=area, name=name[:300], valid_from=year)


def write_goals(plan: DocPlan, doc: SourceDocument, previous: SourceDocument | None) -> dict:
    goals = indicators = values = assessments = 0
    touched_goals: set[int] = set()
    touched_indicators: set[int] = set()
    new_values: list[IndicatorValue] = []
    for g in plan.goals:
        node = materialise(g.node)
        area = _goal_area(g.target_area)
        municipal = _municipal_goal(g.municipal_goal, area, g.year)
        goal, _created = Goal.objects.update_or_create(
            node=node, year=g.year, kind=g.kind, name=g.name,
            defaults={"goal_area": area, "municipal_goal": municipal, "sort_order": g.sort_order,
                      "source_document": doc, "source_line": g.line},
        )
        if g.description and goal.description != g.description:
            Goal.objects.filter(pk=goal.pk).update(description=g.description)
        touched_goals.add(goal.pk)
        goals += 1
        by_name: dict[str, Indicator] = {}
        for order, ind in enumerate(g.indicators):
            parent = by_name.get(ind.parent) if ind.parent else None
            indicator, created = Indicator.objects.update_or_create(
                goal=goal, name=ind.name, parent=parent,
                defaults={"is_mandatory": ind.mandatory, "footnote": ind.footnote, "sort_order": order,
                          "source_document": doc, "source_line": ind.line},
            )
            by_name.setdefault(ind.name, indicator)
            touched_indicators.add(indicator.pk)
            indicators += 1
            for year, is_target, column, reading in ind.values:
                fields = {"raw": reading.raw[:200], "value": reading.value, "state": reading.state,
                          "reference_year": reading.reference_year, "comparator": reading.comparator,
                          "is_partial_period": reading.is_partial_period, "source_document": doc,
                          "source_line": ind.line}
                if created:  # a new indicator has no values yet: insert in one batch below
                    new_values.append(IndicatorValue(indicator=indicator, year=year, is_target=is_target,
                                                     column=column, **fields))
                else:
                    IndicatorValue.objects.update_or_create(indicator=indicator, year=year, is_target=is_target,
                                                            column=column, defaults=fields)
                values += 1
        if g.status and g.period:
            GoalAssessment.objects.update_or_create(
                goal=goal, year=g.year, period=g.period,
                defaults={"status": g.status, "status_text": g.status_text, "analysis": g.analysis,
                          "source_document": doc, "source_line": g.line},
            )
            assessments += 1
    IndicatorValue.objects.bulk_create(new_values, batch_size=500)
    if previous is not None:
        _delete_untouched(Indicator.objects.filter(source_document=previous), touched_indicators)
        _delete_untouched(Goal.objects.filter(source_document=previous), touched_goals)
    return {"goals": goals, "indicators": indicators, "indicator_values": values, "assessments": assessments}


def _delete_untouched(qs, touched: Iterable[int]) -> None:
    qs.exclude(pk__in=list(touched)).delete()
