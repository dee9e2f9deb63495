"""Investeringar: projects (färdigställda / pågående, stora separat), frames per nämnd, 10-year plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from budgetapp.budget.models import PeriodKind
from budgetapp.core.provenance import PROVENANCE_COLUMNS, ProvenanceRow
from budgetapp.investments.models import (
    LARGE_PROJECT_THRESHOLD_TKR,
    FrameKind,
    InvestmentFrame,
    InvestmentPlanItem,
    InvestmentProject,
    ProjectStatus,
    lifetime_variance,
    year_variance,
)
from budgetapp.organisation.models import OrgNode

from .context import ROUND_PERIODS, OrgTree

PROJECT_AMOUNTS = ("approved_budget", "accumulated_actual", "lifetime_variance", "year_budget", "year_actual",
                   "year_forecast", "year_variance")


@dataclass(frozen=True, slots=True)
class ProjectData(ProvenanceRow):
    """What the investment tables show of a project of one report period, read as a tuple."""

    pk: int
    node_id: int
    parent_id: int | None
    name: str
    status: str
    is_large: bool
    approved_budget: Decimal | None
    accumulated_actual: Decimal | None
    year_budget: Decimal | None
    year_actual: Decimal | None
    year_forecast: Decimal | None
    total_forecast: Decimal | None
    end_year: int | None
    node: OrgNode

    @property
    def year_variance(self) -> Decimal | None:
        return year_variance(self.year_budget, self.year_actual)

    @property
    def lifetime_variance(self) -> Decimal | None:
        return lifetime_variance(self.approved_budget, self.total_forecast, self.accumulated_actual)


PROJECT_COLUMNS = (*PROVENANCE_COLUMNS, "pk", "node_id", "parent_id", "name", "status", "is_large", "approved_budget",
                   "accumulated_actual", "year_budget", "year_actual", "year_forecast", "total_forecast", "end_year")


@dataclass(frozen=True, slots=True)
class FrameData(ProvenanceRow):
    """An investment frame row as the frame table and the overview card use it."""

    node_id: int
    kind: str
    amount: Decimal


@dataclass
class ProjectRow:
    project: ProjectData
    is_part: bool = False

    @property
    def label(self) -> str:
        return gettext("varav %(name)s") % {"name": self.project.name} if self.is_part else self.project.name

    def amount(self, key: str) -> Decimal | None:
        return getattr(self.project, key)


@dataclass
class ProjectGroup:
    key: str
    title: str
    rows: list[ProjectRow]
    totals: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class FrameRow:
    node: OrgNode
    frame: Decimal | None
    spent: Decimal | None
    source: str

    @property
    def remaining(self) -> Decimal | None:
        if self.frame is None or self.spent is None:
            return None
        return self.frame - self.spent


@dataclass
class InvestmentsPage:
    year: int
    period: str | None
    periods: list[str]
    groups: list[ProjectGroup]
    frames: list[FrameRow]
    plan_years: list[int]
    plan_rows: list[tuple[str, str, dict[int, Decimal], str]]  # node, item, amounts per year, source


@dataclass
class InvestmentHeadline:
    frame: Decimal | None
    spent: Decimal | None
    spent_label: str
    source: str

    @property
    def share(self) -> Decimal | None:
        if not self.frame or self.spent is None:
            return None
        return (self.spent / self.frame * 100).quantize(Decimal("0.1"))


def _projects(tree: OrgTree, node: OrgNode | None, wanted: str | None) -> tuple[list[ProjectData], str | None,
                                                                           list[str]]:
    """The projects of one report period (the wanted one, else the latest) and all reported periods.

    Two queries: the periods, then only that period's projects (a year holds one row per project
    and report period), read as tuples. Project nodes come from the tree in memory instead of a join.
    """
    base = InvestmentProject.objects.filter(tree.subtree_q(node), year=tree.year)
    order = [PeriodKind.MONTH, *ROUND_PERIODS]
    periods = sorted(set(base.order_by().values_list("period", flat=True).distinct()), key=order.index)
    period = wanted if wanted in periods else (periods[-1] if periods else None)
    rows = list(base.filter(period=period or "").order_by("name", "id").values_list(*PROJECT_COLUMNS))
    node_index = len(PROVENANCE_COLUMNS) + 1
    missing = {row[node_index] for row in rows if row[node_index] not in tree.by_id}  # never for the year's tree
    extra = OrgNode.objects.in_bulk(missing) if missing else {}
    projects = [ProjectData(*row, node=tree.by_id.get(row[node_index]) or extra[row[node_index]]) for row in rows]
    return projects, period, periods


def _frames(tree: OrgTree, node: OrgNode | None, projects: list[ProjectData] | None) -> list[FrameRow]:
    """The frame per nämnd (decided, else within frame); `spent` from `projects` when given."""
    frames = (FrameData(*row) for row in
              InvestmentFrame.objects.filter(tree.subtree_q(node), year=tree.year, basis_year=tree.year)
              .order_by("node_id", "id").values_list(*PROVENANCE_COLUMNS, "node_id", "kind", "amount"))
    by_node: dict[int, dict[str, list[FrameData]]] = defaultdict(lambda: defaultdict(list))
    for frame in frames:
        by_node[frame.node_id][frame.kind].append(frame)
    rows = []
    for node_id, kinds in by_node.items():
        chosen = kinds.get(FrameKind.DECIDED_FRAME) or kinds.get(FrameKind.WITHIN_FRAME) or []
        if not chosen:
            continue
        frame_node = tree.by_id[node_id]
        spent = None
        if projects is not None:
            below = {n.pk for n in tree.descendants(frame_node)}
            for p in projects:
                if p.node_id in below and p.parent_id is None:
                    amount = p.year_forecast if p.year_forecast is not None else p.year_actual
                    if amount is not None:
                        spent = (spent or Decimal(0)) + amount
        rows.append(FrameRow(frame_node, sum((f.amount for f in chosen), Decimal(0)), spent,
                             "; ".join(f.source_label for f in chosen if f.source_label)))
    return rows


def _group_rows(projects: list[ProjectData]) -> list[ProjectRow]:
    parts: dict[int, list[ProjectData]] = defaultdict(list)
    for p in projects:
        if p.parent_id:
            parts[p.parent_id].append(p)
    rows: list[ProjectRow] = []
    for p in projects:
        if p.parent_id:
            continue
        rows.append(ProjectRow(p))
        rows.extend(ProjectRow(part, is_part=True) for part in parts.get(p.pk, []))
    return rows


def _totals(rows: list[ProjectRow]) -> dict[str, Decimal | None]:
    totals: dict[str, Decimal | None] = {}
    for key in PROJECT_AMOUNTS:
        values = [r.amount(key) for r in rows if not r.is_part and r.amount(key) is not None]
        totals[key] = sum(values, Decimal(0)) if values else None
    return totals


def is_large(project: ProjectData) -> bool:
    return project.is_large or (project.approved_budget or 0) >= LARGE_PROJECT_THRESHOLD_TKR


def build_investments(tree: OrgTree, node: OrgNode | None, period: str | None = None) -> InvestmentsPage:
    """Projects of the chosen report period grouped as in the year-end report (five queries)."""
    current, period, periods = _projects(tree, node, period)
    ids_current = {p.pk for p in current}
    current = [p for p in current if p.parent_id is None or p.parent_id in ids_current]
    groups = []
    for key, title, status in (("completed", gettext("Färdigställda projekt"), ProjectStatus.COMPLETED),
                               ("ongoing", gettext("Pågående projekt"), ProjectStatus.ONGOING),
                               ("planned", gettext("Planerade projekt"), ProjectStatus.PLANNED)):
        top = [p for p in current if p.status == status and not is_large(p) and p.parent_id is None]
        top_ids = {p.pk for p in top}
        chosen = [p for p in current if p.pk in top_ids or p.parent_id in top_ids]
        rows = _group_rows(chosen)
        if rows:
            groups.append(ProjectGroup(key, title, rows, _totals(rows)))
    large_top = {p.pk for p in current if is_large(p) and p.parent_id is None}
    large = _group_rows([p for p in current if p.pk in large_top or p.parent_id in large_top])
    if large:
        groups.append(ProjectGroup("large", gettext("Stora investeringsprojekt (minst 50 mnkr)"), large,
                                  _totals(large)))
    frames = _frames(tree, node, current)
    items = (InvestmentPlanItem.objects.filter(tree.subtree_q(node), basis_year=tree.year)
             .select_related("source_document", "entered_by").order_by("node_id", "name", "year"))
    plan: dict[tuple[str, str], tuple[dict[int, Decimal], list[str]]] = {}
    years: set[int] = set()
    for item in items:
        node_name = tree.by_id[item.node_id].name if item.node_id in tree.by_id else item.node.name
        amounts, sources = plan.setdefault((node_name, item.name), ({}, []))
        amounts[item.year] = amounts.get(item.year, Decimal(0)) + item.amount
        sources.append(item.source_label)
        years.add(item.year)
    plan_rows = [(n, name, amounts, "; ".join(dict.fromkeys(s for s in sources if s)))
                 for (n, name), (amounts, sources) in plan.items()]
    return InvestmentsPage(tree.year, period, periods, groups, frames, sorted(years), plan_rows)


def investment_headline(tree: OrgTree, node: OrgNode | None) -> InvestmentHeadline | None:
    """Investments vs frame for the overview card (two queries, no project rows).

    Same figures as the investment page's latest report period: the sums of the top-level
    projects' year forecasts (else year outcomes), computed by the database per report period.
    """
    top = Q(parent__isnull=True)
    per_period = {
        row["period"]: row for row in
        InvestmentProject.objects.filter(tree.subtree_q(node), year=tree.year).order_by().values("period")
        .annotate(projects=Count("id", filter=top),
                  forecast=Sum("year_forecast", filter=top), forecasts=Count("year_forecast", filter=top),
                  actual=Sum("year_actual", filter=top), actuals=Count("year_actual", filter=top))
    }
    order = [PeriodKind.MONTH, *ROUND_PERIODS]
    latest = per_period[max(per_period, key=order.index)] if per_period else None
    frames = _frames(tree, node, None)
    if not (latest and latest["projects"]) and not frames:
        return None
    if latest and latest["forecasts"]:
        spent, label = latest["forecast"], gettext("Prognos")
    elif latest and latest["actuals"]:
        spent, label = latest["actual"], gettext("Utfall")
    else:
        spent, label = None, ""
    top_frames = [f for f in frames if not any(o.node.pk in {a.pk for a in tree.ancestors(f.node)[:-1]}
                                               for o in frames)]
    frame = sum((f.frame for f in top_frames if f.frame is not None), Decimal(0)) if top_frames else None
    return InvestmentHeadline(frame, spent, label, "; ".join(f.source for f in top_frames if f.source))
