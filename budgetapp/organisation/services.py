"""Writes to the org tree."""

from __future__ import annotations

from django.db import transaction

from .models import LineageKind, OrgLineage, OrgNode


class OrgServiceError(Exception):
    pass


@transaction.atomic
def copy_year(from_year: int, to_year: int | None = None) -> int:
    """Copy year N's whole tree to N+1 (or `to_year`), linking each copy to its original.

    Refuses when the target year already has nodes, so the admin action cannot double a tree.
    Returns the number of nodes created.
    """
    to_year = to_year or from_year + 1
    if OrgNode.objects.filter(year=to_year).exists():
        raise OrgServiceError(f"År {to_year} har redan en organisation; ta bort den först eller ändra den.")
    nodes = list(OrgNode.objects.with_tree_fields().filter(year=from_year))
    if not nodes:
        raise OrgServiceError(f"År {from_year} har ingen organisation att kopiera.")
    new_by_old: dict[int, OrgNode] = {}
    # with_tree_fields orders parents before children, so each parent copy exists first
    for node in nodes:
        copy = OrgNode.objects.create(
            year=to_year,
            parent=new_by_old[node.parent_id] if node.parent_id else None,
            name=node.name,
            short_name=node.short_name,
            kind=node.kind,
            code=node.code,
            financing=node.financing,
            within_frame=node.within_frame,
            aliases=node.aliases,
            sort_order=node.sort_order,
        )
        new_by_old[node.pk] = copy
    OrgLineage.objects.bulk_create(
        OrgLineage(predecessor_id=old, successor=new, kind=LineageKind.CONTINUES) for old, new in new_by_old.items()
    )
    return len(new_by_old)
