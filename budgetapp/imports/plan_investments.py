"""Investment tables → frames, ten-year plan rows and projects.

Three kinds of table print investments: yearly frames per node ("inom ram", "utom ram", "reserv"),
the ten-year plan (one row per object and year) and project tables with decided budget and
accumulated actuals; which one a table is follows from its title and headers.
"""

from __future__ import annotations

from decimal import Decimal

from budgetapp.core import money

from . import columns as col
from .nodes import NodeRef, NodeResolver
from .parsing.extraction import Table
from .plan_base import PlannerBase
from .plan_items import DocPlan, FrameItem, PlanRowItem, ProjectItem, node_key


def _project_status(text: str) -> str | None:
    if "färdigställ" in text or "avslutade" in text:
        return "completed"
    if "pågående" in text:
        return "ongoing"
    return None


class InvestmentMapper(PlannerBase):
    """Routes an investment table to frames/plan rows or to projects by its headers and title."""

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
