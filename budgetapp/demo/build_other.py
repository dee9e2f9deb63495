"""Investment projects, frames and the 10-year plan; personnel key figures."""

from __future__ import annotations

from decimal import Decimal

from budgetapp.core.models import Unit
from budgetapp.investments.models import (
    LARGE_PROJECT_THRESHOLD_TKR,
    InvestmentFrame,
    InvestmentPlanItem,
    InvestmentProject,
)
from budgetapp.organisation.models import KeyFigure

from .build_figures import mnkr
from .data import investments as inv
from .data.people import KEY_FIGURES
from .sync import SyncResult, sync_rows


def _opt_mnkr(printed: str | None) -> Decimal | None:
    return None if printed is None else mnkr(printed)


def project_rows(n20: dict, doc) -> list[dict]:
    rows = []
    for key, line, name, status, approved, acc, y_budget, y_actual, forecast, end_year, _large in inv.PROJECTS_2020:
        approved_tkr = mnkr(approved)
        rows.append({
            "node_id": n20[key].pk, "year": 2020, "period": "full_year", "name": name, "status": status,
            "approved_budget": approved_tkr, "accumulated_actual": mnkr(acc), "year_budget": mnkr(y_budget),
            "year_actual": mnkr(y_actual), "total_forecast": _opt_mnkr(forecast), "end_year": end_year,
            "is_large": approved_tkr >= LARGE_PROJECT_THRESHOLD_TKR, "printed_unit": Unit.MNKR,
            "source_document_id": doc.pk, "source_line": line,
        })
    return rows


def frame_rows(nodes: dict, docs: dict) -> list[dict]:
    n20, n24 = nodes[2020], nodes[2024]
    rows = []

    def frame(node, basis, year, kind, label, amount, doc, line, unit=Unit.TKR, decision=""):
        rows.append({"node_id": node.pk, "basis_year": basis, "year": year, "kind": kind, "label": label,
                     "amount": Decimal(amount), "printed_unit": unit, "source_document_id": doc.pk,
                     "source_line": line, "decision_reference": decision})

    for key, line, kind, label, amounts in inv.FRAMES_2020:
        for year, amount in zip(range(2020, 2024), amounts, strict=True):
            if amount is not None:
                frame(n20[key], 2020, year, kind, label, amount, docs["000"], line, decision="KF 2019-05-28")
    key, line, kind, label, year, amount = inv.VSS_FRAME_RAISED
    frame(n20[key], 2021, year, kind, label, amount, docs["003"], line, decision="KF 2020-05-26")
    for key, line, kind, label, amounts in inv.FRAMES_2024:
        for year, printed in zip(range(2023, 2030), amounts, strict=True):
            frame(n24[key], 2024, year, kind, label, mnkr(printed), docs["001"], line, unit=Unit.MNKR)
    return rows


def plan_rows(n24: dict, doc) -> list[dict]:
    rows = []
    for key, name, per_year, overrides in inv.TEN_YEAR_PLAN:
        for year in range(2024, 2034):
            rows.append({"node_id": n24[key].pk, "basis_year": 2024, "name": name, "year": year,
                         "amount": mnkr(overrides.get(year, per_year)), "source_document_id": doc.pk,
                         "source_line": inv.TEN_YEAR_PLAN_LINE})
    return rows


def key_figure_rows(nodes: dict, docs: dict) -> list[dict]:
    rows = []
    for alias, line, kind, label, column, year, raw, unit, is_forecast in KEY_FIGURES:
        node = nodes[2020 if alias == "004" else 2024]["klf"]
        rows.append({"node_id": node.pk, "year": year, "kind": kind, "label": label, "column": column,
                     "source_document_id": docs[alias].pk, "source_line": line, "raw_value": raw,
                     "value": Decimal(raw.replace(",", ".")), "unit": unit, "is_forecast": is_forecast})
    return rows


def load_investments_and_key_figures(nodes: dict, docs: dict) -> SyncResult:
    node_ids = [node.pk for year_nodes in nodes.values() for node in year_nodes.values()]
    doc_ids = [doc.pk for doc in docs.values()]
    scope = {"node_id__in": node_ids, "source_document_id__in": doc_ids}
    result = sync_rows(InvestmentProject, ("node_id", "year", "period", "name", "source_document_id"),
                       project_rows(nodes[2020], docs["004"]), InvestmentProject.objects.filter(**scope))
    result += sync_rows(InvestmentFrame, ("node_id", "basis_year", "year", "kind", "label", "source_document_id"),
                        frame_rows(nodes, docs), InvestmentFrame.objects.filter(**scope))
    result += sync_rows(InvestmentPlanItem, ("node_id", "basis_year", "name", "year", "source_document_id"),
                        plan_rows(nodes[2024], docs["001"]), InvestmentPlanItem.objects.filter(**scope))
    result += sync_rows(KeyFigure, ("node_id", "year", "kind", "label", "column", "source_document_id"),
                        key_figure_rows(nodes, docs), KeyFigure.objects.filter(**scope))
    return result
