"""Selectors with exact figures (see builders.build_kommun for the data)."""

from decimal import Decimal

import pytest

from budgetapp.budget import calc
from budgetapp.dashboards.selectors.comparison import build_year_comparison
from budgetapp.dashboards.selectors.context import OrgTree, year_rounds
from budgetapp.dashboards.selectors.goals import build_goals, goal_detail
from budgetapp.dashboards.selectors.investments import build_investments
from budgetapp.dashboards.selectors.operating import BUDGET, CLOSED, FOLLOW_UP, build_operating_summary
from budgetapp.dashboards.selectors.overview import build_overview

from .builders import add_closed_year, add_previous_year, build_kommun

D = Decimal
pytestmark = pytest.mark.django_db


def _rows(summary):
    return {r.label: r for r in summary.all_rows}


def test_follow_up_columns_and_values(kommun):
    tree = OrgTree.load(2024)
    rounds = year_rounds(2024)
    assert rounds.forecast_periods == ("tertial_1", "interim")
    summary = build_operating_summary(tree, kommun["klf"], FOLLOW_UP, rounds)
    assert [c.key for c in summary.columns] == ["budget", "forecast", "variance", "actual", "previous_forecast"]
    assert summary.columns[1].label == "Prognos delår (31 augusti)"
    assert summary.columns[4].label == "Föregående prognos (tertial 1 (30 april))"
    rows = _rows(summary)
    eko = rows["Ekonomistaben"].values
    assert eko == {"budget": D(10000), "forecast": D(10800), "variance": D(-800), "actual": D(7000),
                   "previous_forecast": D(10500)}
    hr = rows["HR-staben"].values
    assert hr["variance"] == D(1000)
    total = rows["Summa Kommunledningsförvaltningen"]
    assert total.kind == "sum"
    assert total.values == {"budget": D(30000), "forecast": D(29800), "variance": D(200), "actual": D(19000),
                            "previous_forecast": D(30000)}
    assert rows["Ekonomistaben"].sources["budget"] == "Internbudget 2024, rad 313"


def test_revenue_funded_unit_is_shown_as_result_after_the_sum(kommun):
    tree = OrgTree.load(2024)
    summary = build_operating_summary(tree, kommun["ks"], FOLLOW_UP, year_rounds(2024))
    rows = _rows(summary)
    klf = rows["Kommunledningsförvaltningen"]
    assert klf.kind == "node" and klf.measure == calc.NET_COST and klf.has_children
    assert klf.values["budget"] == D(30000)  # derived from the staber
    assert klf.sources["budget"] == "Summa av underliggande enheter inom ram"
    vss = rows["Verksamhetsstöd och service"]
    assert vss.kind == "outside" and vss.measure == calc.RESULT and vss.marker == "*"
    assert vss.values["forecast"] == D(500)
    assert vss.values["variance"] == D(500)  # surplus above a break-even budget is favourable
    assert summary.rows == [klf]  # the sum covers only within-frame, net-cost rows
    assert summary.footer[0].values["budget"] == D(30000)
    assert summary.has_result_rows


def test_drilling_into_a_revenue_funded_unit_uses_result_convention(db):
    nodes = build_kommun()
    from tests.factories import OrgNodeFactory

    from .builders import fig

    area = OrgNodeFactory(year=2024, name="Ekonomiservice", parent=nodes["vss"])
    fig(area, "budget", 250, measure="result")
    summary = build_operating_summary(OrgTree.load(2024), nodes["vss"], BUDGET, year_rounds(2024))
    assert summary.measure == calc.RESULT
    assert summary.rows[0].label == "Ekonomiservice" and summary.rows[0].values["budget"] == D(250)
    assert "överskott" in summary.convention


def test_closed_year_uses_lineage_for_previous_outcome(db):
    current = build_kommun()
    prev = add_previous_year(current)
    add_closed_year(current, prev)
    rounds = year_rounds(2024)
    assert rounds.has_year_end
    summary = build_operating_summary(OrgTree.load(2024), current["klf"], CLOSED, rounds)
    assert [c.label for c in summary.columns] == ["Bokslut 2024", "Budget 2024", "Avvikelse", "Bokslut 2023"]
    rows = _rows(summary)
    assert rows["Ekonomistaben"].values == {"outcome": D(11000), "budget": D(10000), "variance": D(-1000),
                                           "previous_outcome": D(9000)}
    hr = rows["HR-staben"]
    assert hr.values["previous_outcome"] == D(19000)  # HR-staben was Personalstaben in 2023
    assert "Personalstaben" in hr.sources["previous_outcome"]


def test_budget_view_has_plan_years_and_change_rows(kommun):
    summary = build_operating_summary(OrgTree.load(2024), kommun["klf"], BUDGET, year_rounds(2024))
    assert [c.label for c in summary.columns] == ["Utfall 2022", "Budget 2023", "Budget 2024", "Plan 2025"]
    labels = [(r.kind, r.label) for r in summary.rows]
    assert labels == [("node", "Ekonomistaben"), ("change", "Effektiviseringskrav"), ("node", "HR-staben")]
    change = summary.rows[1]
    assert change.values == {"budget": D(-300), "plan_2025": D(-600)}
    assert summary.footer[0].values["plan_2025"] == D(30600)


def test_sorting_and_filtering_keep_totals(kommun):
    tree = OrgTree.load(2024)
    summary = build_operating_summary(tree, kommun["klf"], FOLLOW_UP, year_rounds(2024), order_by="-variance")
    assert [r.label for r in summary.rows] == ["HR-staben", "Ekonomistaben"]
    summary = build_operating_summary(tree, kommun["klf"], FOLLOW_UP, year_rounds(2024),
                                      visible_ids={kommun["stab_a"].pk})
    assert [r.label for r in summary.rows] == ["Ekonomistaben"]
    assert summary.footer[0].label == "Summa visade rader"
    assert summary.footer[0].values["budget"] == D(10000)


def test_cost_and_revenue_figures_give_net_and_varav_rows(db):
    nodes = build_kommun()
    from .builders import fig

    unit = nodes["stab_a"]
    fig(unit, "budget", 12000, measure="cost", year=2025, basis_year=2025)
    fig(unit, "budget", 2000, measure="revenue", year=2025, basis_year=2025)
    tree = OrgTree.load(2024)
    from budgetapp.dashboards.selectors.figures import ColumnSpec, FigureGrid

    col = ColumnSpec("b25", "Budget 2025", "budget", 2025)
    cell = FigureGrid(tree, [col]).cell(unit, col)
    assert (cell.net, cell.cost, cell.revenue) == (D(10000), D(12000), D(2000))


def test_overview_headline(kommun):
    overview = build_overview(OrgTree.load(2024), kommun["ks"], year_rounds(2024))
    assert overview.view == FOLLOW_UP
    assert overview.latest_round_label == "Delår (31 augusti)"
    # VSS is revenue-funded and outside the frame: not part of KS's net cost, as in the documents
    assert (overview.budget, overview.outcome, overview.variance) == (D(30000), D(29800), D(200))
    assert overview.variance_percent == D("0.7")
    assert [(p.label, p.value) for p in overview.development] == [
        ("Tertial 1 (30 april)", D(30000)), ("Delår (31 augusti)", D(29800))]
    assert overview.investments.frame == D(60000)
    assert overview.investments.spent == D(24900)  # forecasts 22 000 + 800 + 2 100
    assert overview.goals.counts == {"partly_fulfilled": 1, "fulfilled": 1, "not_assessed": 1}


def test_investments_groups(kommun):
    page = build_investments(OrgTree.load(2024), kommun["ks"])
    assert page.period == "interim"
    groups = {g.key: g for g in page.groups}
    assert list(groups) == ["completed", "ongoing", "large"]
    completed = groups["completed"]
    assert [r.label for r in completed.rows] == ["Ekonomisystem", "varav Modul budget"]
    assert completed.totals["approved_budget"] == D(5000)  # varav rows are not added twice
    assert groups["large"].rows[0].project.name == "Ny simhall"
    assert groups["large"].totals["year_variance"] == D(8000)
    assert page.frames[0].frame == D(60000) and page.frames[0].remaining == D(35100)
    assert page.plan_years == [2024, 2025, 2026]
    assert page.plan_rows[0][2] == {2024: D(20000), 2025: D(21000), 2026: D(22000)}


def test_goals_grouped_and_counted(kommun):
    page = build_goals(OrgTree.load(2024), kommun["ks"])
    assert page.periods == ["tertial_1", "interim"] and page.period == "interim"
    assert [a.name for a in page.areas] == ["Samhälle", "Ekonomi"]
    samhalle = page.areas[0]
    assert samhalle.municipal[0].name == "Ett tryggt och säkert Linköping"
    assert [e.goal.name for e in samhalle.municipal[0].entries] == ["God trygghet och säkerhet", "Starkt varumärke"]
    assert page.counts.counts == {"partly_fulfilled": 1, "not_assessed": 1, "fulfilled": 1}
    earlier = build_goals(OrgTree.load(2024), kommun["ks"], "tertial_1")
    assert earlier.counts.counts["not_fulfilled"] == 1


def test_goal_detail_series(kommun):
    detail = goal_detail(kommun["goals"]["safe"].pk, lambda year: True)
    series = detail.indicators[0]
    assert series.indicator.name == "Andel trygga invånare"
    assert [b.indicator.name for b in series.breakdowns] == ["Kvinnor", "Män"]
    assert series.years == [2021, 2022, 2023, 2024]
    assert [v.state for v in series.values] == ["value", "no_data", "value"]
    assert series.targets[0].value == D(70)
    assert goal_detail(kommun["goals"]["safe"].pk, lambda year: False) is None


def test_year_comparison_follows_renames(db):
    current = build_kommun()
    add_previous_year(current)
    comparison = build_year_comparison(OrgTree.load(2024), current["klf"], [2023, 2024])
    rows = {r.node.name: r for r in comparison.rows}
    hr = rows["HR-staben"]
    assert hr.cells[2023].names == ["Personalstaben"] and hr.cells[2023].budget == D(19500)
    assert hr.cells[2024].names == [] and hr.cells[2024].budget == D(20000)
    assert rows["Ekonomistaben"].cells[2023].budget == D(9500)  # same name, no lineage link needed
    assert rows["Kommunledningsförvaltningen"].cells[2023].budget == D(29000)
