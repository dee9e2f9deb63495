"""Reads for one forecast cell: its path in the tree and the sum rows above it, without the sheet.

A cell save answers with the cell and the sum rows above it (`cells.forecast_response`). Building
those from `round_grid` meant the year's whole tree (django-tree-queries ranks every node of the
year, ~2 ms) and every figure the sheet shows. Here the path is one recursive query upwards from
the node (a handful of rows), and the sums are one query downwards from the grid root joining only
the figures a sum row's forecast and avvikelse depend on: budget and this round's forecast (no
utfall, no previous round, no statuses or comments of other units). The arithmetic is the grid's:
the same figure filters, `_latest`, conversions and `calc` functions; the factor from a unit into
a sum row above it is the product of the grid's per-edge flips, i.e. −1 exactly when the two
rows use different conventions. `tests/followup/test_cell_save.py` checks the two agree.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

from budgetapp.accounts.models import NodeAssignment
from budgetapp.budget import calc
from budgetapp.budget.models import Figure, Measure, Scenario
from budgetapp.core.models import SourceDocument
from budgetapp.organisation.models import OrgNode

from .models import DeviationComment, FollowUpRound, NodeRoundStatus, NodeStatus
from .selectors import (
    _AMOUNT,
    _ID,
    _MEASURE,
    _SCENARIO,
    _VERSION,
    GridRow,
    _convert,
    _latest,
    comment_required,
    measure_for_financing,
)

_NODES = OrgNode._meta.db_table
_MAX_DEPTH = 64  # a guard against a (corrupt) cycle in parent links; real trees are ~6 deep

#: Columns of a path node: what permissions, the save and the cell need; others load lazily.
_PATH_FIELDS = ("id", "parent_id", "year", "name", "kind", "financing")
_ROUND_FIELDS = FollowUpRound._meta.concrete_fields
_PATH_SQL = f"""
WITH RECURSIVE up(id, parent_id, year, name, kind, financing, depth) AS (
    SELECT id, parent_id, year, name, kind, financing, 0 FROM {_NODES} WHERE id = %(node)s
    UNION ALL
    SELECT n.id, n.parent_id, n.year, n.name, n.kind, n.financing, up.depth + 1
    FROM {_NODES} n JOIN up ON n.id = up.parent_id
    WHERE up.depth < {_MAX_DEPTH}
)
SELECT up.id, up.parent_id, up.year, up.name, up.kind, up.financing,
       (SELECT c.id FROM {_NODES} c WHERE c.parent_id = up.id LIMIT 1) IS NOT NULL,
       EXISTS (SELECT 1 FROM {NodeAssignment._meta.db_table} a WHERE a.user_id = %(user)s AND a.node_id = up.id),
       {", ".join(f"r.{f.column}" for f in _ROUND_FIELDS)}
FROM up LEFT JOIN {FollowUpRound._meta.db_table} r ON r.id = %(round)s
ORDER BY up.depth DESC
"""  # noqa: S608 - table names from the models, values are parameters

#: The grid root's subtree and, per node, the figures `_figure_base` & `_budget_or_forecast` select
#: (kept in step with them by tests/followup/test_cell_save.py). On PostgreSQL both joins are
#: `LATERAL … OFFSET 0`, which keeps them from being flattened: an index scan per node (parent_id,
#: node_id) instead of hash joins over the whole tree and the year's ~2 000 budget and forecast
#: rows (0.4 ms instead of 1.1 ms). SQLite has no LATERAL and gets plain joins.
_FIGURE_FILTER = """f.year = %(year)s AND f.basis_year = %(year)s AND f.line_label = ''
      AND f.measure IN (%(net_cost)s, %(result)s)
      AND (f.scenario = %(budget)s OR (f.scenario = %(forecast)s AND f.period = %(period)s
                                        AND f.month = %(month)s AND f.source_document_id IS NULL))"""
_FIGURE_COLUMNS_SQL = "f.id, f.node_id, f.scenario, f.measure, f.period, f.month, f.amount, f.version"
_FIGURES, _DOCUMENTS = Figure._meta.db_table, SourceDocument._meta.db_table
_SUBTREE_SQL = """
WITH RECURSIVE sub(id, parent_id, financing, depth) AS (
    SELECT id, parent_id, financing, 0 FROM {nodes} WHERE id = %(root)s
    UNION ALL
    SELECT c.id, c.parent_id, c.financing, sub.depth + 1 FROM {children}
    WHERE sub.depth < {max_depth}
)
SELECT sub.id, sub.parent_id, sub.financing, {columns} FROM {figures}
"""
_SHEET_SQL = {
    "lateral": _SUBTREE_SQL.format(
        nodes=_NODES, max_depth=_MAX_DEPTH, columns=_FIGURE_COLUMNS_SQL,
        children=f"sub CROSS JOIN LATERAL (SELECT id, parent_id, financing FROM {_NODES} "  # noqa: S608
                 "WHERE parent_id = sub.id OFFSET 0) c",
        figures=f"""sub LEFT JOIN LATERAL (
    SELECT f.* FROM {_FIGURES} f LEFT JOIN {_DOCUMENTS} d ON d.id = f.source_document_id
    WHERE f.node_id = sub.id AND (f.source_document_id IS NULL OR d.is_current) AND {_FIGURE_FILTER}
    OFFSET 0) f ON TRUE"""),  # noqa: S608 - table names from the models, values are parameters
    "plain": _SUBTREE_SQL.format(
        nodes=_NODES, max_depth=_MAX_DEPTH, columns=_FIGURE_COLUMNS_SQL,
        children=f"{_NODES} c JOIN sub ON c.parent_id = sub.id",
        figures=f"""sub LEFT JOIN ({_FIGURES} f LEFT JOIN {_DOCUMENTS} d ON d.id = f.source_document_id)
    ON f.node_id = sub.id AND (f.source_document_id IS NULL OR d.is_current) AND {_FIGURE_FILTER}"""),
}

_THOUSANDTHS = Decimal("0.001")


def as_decimal(value) -> Decimal | None:
    """A money column read with a raw cursor: Decimal on PostgreSQL, int/float on SQLite."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(_THOUSANDTHS)


def cell_context(round_id: int | None, node_id: int, user=None) -> tuple[FollowUpRound | None, list[OrgNode]]:
    """The round and the node's path from the tree's top down to the node, in one query.

    Each node gets `tree_path` (ids from the top to itself, as django-tree-queries names it, which
    lets `rules` check an assignment against the path without walking subtrees), `tree_depth` and
    `has_children`. With a signed-in `user`, the same query answers whether one of each node's
    ancestors (or itself) is assigned to that user, kept on the node as `path_assignment`
    (user id, bool) for `rules`. Only the columns in `_PATH_FIELDS` are loaded; any other field is
    read on first access (Django's deferred fields). The path is empty when the node does not
    exist; the round is None when it does not exist (or the node does not).
    """
    user_id = user.pk if user is not None and user.is_authenticated else None
    with connection.cursor() as cursor:
        cursor.execute(_PATH_SQL, {"node": node_id, "user": user_id, "round": round_id})
        found = cursor.fetchall()
    nodes: list[OrgNode] = []
    ids: list[int] = []
    assigned = False
    width = len(_PATH_FIELDS)
    for depth, row in enumerate(found):
        node = OrgNode.from_db(connection.alias, _PATH_FIELDS, row[:width])
        has_children, is_assigned = row[width], row[width + 1]
        ids.append(node.pk)
        assigned = assigned or bool(is_assigned)
        node.tree_path, node.tree_depth, node.has_children = list(ids), depth, bool(has_children)
        if user_id is not None:
            node.path_assignment = (user_id, assigned)
        nodes.append(node)
    rnd = None
    if found and found[0][width + 2] is not None:  # to_python: SQLite hands back dates and decimals as text
        values = [f.to_python(v) for f, v in zip(_ROUND_FIELDS, found[0][width + 2:], strict=True)]
        rnd = FollowUpRound.from_db(connection.alias, [f.attname for f in _ROUND_FIELDS], values)
    return rnd, nodes


def node_path(node_id: int, user=None) -> list[OrgNode]:
    """The node and its ancestors, top down (see `cell_context`)."""
    return cell_context(None, node_id, user)[1]


def cell_state(rnd: FollowUpRound, node: OrgNode) -> tuple[str, str]:
    """The node's workflow status and deviation comment in the round (two small reads)."""
    status = (NodeRoundStatus.objects.filter(round=rnd, node=node).values_list("status", flat=True).first()
              or str(NodeStatus.DRAFT))
    comment = DeviationComment.objects.filter(round=rnd, node=node).values_list("text", flat=True).first() or ""
    return status, comment


def _sheet_figures(rnd: FollowUpRound, root_id: int) -> list[tuple]:
    """(node id, parent id, financing, *figure columns or Nones) for every node of root's subtree."""
    params = {"root": root_id, "year": rnd.year, "net_cost": Measure.NET_COST, "result": Measure.RESULT,
              "budget": Scenario.BUDGET, "forecast": Scenario.FORECAST, "period": rnd.period, "month": rnd.month}
    with connection.cursor() as cursor:
        cursor.execute(_SHEET_SQL["lateral" if connection.vendor == "postgresql" else "plain"], params)
        return cursor.fetchall()


def cell_rows(rnd: FollowUpRound, path: list[OrgNode], user, *, status: str | None = None,
              comment_text: str | None = None) -> tuple[GridRow, list[GridRow]]:
    """The row of `path[-1]` and the sum rows above it up to the grid root `path[0]`.

    One query for the figures (plus two for the node's status and comment unless the caller
    already holds them, as a save does), whatever the sheet's size. `path` is a slice of
    `node_path`. The rows carry what `cells.forecast_response` renders.
    """
    root, node = path[0], path[-1]
    parent_of: dict[int, int | None] = {}
    measure_of: dict[int, str] = {}
    budget: dict[int, tuple] = {}
    forecast: dict[int, tuple] = {}
    for nid, parent_id, financing, *figure in _sheet_figures(rnd, root.pk):
        if nid not in measure_of:
            parent_of[nid] = parent_id if nid != root.pk else None
            measure_of[nid] = measure_for_financing(financing)
        if figure[_ID] is None:
            continue
        figure[_AMOUNT] = as_decimal(figure[_AMOUNT])
        if figure[_SCENARIO] == Scenario.BUDGET:
            _latest(budget, tuple(figure))
        elif figure[_MEASURE] == measure_of[nid]:  # this round's forecast, in the node's own measure
            _latest(forecast, tuple(figure))
    has_children = {p for p in parent_of.values() if p is not None}

    rows: dict[int, GridRow] = {}
    for n in path:
        rows[n.pk] = GridRow(node=n, depth=n.tree_depth - root.tree_depth, is_entry=n.pk not in has_children,
                             measure=measure_of.get(n.pk) or measure_for_financing(n.financing))
    for nid, measure in measure_of.items():
        if nid in has_children:
            continue
        found = budget.get(nid)
        unit_budget = None if found is None else _convert(found[_AMOUNT], found[_MEASURE], measure)
        unit_forecast = forecast[nid][_AMOUNT] if nid in forecast else None
        variance = calc.variance(unit_budget, unit_forecast, measure)
        if nid in rows:
            row = rows[nid]
            row.budget, row.forecast = unit_budget, unit_forecast
            row.forecast_version = forecast[nid][_VERSION] if nid in forecast else 0
            row.variance = variance
            row.variance_percent = calc.variance_percent(variance, unit_budget)
            row.needs_comment = comment_required(variance, unit_budget, rnd)
        ancestor = parent_of[nid]
        while ancestor is not None:  # add the unit into every sum row of the path above it
            if ancestor in rows:
                total = rows[ancestor]
                factor = 1 if total.measure == measure else -1
                total.entries_total += 1
                if unit_forecast is not None:
                    total.entries_with_forecast += 1
                    total.forecast = (total.forecast or Decimal(0)) + unit_forecast * factor
                if variance is not None:  # favourable is favourable in both conventions: no flip
                    total.variance = (total.variance or Decimal(0)) + variance
                    total.budget_with_forecast += (unit_budget or Decimal(0)) * factor
            ancestor = parent_of.get(ancestor)
    for row in rows.values():
        if not row.is_entry:
            row.variance_percent = calc.variance_percent(row.variance, row.budget_with_forecast)

    row = rows[node.pk]
    if row.is_entry:
        if status is None or comment_text is None:
            status, comment_text = cell_state(rnd, node)
        row.status, row.comment_text = status, comment_text
        row.can_edit = bool(user.has_perm("budget.edit_forecast", node))
        row.editable = row.can_edit and rnd.is_open and row.status == NodeStatus.DRAFT
        row.ancestors = [(a, 1 if rows[a].measure == row.measure else -1) for a in node.tree_path
                         if a != node.pk and a in rows]
    return row, [rows[n.pk] for n in path[:-1]]
