"""What an import plan holds: the rows the import would write, each with its node and provenance.

Kept apart from the planner so the writer, the preview and the tests can use the plan's shape
without importing the table-reading code, and so every planner module shares one definition of
an item's identity (:func:`node_key`, :func:`figure_key`) — the key that decides whether two
printings of a figure are the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budgetapp.budget.models import BudgetChangeKind, PeriodKind
from budgetapp.organisation.models import OrgNode

from . import columns as col
from .nodes import NewNode, NodeRef
from .parsing.extraction import DocumentInfo, ParseWarning


@dataclass
class Item:
    node: NodeRef
    line: int | None
    page: int | None


@dataclass
class FigureItem(Item):
    year: int
    scenario: str
    measure: str
    amount: Decimal
    basis_year: int
    period: str = PeriodKind.FULL_YEAR
    month: int = 12
    line_label: str = ""
    printed_unit: str = "tkr"
    printed_value: str = ""


@dataclass
class ChangeItem(Item):
    budget_year: int
    year: int
    reason: str
    amount: Decimal
    printed_unit: str = "tkr"
    marker: str = ""
    kind: str = BudgetChangeKind.CHANGE_SPECIFICATION
    counterpart: OrgNode | None = None
    counterpart_name: str = ""
    decision_reference: str = ""
    origin: int = 0  # the table's first line: tells a detailed ramjusteringar list from aggregated rows


@dataclass
class ProjectItem(Item):
    year: int
    name: str
    status: str = "ongoing"
    values: dict[str, Decimal | int | None] = field(default_factory=dict)
    is_large: bool = False
    printed_unit: str = "tkr"


@dataclass
class FrameItem(Item):
    basis_year: int
    year: int
    kind: str
    label: str
    amount: Decimal
    printed_unit: str = "tkr"


@dataclass
class PlanRowItem(Item):
    basis_year: int
    name: str
    year: int
    amount: Decimal


@dataclass
class KeyFigureItem(Item):
    year: int
    kind: str
    label: str
    column: str
    is_forecast: bool
    raw_value: str
    value: Decimal | None
    unit: str


@dataclass
class IndicatorItem:
    name: str
    parent: str | None
    mandatory: bool
    footnote: str
    line: int
    values: list[tuple[int, bool, str, col.IndicatorReading]]


@dataclass
class GoalItem(Item):
    year: int
    kind: str
    name: str
    description: str
    target_area: str | None
    municipal_goal: str | None
    status: str | None
    status_text: str
    analysis: str
    period: str | None
    indicators: list[IndicatorItem]
    sort_order: int = 0


@dataclass
class DocPlan:
    index: int
    info: DocumentInfo
    organisation: NodeRef
    figures: dict[tuple, FigureItem] = field(default_factory=dict)
    changes: list[ChangeItem] = field(default_factory=list)
    projects: dict[tuple, ProjectItem] = field(default_factory=dict)
    frames: list[FrameItem] = field(default_factory=list)
    plan_rows: list[PlanRowItem] = field(default_factory=list)
    key_figures: dict[tuple, KeyFigureItem] = field(default_factory=dict)
    goals: list[GoalItem] = field(default_factory=list)
    unmapped_tables: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "figures": len(self.figures), "budget_changes": len(self.changes), "projects": len(self.projects),
            "investment_frames": len(self.frames), "investment_plan_rows": len(self.plan_rows),
            "key_figures": len(self.key_figures), "goals": len(self.goals),
            "indicators": sum(len(g.indicators) for g in self.goals),
        }


@dataclass
class ImportPlan:
    docs: list[DocPlan]
    warnings: list[ParseWarning]
    new_nodes: list[NewNode]


def node_key(node: NodeRef) -> tuple:
    return ("node", node.pk) if isinstance(node, OrgNode) else ("new", id(node))


def figure_key(item: FigureItem) -> tuple:
    return (node_key(item.node), item.year, item.period, item.month, item.scenario, item.measure,
            item.line_label, item.basis_year)


def printed(value: Decimal) -> str:
    """A number as the document prints it ("260,3"), kept for provenance and rounding checks."""
    return str(value).replace(".", ",")
