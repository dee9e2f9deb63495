"""Amount tables → :class:`FigureItem` rows: driftsammandrag, ekonomi and stab tables, and ledger actuals.

A table's columns say scenario and year ("Budget 2020", "Plan 2021", "Bokslut 2019", "Prognos"),
its row labels say the node or the measure ("varav intäkter"); change and frame-adjustment rows met
on the way are handed to :class:`ChangeMapper`. Also decides the sign convention of nodes the
import creates (:meth:`FigureMapper.infer_financing`), since only the figures can tell.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from budgetapp.budget.models import PERIOD_END_MONTH, Measure, PeriodKind, Scenario
from budgetapp.core import money
from budgetapp.organisation.models import OrgNode

from . import columns as col
from . import frames, signs
from .nodes import NewNode, NodeRef, NodeResolver
from .parsing.extraction import ImportParseError, Table, TableRow
from .plan_changes import ChangeMapper
from .plan_items import DocPlan, FigureItem, figure_key, printed

NET_WORDS = ("nettokostnad", "verksamhetens nettokostnad", "netto")
#: Figures keep tkr to three decimals (the krona); ledger öre are accumulated first, then rounded once.
_KRONA = Decimal("0.001")

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


class FigureMapper(ChangeMapper):
    """Reads amount tables into figures; change rows inside them go to :class:`ChangeMapper`."""

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
                    line_label=line_label, printed_unit=unit, printed_value=printed(value)), measure is None))
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
        """Monthly bookings → year-to-date actuals ("till och med månad"), the convention every reader uses.

        A ledger file lists what was booked in each month; `Figure(period=month, month=m)` holds the
        accumulated outcome through month m. Each (unit, cost/revenue) series is accumulated in month
        order over every month the file covers (a month without bookings keeps the total so far); a
        file that starts after January is added on top of the stored outcome through the month
        before its first month. A table whose amounts are accumulated already ("Ack utfall") is
        stored as it is. The total is kept in öre and rounded to the krona (the stored precision) per
        month, so re-importing the same outcome from another system's file changes nothing.
        """
        codes = resolver.by_code()
        year = plan.info.year
        accumulated = bool(table.columns) and table.columns[-1].startswith("Ack")
        series: dict[tuple[int, str], dict[int, tuple[Decimal, TableRow, OrgNode]]] = {}
        for row in table.rows:
            node = self._ledger_node(codes, row.label.strip())
            if node is None:
                raise ImportParseError(f"Ansvarskoden ”{row.label}” finns inte i organisationen {year}; "
                                       "lägg in koden på enheten eller rätta filen.", line=row.line)
            measure, month_value, amount_value = row.values
            month = int(str(month_value))
            bookings = series.setdefault((node.pk, str(measure)), {})
            previous = bookings.get(month)
            total = Decimal(str(amount_value)) + (previous[0] if previous else Decimal(0))  # "0123" = "123"
            bookings[month] = (total, previous[1] if previous else row, node)
        if not series or year is None:
            return
        months = [m for bookings in series.values() for m in bookings]
        first, last = min(months), max(months)
        bases = {} if accumulated else self._ledger_bases(year, first, set(series))
        for key, bookings in series.items():
            total = bases.get(key, Decimal(0))
            start = min(bookings) if accumulated else first
            _, row, node = bookings[min(bookings)]
            for month in range(start, last + 1):
                if month in bookings:
                    amount, row, node = bookings[month]
                    total = amount if accumulated else total + amount
                elif accumulated:
                    continue  # an accumulated file says nothing about a month it does not list
                else:
                    amount = Decimal(0)
                self.add_figure(plan, FigureItem(
                    node=node, line=row.line, page=None, year=year, scenario=str(Scenario.ACTUAL), measure=key[1],
                    amount=total.quantize(_KRONA, ROUND_HALF_UP), basis_year=year, period=str(PeriodKind.MONTH),
                    month=month,
                    printed_unit="tkr", printed_value=printed(amount)))

    @staticmethod
    def _ledger_node(codes: dict, code: str) -> OrgNode | None:
        """The unit of a code as exported; Excel drops leading zeros ("123" for "0123"), so those match too."""
        node = codes.get(code)
        if node is None and code.isdigit():
            padded = [n for c, n in codes.items() if c.isdigit() and c.lstrip("0") == code.lstrip("0")]
            node = padded[0] if len(padded) == 1 else None
        return node

    @staticmethod
    def _ledger_bases(year: int, first: int, keys: set) -> dict[tuple, Decimal]:
        """Stored year-to-date outcome through the month before the file's first month (one query)."""
        from budgetapp.budget.models import Figure

        if first <= 1:
            return {}
        stored = (Figure.objects.filter(year=year, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH,
                                        node_id__in={k[0] for k in keys}, line_label="", month__lt=first)
                  .order_by("month", "id").values_list("node_id", "measure", "month", "amount"))
        latest: dict[tuple, Decimal] = {}
        for node_id, measure, _month, amount in stored:
            if (node_id, measure) in keys:
                latest[(node_id, measure)] = amount  # ordered by month: the last one kept is the latest before
        return latest
