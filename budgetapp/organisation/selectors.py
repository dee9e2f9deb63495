"""Reads of the org tree. Every function here runs a fixed number of queries, whatever the size."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q

from .models import OrgLineage, OrgNode


def tree_for_year(year: int) -> list[OrgNode]:
    """All nodes of one year in depth-first order with `tree_depth`; one recursive query."""
    return list(OrgNode.objects.with_tree_fields().filter(year=year).order_siblings_by("sort_order", "name"))


def children_as_of(parent_id: int | None, year: int) -> list[OrgNode]:
    qs = OrgNode.objects.filter(year=year)
    qs = qs.filter(parent__isnull=True) if parent_id is None else qs.filter(parent_id=parent_id)
    return list(qs.order_by("sort_order", "name"))


def subtree_ids(root_ids: Iterable[int]) -> set[int]:
    """Ids of the given nodes and all their descendants, in one recursive query.

    The CTE starts from the roots and walks down `parent_id`, so it touches only the subtrees asked
    for, not every year's whole tree (this runs on every permission check of a controller).
    """
    roots = sorted({int(r) for r in root_ids})
    if not roots:
        return set()
    table = OrgNode._meta.db_table
    placeholders = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE sub(id) AS ("  # noqa: S608 - table name from the model, values are parameters
        f"SELECT id FROM {table} WHERE id IN ({placeholders}) "
        f"UNION SELECT n.id FROM {table} n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, roots)
        return {row[0] for row in cursor.fetchall()}


def ancestors_of(node: OrgNode) -> list[OrgNode]:
    return list(node.ancestors(include_self=True))


def name_in_year(node: OrgNode, year: int) -> str | None:
    """Name of `node`'s counterpart in `year` following lineage links (None if it did not exist)."""
    counterpart = counterparts_in_year([node], year).get(node.pk)
    return counterpart[0].name if counterpart else None


def counterparts_in_year(nodes: Iterable[OrgNode], year: int) -> dict[int, list[OrgNode]]:
    """Map node id → the nodes in `year` it descends from or became, following lineage transitively.

    Loads all lineage links once (small table) and walks them in memory: a fixed two queries.
    """
    nodes = list(nodes)
    links = list(OrgLineage.objects.values_list("predecessor_id", "successor_id"))
    forward: dict[int, set[int]] = {}
    backward: dict[int, set[int]] = {}
    for pred, succ in links:
        forward.setdefault(pred, set()).add(succ)
        backward.setdefault(succ, set()).add(pred)
    year_of = dict(OrgNode.objects.filter(Q(successor_links__isnull=False) | Q(predecessor_links__isnull=False))
                   .values_list("id", "year").distinct())
    out: dict[int, set[int]] = {}
    for node in nodes:
        if node.year == year:
            out[node.pk] = {node.pk}
            continue
        graph = forward if year > node.year else backward
        frontier, seen, found = {node.pk}, set(), set()
        while frontier:
            current = frontier.pop()
            seen.add(current)
            for nxt in graph.get(current, ()):
                if year_of.get(nxt) == year:
                    found.add(nxt)
                elif nxt not in seen:
                    frontier.add(nxt)
        out[node.pk] = found
    wanted = set().union(*out.values()) if out else set()
    by_id = OrgNode.objects.in_bulk(wanted)
    return {k: sorted((by_id[i] for i in v), key=lambda n: n.name) for k, v in out.items()}


def find_node_by_name(year: int, name: str) -> OrgNode | None:
    """Resolve a printed name (or alias) to a node of `year`; case-insensitive."""
    wanted = name.strip().casefold()
    for node in OrgNode.objects.filter(year=year).only("id", "name", "short_name", "aliases"):
        names = [node.name, node.short_name, *(node.aliases or [])]
        if any(n and n.strip().casefold() == wanted for n in names):
            return node
    return None
