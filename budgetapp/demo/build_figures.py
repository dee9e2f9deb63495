"""Figures and budget changes typed in from the documents (each with document and line)."""

from __future__ import annotations

from decimal import Decimal

from budgetapp.budget.models import (
    PERIOD_END_MONTH,
    BudgetChange,
    BudgetChangeKind,
    Figure,
    Measure,
    PeriodKind,
    Scenario,
)
from budgetapp.core.models import SourceDocument, Unit

from .data import figures_2020 as f20
from .data import figures_2024 as f24
from .sync import SyncResult, sync_rows

FIGURE_KEY = ("node_id", "year", "period", "month", "scenario", "measure", "line_label", "basis_year",
              "source_document_id")
CHANGE_KEY = ("kind", "node_id", "budget_year", "year", "reason", "source_document_id")


def mnkr(printed: str) -> Decimal:
    """'1 597' or '-3,0' mnkr as printed → tkr."""
    return Decimal(printed.replace(" ", "").replace(",", ".")) * 1000


def tkr_text(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def fig(node, year: int, scenario: str, measure: str, amount, *, doc: SourceDocument | None = None,
        line: int | None = None, basis_year: int | None = None, period: str = PeriodKind.FULL_YEAR,
        month: int | None = None, line_label: str = "", printed_unit: str = Unit.TKR,
        printed_value: str | None = None, entered_by=None) -> dict:
    """One Figure row as a dict of attnames (bulk_create skips Figure.save, so month is set here)."""
    if printed_value is None:
        printed_value = tkr_text(amount) if isinstance(amount, int) else ""
    return {
        "node_id": node.pk, "year": year, "period": period,
        "month": month if period == PeriodKind.MONTH else PERIOD_END_MONTH[period],
        "scenario": scenario, "measure": measure, "line_label": line_label,
        "basis_year": basis_year or year, "source_document_id": doc.pk if doc else None,
        "amount": Decimal(amount), "printed_unit": printed_unit, "printed_value": printed_value,
        "source_line": line, "entered_by_id": entered_by.pk if entered_by else None,
    }


def figures_2020(n: dict, docs: dict) -> list[dict]:
    d0, d4 = docs["000"], docs["004"]
    rows = []
    for key, line, b2019, b2020 in f20.STAB_BUDGET_2020:
        rows.append(fig(n[key], 2020, Scenario.BUDGET, Measure.NET_COST, b2020, doc=d0, line=line))
        rows.append(fig(n[key], 2019, Scenario.BUDGET, Measure.NET_COST, b2019, doc=d0, line=line))
    for key, lines in f20.STAB_LINES_2020.items():
        rows += [fig(n[key], 2020, Scenario.BUDGET, Measure.NET_COST, amount, doc=d0, line=line, line_label=label)
                 for line, label, amount in lines]
    for key, ((rline, revenue), (cline, cost)) in f20.STAB_COST_REVENUE_2020.items():
        rows.append(fig(n[key], 2020, Scenario.BUDGET, Measure.REVENUE, revenue, doc=d0, line=rline))
        rows.append(fig(n[key], 2020, Scenario.BUDGET, Measure.COST, cost, doc=d0, line=cline))
    for year, (line, amount) in f20.KLF_FRAME_ADJUSTED.items():
        rows.append(fig(n["klf"], year, Scenario.FRAME, Measure.NET_COST, amount, doc=d0, line=line,
                        basis_year=2020))
    for year, (line, amount) in f20.KLF_FRAME_ORIGINAL.items():
        rows.append(fig(n["klf"], year, Scenario.FRAME, Measure.NET_COST, amount, doc=d0, line=line,
                        basis_year=2020, line_label=f20.KLF_FRAME_ORIGINAL_LABEL))
    for year, amount in f20.KLF_NET_PLAN.items():
        rows.append(fig(n["klf"], year, Scenario.PLAN, Measure.NET_COST, amount, doc=d0,
                        line=f20.KLF_NET_PLAN_LINE, basis_year=2020))
    # VSS units: revenue on the unit row + 1, cost on + 2; columns 2019, 2020 (budget), 2021–2023 (plan)
    for key, line, revenues, costs in f20.VSS_UNITS_2020:
        for measure, values, offset in ((Measure.REVENUE, revenues, 1), (Measure.COST, costs, 2)):
            for year, amount in zip(range(2019, 2024), values, strict=True):
                scenario = Scenario.PLAN if year > 2020 else Scenario.BUDGET
                rows.append(fig(n[key], year, scenario, measure, amount, doc=d0, line=line + offset,
                                basis_year=min(year, 2020)))
    for node_key, totals in (("vss", f20.VSS_TOTAL), ("leanlink", f20.LEANLINK_TOTAL)):
        for measure, (line, b2019, b2020) in totals.items():
            rows.append(fig(n[node_key], 2019, Scenario.BUDGET, measure, b2019, doc=d0, line=line))
            rows.append(fig(n[node_key], 2020, Scenario.BUDGET, measure, b2020, doc=d0, line=line))
    line, b2019, b2020 = f20.LEANLINK_REVENUE_INCREASE
    rows.append(fig(n["leanlink"], 2019, Scenario.BUDGET, Measure.REVENUE_INCREASE, b2019, doc=d0, line=line))
    rows.append(fig(n["leanlink"], 2020, Scenario.BUDGET, Measure.REVENUE_INCREASE, b2020, doc=d0, line=line))
    # Leanlink areas print a net cost (deficit positive); stored as result (surplus positive)
    for key, line, nc2019, nc2020 in f20.LEANLINK_AREAS_2020:
        for year, net_cost in ((2019, nc2019), (2020, nc2020)):
            rows.append(fig(n[key], year, Scenario.BUDGET, Measure.RESULT, -net_cost, doc=d0, line=line,
                            printed_value=tkr_text(net_cost)))
    for key, line, outcome, budget, outcome_2019 in f20.YEAR_END_2020:
        rows.append(fig(n[key], 2020, Scenario.YEAR_END_OUTCOME, Measure.NET_COST, outcome, doc=d4, line=line))
        rows.append(fig(n[key], 2020, Scenario.BUDGET, Measure.NET_COST, budget, doc=d4, line=line))
        rows.append(fig(n[key], 2019, Scenario.YEAR_END_OUTCOME, Measure.NET_COST, outcome_2019, doc=d4,
                        line=line))
    for key, line, outcome, budget, outcome_2019 in f20.YEAR_END_RESULTS_2020:
        rows.append(fig(n[key], 2020, Scenario.YEAR_END_OUTCOME, Measure.RESULT, outcome, doc=d4, line=line))
        rows.append(fig(n[key], 2020, Scenario.BUDGET, Measure.RESULT, budget, doc=d4, line=line))
        rows.append(fig(n[key], 2019, Scenario.YEAR_END_OUTCOME, Measure.RESULT, outcome_2019, doc=d4, line=line))
    return rows


def figures_2024(n: dict, docs: dict) -> list[dict]:
    d1 = docs["001"]
    rows = []
    for key, line, values in f24.STAB_2024:
        for (year, scenario), printed in zip(f24.STAB_2024_COLUMNS, values, strict=True):
            rows.append(fig(n[key], year, scenario, Measure.NET_COST, mnkr(printed), doc=d1, line=line,
                            basis_year=2024 if scenario == Scenario.PLAN else year,
                            printed_unit=Unit.MNKR, printed_value=printed))
    for key, lines in f24.STAB_LINES_2024.items():
        for line, label, b2023, b2024 in lines:
            rows.append(fig(n[key], 2023, Scenario.BUDGET, Measure.NET_COST, b2023, doc=d1, line=line,
                            line_label=label))
            rows.append(fig(n[key], 2024, Scenario.BUDGET, Measure.NET_COST, b2024, doc=d1, line=line,
                            line_label=label))
    line, frame = f24.KLF_FRAME_2024
    rows.append(fig(n["klf"], 2024, Scenario.FRAME, Measure.NET_COST, frame, doc=d1, line=line))
    for key, (cost_line, revenue_line, values) in f24.REVENUE_FUNDED_2024.items():
        for year, printed in zip(range(2024, 2030), values, strict=True):
            scenario = Scenario.BUDGET if year == 2024 else Scenario.PLAN
            for measure, line in ((Measure.COST, cost_line), (Measure.REVENUE, revenue_line)):
                rows.append(fig(n[key], year, scenario, measure, mnkr(printed), doc=d1, line=line,
                                basis_year=2024, printed_unit=Unit.MNKR, printed_value=printed))
    return rows


def changes(nodes: dict, docs: dict) -> list[dict]:
    """'Specifikation av förändringar' rows and ramjusteringar as BudgetChange rows."""
    n20, n24, d0, d1 = nodes[2020], nodes[2024], docs["000"], docs["001"]
    rows = []

    def change(kind, node, budget_year, year, reason, amount, doc, line, *, unit=Unit.TKR, counterpart=None,
               counterpart_name="", decision="", marker=""):
        rows.append({
            "kind": kind, "node_id": node.pk, "budget_year": budget_year, "year": year, "reason": reason,
            "source_document_id": doc.pk, "amount": Decimal(amount), "printed_unit": unit,
            "counterpart_id": counterpart.pk if counterpart else None, "counterpart_name": counterpart_name,
            "decision_reference": decision, "marker": marker, "source_line": line,
        })

    spec, frame = BudgetChangeKind.CHANGE_SPECIFICATION, BudgetChangeKind.FRAME_ADJUSTMENT
    for key, items in f20.CHANGES_2020.items():
        for line, reason, amount in items:
            change(spec, n20[key], 2020, 2020, reason, amount, d0, line, decision=f20.CHANGE_DECISION_2020)
    for line, reason, amount, cp, cp_name in f20.FRAME_ADJUSTMENTS_2020:
        change(frame, n20["klf"], 2020, 2020, reason, amount, d0, line, counterpart=n20.get(cp),
               counterpart_name=cp_name, decision=f20.CHANGE_DECISION_2020)
    for line, reason, amount, cp, cp_name in f20.FRAME_ADJUSTMENTS_PLAN:
        for year in (2021, 2022, 2023):
            change(frame, n20["klf"], 2020, year, reason, amount, d0, line, counterpart=n20.get(cp) if cp else None,
                   counterpart_name=cp_name, decision=f20.CHANGE_DECISION_2020)
    for key, line, reason, marker, cp, values in f24.CHANGES_2024:
        for year, printed in zip(range(2024, 2030), values, strict=False):
            if printed is not None:
                change(spec, n24[key], 2024, year, reason, mnkr(printed), d1, line, unit=Unit.MNKR,
                       counterpart=n24[cp] if cp else None, decision=f24.CHANGE_DECISION_2024, marker=marker)
    for line, reason, printed, cp, cp_name in f24.FRAME_ADJUSTMENTS_2024:
        change(frame, n24["klf"], 2024, 2024, reason, mnkr(printed), d1, line, unit=Unit.MNKR,
               counterpart=n24[cp] if cp else None, counterpart_name=cp_name, decision=f24.CHANGE_DECISION_2024)
    return rows


def load_document_figures(nodes: dict, docs: dict) -> SyncResult:
    node_ids = [node.pk for year_nodes in nodes.values() for node in year_nodes.values()]
    doc_ids = [doc.pk for doc in docs.values()]
    rows = figures_2020(nodes[2020], docs) + figures_2024(nodes[2024], docs)
    result = sync_rows(Figure, FIGURE_KEY, rows,
                       Figure.objects.filter(node_id__in=node_ids, source_document_id__in=doc_ids))
    result += sync_rows(BudgetChange, CHANGE_KEY, changes(nodes, docs),
                        BudgetChange.objects.filter(node_id__in=node_ids, source_document_id__in=doc_ids))
    return result
