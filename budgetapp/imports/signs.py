"""Which way a revenue-funded unit's net row is printed: result (surplus +) or net cost (deficit +).

Documents print the net of a revenue-funded förvaltning both ways, even in one table: VSS's
"Verksamhetens nettokostnad 3 346" is intäkter − kostnader (257 616 − 254 271, a surplus; 000:1824-1826)
while Leanlink's "15 000" two rows below is kostnader − intäkter (1 641 300 − 1 626 300, a deficit;
000:1829-1831), and Leanlink's own driftsammandrag prints its areas the same way (Råd & Stöd −6 000 is
a surplus; 000:4267-4275). A ``result`` figure is positive for a surplus, so the printed net is kept
when the table's own varav rows say it is a result and negated when they say it is a net cost; the
verdict for a unit covers its sub-units in that table. Without varav rows the printed sign stands.
"""

from __future__ import annotations

from decimal import Decimal

from budgetapp.budget.models import Measure
from budgetapp.organisation.models import OrgNode

from .nodes import NewNode, NodeRef, NodeResolver


def _key(node: NodeRef) -> tuple:
    return ("node", node.pk) if isinstance(node, OrgNode) else ("new", id(node))


def _chain(node: NodeRef, resolver: NodeResolver) -> list[tuple]:
    """The node and its ancestors, as keys."""
    keys = [_key(node)]
    if isinstance(node, OrgNode):
        keys += [("node", pk) for pk in resolver.ancestors(node)]
    else:
        parent = node.parent
        while parent is not None:
            keys.append(_key(parent))
            if isinstance(parent, OrgNode):
                keys += [("node", pk) for pk in resolver.ancestors(parent)]
                break
            parent = parent.parent if isinstance(parent, NewNode) else None
    return keys


def orient_results(pending: list, resolver: NodeResolver) -> None:
    """Negate a table's implicit ``result`` items of units whose varav rows show a net-cost print.

    ``pending`` holds ``(FigureItem, implicit)`` pairs of one table; ``implicit`` is True when the
    measure came from the node's financing rather than from the row label.
    """
    groups: dict[tuple, dict[str, Decimal]] = {}
    for item, implicit in pending:
        measure = "net" if implicit and item.measure == Measure.RESULT else item.measure
        if measure in ("net", Measure.COST, Measure.REVENUE):
            key = (_key(item.node), item.year, item.scenario, item.basis_year, item.line_label)
            groups.setdefault(key, {})[measure] = item.amount
    votes: dict[tuple, int] = {}
    for (node_key, *_rest), g in groups.items():
        net, cost, rev = g.get("net"), g.get(Measure.COST), g.get(Measure.REVENUE)
        if net is None or cost is None or rev is None or net == 0:
            continue
        tolerance = max(Decimal(1), abs(net) / 1000)
        as_result = abs(net - (rev - cost)) <= tolerance
        as_cost = abs(net - (cost - rev)) <= tolerance
        if as_cost != as_result:
            votes[node_key] = votes.get(node_key, 0) + (1 if as_cost else -1)
    cost_printed = {k for k, v in votes.items() if v > 0}
    if not cost_printed:
        return
    for item, implicit in pending:
        if implicit and item.measure == Measure.RESULT and item.amount:
            chain = _chain(item.node, resolver)
            verdict = next((k for k in chain if k in votes), None)
            if verdict in cost_printed:
                item.amount = -item.amount
