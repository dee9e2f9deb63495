"""The demo loader: idempotency, figures as printed in the documents, provenance, goals."""

import hashlib
import itertools
from decimal import Decimal

import pytest
from django.apps import apps

from budgetapp.budget.models import BudgetChange, Figure, Measure, PeriodKind, Scenario
from budgetapp.core.models import FiscalYear, SourceDocument
from budgetapp.demo.services import load_demo
from budgetapp.goals.models import Goal, GoalAssessment, Indicator, IndicatorValue, ValueState
from budgetapp.investments.models import InvestmentProject
from budgetapp.organisation.models import KeyFigure, OrgNode

pytestmark = pytest.mark.django_db

DEMO_APPS = ("core", "accounts", "organisation", "budget", "investments", "goals", "followup")


def table_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for app in DEMO_APPS for m in apps.get_app_config(app).get_models()}


def figure_checksum() -> str:
    digest = hashlib.sha256()
    for row in Figure.objects.order_by("id").values_list("id", "node_id", "year", "period", "month", "scenario",
                                                         "measure", "line_label", "amount"):
        digest.update(repr((*row[:-1], Decimal(row[-1]).normalize())).encode())
    return digest.hexdigest()


def node(year: int, name: str) -> OrgNode:
    return OrgNode.objects.get(year=year, name=name, kind__in=["staff_unit", "administration", "common"])


def figure(node_, year, scenario, measure=Measure.NET_COST, doc_year=None, **extra) -> Figure:
    qs = Figure.objects.filter(node=node_, year=year, scenario=scenario, measure=measure, line_label="",
                               period=extra.pop("period", PeriodKind.FULL_YEAR), **extra)
    if doc_year:
        qs = qs.filter(source_document__year=doc_year)
    return qs.get()


def test_second_run_changes_nothing(demo):
    before_counts, before_sum = table_counts(), figure_checksum()
    entered = dict(Figure.objects.values_list("id", "entered_at"))
    again = load_demo()
    assert sum(again.created.values()) == 0
    assert table_counts() == before_counts
    assert figure_checksum() == before_sum
    assert dict(Figure.objects.values_list("id", "entered_at")) == entered  # no row was even re-saved
    assert before_counts["budget.Figure"] > 800


def test_stab_budgets_2020_match_internbudget(demo):
    assert figure(node(2020, "Planeringsstaben"), 2020, Scenario.BUDGET, doc_year=2020,
                  source_document__kind="internal_budget").amount == 36_612
    kommunledning = figure(node(2020, "Kommunledning"), 2020, Scenario.BUDGET, source_document__kind="internal_budget")
    assert kommunledning.amount == 160_964
    assert kommunledning.source_line == 1761
    assert kommunledning.source_document.title == "Internbudget 2020 – kommunstyrelsen"
    budget_2019 = figure(node(2020, "Kommunledning"), 2019, Scenario.BUDGET).amount
    changes = BudgetChange.objects.filter(node__year=2020, node__name="Kommunledning", kind="change_specification")
    assert budget_2019 + sum(c.amount for c in changes) == 160_964  # 000:1761-1767 reconcile
    assert {c.decision_reference for c in changes} == {"KS § 315, Dnr KS 2019-519"}


def test_klf_frame_and_frame_adjustments(demo):
    klf = node(2020, "Kommunledningsförvaltningen")
    assert figure(klf, 2020, Scenario.FRAME).amount == 460_375
    original = Figure.objects.get(node=klf, year=2020, scenario=Scenario.FRAME, line_label__startswith="Budgetram")
    adjustments = BudgetChange.objects.filter(node=klf, kind="frame_adjustment", year=2020)
    assert original.amount + sum(a.amount for a in adjustments) == 460_375  # 000:702-714
    to_kfn = adjustments.filter(counterpart__name="Kultur- och fritidsnämnden")
    assert sorted(a.amount for a in to_kfn) == [-3_000, -2_200]
    assert figure(node(2024, "Kommunledningsförvaltningen"), 2024, Scenario.FRAME).amount == 666_778


def test_2024_stab_is_converted_from_mnkr(demo):
    f = figure(node(2024, "Planeringsstaben"), 2024, Scenario.BUDGET)
    assert (f.amount, f.printed_unit, f.printed_value, f.source_line) == (41_400, "mnkr", "41,4", 332)
    plan = figure(node(2024, "Kommunikations- och utvecklingsstaben"), 2029, Scenario.PLAN)
    assert plan.amount == 55_100 and plan.basis_year == 2024
    ostlanken = BudgetChange.objects.get(node__year=2024, reason="Ostlänken, budgetöverföring till MoS", year=2025)
    assert ostlanken.amount == Decimal("-2900") and ostlanken.counterpart.name == "Samhällsbyggnadsnämnden"


def test_year_end_2020_and_revenue_funded_signs(demo):
    assert figure(node(2020, "Ekonomistaben"), 2020, Scenario.YEAR_END_OUTCOME).amount == 46_015
    leanlink = node(2020, "Leanlink")
    assert figure(leanlink, 2020, Scenario.YEAR_END_OUTCOME, Measure.RESULT).amount == 7_972
    assert figure(leanlink, 2020, Scenario.BUDGET, Measure.RESULT, source_document__kind="annual_report").amount \
        == -15_000
    lss = OrgNode.objects.get(year=2020, name="LSS Funktionsstöd")
    lss_budget = figure(lss, 2020, Scenario.BUDGET, Measure.RESULT)
    assert (lss_budget.amount, lss_budget.printed_value) == (-9_000, "9 000")  # printed as a net cost
    vss = node(2020, "Verksamhetsstöd och service")
    assert figure(vss, 2020, Scenario.BUDGET, Measure.COST).amount == 277_147
    assert vss.financing == "revenue" and vss.within_frame is False


def test_every_figure_has_provenance(demo):
    admin = apps.get_model("accounts", "User").objects.get(username="admin")
    assert not Figure.objects.filter(source_document__isnull=False, source_line__isnull=True).exists()
    assert set(Figure.objects.filter(source_document__isnull=True).values_list("entered_by", flat=True)) == {admin.pk}
    assert SourceDocument.objects.count() == 4


def test_monthly_actuals_and_forecasts_2024(demo):
    stab = node(2024, "HR-staben")
    actuals = list(Figure.objects.filter(node=stab, year=2024, scenario=Scenario.ACTUAL, period=PeriodKind.MONTH)
                   .order_by("month").values_list("month", "amount"))
    assert [m for m, _ in actuals] == list(range(1, 11))
    assert all(a < b for (_, a), (_, b) in itertools.pairwise(actuals))  # year to date
    budget = figure(stab, 2024, Scenario.BUDGET).amount
    for period in (PeriodKind.TERTIAL_1, PeriodKind.INTERIM):
        forecast = figure(stab, 2024, Scenario.FORECAST, period=period).amount
        assert abs(forecast - budget) <= budget * Decimal("0.05")
    lkdata = OrgNode.objects.get(year=2024, name="LKDATA")
    assert Figure.objects.filter(node=lkdata, scenario=Scenario.ACTUAL, measure=Measure.REVENUE).count() == 10


def test_fiscal_years_publication(demo):
    assert FiscalYear.objects.get(year=2020).is_published
    assert not FiscalYear.objects.get(year=2024).is_published


def test_goals_indicators_and_assessments(demo):
    assert Goal.objects.filter(year=2020, node__name="Kommunstyrelsen").count() == 18
    assert Goal.objects.filter(year=2024, node__name="Kommunstyrelsen").count() == 18
    statuses = list(GoalAssessment.objects.filter(year=2020).values_list("status", flat=True))
    assert (statuses.count("fulfilled"), statuses.count("partly_fulfilled"), statuses.count("not_fulfilled")) \
        == (6, 11, 1)
    violence = Indicator.objects.get(name__startswith="Anmälda våldsbrott")
    target = violence.values.get(is_target=True)
    assert (target.comparator, target.value, target.raw) == ("<", 650, "Färre än 650")
    assert violence.values.get(year=2020, is_target=False).state == ValueState.NO_DATA
    sick = Indicator.objects.get(name="Total sjukfrånvaro (%), avser Kommunledningsförvaltning.")
    assert sorted(sick.breakdowns.values_list("name", flat=True)) == ["Kvinnor", "Män"]
    assert sick.breakdowns.get(name="Kvinnor").values.get(year=2020, is_target=False).value == Decimal("2.0")
    assert IndicatorValue.objects.filter(raw="Öka", state=ValueState.TEXT).exists()
    successor = Goal.objects.get(year=2024, name="Hållbart chef- och ledarskap")
    assert successor.predecessor.name == "Framgångsrikt chef- och ledarskap"


def test_investments_and_key_figures(demo):
    simhall = InvestmentProject.objects.get(name="KS ny simhall")
    assert (simhall.approved_budget, simhall.year_actual, simhall.end_year, simhall.is_large) \
        == (990_500, 422_000, 2022, True)
    assert InvestmentProject.objects.filter(status="completed").count() == 3
    staff = KeyFigure.objects.get(year=2020, kind="permanent_staff", column="Bokslut 2020")
    assert staff.value == 141 and staff.source_line == 152
