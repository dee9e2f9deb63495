"""Year comparison: the same unit across years although it was renamed, merged or moved.

Counterparts come from `OrgLineage` via `organisation.selectors.counterparts_in_year`, falling back
to an identical name. Per compared year a fixed number of queries run, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budgetapp.budget.models import Scenario
from budgetapp.organisation.models import OrgNode

from .context import OrgTree
from .figures import ColumnSpec, FigureGrid, _counterparts, shown


@dataclass
class ComparisonCell:
    names: list[str]
    budget: Decimal | None
    outcome: Decimal | None
    sources: str

    @property
    def renamed(self) -> bool:
        return bool(self.names)


@dataclass
class ComparisonRow:
    node: OrgNode
    measure: str
    cells: dict[int, ComparisonCell] = field(default_factory=dict)


@dataclass
class YearComparison:
    year: int
    node: OrgNode | None
    years: list[int]
    rows: list[ComparisonRow]


def build_year_comparison(tree: OrgTree, node: OrgNode | None, years: list[int]) -> YearComparison:
    """Budget and outcome of `node` and its children in each of `years` (ascending)."""
    subjects = ([node] if node is not None else []) + tree.kids(node)
    rows = [ComparisonRow(n, tree.measure(n)) for n in subjects]
    for year in years:
        other = tree if year == tree.year else OrgTree.load(year)
        mapping = ({n.pk: [n] for n in subjects} if year == tree.year else _counterparts(tree, year))
        targets = {c.pk: c for n in subjects for c in mapping.get(n.pk, [])}
        if not targets:
            continue
        budget_col = ColumnSpec("budget", "Budget", Scenario.BUDGET, year)
        outcome_col = ColumnSpec("outcome", "Bokslut", Scenario.YEAR_END_OUTCOME, year,
                                 fallback_scenarios=(Scenario.ACTUAL,))
        scope = {d.pk: d for t in targets.values() if t.pk in other.by_id
                 for d in other.descendants(other.by_id[t.pk])}
        grid = FigureGrid(other, [budget_col, outcome_col], scope.values(),
                          targets=[other.by_id[t.pk] for t in targets.values() if t.pk in other.by_id])
        for row in rows:
            counterparts = [other.by_id.get(c.pk, c) for c in mapping.get(row.node.pk, [])]
            if not counterparts:
                continue
            budget = outcome = None
            sources: list[str] = []
            for c in counterparts:
                for col in (budget_col, outcome_col):
                    cell = grid.cell(c, col)
                    if cell is None or cell.net is None:
                        continue
                    if col is budget_col:
                        budget = (budget or Decimal(0)) + cell.net
                    else:
                        outcome = (outcome or Decimal(0)) + cell.net
                    sources.append(cell.source_label)
            names = [c.name for c in counterparts]
            row.cells[year] = ComparisonCell(
                names if names != [row.node.name] else [],
                shown(budget, row.measure), shown(outcome, row.measure),
                "; ".join(dict.fromkeys(s for s in sources if s)),
            )
    return YearComparison(tree.year, node, years, rows)
