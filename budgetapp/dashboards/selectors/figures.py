"""Resolve stored `Figure` rows into the amounts a dashboard cell shows.

A cell is (node, column). A column names a scenario, a year and an end month. A node's amount is
its own stored total (line_label == "") when there is one, otherwise the sum of its children, so the
dashboards work whether an importer stored totals at every level or only at the leaves. Amounts are
kept internally as *net cost* (positive = cost) and turned into the node's own convention (result,
positive = surplus, for revenue-funded nodes) only for display, via `budget.calc`.

Fetching runs at most a fixed number of queries: one for the nodes asked about, one for subtrees
without totals of their own (skipped when there are none), and per earlier year three for lineage
(`counterparts_in_year`) plus one name fallback and one for the counterparts' figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import Lower
from django.utils.translation import gettext, gettext_noop

from budgetapp.budget import calc
from budgetapp.budget.models import Figure, Measure, PeriodKind, Scenario
from budgetapp.core.provenance import PROVENANCE_COLUMNS, ProvenanceRow
from budgetapp.organisation.models import OrgNode
from budgetapp.organisation.selectors import counterparts_in_year

from .context import OrgTree

NET_MEASURES = (Measure.NET_COST, Measure.RESULT, Measure.COST, Measure.REVENUE)
#: Marked here, translated where a cell is built (per request).
DERIVED_SOURCE = gettext_noop("Summa av underliggande enheter inom ram")


@dataclass(frozen=True)
class ColumnSpec:
    """One amount column: which scenario, year and end month it reads (or a variance of two)."""

    key: str
    label: str
    scenario: str = ""
    year: int = 0
    month: int = 12
    fallback_scenarios: tuple[str, ...] = ()
    variance_of: tuple[str, str] | None = None  # (budget key, outcome key)

    @property
    def is_variance(self) -> bool:
        return self.variance_of is not None

    def scenarios(self) -> tuple[str, ...]:
        return (self.scenario, *self.fallback_scenarios) if self.scenario else ()


@dataclass
class Cell:
    """An amount in net-cost convention with where it came from."""

    net: Decimal | None = None
    cost: Decimal | None = None
    revenue: Decimal | None = None
    sources: list[str] = field(default_factory=list)
    derived: bool = False
    note: str = ""

    @property
    def source_label(self) -> str:
        text = "; ".join(dict.fromkeys(s for s in self.sources if s))
        if self.note:
            text = f"{text} ({self.note})" if text else self.note
        return text


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass(frozen=True, slots=True)
class FigureRow(ProvenanceRow):
    """The columns of a `Figure` a dashboard cell needs, read as a tuple instead of a model.

    A whole-kommun page reads hundreds of figures; building `Figure` models with their source
    document and user joined in cost more than the queries themselves.
    """

    document_current: bool | None
    pk: int
    node_id: int
    scenario: str
    year: int
    month: int
    measure: str
    period: str
    basis_year: int
    amount: Decimal


FIGURE_ROW_COLUMNS = (*PROVENANCE_COLUMNS, "source_document__is_current", "pk", "node_id", "scenario", "year", "month",
                      "measure", "period", "basis_year", "amount")


def _preference(fig: FigureRow, basis_year: int) -> tuple:
    """Sort key: the figure decided for its own budget year, from a current document, newest."""
    doc_current = bool(fig.document_current) if fig.source_document_id else True
    return (
        fig.basis_year == basis_year,
        fig.period != PeriodKind.MONTH,
        doc_current,
        fig.pk,
    )


def _cell_from_figures(figs: list[FigureRow], basis_year: int) -> Cell | None:
    """Pick one figure per measure, then derive the net cost (NET_COST > RESULT > COST − REVENUE)."""
    if not figs:
        return None
    best: dict[str, FigureRow] = {}
    for fig in figs:
        current = best.get(fig.measure)
        if current is None or _preference(fig, basis_year) > _preference(current, basis_year):
            best[fig.measure] = fig
    cost, revenue = best.get(Measure.COST), best.get(Measure.REVENUE)
    cell = Cell(cost=cost.amount if cost else None, revenue=revenue.amount if revenue else None)
    if Measure.NET_COST in best:
        chosen = [best[Measure.NET_COST]]
        cell.net = chosen[0].amount
    elif Measure.RESULT in best:
        chosen = [best[Measure.RESULT]]
        cell.net = calc.to_convention(chosen[0].amount, calc.RESULT, calc.NET_COST)
    else:
        chosen = [f for f in (cost, revenue) if f]
        cell.net = calc.net_cost(cell.cost, cell.revenue)
    cell.sources = [f.source_label for f in chosen]
    return cell


class FigureGrid:
    """The figures needed for a set of columns over one year's tree, resolved per node.

    Only the nodes a caller asks about (`targets`) are read first; the subtrees below targets that
    have no stored total of their own are read in a second query, so a kommun that stores totals at
    every level reads a few hundred rows instead of every figure of the year. Both queries filter on
    the exact (scenario, year, month) of each column: a year's twelve monthly actuals are never
    loaded to show one of them. The number of queries is bounded whatever the size of the tree.
    """

    def __init__(self, tree: OrgTree, columns: Iterable[ColumnSpec], nodes: Iterable[OrgNode] | None = None,
                 targets: Iterable[OrgNode] | None = None):
        self.tree = tree
        self.columns = [c for c in columns if not c.is_variance]
        scope = list(nodes) if nodes is not None else tree.nodes
        self.scope_ids = [n.pk for n in scope]
        self._targets = [n for n in targets if n is not None] if targets is not None else scope
        self._grouped: dict[tuple, list[FigureRow]] = defaultdict(list)
        self._loaded: set[int] = set()
        self._resolved: dict[tuple[int, str], Cell | None] = {}
        self._prior: dict[str, dict[int, list[OrgNode]]] = {}
        self._prior_figs: dict[tuple[int, str], Cell | None] = {}
        self._load()

    # -- loading ------------------------------------------------------------------------------
    def _column_filter(self, years: Iterable[int] | None = None) -> set[tuple[str, int, int]]:
        """The exact (scenario, year, month) of every column (of `years` when given)."""
        return {(s, c.year, c.month) for c in self.columns for s in c.scenarios()
                if years is None or c.year in years}

    def _fetch(self, node_ids: Iterable[int], combos: set[tuple[str, int, int]]) -> list[FigureRow]:
        """The net-measure totals of these nodes for exactly these (scenario, year, month) combinations.

        The database filters on each part with IN lists and Python keeps the exact combinations:
        an OR of one AND per combination cost more to build and compile (~1 ms) than the query took.
        Nothing to read means no query at all.
        """
        ids = list(node_ids)
        if not ids or not combos:
            return []
        rows = (Figure.objects.filter(node_id__in=ids, line_label="", measure__in=NET_MEASURES,
                                      scenario__in=sorted({c[0] for c in combos}),
                                      year__in=sorted({c[1] for c in combos}),
                                      month__in=sorted({c[2] for c in combos}))
                .order_by().values_list(*FIGURE_ROW_COLUMNS))
        figures = (FigureRow(*row) for row in rows)
        return [f for f in figures if (f.scenario, f.year, f.month) in combos]

    def _add_figures(self, figs: Iterable[FigureRow]) -> None:
        for fig in figs:
            self._grouped[(fig.node_id, fig.scenario, fig.year, fig.month)].append(fig)

    def _load(self) -> None:
        scope_ids = set(self.scope_ids)
        targets = [n for n in self._targets if n.pk in scope_ids]
        condition = self._column_filter()
        self._add_figures(self._fetch((n.pk for n in targets), condition))
        self._loaded = {n.pk for n in targets}
        # nodes without a stored total of their own are summed from their children: read their subtrees
        # (earlier years come from the counterparts of the nodes read, see below)
        current = [c for c in self.columns if c.year >= self.tree.year]
        missing = [n for n in targets if any(self._own(n.pk, c) is None for c in current)]
        below: dict[int, OrgNode] = {}
        for node in missing:
            if node.pk in below:
                continue
            for d in self.tree.descendants(node):
                if d.pk not in self._loaded and d.pk in scope_ids:
                    below[d.pk] = d
        self._add_figures(self._fetch(below, condition))
        self._loaded |= set(below)
        # earlier years that the tree's own nodes do not carry are read from their counterparts
        earlier = sorted({c.year for c in self.columns if c.year < self.tree.year})
        if not earlier:
            return
        loaded_nodes = [self.tree.by_id.get(pk) for pk in self._loaded]
        loaded_nodes = [n for n in loaded_nodes if n is not None]
        counterpart_ids: set[int] = set()
        for year in earlier:
            mapping = _counterparts(self.tree, year, loaded_nodes)
            self._prior[str(year)] = mapping
            counterpart_ids |= {n.pk for nodes in mapping.values() for n in nodes}
        grouped_prior: dict[tuple, list[FigureRow]] = defaultdict(list)
        for fig in self._fetch(counterpart_ids, self._column_filter(earlier)):
            grouped_prior[(fig.node_id, fig.scenario, fig.year, fig.month)].append(fig)
        for col in self.columns:
            if col.year >= self.tree.year:
                continue
            for node_id in counterpart_ids:
                self._prior_figs[(node_id, col.key)] = self._match(grouped_prior, node_id, col)

    def _own(self, node_id: int, col: ColumnSpec) -> Cell | None:
        key = (node_id, col.key, "own")
        if key not in self._resolved:
            self._resolved[key] = self._match(self._grouped, node_id, col)
        return self._resolved[key]

    @staticmethod
    def _match(grouped: dict, node_id: int, col: ColumnSpec) -> Cell | None:
        for scenario in col.scenarios():
            cell = _cell_from_figures(grouped.get((node_id, scenario, col.year, col.month), []), col.year)
            if cell is not None:
                return cell
        return None

    # -- resolving ----------------------------------------------------------------------------
    def cell(self, node: OrgNode, col: ColumnSpec) -> Cell | None:
        """The node's amount: own figure, else counterpart's (earlier years), else sum of children."""
        key = (node.pk, col.key)
        if key in self._resolved:
            return self._resolved[key]
        cell = self._own(node.pk, col)
        if cell is None and col.year < self.tree.year:
            cell = self._from_counterparts(node, col)
        if cell is None:
            # like the documents' "Summa": only units inside the frame and in the node's own convention
            measure = self.tree.measure(node)
            kids = [self.cell(child, col) for child in self.tree.kids(node)
                    if child.within_frame and self.tree.measure(child) == measure]
            kids = [k for k in kids if k is not None]
            if kids:
                cell = Cell(derived=True, sources=[gettext(DERIVED_SOURCE)])
                for k in kids:
                    cell.net = _add(cell.net, k.net)
                    cell.cost = _add(cell.cost, k.cost)
                    cell.revenue = _add(cell.revenue, k.revenue)
        self._resolved[key] = cell
        return cell

    def _from_counterparts(self, node: OrgNode, col: ColumnSpec) -> Cell | None:
        counterparts = self._prior.get(str(col.year), {}).get(node.pk, [])
        cells = [(c, self._prior_figs.get((c.pk, col.key))) for c in counterparts]
        cells = [(c, cell) for c, cell in cells if cell is not None]
        if not cells:
            return None
        out = Cell()
        for _, cell in cells:
            out.net = _add(out.net, cell.net)
            out.cost = _add(out.cost, cell.cost)
            out.revenue = _add(out.revenue, cell.revenue)
            out.sources.extend(cell.sources)
        names = ", ".join(c.name for c, _ in cells)
        if names != node.name:
            out.note = f"avser {names} {col.year}"
        return out


def _counterparts(tree: OrgTree, year: int, nodes: Iterable[OrgNode] | None = None) -> dict[int, list[OrgNode]]:
    """Each node's counterparts in `year` via lineage links, falling back to the same name.

    `nodes` limits the lookup to the nodes a page shows (default: the whole tree); the name fallback
    reads only the candidates with one of the missing names (case-insensitive), not the whole year.
    """
    nodes = list(nodes) if nodes is not None else tree.nodes
    mapping = counterparts_in_year(nodes, year)
    missing = [n for n in nodes if not mapping.get(n.pk)]
    names = sorted({n.name.lower() for n in missing}) or [""]
    by_name: dict[str, list[OrgNode]] = defaultdict(list)
    for other in (OrgNode.objects.annotate(lname=Lower("name")).filter(year=year, lname__in=names)
                  .only("id", "name", "year", "parent_id")):
        by_name[other.name.casefold()].append(other)
    for node in missing:
        candidates = by_name.get(node.name.casefold(), [])
        if len(candidates) == 1:
            mapping[node.pk] = candidates
    return mapping


def display_measure(node: OrgNode | None) -> str:
    """The convention a node's net figure is shown in: result for revenue-funded nodes."""
    return calc.RESULT if node is not None and node.reports_result else calc.NET_COST


def shown(value: Decimal | None, measure: str) -> Decimal | None:
    return calc.to_convention(value, calc.NET_COST, measure)


SCENARIO_LABELS = dict(Scenario.choices)
