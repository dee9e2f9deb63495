"""Budget changes a plan lists: förändringsspecifikation rows and frame adjustments (ramjusteringar).

Frame adjustments carry a counterpart and the decision that made them, and plans print them twice
(itemised and aggregated), so reading them and keeping one account of them live together here.
The pure text helpers (counterpart, decision reference, frame rows) are in :mod:`.frames`.
"""

from __future__ import annotations

from decimal import Decimal

from budgetapp.budget.models import BudgetChangeKind, Scenario
from budgetapp.core import money
from budgetapp.organisation.models import OrgNode

from . import columns as col
from . import frames
from .nodes import NodeRef, NodeResolver
from .parsing.extraction import Table, TableRow
from .plan_base import PlannerBase
from .plan_items import ChangeItem, DocPlan, node_key


class ChangeMapper(PlannerBase):
    """Reads change and frame-adjustment rows into :class:`ChangeItem` rows, one per year."""

    def add_changes(self, plan: DocPlan, table: Table, row: TableRow, node: NodeRef,
                    specs: list[col.ColumnSpec | None], unit: str) -> None:
        reason, marker = col.split_marker(row.label)
        budget_year = plan.info.year
        for value, spec in zip(row.values, specs, strict=False):
            if spec is None or not isinstance(value, Decimal) or spec.year < budget_year:
                continue
            if spec.scenario not in (Scenario.BUDGET, Scenario.PLAN):
                continue
            plan.changes.append(ChangeItem(node=node, line=row.line, page=table.page, budget_year=budget_year,
                                           year=spec.year, reason=reason[:400], amount=money.to_tkr(value, unit),
                                           printed_unit=unit, marker=marker))

    def add_frame_adjustments(self, plan: DocPlan, table: Table, row: TableRow, org: NodeRef,
                              specs: list[col.ColumnSpec | None], unit: str, resolver: NodeResolver) -> None:
        """A ramjustering: one BudgetChange per year, counterpart read from 'från X till Y' in its text."""
        reason, marker = col.split_marker(row.label)
        own = org if isinstance(org, OrgNode) else None
        other = frames.counterpart(reason, own, resolver.nodes)
        if other.name and other.node is None:
            self.warn(row.line, f"Motparten ”{other.name}” i ramjusteringen ”{reason[:80]}” finns inte i "
                                f"organisationen {plan.info.year}; namnet sparas som text.", table.page)
        reference = frames.decision_reference(self.extraction.documents or [self.extraction.document],
                                              plan.index)
        for value, spec in zip(row.values, specs, strict=False):
            if spec is None or not isinstance(value, Decimal) or spec.year < (plan.info.year or spec.year):
                continue
            if spec.scenario not in (Scenario.BUDGET, Scenario.PLAN):
                continue
            plan.changes.append(ChangeItem(
                node=org, line=row.line, page=table.page, budget_year=plan.info.year, year=spec.year,
                reason=reason[:400], amount=money.to_tkr(value, unit), printed_unit=unit, marker=marker,
                kind=BudgetChangeKind.FRAME_ADJUSTMENT, counterpart=other.node, counterpart_name=other.name,
                decision_reference=reference, origin=table.page_or_line))

    def dedupe_frame_adjustments(self, plan: DocPlan) -> None:
        """Keep one account of a year's ramjusteringar.

        Plans print them twice: itemised in a list (000:702-714) and aggregated per counterpart in the
        driftsammandrag (000:1816-1819). For a year both cover, the table with the most items is kept;
        if the two do not add up to the same total the difference is reported, never "fixed".
        """
        by_year: dict[tuple, dict[int, list[ChangeItem]]] = {}
        for item in plan.changes:
            if item.kind == BudgetChangeKind.FRAME_ADJUSTMENT:
                by_year.setdefault((node_key(item.node), item.year), {}).setdefault(item.origin, []).append(item)
        drop: set[int] = set()
        for (_node, year), tables in by_year.items():
            if len(tables) < 2:
                continue
            keep = max(tables, key=lambda origin: (len(tables[origin]), -origin))
            kept_sum = sum(i.amount for i in tables[keep])
            for origin, items in tables.items():
                if origin == keep:
                    continue
                other_sum = sum(i.amount for i in items)
                if other_sum != kept_sum:
                    self.warn(items[0].line, f"Ramjusteringarna {year} summerar till {other_sum} tkr här men till "
                                             f"{kept_sum} tkr i listan på rad {tables[keep][0].line}; listan används.")
                drop.update(id(i) for i in items)
        if drop:
            plan.changes = [c for c in plan.changes if id(c) not in drop]
