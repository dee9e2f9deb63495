"""Resolve printed organisation names to the year's org nodes, in memory.

Same rule as ``organisation.selectors.find_node_by_name`` (name, short name or alias of a node of
that year, case-insensitive), plus tolerance for the variants documents print ("HR staben" vs
"HR-staben", "&" vs "och", footnote stars). The year's nodes are loaded once per import so a
300-row table costs one query, not 300. Nodes the importer would create are planned as
:class:`NewNode` and only created by the writer.
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetapp.organisation.models import NodeKind, OrgNode
from budgetapp.organisation.selectors import find_node_by_name

from .columns import clean, normalise_name


@dataclass
class NewNode:
    """A node the import will create (reported in the preview and the summary)."""

    year: int
    name: str
    parent: OrgNode | NewNode | None
    kind: str = NodeKind.UNIT
    financing: str = "appropriation"
    created: OrgNode | None = None

    @property
    def reports_result(self) -> bool:
        return self.financing == "revenue"

    @property
    def pk(self) -> None:
        return None


NodeRef = OrgNode | NewNode


class NodeResolver:
    def __init__(self, year: int) -> None:
        self.year = year
        self.nodes = list(OrgNode.objects.filter(year=year).order_by("sort_order", "id"))
        self.by_id = {n.pk: n for n in self.nodes}
        self.index: dict[str, list[OrgNode]] = {}
        for node in self.nodes:
            for name in {node.name, node.short_name, *(node.aliases or [])}:
                if name:
                    self.index.setdefault(normalise_name(name), []).append(node)
        self.planned: dict[str, NewNode] = {}

    def ancestors(self, node: OrgNode) -> list[int]:
        out, current = [], node
        while current is not None and current.parent_id:
            out.append(current.parent_id)
            current = self.by_id.get(current.parent_id)
        return out

    def find(self, printed: str, within: NodeRef | None = None) -> NodeRef | None:
        key = normalise_name(printed)
        if not key:
            return None
        candidates = self.index.get(key) or []
        if not candidates and key in self.planned:
            return self.planned[key]
        if not candidates:
            # the printed text may carry a trailing explanation: "Kommunstyrelsen, kommunledningen"
            head = key.split(",")[0].strip()
            candidates = self.index.get(head, []) if head != key else []
        if not candidates:
            return None
        if len(candidates) > 1 and isinstance(within, OrgNode):
            inside = [c for c in candidates if c.pk == within.pk or within.pk in self.ancestors(c)]
            if inside:
                return inside[0]
        return candidates[0]

    def find_unit(self, printed: str, org: NodeRef | None) -> NodeRef | None:
        """Like :meth:`find`, but a row of the organisation's own tables that repeats the organisation's
        name means the unit below it of that name (KS's verksamhetsområde "Kommunstyrelsen" under KLF,
        001:313), when there is one."""
        found = self.find(printed, org)
        if found is None or not isinstance(org, OrgNode) or found is not org:
            return found
        key = normalise_name(printed)
        inside = [c for c in self.index.get(key, []) if c.pk != org.pk and org.pk in self.ancestors(c)]
        return inside[0] if inside else found

    def organisation(self, printed: str) -> tuple[NodeRef, bool]:
        """The document's organisation node; planned as a new top-level node if the tree lacks it."""
        found = self.find(printed) if printed else None
        if found is None and printed:
            found = find_node_by_name(self.year, clean(printed))
        if found is not None:
            return found, False
        name = clean(printed) or "Okänd organisation"
        root = next((n for n in self.nodes if n.parent_id is None and n.kind == NodeKind.MUNICIPALITY), None)
        kind = NodeKind.ADMINISTRATION if "förvaltning" in name.casefold() else NodeKind.COMMITTEE
        node = self.plan_node(name, root, kind)
        return node, True

    def plan_node(self, name: str, parent: NodeRef | None, kind: str = NodeKind.UNIT) -> NewNode:
        key = normalise_name(name)
        if key in self.planned:
            return self.planned[key]
        financing = parent.financing if isinstance(parent, OrgNode | NewNode) else "appropriation"
        node = NewNode(year=self.year, name=clean(name)[:200], parent=parent, kind=kind, financing=financing)
        self.planned[key] = node
        return node

    def by_code(self) -> dict[str, OrgNode]:
        return {n.code.strip(): n for n in self.nodes if n.code}


def materialise(ref: NodeRef) -> OrgNode:
    """Create a planned node (and planned parents) once; existing nodes pass through."""
    if isinstance(ref, OrgNode):
        return ref
    if ref.created is None:
        parent = materialise(ref.parent) if ref.parent is not None else None
        ref.created = OrgNode.objects.create(year=ref.year, name=ref.name, parent=parent, kind=ref.kind,
                                             financing=ref.financing, within_frame=True, sort_order=9000)
    return ref.created


def ref_label(ref: NodeRef) -> str:
    return ref.name
