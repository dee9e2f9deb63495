"""Response schemas of the open data API. Amounts are tkr as JSON numbers."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class YearOut(Schema):
    year: int
    is_published: bool


class NodeOut(Schema):
    id: int
    parent_id: int | None
    year: int
    name: str
    short_name: str
    kind: str
    financing: str
    within_frame: bool
    code: str
    depth: int
    sign_convention: str


class SourceMixin(Schema):
    source: str = ""

    @staticmethod
    def resolve_source(obj) -> str:
        return obj.source_label


class FigureOut(SourceMixin):
    id: int
    node_id: int
    node_name: str = Field(alias="node.name")
    year: int
    period: str
    month: int
    scenario: str
    measure: str
    line_label: str
    basis_year: int
    amount_tkr: float = Field(alias="amount")
    printed_value: str
    printed_unit: str


class ProjectOut(SourceMixin):
    id: int
    node_id: int
    node_name: str = Field(alias="node.name")
    parent_id: int | None
    year: int
    period: str
    name: str
    status: str
    approved_budget_tkr: float | None = Field(alias="approved_budget")
    accumulated_actual_tkr: float | None = Field(alias="accumulated_actual")
    year_budget_tkr: float | None = Field(alias="year_budget")
    year_actual_tkr: float | None = Field(alias="year_actual")
    year_forecast_tkr: float | None = Field(alias="year_forecast")
    total_forecast_tkr: float | None = Field(alias="total_forecast")
    year_variance_tkr: float | None = Field(alias="year_variance")
    end_year: int | None
    is_large: bool


class IndicatorValueOut(SourceMixin):
    year: int
    is_target: bool
    column: str
    raw: str
    value: float | None
    state: str
    reference_year: int | None
    comparator: str
    is_partial_period: bool


class IndicatorOut(Schema):
    id: int
    parent_id: int | None
    name: str
    unit: str
    desired_direction: str
    footnote: str
    values: list[IndicatorValueOut]


class AssessmentOut(SourceMixin):
    year: int
    period: str
    status: str
    status_text: str
    analysis: str


class GoalOut(Schema):
    id: int
    node_id: int
    node_name: str = Field(alias="node.name")
    year: int
    kind: str
    goal_area: str | None = None
    municipal_goal: str | None = None
    name: str
    description: str
    indicators: list[IndicatorOut]
    assessments: list[AssessmentOut]

    @staticmethod
    def resolve_goal_area(obj) -> str | None:
        return obj.goal_area.name if obj.goal_area else None

    @staticmethod
    def resolve_municipal_goal(obj) -> str | None:
        return obj.municipal_goal.name if obj.municipal_goal else None


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    organisation_name: str
    year: int | None
    plan_years: list[int] = []
    file_name: str
    sha256: str
    decision_reference: str
    is_current: bool
    supersedes_id: int | None
    imported_at: datetime


class ErrorOut(Schema):
    detail: str
