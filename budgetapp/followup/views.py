"""Rounds, the forecast grid, its htmx cells, workflow actions and per-cell history.

Views stay thin: authorise (rules perms), validate with a form, call one selector or service,
render. Signed-in users read (`budget.view_internal`); anonymous users are sent to the login page;
a signed-in user without the right for a write gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from budgetapp.budget.models import ChangeSource
from budgetapp.organisation.models import OrgNode

from . import cells, selectors, selectors_cell, services
from .forms import CommentCellForm, ForecastCellForm, OpenRoundForm, ReasonForm, StatusActionForm
from .models import FollowUpRound

view_internal = permission_required("budget.view_internal", raise_exception=True)


def _round(round_id: int) -> FollowUpRound:
    return get_object_or_404(FollowUpRound, pk=round_id)


def _node(rnd: FollowUpRound, node_id: int) -> OrgNode:
    return get_object_or_404(OrgNode, pk=node_id, year=rnd.year)


def _crumbs(rnd: FollowUpRound | None = None, root: OrgNode | None = None, last: str = "") -> list[dict]:
    crumbs = [{"url": reverse("followup:round_list"), "label": _("Uppföljning")}]
    if rnd:
        crumbs.append({"url": reverse("followup:round_detail", args=[rnd.pk]), "label": str(rnd)})
    if root:
        crumbs.append({"url": reverse("followup:grid", args=[rnd.pk, root.pk]), "label": root.name})
    if last:
        crumbs.append({"url": "", "label": last})
    return crumbs


@login_required
@view_internal
@require_http_methods(["GET", "POST"])
def round_list(request):
    form = OpenRoundForm(request.POST if request.method == "POST" else None)  # an empty POST is bound too
    if request.method == "POST":
        if not request.user.has_perm("budget.manage_rounds"):
            raise PermissionDenied
        if form.is_valid():
            rnd = services.open_round(user=request.user, **form.cleaned_data)
            messages.success(request, _("Omgången %(r)s är öppnad.") % {"r": rnd})
            return redirect("followup:round_detail", rnd.pk)
    rounds = FollowUpRound.objects.select_related("opened_by", "closed_by").order_by("-year", "-month")
    return render(request, "followup/round_list.html", {"rounds": rounds, "form": form},
                  status=422 if form.errors else 200)


@login_required
@view_internal
@require_safe
def round_detail(request, round_id: int):
    rnd = _round(round_id)
    return render(request, "followup/round_detail.html", {
        "rnd": rnd, "overview": selectors.round_overview(rnd, request.user), "reason_form": ReasonForm(),
        "breadcrumbs": _crumbs(rnd),
    })


@login_required
@require_POST
def round_close(request, round_id: int):
    if not request.user.has_perm("budget.manage_rounds"):
        raise PermissionDenied
    rnd = services.close_round(rnd=_round(round_id), user=request.user)
    messages.success(request, _("Omgången är stängd och alla enheter är låsta."))
    return redirect("followup:round_detail", rnd.pk)


@login_required
@require_POST
def round_reopen(request, round_id: int):
    if not request.user.has_perm("budget.manage_rounds"):
        raise PermissionDenied
    rnd = _round(round_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange en motivering för att öppna omgången igen."))
        return redirect("followup:round_detail", rnd.pk)
    services.reopen_round(rnd=rnd, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Omgången är öppen igen. Lås upp enheter en och en med motivering."))
    return redirect("followup:round_detail", rnd.pk)


def _grid_context(request, rnd: FollowUpRound, root: OrgNode, **extra) -> dict:
    grid = selectors.round_grid(rnd, root, request.user)
    user = request.user
    entry = grid.entry_rows
    return {
        "rnd": rnd, "root": root, "grid": grid, "breadcrumbs": _crumbs(rnd, root),
        "can_submit": any(services.can_transition(user, "submit", r.node) for r in entry),
        "can_approve": any(services.can_transition(user, "approve", r.node) for r in entry),
        "can_manage": user.has_perm("budget.manage_rounds"),
        "can_upload": any(r.can_edit for r in entry),
        "convention": selectors.convention_text(root),
        **extra,
    }


@login_required
@view_internal
@require_safe
def grid(request, round_id: int, node_id: int):
    rnd = _round(round_id)
    root = _node(rnd, node_id)
    return render(request, "followup/grid.html", _grid_context(request, rnd, root))


def _cell_context(round_id: int, root_id: int, node_id: int, user) -> tuple[FollowUpRound, list[OrgNode]]:
    """The round and the path grid root → node (one query, no sheet; it also answers whether the
    user is assigned above the node). 404 before anything is written for an unknown round or a
    node outside the sheet or the round's year.
    """
    rnd, path = selectors_cell.cell_context(round_id, node_id, user)
    if rnd is None:
        raise Http404("Omgången finns inte.")
    ids = [n.pk for n in path]
    if root_id not in ids or path[-1].year != rnd.year:
        raise Http404("Enheten finns inte i tabellen.")
    return rnd, path[ids.index(root_id):]


@login_required
@require_http_methods(["GET", "POST"])
def forecast_cell(request, round_id: int, root_id: int, node_id: int):
    """One forecast cell: GET re-renders it, an htmx POST saves it (200), or answers 422/409 in place.

    A POST without htmx (JavaScript off) is the grid's plain web form: see `_forecast_form_post`.
    The answer is the cell and the sum rows above it (out of band), read with `selectors_cell`:
    round and node path in one query, the sums in one more, no sheet.
    """
    rnd, path = _cell_context(round_id, root_id, node_id, request.user)
    root, node = path[0], path[-1]
    if request.method == "POST" and not request.user.has_perm("budget.edit_forecast", node):
        raise PermissionDenied
    if not request.user.has_perm("budget.view_internal"):
        raise PermissionDenied
    if request.method == "POST" and not request.htmx:
        return _forecast_form_post(request, rnd, root, node)
    answer: dict = {}
    state: dict = {}
    status = 200
    if request.method == "POST":
        form = ForecastCellForm(request.POST)
        answer["text"] = request.POST.get("amount", "")
        answer["version"] = request.POST.get("version", "0")
        if not form.is_valid():
            status = 422
            answer["error"] = " ".join(e for errs in form.errors.values() for e in errs)
        else:
            try:
                saved = services.write_forecast(rnd=rnd, node=node, user=request.user,
                                                amount=form.cleaned_data["amount"],
                                                expected_version=form.cleaned_data["version"],
                                                via=ChangeSource.HTMX_CELL, is_entry=not node.has_children)
                answer["saved"] = True
                state = {"status": saved.status, "comment_text": saved.comment_text}
            except services.Conflict as conflict:
                status = 409
                answer["conflict"] = conflict
                answer["version"] = conflict.current_version
            except ValidationError as exc:
                status = 422
                answer["error"] = " ".join(exc.messages)
    # Only the cell and the sum rows above it are sent back (out of band), not the sheet.
    row, ancestors = selectors_cell.cell_rows(rnd, path, request.user, **state)
    if answer.get("saved") or request.method == "GET":
        answer["text"], answer["version"] = row.forecast_text, row.forecast_version
    sheet = cells.Sheet.for_grid(rnd, root, get_token(request))
    return HttpResponse(cells.forecast_response(sheet, row, ancestors, **answer), status=status)


def _cell_form_post(request, rnd: FollowUpRound, root: OrgNode, node: OrgNode, *, form_class, field: str,
                    save, saved_message: str, failed_key: str):
    """A grid cell's form submitted without JavaScript (a plain web form): save, then back to the grid.

    Recorded as `web_form`, not `htmx_cell`. On an error the whole grid is shown again with the
    message at the top and the typed text and error kept in the cell (422, or 409 on a conflict).
    """
    form = form_class(request.POST)
    failed: dict = {"node_id": node.pk, "text": request.POST.get(field, ""),
                    "version": request.POST.get("version", "0")}
    status = 422
    if not form.is_valid():
        failed["error"] = " ".join(e for errs in form.errors.values() for e in errs)
    else:
        try:
            save(rnd=rnd, node=node, user=request.user, expected_version=form.cleaned_data["version"],
                 via=ChangeSource.WEB_FORM, **{"amount" if field == "amount" else "text": form.cleaned_data[field]})
        except services.Conflict as conflict:
            status, failed["conflict"], failed["version"] = 409, conflict, conflict.current_version
        except ValidationError as exc:
            failed["error"] = " ".join(exc.messages)
        else:
            messages.success(request, saved_message % {"n": node.name})
            return redirect(reverse("followup:grid", args=[rnd.pk, root.pk]) + f"#row-{node.pk}")
    errors = [failed["error"]] if "error" in failed else [str(failed["conflict"])]
    return render(request, "followup/grid.html",
                  _grid_context(request, rnd, root, errors=errors, **{failed_key: failed}), status=status)


def _forecast_form_post(request, rnd: FollowUpRound, root: OrgNode, node: OrgNode):
    return _cell_form_post(request, rnd, root, node, form_class=ForecastCellForm, field="amount",
                           save=services.save_forecast, saved_message=_("Prognosen för %(n)s är sparad."),
                           failed_key="failed")


def _comment_form_post(request, rnd: FollowUpRound, root: OrgNode, node: OrgNode):
    return _cell_form_post(request, rnd, root, node, form_class=CommentCellForm, field="text",
                           save=services.save_comment, saved_message=_("Kommentaren för %(n)s är sparad."),
                           failed_key="failed_comment")


@login_required
@require_POST
def comment_cell(request, round_id: int, root_id: int, node_id: int):
    """A deviation comment cell: saved by htmx in place (or as the grid's plain form without JavaScript).

    Like the forecast cell, the round and the node's path come from one query (`_cell_context`),
    not the whole sheet; the answer's row is the node's own one-row sheet.
    """
    rnd, path = _cell_context(round_id, root_id, node_id, request.user)
    root, node = path[0], path[-1]
    if not request.user.has_perm("budget.edit_forecast", node):
        raise PermissionDenied
    if not request.htmx:
        return _comment_form_post(request, rnd, root, node)
    form = CommentCellForm(request.POST)
    answer: dict = {"text": request.POST.get("text", ""), "version": request.POST.get("version", "0")}
    status = 200
    if not form.is_valid():
        status, answer["error"] = 422, " ".join(e for errs in form.errors.values() for e in errs)
    else:
        try:
            comment = services.save_comment(rnd=rnd, node=node, user=request.user, text=form.cleaned_data["text"],
                                            expected_version=form.cleaned_data["version"],
                                            via=ChangeSource.HTMX_CELL)
            answer["text"], answer["version"] = comment.text, comment.version
        except services.Conflict as conflict:
            status, answer["version"], answer["conflict"] = 409, conflict.current_version, conflict
        except ValidationError as exc:
            status, answer["error"] = 422, " ".join(exc.messages)
    # an entry node is a sheet of its own; a sum row (no comment to save) is read with its subtree
    subtree = ([n for n in selectors.grid_nodes(rnd, root.pk) if node.pk in n.tree_path] if node.has_children
               else [node])
    row = selectors.round_grid(rnd, node, request.user, focus=node, nodes=subtree).row(node.pk)
    sheet = cells.Sheet.for_grid(rnd, root, get_token(request))
    return HttpResponse(cells.comment_cell(sheet, row, **answer), status=status)


@login_required
@require_POST
def status_action(request, round_id: int, root_id: int):
    """Submit, approve, return, lock or reopen the grid's entry nodes (or one of them)."""
    rnd = _round(round_id)
    root = _node(rnd, root_id)
    form = StatusActionForm(request.POST)
    if not form.is_valid():
        return render(request, "followup/grid.html",
                      _grid_context(request, rnd, root, errors=[_("Ogiltig åtgärd.")]), status=400)
    grid_data = selectors.round_grid(rnd, root, request.user)
    nodes = [r.node for r in grid_data.entry_rows]
    if form.cleaned_data["node"]:
        nodes = [n for n in nodes if n.pk == form.cleaned_data["node"]]
        if not nodes:
            return render(request, "followup/grid.html",
                          _grid_context(request, rnd, root, errors=[_("Okänd enhet.")]), status=400)
    try:
        done = services.change_status_many(rnd=rnd, nodes=nodes, user=request.user,
                                           action=form.cleaned_data["action"], reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return render(request, "followup/grid.html", _grid_context(request, rnd, root, errors=exc.messages),
                      status=422)
    messages.success(request, _("%(n)d enheter fick status %(s)s.") % {
        "n": len(done), "s": done[0].get_status_display().lower()})
    return redirect("followup:grid", rnd.pk, root.pk)


@login_required
@view_internal
@require_safe
def history(request, round_id: int, node_id: int):
    rnd = _round(round_id)
    node = _node(rnd, node_id)
    ctx = {"rnd": rnd, "node": node, "entries": selectors.cell_history(rnd, node),
           "breadcrumbs": _crumbs(rnd, last=_("Historik %(n)s") % {"n": node.name})}
    template = "followup/_history.html" if request.htmx else "followup/history.html"
    return render(request, template, ctx)
