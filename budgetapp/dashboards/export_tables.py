"""Turn each dashboard's selector result into plain export tables (title, headers, rows, sources)."""

from __future__ import annotations

from budgetapp.budget import calc

from .exports import ExportTable
from .selectors.comparison import YearComparison
from .selectors.goals import GoalsPage
from .selectors.investments import PROJECT_AMOUNTS, InvestmentsPage
from .selectors.operating import OperatingSummary

CONVENTION_SHORT = {calc.NET_COST: "Nettokostnad (positivt = kostnad)", calc.RESULT: "Resultat (positivt = överskott)"}
PROJECT_HEADERS = ["Beslutad budget (tkr)", "Ackumulerat utfall (tkr)", "Avvikelse sedan start (tkr)",
                   "Årets budget (tkr)", "Årets utfall (tkr)", "Årets prognos (tkr)", "Årets avvikelse (tkr)"]


def operating_summary_table(summary: OperatingSummary, title: str) -> ExportTable:
    headers = ["Enhet", *[f"{c.label} (tkr)" for c in summary.columns], "Radtyp", "Teckenkonvention"]
    kinds = {"node": "Enhet", "outside": "Intäktsfinansierad/utom ram", "sum": "Summa", "of_which": "Varav",
             "change": "Specifikation av förändringar"}
    table = ExportTable("driftsammandrag", title, headers, notes=[
        "Belopp i tkr.", summary.convention,
        *([calc.convention_label(calc.RESULT) + " (rader markerade *)"] if summary.has_result_rows else []),
    ])
    for row in summary.all_rows:
        label = f"{row.label}{' *' if row.marker else ''}"
        table.rows.append([label, *[row.values.get(c.key) for c in summary.columns], kinds[row.kind],
                           CONVENTION_SHORT[row.measure]])
        for col in summary.columns:
            if row.sources.get(col.key):
                table.sources.append((label, col.label, row.sources[col.key]))
    return table


def investment_tables(page: InvestmentsPage) -> list[ExportTable]:
    tables = []
    for group in page.groups:
        table = ExportTable(group.key, group.title, ["Projekt", "Enhet", *PROJECT_HEADERS, "Slutår"],
                            notes=["Belopp i tkr. Avvikelse = budget − utfall/prognos (positiv = gynnsam)."])
        for row in group.rows:
            table.rows.append([row.label, row.project.node.name, *[row.amount(k) for k in PROJECT_AMOUNTS],
                               row.project.end_year])
            if row.project.source_label:
                table.sources.append((row.label, "Alla kolumner", row.project.source_label))
        table.rows.append(["Summa", "", *[group.totals.get(k) for k in PROJECT_AMOUNTS], None])
        tables.append(table)
    if page.frames:
        table = ExportTable("frames", "Investeringsram per nämnd",
                            ["Enhet", "Ram (tkr)", "Prognos/utfall (tkr)", "Kvar av ram (tkr)"],
                            notes=["Belopp i tkr."])
        for f in page.frames:
            table.rows.append([f.node.name, f.frame, f.spent, f.remaining])
            if f.source:
                table.sources.append((f.node.name, "Ram", f.source))
        tables.append(table)
    if page.plan_rows:
        table = ExportTable("plan", "Investeringsplan 10 år",
                            ["Enhet", "Projekt/post", *[f"{y} (tkr)" for y in page.plan_years]],
                            notes=["Belopp i tkr (nettoutgift)."])
        for node_name, name, amounts, source in page.plan_rows:
            table.rows.append([node_name, name, *[amounts.get(y) for y in page.plan_years]])
            if source:
                table.sources.append((name, "Alla år", source))
        tables.append(table)
    return tables


def goals_table(page: GoalsPage) -> ExportTable:
    table = ExportTable("goals", f"Måluppfyllelse {page.year}",
                        ["Målområde", "Kommunövergripande mål", "Mål", "Enhet", "Bedömning", "Analys"])
    for area in page.areas:
        for group in area.municipal:
            for entry in group.entries:
                table.rows.append([area.name, group.name, entry.goal.name, entry.goal.node.name,
                                   entry.status_label, entry.assessment.analysis if entry.assessment else ""])
                if entry.assessment and entry.assessment.source_label:
                    table.sources.append((entry.goal.name, "Bedömning", entry.assessment.source_label))
    return table


def comparison_table(comparison: YearComparison) -> ExportTable:
    headers = ["Enhet"]
    for y in comparison.years:
        headers += [f"Namn {y}", f"Budget {y} (tkr)", f"Bokslut {y} (tkr)"]
    table = ExportTable("comparison", "Jämförelse mellan år", headers, notes=[
        "Belopp i tkr. Nettokostnad positivt = kostnad; intäktsfinansierade enheter visar resultat."])
    for row in comparison.rows:
        line: list[object] = [row.node.name]
        for y in comparison.years:
            cell = row.cells.get(y)
            line += [", ".join(cell.names) if cell else "", cell.budget if cell else None,
                     cell.outcome if cell else None]
            if cell and cell.sources:
                table.sources.append((row.node.name, str(y), cell.sources))
        table.rows.append(line)
    return table
