"""Thin views: authorise the year, fetch one selector result, render it or export it.

Anonymous users see only published years (`core.FiscalYear.is_published`); asking for another year
sends them to the login page. Signed-in users see every year. Nothing here writes: every page answers
GET/HEAD only (405 otherwise), and anonymous visitors get a cached copy (see `cache.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from budgetapp.budget import calc
from budgetapp.organisation.models import OrgNode

from . import charts, export_tables
from .cache import cache_public_page, cached_for_data_version, shared_in_process
from .exports import export_response
from .filters import OperatingSummaryFilter
from .selectors.comparison import build_year_comparison
from .selectors.context import (
    OrgTree,
    YearNotVisible,
    YearRounds,
    choose_year,
    dashboard_years,
    is_year_visible,
    round_label,
    year_rounds,
)
from .selectors.goals import build_goals, goal_detail
from .selectors.investments import build_investments
from .selectors.operating import VIEW_LABELS, build_operating_summary, default_view
from .selectors.overview import build_overview
from .tables import OperatingSummaryTable


@dataclass
class Scope:
    year: int
    years: list[int]
    tree: OrgTree
    node: OrgNode | None


class _NoYears(Exception):
    pass


class _EmptyYear(Exception):
    """A year the user may see but that has no organisation (and so no figures) yet."""

    def __init__(self, year: int, years: list[int]) -> None:
        super().__init__(year)
        self.year, self.years = year, years


def _scope(request: HttpRequest) -> Scope:
    """Year and node from the query string; raises YearNotVisible, _NoYears or Http404."""
    # the visible years are the same for every signed-in user, and for every visitor, until a write
    signed_in = request.user.is_authenticated
    years, visible = cached_for_data_version(request, f"years:{'signed-in' if signed_in else 'public'}",
                                             lambda: dashboard_years(request.user))
    requested = request.GET.get("year")
    if requested and requested.isdigit() and int(requested) in visible and int(requested) not in years:
        raise _EmptyYear(int(requested), years)  # a plan year or a year without an organisation yet
    year, years = choose_year(request.user, requested, years)
    if year is None:
        raise _NoYears
    # the same for every user until a write commits (see cache.py); read-only from here on
    tree = shared_in_process(request, f"tree:{year}", lambda: OrgTree.load(year))
    node = tree.get(request.GET.get("node")) if request.GET.get("node") else tree.default_node()
    if request.GET.get("node") and node is None:
        raise Http404("Enheten finns inte det året.")
    return Scope(year, years, tree, node)


def _rounds(request: HttpRequest, year: int) -> YearRounds:
    """The year's follow-up rounds, shared until the data changes (a DISTINCT over the year's figures)."""
    return cached_for_data_version(request, f"rounds:{year}", lambda: year_rounds(year))


def _guarded(page):
    """GET/HEAD only, cached for the public; hidden years → login, an empty database → a friendly page."""
    @require_safe
    @cache_public_page
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return page(request, *args, **kwargs)
        except YearNotVisible:
            return redirect_to_login(request.get_full_path())
        except _NoYears:
            return render(request, "dashboards/no_years.html", {}, status=200)
        except _EmptyYear as empty:
            links = [(y, _url(page.__name__, year=y)) for y in empty.years]
            return render(request, "dashboards/empty_year.html", {"year": empty.year, "links": links}, status=200)
    wrapper.__name__ = page.__name__
    wrapper.__doc__ = page.__doc__
    return wrapper


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return _path(name, get_script_prefix()) + (f"?{query}" if query else "")


@lru_cache(maxsize=64)
def _path(name: str, _prefix: str) -> str:
    """The page's path, reversed once per name and script prefix (tables link every row)."""
    return reverse(f"dashboards:{name}")


def _breadcrumbs(scope: Scope, page: str, label: str, **extra) -> list[dict]:
    crumbs = [{"url": _url(page, year=scope.year, **extra), "label": f"{label} {scope.year}"}]
    for ancestor in scope.tree.ancestors(scope.node):
        crumbs.append({"url": _url(page, year=scope.year, node=ancestor.pk, **extra), "label": ancestor.name})
    return crumbs


def _node_choices(scope: Scope, max_depth: int = 3) -> list[tuple[int, str]]:
    """Nodes for the selector: kommun, nämnder, förvaltningar and staber (not every enhet)."""
    return [(n.pk, "\u2003" * n.tree_depth + n.name) for n in scope.tree.nodes
            if n.tree_depth <= max_depth and (scope.tree.kids(n) or n.tree_depth <= 1)]


def _node_options(request: HttpRequest, scope: Scope) -> SafeString:
    """The node <select>'s options as one HTML string, built once per year and data version.

    The string is the same for every user (names of a year's nodes), so it is cached with the
    data version (see `cache.py`) and only the chosen node's option is marked per request.
    """
    def build() -> str:
        return "".join(format_html('<option value="{}">{}</option>', pk, label) for pk, label in _node_choices(scope))

    options = cached_for_data_version(request, f"node-options:{scope.year}", build)
    if scope.node is not None:
        options = options.replace(f'<option value="{scope.node.pk}">', f'<option value="{scope.node.pk}" selected>', 1)
    return mark_safe(options)  # noqa: S308 - built with format_html from escaped names


def _base_context(request: HttpRequest, scope: Scope, page: str, title: str) -> dict:
    node_name = scope.node.name if scope.node else ""
    return {
        "scope": scope, "year": scope.year, "years": scope.years, "node": scope.node,
        "node_options": _node_options(request, scope), "page_name": page, "page_title": title,
        "heading": f"{title} {scope.year}" + (f" – {node_name}" if node_name else ""),
        "anonymous": not request.user.is_authenticated,
    }


def _export(request: HttpRequest, tables, scope: Scope, title: str) -> HttpResponse | None:
    fmt = request.GET.get("export", "")
    if fmt not in ("xlsx", "csv"):
        return None
    node_name = scope.node.name if scope.node else gettext("alla")
    return export_response(fmt, tables, f"{title}-{node_name}-{scope.year}", f"{title} {scope.year} – {node_name}",
                           request.GET.get("table"))


@_guarded
def overview(request: HttpRequest) -> HttpResponse:
    """Översikt: net cost budget vs forecast/outcome, deviations by stab, forecast across rounds."""
    scope = _scope(request)
    node = scope.node or (scope.tree.roots[0] if scope.tree.roots else None)
    if node is None:
        raise Http404("Ingen organisation finns för året.")
    scope.node = node
    rounds = _rounds(request, scope.year)
    data = build_overview(scope.tree, node, rounds)
    title = gettext("Översikt")
    exported = _export(request, [export_tables.operating_summary_table(
        data.summary, gettext("Översikt %(name)s") % {"name": node.name})], scope, title)
    if exported:
        return exported
    context = _base_context(request, scope, "overview", title)
    context.update({
        "data": data,
        "deviation_chart": charts.deviation_by_child(data.summary, data.outcome_label or gettext("prognos")),
        "development_chart": charts.forecast_development(data),
        "breadcrumbs": _breadcrumbs(scope, "overview", title),
        "summary_url": _url("operating_summary", year=scope.year, node=node.pk),
        "result_convention": calc.convention_label(calc.RESULT),
    })
    context["has_charts"] = bool(context["deviation_chart"] or context["development_chart"])
    return render(request, "dashboards/overview.html", context)


@_guarded
def operating_summary(request: HttpRequest) -> HttpResponse:
    """Driftsammandrag with columns by context, drill-down, sorting, filtering and exports."""
    scope = _scope(request)
    rounds = _rounds(request, scope.year)
    view = request.GET.get("view") or default_view(rounds)
    if view not in VIEW_LABELS:
        view = default_view(rounds)
    filterset = OperatingSummaryFilter(
        request.GET or None,
        queryset=OrgNode.objects.filter(year=scope.year, parent=scope.node),
    )
    visible_ids = set(filterset.qs.values_list("id", flat=True)) if filterset.is_active else None
    order_by = request.GET.get("sort", "")
    summary = build_operating_summary(scope.tree, scope.node, view, rounds, period=request.GET.get("period"),
                                      visible_ids=visible_ids, order_by=order_by)
    title = gettext("Driftsammandrag")
    exported = _export(request, [export_tables.operating_summary_table(summary, title)], scope, title)
    if exported:
        return exported
    table = _summary_table(summary, scope.year, order_by, expandable=True)
    context = _base_context(request, scope, "operating_summary", title)
    context.update({
        "summary": summary, "table": table, "filter": filterset, "views": VIEW_LABELS,
        "rounds": [(p, round_label(p)) for p in rounds.forecast_periods],
        "result_convention": calc.convention_label(calc.RESULT),
        "breadcrumbs": _breadcrumbs(scope, "operating_summary", title, view=summary.view, period=summary.period),
    })
    return render(request, "dashboards/operating_summary.html", context)


def _summary_table(summary, year: int, order_by: str, *, expandable: bool) -> OperatingSummaryTable:
    params = {"year": year, "view": summary.view, "period": summary.period}
    keys = ",".join(c.key for c in summary.columns)
    expand = ((lambda n: _url("operating_summary_rows", node=n.pk, cols=keys, sort=order_by, **params))
              if expandable else None)
    return OperatingSummaryTable(summary, lambda n: _url("operating_summary", node=n.pk, **params),
                                 order_by=order_by, expand_url=expand)


@_guarded
def operating_summary_rows(request: HttpRequest) -> HttpResponse:
    """A unit's rows for showing them in place under its row of a driftsammandrag (drill-down
    without leaving the page); the columns are the parent table's (`cols`), so the rows line up."""
    if not request.GET.get("node"):
        raise Http404("Ange en enhet.")
    scope = _scope(request)
    rounds = _rounds(request, scope.year)
    view = request.GET.get("view") or default_view(rounds)
    if view not in VIEW_LABELS:
        view = default_view(rounds)
    keys = [k for k in request.GET.get("cols", "").split(",") if k] or None
    order_by = request.GET.get("sort", "")
    summary = build_operating_summary(scope.tree, scope.node, view, rounds, period=request.GET.get("period"),
                                      order_by=order_by, column_keys=keys)
    table = _summary_table(summary, scope.year, order_by, expandable=True)
    return HttpResponse(table.rows_fragment(), content_type="text/html; charset=utf-8")


@_guarded
def investments(request: HttpRequest) -> HttpResponse:
    """Investeringar: completed and ongoing projects, large projects, frame per nämnd, 10-year plan."""
    scope = _scope(request)
    data = build_investments(scope.tree, scope.node, request.GET.get("period"))
    title = gettext("Investeringar")
    tables = export_tables.investment_tables(data)
    exported = _export(request, tables, scope, title)
    if exported:
        return exported
    context = _base_context(request, scope, "investments", title)
    context.update({"data": data, "export_tables": tables, "period_label": round_label(data.period),
                    "periods": [(p, round_label(p)) for p in data.periods],
                    "breadcrumbs": _breadcrumbs(scope, "investments", title)})
    return render(request, "dashboards/investments.html", context)


@_guarded
def goals(request: HttpRequest) -> HttpResponse:
    """Måluppfyllelse per nämnd and round: status badges, counts and analysis texts."""
    scope = _scope(request)
    data = build_goals(scope.tree, scope.node, request.GET.get("period"))
    title = gettext("Måluppfyllelse")
    exported = _export(request, [export_tables.goals_table(data)], scope, title)
    if exported:
        return exported
    context = _base_context(request, scope, "goals", title)
    context.update({"data": data, "period_label": round_label(data.period),
                    "periods": [(p, round_label(p)) for p in data.periods],
                    "breadcrumbs": _breadcrumbs(scope, "goals", title)})
    return render(request, "dashboards/goals.html", context)


@_guarded
def goal(request: HttpRequest, pk: int) -> HttpResponse:
    """One goal: its assessments over the year and a trend chart per indicator."""
    detail = goal_detail(pk, lambda year: is_year_visible(request.user, year))
    if detail is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("Målet finns inte.")
    charts_by_indicator = [
        {"series": s, "chart": charts.indicator_trend(s), "chart_id": f"chart-ind-{s.indicator.pk}",
         "data_id": f"chart-ind-{s.indicator.pk}-data",
         "label": gettext("Linjediagram: %(name)s per år med målvärde. Värdena finns i tabellen nedan.")
         % {"name": s.indicator.name}}
        for s in detail.indicators
    ]
    goals_title = gettext("Måluppfyllelse")
    crumbs = [{"url": _url("goals", year=detail.goal.year), "label": f"{goals_title} {detail.goal.year}"},
              {"url": _url("goals", year=detail.goal.year, node=detail.goal.node_id), "label": detail.goal.node.name},
              {"url": "", "label": detail.goal.name}]
    return render(request, "dashboards/goal_detail.html", {
        "detail": detail, "goal": detail.goal, "indicator_charts": charts_by_indicator, "breadcrumbs": crumbs,
        "has_charts": any(c["chart"] for c in charts_by_indicator),
    })


@_guarded
def year_comparison(request: HttpRequest) -> HttpResponse:
    """The same nämnd/förvaltning across years despite renamed or moved units."""
    scope = _scope(request)
    years = sorted(scope.years)
    data = build_year_comparison(scope.tree, scope.node, years)
    title = gettext("Jämförelse mellan år")
    exported = _export(request, [export_tables.comparison_table(data)], scope, title)
    if exported:
        return exported
    context = _base_context(request, scope, "year_comparison", title)
    name = scope.node.name if scope.node else gettext("Organisationen")
    chart_title = gettext("%(name)s: budget och bokslut") % {"name": name}
    context.update({"data": data, "chart": charts.comparison_chart(data.rows, years, chart_title),
                    "breadcrumbs": _breadcrumbs(scope, "year_comparison", title)})
    context["has_charts"] = bool(context["chart"])
    return render(request, "dashboards/year_comparison.html", context)
