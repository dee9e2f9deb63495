"""Open data API: org tree, figures, investments, goals and source documents, read-only.

The public sees only years an administrator has published (`FiscalYear.is_published`); asking for
another year answers 401 so a client knows a login would help. Signed-in users (Django session)
see every year. Every list is paginated (limit/offset) and runs a fixed number of queries.
"""

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from budgetapp.budget import calc
from budgetapp.budget.models import Figure
from budgetapp.core.models import FiscalYear, SourceDocument
from budgetapp.goals.models import Goal, GoalAssessment, Indicator, IndicatorValue
from budgetapp.investments.models import InvestmentProject
from budgetapp.organisation.models import OrgNode

from .schemas import (
    DocumentOut,
    ErrorOut,
    FigureOut,
    GoalOut,
    NodeOut,
    ProjectOut,
    YearOut,
)

# Swagger UI only when ninja's own static files are installed; never load it from a CDN.
_DOCS = "/docs" if "ninja" in settings.INSTALLED_APPS else None

class ReadOnlyAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema and docs pages answer GET/HEAD only (ninja serves them for any
    method; every endpoint of this API is a read, so other methods get 405 like the dashboards)."""

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if pattern.name in (f"{self.urls_namespace}:openapi-json", "openapi-json", "openapi-view"):
                pattern.callback = require_safe(pattern.callback)
        return urls


api = ReadOnlyAPI(
    title="budgetapp – öppna data",
    version="1",
    description=(
        "Läsbara data om budget, prognos, utfall, investeringar och mål per kommun, nämnd och enhet. "
        "Belopp i tkr. Nettokostnad: positivt = kostnad; resultat: positivt = överskott. "
        "Utan inloggning visas bara publicerade år."
    ),
    urls_namespace="api",
    docs_url=_DOCS,
)


def _published() -> set[int]:
    return set(FiscalYear.objects.filter(is_published=True).values_list("year", flat=True))


def _year_filter(request, year: int | None) -> set[int] | None:
    """Years the caller may read: None = all; raises 401 for an unpublished year asked anonymously."""
    if request.user.is_authenticated:
        return {year} if year is not None else None
    published = _published()
    if year is not None:
        if year not in published:
            raise HttpError(401, "Året är inte publicerat; logga in för att se det.")
        return {year}
    return published


def _restrict(qs: QuerySet, years: set[int] | None, field: str = "year") -> QuerySet:
    return qs if years is None else qs.filter(**{f"{field}__in": years})


@api.get("/years", response=list[YearOut], tags=["organisation"], summary="År som kan läsas")
def years(request):
    qs = FiscalYear.objects.order_by("year")
    if not request.user.is_authenticated:
        qs = qs.filter(is_published=True)
    return [YearOut(year=y.year, is_published=y.is_published) for y in qs]


@api.get("/org/{year}", response={200: list[NodeOut], 401: ErrorOut}, tags=["organisation"],
         summary="Organisationsträdet för ett år")
def org_tree(request, year: int):
    _year_filter(request, year)
    nodes = OrgNode.objects.with_tree_fields().filter(year=year).order_siblings_by("sort_order", "name")
    result_ids: set[int] = set()
    out = []
    with translation.override("sv"):  # the open data keep one wording whatever the client's language
        labels = {m: calc.convention_label(m) for m in (calc.RESULT, calc.NET_COST)}
    for n in nodes:  # depth-first, so a parent's convention is known before its children
        if n.reports_result or n.parent_id in result_ids:
            result_ids.add(n.pk)
        out.append(NodeOut(
            id=n.pk, parent_id=n.parent_id, year=n.year, name=n.name, short_name=n.short_name, kind=n.kind,
            financing=n.financing, within_frame=n.within_frame, code=n.code, depth=n.tree_depth,
            sign_convention=labels[calc.RESULT if n.pk in result_ids else calc.NET_COST],
        ))
    return out


class FigureFilter(Schema):
    year: int | None = None
    node: int | None = None
    period: str | None = None
    scenario: str | None = None
    measure: str | None = None
    line_label: str | None = None


@api.get("/figures", response={200: list[FigureOut], 401: ErrorOut}, tags=["belopp"],
         summary="Belopp (budget, plan, prognos, utfall, bokslut, ram) i lång form")
@paginate(LimitOffsetPagination)
def figures(request, filters: Query[FigureFilter]):
    """Filter on `year`, `node`, `period` (tertial_1, interim, october, full_year, month),
    `scenario` (budget, plan, forecast, actual, year_end_outcome, frame) and `measure`
    (cost, revenue, net_cost, result, …)."""
    years = _year_filter(request, filters.year)
    qs = _restrict(Figure.objects.select_related("node", "source_document", "entered_by"), years)
    for field in ("period", "scenario", "measure", "line_label"):
        value = getattr(filters, field)
        if value is not None:
            qs = qs.filter(**{field: value})
    if filters.node is not None:
        qs = qs.filter(node_id=filters.node)
    return qs.order_by("year", "node_id", "scenario", "month", "measure", "id")


@api.get("/investments", response={200: list[ProjectOut], 401: ErrorOut}, tags=["investeringar"],
         summary="Investeringsprojekt per år och rapporttillfälle")
@paginate(LimitOffsetPagination)
def investments(request, year: int | None = None, node: int | None = None, period: str | None = None):
    years = _year_filter(request, year)
    qs = _restrict(InvestmentProject.objects.select_related("node", "source_document", "entered_by"), years)
    if node is not None:
        qs = qs.filter(node_id=node)
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("year", "node_id", "name", "id")


@api.get("/goals", response={200: list[GoalOut], 401: ErrorOut}, tags=["mål"],
         summary="Mål med indikatorer, värden och bedömningar")
@paginate(LimitOffsetPagination)
def goals(request, year: int | None = None, node: int | None = None):
    years = _year_filter(request, year)
    values = IndicatorValue.objects.select_related("source_document", "entered_by").order_by("year", "is_target")
    indicators = Indicator.objects.prefetch_related(Prefetch("values", queryset=values)).order_by("sort_order", "id")
    assessments = GoalAssessment.objects.select_related("source_document", "entered_by").order_by("year", "period")
    qs = _restrict(Goal.objects.select_related("node", "goal_area", "municipal_goal"), years).prefetch_related(
        Prefetch("indicators", queryset=indicators), Prefetch("assessments", queryset=assessments))
    if node is not None:
        qs = qs.filter(Q(node_id=node))
    return qs.order_by("year", "node_id", "sort_order", "id")


@api.get("/documents", response={200: list[DocumentOut], 401: ErrorOut}, tags=["källor"],
         summary="Importerade källdokument")
@paginate(LimitOffsetPagination)
def documents(request, year: int | None = None):
    """Documents without a year are shown to signed-in users only."""
    years = _year_filter(request, year)
    qs = _restrict(SourceDocument.objects.all(), years)
    return qs.order_by("year", "title", "id")
