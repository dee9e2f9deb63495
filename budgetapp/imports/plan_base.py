"""State and helpers every part of the planner shares: the extraction, one node resolver per
year (so a year's org nodes are loaded once per import) and the warnings collected on the way.

The planner is split by what it reads (figures, budget changes, investments, key figures, goals);
each part is a mixin on :class:`PlannerBase` so they share this state without passing it around.
"""

from __future__ import annotations

from budgetapp.core import money

from . import columns as col
from .nodes import NodeRef, NodeResolver
from .parsing.extraction import Extraction, ParseWarning, Table


class PlannerBase:
    """The extraction being planned, its per-year node resolvers and the warnings found so far."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.resolvers: dict[int, NodeResolver] = {}
        self.warnings: list[ParseWarning] = []

    def resolver(self, year: int) -> NodeResolver:
        if year not in self.resolvers:
            self.resolvers[year] = NodeResolver(year)
        return self.resolvers[year]

    def warn(self, line: int | None, message: str, page: int | None = None) -> None:
        self.warnings.append(ParseWarning(line=line, message=message, page=page))

    def money_unit(self, table: Table) -> str | None:
        """The table's unit as tkr/mnkr/…; tkr (with a warning) when none is printed, None when unreadable."""
        unit = money.canonical_unit(table.unit or "") if table.unit else None
        if unit is None and not (table.unit or "").strip():
            self.warn(table.page_or_line, f"Tabellen ”{table.title}” anger ingen enhet; tkr antas.", table.page)
            return "tkr"
        return unit

    def table_node(self, table: Table, resolver: NodeResolver, org: NodeRef) -> NodeRef | None:
        """The unit a table's title names ("HR-staben (tkr)"), if any."""
        title = col.clean(table.title).split("(")[0].strip()
        return resolver.find_unit(title, org) if title else None
