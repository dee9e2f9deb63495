"""Map an :class:`Extraction` onto the domain model as an :class:`ImportPlan` (reads only).

The plan lists every row the import would write, with its org node (existing, or a planned new
unit) and provenance, so the same plan drives the preview ("what will change"), ``--dry-run`` and
the one atomic write in ``services``. Tables are routed by their kind and then read by their
headers: an amount table's columns say scenario and year ("Budget 2020", "Plan 2021", "Bokslut
2019", "Utfall 2022", "Prognos"), its row labels say the node or the measure ("varav intäkter").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budgetapp.budget.models import PERIOD_END_MONTH, BudgetChangeKind, Measure, PeriodKind, Scenario
from budgetapp.core import money
from budgetapp.organisation.models import OrgNode

from . import columns as col
from . import frames, signs
from .nodes import NewNode, NodeRef, NodeResolver
from .parsing.extraction import DocumentInfo, Extraction, ImportParseError, ParseWarning, Table, TableRow

AMOUNT_KIND_WORDS = ("operating", "drift", "economy", "ekonomi", "summary", "sammandrag", "stab", "staff_budget",
                     "unit_budget", "budget", "verksamhet")
KEY_FIGURE_KIND_WORDS = ("personnel", "personal", "volume", "volym", "key_figure", "nyckeltal")
LEDGER_KIND = "ledger"
NET_WORDS = ("nettokostnad", "verksamhetens nettokostnad", "netto")
EVENT_KIND_WORDS = ("event", "corona", "händelse")
FRAME_KIND_WORDS = ("frame_adjust", "ramjuster", "adjustment")


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


#: Half of the smallest step a printed value in this unit can show, in tkr ("260,3" mnkr ± 50 tkr).
_ROUNDING_TKR = {"mnkr": Decimal(50), "mdkr": Decimal(50_000), "tkr": Decimal("0.5"), "kr": Decimal("0.0005")}


def _same_when_rounded(a: FigureItem, b: FigureItem) -> bool:
    """260,3 mnkr and 260 318 tkr are the same figure printed at two precisions, not a conflict."""
    if a.printed_unit == b.printed_unit:
        return False
    step = max(_ROUNDING_TKR.get(a.printed_unit, Decimal(0)), _ROUNDING_TKR.get(b.printed_unit, Decimal(0)))
    decimals = max(len(v.split(",")[1]) if "," in v else 0 for v in (a.printed_value, b.printed_value))
    if decimals > 1:
        step = step / (10 ** (decimals - 1))
    return abs(a.amount - b.amount) <= step


def _project_status(text: str) -> str | None:
    if "färdigställ" in text or "avslutade" in text:
        return "completed"
    if "pågående" in text:
        return "ongoing"
    return None


def _printed(value: Decimal) -> str:
    return str(value).replace(".", ",")


class Planner:
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

    def build(self) -> ImportPlan:
        ex = self.extraction
        infos = ex.documents or [ex.document]
        docs: list[DocPlan] = []
        for index, info in enumerate(infos):
            tables = [t for t in ex.tables if t.document_index == index or (len(infos) == 1)]
            # detailed tables first: where a summary (ekonomi) prints a figure differently from the
            # driftsammandrag (000:677 vs 000:1820), the driftsammandrag's value is kept and the other reported
            tables.sort(key=lambda t: any(w in (t.kind or "").casefold() for w in ("econom", "ekonomi")))
            goals = [g for g in ex.goals if g.document_index == index or (len(infos) == 1)]
            if info.year is None:
                if tables or goals:
                    raise ImportParseError(f"Dokumentets år kunde inte läsas ({info.title or 'utan titel'}); "
                                           "inget importerades.", line=info.first_line or None)
                continue
            resolver = self.resolver(info.year)
            if info.kind == LEDGER_KIND:
                roots = [n for n in resolver.nodes if n.parent_id is None]
                if not roots:
                    raise ImportParseError(f"År {info.year} saknar organisation; utfall kan inte kopplas.")
                org, created = roots[0], False
            else:
                org, created = resolver.organisation(info.organisation)
            plan = DocPlan(index=index, info=info, organisation=org)
            for table in tables:
                self.map_table(plan, table, resolver)
            for order, goal in enumerate(goals):
                self.map_goal(plan, goal, order)
            self.infer_financing(plan)
            self.dedupe_frame_adjustments(plan)
            if created and not any(plan.counts().values()):
                resolver.planned = {k: v for k, v in resolver.planned.items() if v is not org}
            elif created:
                self.warn(info.first_line or None, f"Organisationen ”{org.name}” finns inte för {info.year} "
                                                   "och skapas vid importen.")
            docs.append(plan)
        new_nodes = [n for r in self.resolvers.values() for n in r.planned.values()]
        return ImportPlan(docs=docs, warnings=self.warnings, new_nodes=new_nodes)

    # --- routing -------------------------------------------------------------------------------

    def map_table(self, plan: DocPlan, table: Table, resolver: NodeResolver) -> None:
        kind = (table.kind or "").casefold()
        self.validate_shape(table)
        if kind == LEDGER_KIND:
            self.map_ledger(plan, table, resolver)
        elif any(w in kind for w in EVENT_KIND_WORDS):
            plan.unmapped_tables.append(
                f"{col.clean(table.title)} (händelsetabell, rad {table.page_or_line}: beloppen är redan en del av "
                "driftsammandragets utfall och sparas inte som egna belopp för att inte räknas dubbelt)")
        elif any(w in kind for w in FRAME_KIND_WORDS):
            self.map_amounts(plan, table, resolver, adjustments_only=True)
        elif "invest" in kind:
            self.map_investments(plan, table, resolver)
        elif any(w in kind for w in KEY_FIGURE_KIND_WORDS):
            self.map_key_figures(plan, table)
        elif any(w in kind for w in AMOUNT_KIND_WORDS) and not any(w in kind for w in ("adjust", "corona", "event")):
            self.map_amounts(plan, table, resolver)
        else:
            plan.unmapped_tables.append(f"{table.title} ({table.kind}, rad {table.page_or_line})")

    def validate_shape(self, table: Table) -> None:
        width = len(table.columns)
        for row in table.rows:
            if len(row.values) > width:
                raise ImportParseError(
                    f"Tabellen ”{table.title}”: raden ”{col.clean(row.label)}” har {len(row.values)} värden men "
                    f"tabellen har bara {width} kolumner ({', '.join(table.columns)}); en kolumn saknas.",
                    line=row.line or table.page_or_line, page=table.page)

    def money_unit(self, table: Table) -> str | None:
        unit = money.canonical_unit(table.unit or "") if table.unit else None
        if unit is None and not (table.unit or "").strip():
            self.warn(table.page_or_line, f"Tabellen ”{table.title}” anger ingen enhet; tkr antas.", table.page)
            return "tkr"
        return unit

    def table_node(self, table: Table, resolver: NodeResolver, org: NodeRef) -> NodeRef | None:
        title = col.clean(table.title).split("(")[0].strip()
        return resolver.find_unit(title, org) if title else None

    # --- amounts (driftsammandrag, ekonomi, stab tables) -----------------------------------------

    def map_amounts(self, plan: DocPlan, table: Table, resolver: NodeResolver, *,
                    adjustments_only: bool = False) -> None:
        unit = self.money_unit(table)
        if unit is None:
            plan.unmapped_tables.append(f"{table.title} ({table.unit}, rad {table.page_or_line})")
            return
        year = plan.info.year
        org = plan.organisation
        specs = [col.classify_column(c, year) for c in table.columns]
        if adjustments_only and year is not None:
            # a ramjusteringar list prints one "Belopp" column: the amounts are for the budget year
            specs = [s or (None if col.years_in(c) else col.ColumnSpec(Scenario.BUDGET, year, year))
                     for s, c in zip(specs, table.columns, strict=False)]
        before_adjustments = frames.adjusted_frame_rows(table)
        pending: list[tuple[FigureItem, bool]] = []
        if not any(specs):
            plan.unmapped_tables.append(f"{table.title} (inga kolumner med år, rad {table.page_or_line})")
            return
        own = self.table_node(table, resolver, org)
        kind = (table.kind or "").casefold()
        unit_table = own is not None and ("unit" in kind or "stab" in kind)
        creates_units = any(w in kind for w in ("operating", "drift", "sammandrag", "economy", "ekonomi"))
        current: NodeRef | None = None
        label_nodes: dict[str, NodeRef] = {}

        def parent_of(row: TableRow) -> NodeRef | None:
            if not row.parent:
                return None
            name = col.clean(row.parent)
            found = label_nodes.get(name) or (None if unit_table else resolver.find(name, org))
            if found is None and creates_units and col.looks_like_unit_name(name):
                found = resolver.plan_node(name, org)
                self.warn(row.line, f"Enheten ”{name}” finns inte i organisationen {year}; den skapas under "
                                    f"{org.name}.", table.page)
            return found

        for index, row in enumerate(table.rows):
            label = col.clean(row.label)
            numbers = [v for v in row.values if isinstance(v, Decimal)]
            if row.row_type in ("header", "note") or not numbers:
                current = None if unit_table else (resolver.find(label, org) or current)
                continue
            is_frame = index in before_adjustments
            if not is_frame and (frames.is_adjustment_row(table, row) or (
                    adjustments_only and row.row_type not in ("sum", "varav") and not col.is_sum_label(label))):
                self.add_frame_adjustments(plan, table, row, org, specs, unit, resolver)
                continue
            if adjustments_only and not is_frame:
                continue
            parent = parent_of(row)
            if row.row_type == "change":
                self.add_changes(plan, table, row, parent or current or own or org, specs, unit)
                continue
            measure = col.label_measure(label)
            low = label.casefold()
            scenario_override = None
            line_label = ""
            if measure is not None:
                node = parent or current or own or org
            elif low.startswith(NET_WORDS) and parent is not None and parent is not (own or org):
                # "Verksamhetens nettokostnad" under a förvaltning's heading (000:1823-1824) is that
                # förvaltning's net row, not the table's total
                node = current = parent
            elif row.row_type == "sum" or col.is_sum_label(label):
                node, current = own or org, None
            elif is_frame:
                node, scenario_override = own or org, Scenario.FRAME
                line_label = frames.ORIGINAL_FRAME_LABEL if before_adjustments[index] else ""
            elif low.startswith(NET_WORDS):
                node = current = parent or current or own or org
            elif unit_table:
                block = col.clean(row.parent) if row.parent else ""
                node = own
                line_label = (f"{block}: {label}" if block and block != label else label)[:300]
            else:
                found = resolver.find_unit(label, org)
                if found is not None:
                    node = current = found
                elif row.row_type == "line" and creates_units and col.looks_like_unit_name(label):
                    node = current = resolver.plan_node(label, parent if isinstance(parent, OrgNode) else org)
                    self.warn(row.line, f"Enheten ”{label}” finns inte i organisationen {year}; den skapas under "
                                        f"{(parent if isinstance(parent, OrgNode) else org).name}.", table.page)
                elif parent is not None or current is not None:
                    node, line_label = parent or current, label[:300]
                else:
                    self.warn(row.line, f"Raden ”{label}” i ”{table.title}” kunde inte kopplas till någon enhet "
                                        "och importeras inte.", table.page)
                    continue
            label_nodes[label] = node  # a parent label names the latest row printed with it
            for value, spec in zip(row.values, specs, strict=False):
                if spec is None or not isinstance(value, Decimal):
                    continue
                amount = money.to_tkr(value, unit)
                item_measure = measure or (Measure.RESULT if node.reports_result else Measure.NET_COST)
                if item_measure in (Measure.COST, Measure.REVENUE):
                    amount = abs(amount)
                if item_measure == Measure.RESULT and measure is None and not node.reports_result:
                    item_measure = Measure.NET_COST
                pending.append((FigureItem(
                    node=node, line=row.line, page=table.page, year=spec.year,
                    scenario=scenario_override or spec.scenario, measure=item_measure, amount=amount,
                    basis_year=spec.basis_year, period=spec.period, month=PERIOD_END_MONTH.get(spec.period, 12),
                    line_label=line_label, printed_unit=unit, printed_value=_printed(value)), measure is None))
        signs.orient_results(pending, resolver)
        for item, _implicit in pending:
            self.add_figure(plan, item)

    def add_figure(self, plan: DocPlan, item: FigureItem) -> None:
        key = figure_key(item)
        existing = plan.figures.get(key)
        if existing is None:
            plan.figures[key] = item
        elif existing.amount != item.amount and not _same_when_rounded(existing, item):
            self.warn(item.line, f"{item.node.name} {item.scenario} {item.year}: "
                                 f"{item.printed_value} {item.printed_unit} "
                                 f"skiljer sig från rad {existing.line} ({existing.printed_value} "
                                 f"{existing.printed_unit}); det första värdet används.", item.page)

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

    def infer_financing(self, plan: DocPlan) -> None:
        """Decide the sign convention of nodes the import creates from the document's own arithmetic.

        A net row printed as intäkter − kostnader (VSS's "5 027 = 38 405 − 33 378") is a result, one
        printed as kostnader − intäkter a net cost. Existing nodes keep their configured financing.
        """
        sums: dict[int, dict[tuple, dict[str, Decimal]]] = {}
        nodes: dict[int, NewNode] = {}
        for item in plan.figures.values():
            if isinstance(item.node, NewNode):
                nodes[id(item.node)] = item.node
                key = (item.year, item.scenario, item.basis_year, item.line_label)
                sums.setdefault(id(item.node), {}).setdefault(key, {})[item.measure] = item.amount
        revenue_nodes = set()
        for node_id, groups in sums.items():
            votes = 0
            for g in groups.values():
                net, cost, rev = g.get(Measure.NET_COST), g.get(Measure.COST), g.get(Measure.REVENUE)
                if net is None or cost is None or rev is None or net == 0:
                    continue
                tolerance = max(Decimal(1), abs(net) / 1000)
                if abs(net - (rev - cost)) <= tolerance:
                    votes += 1
                elif abs(net - (cost - rev)) <= tolerance:
                    votes -= 1
            if votes > 0:
                revenue_nodes.add(node_id)
                nodes[node_id].financing = "revenue"
        parents = {id(n.parent) for n in nodes.values()
                   if id(n) in revenue_nodes and isinstance(n.parent, NewNode)}
        for parent_id in parents:
            children = [n for n in nodes.values() if id(n.parent) == parent_id]
            if children and all(id(c) in revenue_nodes for c in children):
                children[0].parent.financing = "revenue"
                revenue_nodes.add(parent_id)
        if not revenue_nodes:
            return
        rekeyed: dict[tuple, FigureItem] = {}
        for item in plan.figures.values():
            if id(item.node) in revenue_nodes and item.measure == Measure.NET_COST:
                item.measure = Measure.RESULT
            rekeyed.setdefault(figure_key(item), item)
        plan.figures = rekeyed

    # --- ledger (actuals per month) ----------------------------------------------------------

    def map_ledger(self, plan: DocPlan, table: Table, resolver: NodeResolver) -> None:
        codes = resolver.by_code()
        year = plan.info.year
        for row in table.rows:
            node = codes.get(row.label.strip())
            if node is None:
                raise ImportParseError(f"Ansvarskoden ”{row.label}” finns inte i organisationen {year}; "
                                       "lägg in koden på enheten eller rätta filen.", line=row.line)
            measure, month, amount = row.values
            self.add_figure(plan, FigureItem(
                node=node, line=row.line, page=None, year=year, scenario=Scenario.ACTUAL, measure=str(measure),
                amount=Decimal(amount), basis_year=year, period=PeriodKind.MONTH, month=int(month),
                printed_unit="tkr", printed_value=_printed(Decimal(amount))))

    # --- investments ---------------------------------------------------------------------------

    def map_investments(self, plan: DocPlan, table: Table, resolver: NodeResolver) -> None:
        unit = self.money_unit(table) or "tkr"
        headers = " ".join(table.columns).casefold()
        title = f"{table.title} {table.kind}".casefold()
        if "beslutad" in headers or "ack" in headers:
            self.map_projects(plan, table, resolver, unit, title)
            return
        ten_year = any(w in title for w in ("10-år", "tioår", "10 år", "investment_plan", "10_year"))
        year = plan.info.year
        org = plan.organisation
        current: NodeRef | None = None
        for row in table.rows:
            label = col.clean(row.label)
            found = resolver.find(label, org)
            if row.row_type in ("header", "note") or not any(isinstance(v, Decimal) for v in row.values):
                current = found or current
                continue
            node = found or (resolver.find(row.parent, org) if row.parent else None) or current or org
            low = label.casefold()
            kind = ("outside" if "utom ram" in low else "decided" if "enl" in low and "beslut" in low
                    else "reserve" if "reserv" in low else "within")
            for value, header in zip(row.values, table.columns, strict=False):
                years = col.years_in(header)
                if not isinstance(value, Decimal) or not years or "avvikelse" in header.casefold():
                    continue
                amount = money.to_tkr(value, unit)
                if ten_year:
                    plan.plan_rows.append(PlanRowItem(node=node, line=row.line, page=table.page, basis_year=year,
                                                      name=label[:300], year=years[-1], amount=amount))
                elif years[-1] >= year - 1:
                    plan.frames.append(FrameItem(node=node, line=row.line, page=table.page, basis_year=year,
                                                 year=years[-1], kind=kind, label=label[:300], amount=amount,
                                                 printed_unit=unit))

    def map_projects(self, plan: DocPlan, table: Table, resolver: NodeResolver, unit: str, title: str) -> None:
        org = plan.organisation
        status = "completed" if "färdigställ" in title else "ongoing"
        fields_by_col: list[str | None] = []
        for header in table.columns:
            h = col.clean(header).casefold()
            fields_by_col.append(
                None if "avvikelse" in h else "end_year" if "slutår" in h else "approved_budget" if "beslutad" in h
                else "accumulated_actual" if "ack" in h else "total_forecast" if "prognos" in h
                else "year_actual" if "utfall" in h else "year_budget" if "budget" in h else None)
        # a large-project table is recognised by its title or by the columns only those tables print
        large_table = "stor" in title or any(f in ("end_year", "total_forecast") for f in fields_by_col)
        current: NodeRef | None = None
        block: list[ProjectItem] = []
        for row in table.rows:
            label = col.clean(row.label)
            low = label.casefold()
            if row.row_type in ("header", "note") or not any(isinstance(v, Decimal) for v in row.values):
                current = resolver.find(label, org) or current
                status = _project_status(low) or status
                continue
            if col.is_sum_label(label):
                # "Summa färdigställda projekt" closes a block whose own heading may have been
                # folded into the column headers (004:305): it names the status of the rows above it
                block_status = _project_status(low)
                if block_status:
                    for item in block:
                        item.status = block_status
                block = []
                continue
            name = label[6:].strip() if low.startswith("varav ") else label
            values: dict[str, Decimal | int | None] = {}
            for value, fname in zip(row.values, fields_by_col, strict=False):
                if fname is None or not isinstance(value, Decimal):
                    continue
                values[fname] = int(value) if fname == "end_year" else money.to_tkr(value, unit)
            node = (resolver.find(row.parent, org) if row.parent else None) or current or org
            item = ProjectItem(node=node, line=row.line, page=table.page, year=plan.info.year, name=name[:300],
                               status=status, values=values, printed_unit=unit, is_large=large_table)
            block.append(item)
            key = (node_key(node), name)
            if key in plan.projects:
                self.warn(row.line, f"Projektet ”{name}” förekommer flera gånger; första förekomsten används.")
                continue
            plan.projects[key] = item

    # --- personnel and volume key figures ----------------------------------------------------------

    def map_key_figures(self, plan: DocPlan, table: Table) -> None:
        table_kind = (table.kind or "").casefold()
        for row in table.rows:
            label = col.clean(row.label)
            if not label:
                continue
            kind = col.key_figure_kind(label, table_kind)
            for value, header in zip(row.values, table.columns, strict=False):
                years = col.years_in(header)
                if value is None or value == "" or not years:
                    continue
                raw = _printed(value) if isinstance(value, Decimal) else str(value)
                # shares are percentages whatever the table's caption says ("Personal", antal: 001:821-826)
                unit = "%" if kind in ("sickness_absence", "staff_turnover", "full_time_share") else (
                    table.unit if table.unit in ("%", "antal", "åa", "tkr", "mnkr") else "antal")
                h = header.casefold()
                item = KeyFigureItem(
                    node=plan.organisation, line=row.line, page=table.page, year=years[-1], kind=kind,
                    label=label[:300], column=col.clean(header)[:100],
                    is_forecast=any(w in h for w in ("prognos", "budget", "plan", "mål")), raw_value=raw[:100],
                    value=value if isinstance(value, Decimal) else None, unit=unit)
                plan.key_figures.setdefault((kind, item.label, item.year, item.column), item)

    # --- goals -------------------------------------------------------------------------------

    def map_goal(self, plan: DocPlan, goal, order: int) -> None:
        year = plan.info.year
        doc_kind = plan.info.kind
        period = {"annual_report": PeriodKind.FULL_YEAR, "interim_report": PeriodKind.INTERIM}.get(doc_kind)
        indicators = []
        for ind in goal.indicators:
            values = []
            seen = set()
            for header, raw in zip(ind.columns, ind.values, strict=False):
                ind_year, is_target = col.indicator_column(header, year)
                reading = col.read_indicator_value(raw or "", money.parse_number)
                if ind_year is None or reading.state == "empty":
                    continue
                key = (ind_year, is_target, col.clean(header)[:100])
                if key in seen:
                    self.warn(ind.line, f"Indikatorn ”{col.clean(ind.label)[:60]}” har kolumnen ”{header}” två "
                                        "gånger; den andra används inte.")
                    continue
                seen.add(key)
                values.append((ind_year, is_target, key[2], reading))
            indicators.append(IndicatorItem(name=col.clean(ind.label)[:500], parent=col.clean(ind.parent) or None,
                                            mandatory=ind.mandatory, footnote="\n".join(ind.footnotes),
                                            line=ind.line, values=values))
        plan.goals.append(GoalItem(
            node=plan.organisation, line=goal.line, page=None, year=year, kind=goal.kind,
            name=col.clean(goal.committee_goal)[:400], description=goal.description or "",
            target_area=col.clean(goal.target_area) or None, municipal_goal=col.clean(goal.municipal_goal) or None,
            status=col.goal_status(goal.status), status_text=goal.status_text or "", analysis=goal.analysis or "",
            period=period, indicators=indicators, sort_order=order))


def build_plan(extraction: Extraction) -> ImportPlan:
    return Planner(extraction).build()
