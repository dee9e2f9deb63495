"""Översikt: the headline figures of one node and year, and the data behind its two charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from budgetapp.budget import calc
from budgetapp.budget.models import PERIOD_END_MONTH, Scenario
from budgetapp.organisation.models import OrgNode

from .context import OrgTree, YearRounds, round_label, round_label_in_sentence
from .figures import ColumnSpec, shown
from .goals import GoalCounts, goal_counts
from .investments import InvestmentHeadline, investment_headline
from .operating import (
    BUDGET,
    CLOSED,
    FOLLOW_UP,
    OperatingSummary,
    budget_label,
    build_operating_summary,
    default_view,
    year_end_label,
)


@dataclass
class ForecastPoint:
    label: str
    value: Decimal | None
    source: str


@dataclass
class Overview:
    year: int
    node: OrgNode
    measure: str
    view: str
    latest_round: str | None
    budget: Decimal | None
    outcome: Decimal | None
    outcome_label: str
    variance: Decimal | None
    variance_percent: Decimal | None
    sources: dict[str, str]
    summary: OperatingSummary
    development: list[ForecastPoint] = field(default_factory=list)
    investments: InvestmentHeadline | None = None
    goals: GoalCounts | None = None

    @property
    def latest_round_label(self) -> str:
        return round_label(self.latest_round)

    @property
    def convention(self) -> str:
        return calc.convention_label(self.measure)

    @property
    def outcome_key(self) -> str | None:
        return {CLOSED: "outcome", FOLLOW_UP: "forecast"}.get(self.view)


def build_overview(tree: OrgTree, node: OrgNode, rounds: YearRounds) -> Overview:
    """Headline figures, the children's deviations and the forecast across the year's rounds."""
    year = tree.year
    view = default_view(rounds)
    measure = tree.measure(node)
    # own keys: the summary's columns share the grid, and cells are cached per (node, key)
    budget_col = ColumnSpec("overview_budget", budget_label(year), Scenario.BUDGET, year)
    round_cols = [ColumnSpec(f"overview_round_{p}", round_label(p), Scenario.FORECAST, year, PERIOD_END_MONTH[p])
                  for p in rounds.forecast_periods]
    outcome_col = ColumnSpec("overview_outcome", year_end_label(year), Scenario.YEAR_END_OUTCOME, year,
                             fallback_scenarios=(Scenario.ACTUAL,))
    summary = build_operating_summary(tree, node, view, rounds, extra_columns=(budget_col, *round_cols, outcome_col))
    grid = summary.grid
    if grid is None:  # build_operating_summary always sets it
        raise RuntimeError("driftsammandraget saknar beloppstabell")

    def value(col: ColumnSpec) -> tuple[Decimal | None, str]:
        cell = grid.cell(node, col)
        return (shown(cell.net, measure), cell.source_label) if cell else (None, "")

    budget, budget_source = value(budget_col)
    if view == CLOSED:
        outcome, outcome_source = value(outcome_col)
        outcome_label = outcome_col.label
    elif view == FOLLOW_UP:
        outcome, outcome_source = value(round_cols[-1])
        outcome_label = gettext("Prognos %(round)s") % {"round": round_labellower(rounds.latest_round)}
    else:
        outcome, outcome_source, outcome_label = None, "", ""
    var = calc.variance(budget, outcome, measure)
    development = [ForecastPoint(col.label, *value(col)) for col in round_cols]
    if rounds.has_year_end:
        development.append(ForecastPoint(outcome_col.label, *value(outcome_col)))
    overview = Overview(
        year=year, node=node, measure=measure, view=view if view != BUDGET else BUDGET,
        latest_round=rounds.latest_round, budget=budget, outcome=outcome, outcome_label=outcome_label,
        variance=var, variance_percent=calc.variance_percent(var, budget),
        sources={"budget": budget_source, "outcome": outcome_source}, summary=summary,
        development=development,
    )
    overview.investments = investment_headline(tree, node)
    overview.goals = goal_counts(tree, node)
    return overview


def round_labellower(period: str | None) -> str:
    return round_label_in_sentence(period)
