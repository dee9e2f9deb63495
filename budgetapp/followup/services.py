"""Writes for follow-up rounds: one service per action, each atomic and permission-checked.

Permissions are checked here as well as in the views, because the same services serve the htmx
cells, the forms and the Excel upload, and the rules must be identical on every path. Concurrent
writes to the same node serialise on its `NodeRoundStatus` row (`select_for_update`); a write that
was based on an older `version` raises `Conflict` carrying both values instead of overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from budgetapp.budget.models import ChangeSource, Figure, FigureChange, Measure, Scenario
from budgetapp.core.money import format_tkr
from budgetapp.organisation.models import OrgNode

from .models import (
    DeviationComment,
    EntryChange,
    EntryKind,
    FollowUpRound,
    NodeRoundStatus,
    NodeStatus,
    StatusEvent,
    ThresholdMode,
)
from .selectors import comment_required, measure_for, round_grid
from .selectors_cell import as_decimal


@dataclass
class Conflict(Exception):
    """Someone saved after the version the user started from; nothing was written."""

    current_value: object
    your_value: object
    current_version: int
    changed_by: str = ""
    changed_at: object = None

    def __str__(self) -> str:
        return "Någon annan har sparat ett nytt värde sedan du öppnade sidan."


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"Behörighet saknas: {perm}")


def _is_entry_node(node: OrgNode) -> bool:
    return not OrgNode.objects.filter(parent=node).exists()


def locked_status(rnd: FollowUpRound, node: OrgNode) -> NodeRoundStatus:
    """The node's status row, created if missing, locked for the rest of the transaction."""
    NodeRoundStatus.objects.get_or_create(round=rnd, node=node)
    return NodeRoundStatus.objects.select_for_update().get(round=rnd, node=node)


def _check_editable(rnd: FollowUpRound, node: OrgNode, status: NodeRoundStatus | str) -> None:
    if node.year != rnd.year:
        raise ValidationError("Noden hör inte till omgångens år.")
    if not rnd.is_open:
        raise ValidationError("Omgången är stängd.")
    value = status if isinstance(status, str) else status.status
    if value != NodeStatus.DRAFT:
        raise ValidationError(f"{node.name} är {str(NodeStatus(value).label).lower()} och kan inte ändras.")


# ----------------------------------------------------------------------------------------------
# Rounds
# ----------------------------------------------------------------------------------------------

@transaction.atomic
def open_round(*, user, year: int, period: str, month: int = 12, deadline: date,
               threshold_percent: Decimal = Decimal("1"), threshold_tkr: Decimal = Decimal("500"),
               threshold_mode: str = ThresholdMode.EITHER) -> FollowUpRound:
    require_perm(user, "budget.manage_rounds")
    rnd = FollowUpRound(year=year, period=period, month=month, deadline=deadline, opened_by=user,
                        threshold_percent=threshold_percent, threshold_tkr=threshold_tkr,
                        threshold_mode=threshold_mode)
    rnd.save()  # save() fixes the month of non-monthly periods before the uniqueness check below
    return rnd


@transaction.atomic
def close_round(*, rnd: FollowUpRound, user) -> FollowUpRound:
    """Close the round and lock every entry node of the year, whatever its status."""
    require_perm(user, "budget.manage_rounds")
    rnd = FollowUpRound.objects.select_for_update().get(pk=rnd.pk)
    if not rnd.is_open:
        return rnd
    nodes = list(OrgNode.objects.filter(year=rnd.year))
    parents = {n.parent_id for n in nodes}
    entry_ids = [n.pk for n in nodes if n.pk not in parents]
    existing = set(NodeRoundStatus.objects.filter(round=rnd).values_list("node_id", flat=True))
    NodeRoundStatus.objects.bulk_create([NodeRoundStatus(round=rnd, node_id=i) for i in entry_ids
                                         if i not in existing])
    events = []
    for status in NodeRoundStatus.objects.select_for_update().filter(round=rnd).exclude(status=NodeStatus.LOCKED):
        events.append(StatusEvent(node_status=status, old_status=status.status, new_status=NodeStatus.LOCKED,
                                  reason="Omgången stängdes", changed_by=user))
    StatusEvent.objects.bulk_create(events)
    NodeRoundStatus.objects.filter(round=rnd).exclude(status=NodeStatus.LOCKED).update(
        status=NodeStatus.LOCKED, changed_by=user, changed_at=timezone.now())
    rnd.is_open, rnd.closed_by, rnd.closed_at = False, user, timezone.now()
    rnd.version += 1
    rnd.save()
    return rnd


@transaction.atomic
def reopen_round(*, rnd: FollowUpRound, user, reason: str) -> FollowUpRound:
    """Open a closed round again; nodes stay locked until an admin reopens each with a reason."""
    require_perm(user, "budget.manage_rounds")
    if not reason.strip():
        raise ValidationError("Ange en motivering.")
    rnd = FollowUpRound.objects.select_for_update().get(pk=rnd.pk)
    rnd.is_open, rnd.closed_by, rnd.closed_at = True, None, None
    rnd.reopen_reason = f"{timezone.now():%Y-%m-%d %H:%M} {user}: {reason.strip()}"[:500]
    rnd.version += 1
    rnd.save()
    return rnd


# ----------------------------------------------------------------------------------------------
# Forecasts and comments
# ----------------------------------------------------------------------------------------------

@dataclass
class SavedForecast:
    """What a forecast write leaves behind: the figure, and the node's status and comment it saw."""

    figure: Figure
    status: str
    comment_text: str


def save_forecast(*, rnd: FollowUpRound, node: OrgNode, user, amount: Decimal, expected_version: int,
                  via: str = ChangeSource.WEB_FORM, measure: str | None = None,
                  is_entry: bool | None = None) -> Figure:
    """Store the node's full-year forecast for the round as a `budget.Figure` and log the change.

    `expected_version` is the figure version the user saw (0 when there was none). `measure`
    defaults to the node's net measure (net cost, or result when revenue-funded); cost and
    revenue forecasts may be stored beside it. See `write_forecast`.
    """
    return write_forecast(rnd=rnd, node=node, user=user, amount=amount, expected_version=expected_version,
                          via=via, measure=measure, is_entry=is_entry).figure


#: The round's entered forecast of one node in one measure (at most one row: uniq_figure_entered).
_FORECAST_KEY = """f.node_id = %(node)s AND f.year = %(year)s AND f.period = %(period)s AND f.month = %(month)s
    AND f.scenario = %(scenario)s AND f.measure = %(measure)s AND f.line_label = '' AND f.basis_year = %(year)s
    AND f.source_document_id IS NULL"""
_COMMENT = "(SELECT c.text FROM {comment} c WHERE c.round_id = %(round)s AND c.node_id = %(node)s)"
_NODE_STATE_SQL = f"""
SELECT {_COMMENT}, f.id, f.amount, f.version
FROM (SELECT 1 AS one) x LEFT JOIN {{figure}} f ON {_FORECAST_KEY}
"""  # noqa: S608 - table names from the models, values are parameters
#: PostgreSQL, one statement in autocommit: take a share lock on the node's status row, and — only
#: when the status is utkast, the version is the one the user saw and the amount differs — update
#: the figure and insert its history. Why this is safe without the transaction of the general path:
#: * the status row is locked first: the check on it is a one-time filter of the UPDATE (it refers
#:   to no column of the updated table), evaluated before any figure row is touched; a share lock
#:   waits for a status change, a comment save or a general-path write holding the row, and then
#:   sees the row as they committed it (so never an edit after "inskickad", never a deadlock with
#:   them: none of them locks the figure before the status row);
#: * the UPDATE checks `version = expected` on the newest row version (PostgreSQL re-evaluates its
#:   WHERE on a row another writer changed meanwhile), so of two racing writers one wins and the
#:   other updates nothing; when it succeeds the snapshot's row *is* that version, so `cur.amount`
#:   is the old amount the history row records;
#: * anything else (no status row yet, no figure yet, stale version, not utkast, same amount)
#:   writes nothing and is left to the general path, which locks, re-reads and answers it.
_UPDATE_IN_PLACE_SQL = f"""
WITH st AS (
    SELECT s.status FROM {{status}} s WHERE s.round_id = %(round)s AND s.node_id = %(node)s FOR SHARE
), cur AS (
    SELECT f.id, f.amount, f.version FROM {{figure}} f WHERE {_FORECAST_KEY}
), upd AS (
    UPDATE {{figure}} f SET amount = %(amount)s, version = f.version + 1, entered_by_id = %(user)s,
           entered_at = %(now)s, printed_value = %(printed)s
    FROM cur
    WHERE (SELECT st.status FROM st) = %(draft)s
      AND f.id = cur.id AND f.version = %(expected)s AND cur.version = %(expected)s AND cur.amount <> %(amount)s
    RETURNING f.id, f.version
), log AS (
    INSERT INTO {{change}} (figure_id, node_id, description, old_amount, new_amount, changed_by_id, changed_at, via)
    SELECT upd.id, %(node)s, %(description)s, cur.amount, %(amount)s, %(user)s, %(now)s, %(via)s
    FROM upd JOIN cur ON cur.id = upd.id
    RETURNING id
)
SELECT (SELECT st.status FROM st), {_COMMENT}, upd.id, upd.version
FROM (SELECT 1 AS one) x LEFT JOIN upd ON TRUE
"""  # noqa: S608 - table names from the models, values are parameters; `log` runs though unread
_STATUS_LOCK_SQL = "SELECT status FROM {table} WHERE round_id = %s AND node_id = %s"


def _lock_status_row(rnd: FollowUpRound, node: OrgNode) -> str | None:
    """`SELECT … FOR UPDATE` of the node's status row, as plain SQL (the hottest statement of a save)."""
    sql = _STATUS_LOCK_SQL.format(table=NodeRoundStatus._meta.db_table)
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, [rnd.pk, node.pk])
        found = cursor.fetchone()
    return None if found is None else found[0]


def _lock_node(rnd: FollowUpRound, node: OrgNode) -> str:
    """Lock the node's status row (created if missing) and return the status.

    The status row lock serialises every write on the node (forecasts, comments, status changes
    all take it first), so what later statements of the transaction read cannot change before
    the commit. They must be later statements: under READ COMMITTED a statement that waited for a
    row lock sees the locked row's new version but every other table as of its own start (a
    figure saved by the writer it waited for would look unchanged, and both writers would win).
    """
    status = _lock_status_row(rnd, node)
    if status is None:  # the node's first write in the round: one INSERT … ON CONFLICT DO NOTHING
        NodeRoundStatus.objects.bulk_create([NodeRoundStatus(round=rnd, node=node)], ignore_conflicts=True)
        status = _lock_status_row(rnd, node)
        if status is None:  # inserted just now or by a concurrent writer: it exists
            raise RuntimeError(f"No status row for node {node.pk} in round {rnd.pk}")
    return status


def write_forecast(*, rnd: FollowUpRound, node: OrgNode, user, amount: Decimal, expected_version: int,
                   via: str = ChangeSource.WEB_FORM, measure: str | None = None,
                   is_entry: bool | None = None) -> SavedForecast:
    """`save_forecast`, also returning the node's status and comment (what a cell answer shows).

    On PostgreSQL the common case — a draft node's existing forecast changed from the version the
    user saw — is one statement (`_UPDATE_IN_PLACE_SQL`). Everything else, and every write on other
    databases, takes `_write_forecast_locked`: the status row locked, then the read, the figure's
    UPDATE/INSERT and the history row. `is_entry` may be passed by a caller that already knows
    whether the node has children (the cell view reads it with the node's path); otherwise it is
    queried.
    """
    require_perm(user, "budget.edit_forecast", node)
    if not (_is_entry_node(node) if is_entry is None else is_entry):
        raise ValidationError("Summarader räknas fram och kan inte matas in.")
    measure = measure or measure_for(node)
    if measure not in (measure_for(node), Measure.COST, Measure.REVENUE):
        raise ValidationError("Prognosen kan bara avse nettot, kostnader eller intäkter.")
    if node.year != rnd.year or not rnd.is_open:
        _check_editable(rnd, node, NodeStatus.DRAFT)  # raises
    printed = format_tkr(amount, 3 if amount != amount.to_integral_value() else 0)
    params = {"round": rnd.pk, "node": node.pk, "year": rnd.year, "period": rnd.period, "month": rnd.month,
              "scenario": Scenario.FORECAST, "measure": measure, "amount": amount, "expected": expected_version,
              "user": user.pk, "now": timezone.now(), "printed": printed,
              "description": f"Prognos {rnd.label} {rnd.year}", "via": via, "draft": NodeStatus.DRAFT}
    if connection.vendor == "postgresql":
        tables = {"status": NodeRoundStatus._meta.db_table, "figure": Figure._meta.db_table,
                  "change": FigureChange._meta.db_table, "comment": DeviationComment._meta.db_table}
        with connection.cursor() as cursor:
            cursor.execute(_UPDATE_IN_PLACE_SQL.format(**tables), params)
            status, comment, figure_id, new_version = cursor.fetchone()
        if new_version is not None:  # updated and logged
            figure = Figure(pk=figure_id, node=node, year=rnd.year, period=rnd.period, month=rnd.month,
                            scenario=Scenario.FORECAST, measure=measure, line_label="", basis_year=rnd.year,
                            amount=amount, version=new_version, entered_by=user, entered_at=params["now"],
                            printed_value=printed)
            figure._state.adding = False
            # what Figure.save() would have announced (the dashboards' data version listens)
            post_save.send(sender=Figure, instance=figure, created=False, raw=False, using=connection.alias,
                           update_fields=frozenset(_UPDATED_FIELDS))
            return SavedForecast(figure, status, comment or "")
    return _write_forecast_locked(rnd=rnd, node=node, user=user, amount=amount, expected_version=expected_version,
                                  measure=measure, params=params)


@transaction.atomic
def _write_forecast_locked(*, rnd: FollowUpRound, node: OrgNode, user, amount: Decimal, expected_version: int,
                           measure: str, params: dict) -> SavedForecast:
    """The general path: lock the node, read, then answer 409/422, write nothing, insert or update."""
    status = _lock_node(rnd, node)
    _check_editable(rnd, node, status)
    tables = {"figure": Figure._meta.db_table, "comment": DeviationComment._meta.db_table}
    with connection.cursor() as cursor:
        cursor.execute(_NODE_STATE_SQL.format(**tables), params)
        comment, figure_id, old, current_version = cursor.fetchone()
    old, current_version, comment = as_decimal(old), current_version or 0, comment or ""
    if current_version != expected_version:
        current = Figure.objects.select_related("entered_by").filter(pk=figure_id).first()
        raise Conflict(current_value=old, your_value=amount, current_version=current_version,
                       changed_by=str(current.entered_by or "") if current else "",
                       changed_at=current.entered_at if current else None)
    figure = Figure(pk=figure_id, node=node, year=rnd.year, period=rnd.period, month=rnd.month,
                    scenario=Scenario.FORECAST, measure=measure, line_label="", basis_year=rnd.year,
                    amount=old, version=current_version)
    if figure_id is not None and old == amount:
        return SavedForecast(figure, status, comment)
    figure.amount, figure.entered_by, figure.printed_value = amount, user, params["printed"]
    if figure_id is None:
        figure.version = 1
        figure.save()
    else:
        figure.version = current_version + 1
        figure.save(update_fields=_UPDATED_FIELDS)
    FigureChange.objects.create(figure=figure, node=node, old_amount=old, new_amount=amount, changed_by=user,
                                via=params["via"], description=params["description"])
    return SavedForecast(figure, status, comment)


_UPDATED_FIELDS = ["amount", "version", "entered_by", "entered_at", "printed_value"]


@transaction.atomic
def save_comment(*, rnd: FollowUpRound, node: OrgNode, user, text: str, expected_version: int,
                 via: str = ChangeSource.WEB_FORM) -> DeviationComment:
    require_perm(user, "budget.edit_forecast", node)
    status = locked_status(rnd, node)
    _check_editable(rnd, node, status)
    text = text.strip()
    comment = DeviationComment.objects.select_for_update().filter(round=rnd, node=node).first()
    current_version = comment.version if comment else 0
    if current_version != expected_version:
        raise Conflict(current_value=comment.text if comment else "", your_value=text,
                       current_version=current_version,
                       changed_by=str(comment.changed_by or "") if comment else "",
                       changed_at=comment.changed_at if comment else None)
    old = comment.text if comment else ""
    if comment is None:
        comment = DeviationComment(round=rnd, node=node, version=1)
    elif old == text:
        return comment
    else:
        comment.version += 1
    comment.text, comment.changed_by = text, user
    comment.save()
    EntryChange.objects.create(round=rnd, node=node, kind=EntryKind.COMMENT, object_id=comment.pk, field="text",
                               old_value=old, new_value=text, via=via, changed_by=user)
    return comment


# ----------------------------------------------------------------------------------------------
# Workflow
# ----------------------------------------------------------------------------------------------

#: action → (allowed from, to, permission, reason required)
TRANSITIONS: dict[str, tuple[set[str], str, str, bool]] = {
    "submit": ({NodeStatus.DRAFT}, NodeStatus.SUBMITTED, "budget.submit_forecast", False),
    "approve": ({NodeStatus.SUBMITTED}, NodeStatus.APPROVED, "budget.approve_forecast", False),
    "return": ({NodeStatus.SUBMITTED}, NodeStatus.DRAFT, "budget.approve_forecast", True),
    "lock": ({NodeStatus.APPROVED}, NodeStatus.LOCKED, "budget.manage_rounds", False),
    "reopen": ({NodeStatus.SUBMITTED, NodeStatus.APPROVED, NodeStatus.LOCKED}, NodeStatus.DRAFT,
               "budget.manage_rounds", True),
}


def can_transition(user, action: str, node: OrgNode) -> bool:
    _, _, perm, _ = TRANSITIONS[action]
    return bool(user.has_perm(perm, node))


@transaction.atomic
def change_status(*, rnd: FollowUpRound, node: OrgNode, user, action: str, reason: str = "",
                  expected_version: int | None = None) -> NodeRoundStatus:
    """Move one entry node through utkast → inskickad → godkänd → låst (or back, with a reason)."""
    if action not in TRANSITIONS:
        raise ValidationError("Okänd åtgärd.")
    sources, target, perm, needs_reason = TRANSITIONS[action]
    require_perm(user, perm, node)
    if not rnd.is_open:
        raise ValidationError("Omgången är stängd.")
    if needs_reason and not reason.strip():
        raise ValidationError("Ange en motivering.")
    status = locked_status(rnd, node)
    if expected_version is not None and status.version != expected_version:
        raise Conflict(current_value=status.status, your_value=target, current_version=status.version,
                       changed_by=str(status.changed_by or ""), changed_at=status.changed_at)
    if status.status not in sources:
        raise ValidationError(f"{node.name}: kan inte gå från {status.get_status_display().lower()} "
                              f"till {NodeStatus(target).label.lower()}.")
    if action == "submit":
        _check_comments(rnd, node, user)
    StatusEvent.objects.create(node_status=status, old_status=status.status, new_status=target,
                               reason=reason.strip(), changed_by=user)
    status.status, status.changed_by = target, user
    status.version += 1
    status.save()
    return status


def _check_comments(rnd: FollowUpRound, node: OrgNode, user) -> None:
    """A node cannot be submitted without a forecast, nor without a comment where one is required."""
    grid = round_grid(rnd, node, user)
    row = grid.row(node.pk)
    if row is None or row.forecast is None:
        raise ValidationError(f"{node.name}: ange en prognos innan du skickar in.")
    if comment_required(row.variance, row.budget, rnd) and not row.comment_text.strip():
        raise ValidationError(f"{node.name}: avvikelsen kräver en kommentar innan du skickar in.")


@transaction.atomic
def change_status_many(*, rnd: FollowUpRound, nodes: list[OrgNode], user, action: str,
                       reason: str = "") -> list[NodeRoundStatus]:
    """Apply one action to several nodes all-or-nothing; errors of every node are reported together.

    Nodes the user has no right to act on, or that are not in the action's source status, are
    skipped; if that leaves nothing, PermissionDenied (no right on any) or ValidationError is raised.
    """
    if action not in TRANSITIONS:
        raise ValidationError("Okänd åtgärd.")
    sources, _, perm, _ = TRANSITIONS[action]
    allowed = [n for n in nodes if user.has_perm(perm, n)]
    if not allowed:
        raise PermissionDenied("Behörighet saknas.")
    current = dict(NodeRoundStatus.objects.filter(round=rnd, node__in=allowed).values_list("node_id", "status"))
    candidates = [n for n in allowed if current.get(n.pk, NodeStatus.DRAFT) in sources]
    if not candidates:
        raise ValidationError("Det finns inga enheter att utföra åtgärden på.")
    errors: list[str] = []
    done: list[NodeRoundStatus] = []
    for node in candidates:
        try:
            with transaction.atomic():
                done.append(change_status(rnd=rnd, node=node, user=user, action=action, reason=reason))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return done
