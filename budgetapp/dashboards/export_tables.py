"""Turn each dashboard's selector result into plain export tables (title, headers, rows, sources)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from budgetapp.budget import calc

from .exports import ExportTable
from .selectors.comparison import YearComparison
from .selectors.goals import GoalsPage
from .selectors.investments import PROJECT_AMOUNTS, InvestmentsPage
from .selectors.operating import OperatingSummary

#: Lazy: str() them per export (the tables are built per request, in the active language).
CONVENTION_SHORT = {calc.NET_COST: gettext_lazy("Nettokostnad (positivt = kostnad)"),
                    calc.RESULT: gettext_lazy("Resultat (positivt = överskott)")}
PROJECT_HEADERS = [gettext_lazy("Beslutad budget (tkr)"), gettext_lazy("Ackumulerat utfall (tkr)"),
                   gettext_lazy("Avvikelse sedan start (tkr)"), gettext_lazy("Årets budget (tkr)"),
                   gettext_lazy("Årets utfall (tkr)"), gettext_lazy("Årets prognos (tkr)"),
                   gettext_lazy("Årets avvikelse (tkr)")]


def operating_summary_table(summary: OperatingSummary, title: str) -> ExportTable:
    unit = gettext("Enhet")
    headers = [unit, *[gettext("%(column)s (tkr)") % {"column": c.label} for c in summary.columns],
               gettext("Radtyp"), gettext("Teckenkonvention")]
    kinds = {"node": unit, "outside": gettext("Intäktsfinansierad/utom ram"), "sum": gettext("Summa"),
             "of_which": gettext("Varav"), "change": gettext("Specifikation av förändringar")}
    conventions = {measure: str(text) for measure, text in CONVENTION_SHORT.items()}
    result_note = gettext("%(convention)s (rader markerade *)") % {"convention": calc.convention_label(calc.RESULT)}
    table = ExportTable("driftsammandrag", title, headers, notes=[
        gettext("Belopp i tkr."), summary.convention, *([result_note] if summary.has_result_rows else []),
    ])
    for row in summary.all_rows:
        label = f"{row.label}{' *' if row.marker else ''}"
        table.rows.append([label, *[row.values.get(c.key) for c in summary.columns], kinds[row.kind],
                           conventions[row.measure]])
        for col in summary.columns:
            if row.sources.get(col.key):
                table.sources.append((label, col.label, row.sources[col.key]))
    return table


def investment_tables(page: InvestmentsPage) -> list[ExportTable]:
    tables = []
    unit, amounts_note = gettext("Enhet"), gettext("Belopp i tkr.")
    project_headers = [str(h) for h in PROJECT_HEADERS]
    for group in page.groups:
        table = ExportTable(group.key, group.title,
                            [gettext("Projekt"), unit, *project_headers, gettext("Slutår")],
                            notes=[gettext("Belopp i tkr. Avvikelse = budget − utfall/prognos (positiv = gynnsam).")])
        for row in group.rows:
            table.rows.append([row.label, row.project.node.name, *[row.amount(k) for k in PROJECT_AMOUNTS],
                               row.project.end_year])
            if row.project.source_label:
                table.sources.append((row.label, gettext("Alla kolumner"), row.project.source_label))
        table.rows.append([gettext("Summa"), "", *[group.totals.get(k) for k in PROJECT_AMOUNTS], None])
        tables.append(table)
    if page.frames:
        table = ExportTable("frames", gettext("Investeringsram per nämnd"),
                            [unit, gettext("Ram (tkr)"), gettext("Prognos/utfall (tkr)"), gettext("Kvar av ram (tkr)")],
                            notes=[amounts_note])
        for f in page.frames:
            table.rows.append([f.node.name, f.frame, f.spent, f.remaining])
            if f.source:
                table.sources.append((f.node.name, gettext("Ram"), f.source))
        tables.append(table)
    if page.plan_rows:
        table = ExportTable("plan", gettext("Investeringsplan 10 år"),
                            [unit, gettext("Projekt/post"), *[f"{y} (tkr)" for y in page.plan_years]],
                            notes=[gettext("Belopp i tkr (nettoutgift).")])
        for node_name, name, amounts, source in page.plan_rows:
            table.rows.append([node_name, name, *[amounts.get(y) for y in page.plan_years]])
            if source:
                table.sources.append((name, gettext("Alla år"), source))
        tables.append(table)
    return tables


def goals_table(page: GoalsPage) -> ExportTable:
    assessment = gettext("Bedömning")
    table = ExportTable("goals", gettext("Måluppfyllelse %(year)s") % {"year": page.year},
                        [gettext("Målområde"), gettext("Kommunövergripande mål"), gettext("Mål"), gettext("Enhet"),
                         assessment, gettext("Analys")])
    for area in page.areas:
        for group in area.municipal:
            for entry in group.entries:
                table.rows.append([area.name, group.name, entry.goal.name, entry.goal.node.name,
                                   entry.status_label, entry.assessment.analysis if entry.assessment else ""])
                if entry.assessment and entry.assessment.source_label:
                    table.sources.append((entry.goal.name, assessment, entry.assessment.source_label))
    return table


def comparison_table(comparison: YearComparison) -> ExportTable:
    headers = [gettext("Enhet")]
    for y in comparison.years:
        headers += [gettext("Namn %(year)s") % {"year": y}, gettext("Budget %(year)s (tkr)") % {"year": y},
                    gettext("Bokslut %(year)s (tkr)") % {"year": y}]
    table = ExportTable("comparison", gettext("Jämförelse mellan år"), headers, notes=[
        gettext("Belopp i tkr. Nettokostnad positivt = kostnad; intäktsfinansierade enheter visar resultat.")])
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
