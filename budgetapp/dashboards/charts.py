"""Plotly figures built on the server and sent as JSON; `static/js/charts.js` draws them.

Figures are plain dicts in Plotly's JSON schema, built directly: constructing `plotly.graph_objects`
validates every property and cost more than the rest of a page, while plotly.js needs only the JSON.
They use a minimal layout (no template, which would add kilobytes per chart), Swedish number
separators, the Okabe–Ito palette (safe for colour vision deficiencies) and hover texts that name
each value's source, so a figure in a chart is as traceable as one in a table.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext

from budgetapp.budget import calc
from budgetapp.core.money import format_number
from budgetapp.goals.models import ValueState

from .selectors.goals import IndicatorSeries
from .selectors.operating import OperatingSummary
from .selectors.overview import Overview

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, GREY = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#595959"
FAVOURABLE, UNFAVOURABLE = "#1d6b2f", "#a4161a"
SERIES_COLOURS = [BLUE, VERMILLION, GREEN, PURPLE, ORANGE]


def _layout(title: str, **extra) -> dict:
    layout = {
        "title": {"text": title, "x": 0, "font": {"size": 16}},
        "separators": ", ",
        "font": {"family": "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", "size": 13,
                 "color": "#1b1b1b"},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1b1b1b"}},
        "legend": {"orientation": "h", "y": -0.2},
        "height": 360,
    }
    layout.update(extra)
    return layout


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _source(source: str | None) -> str:
    """"Källa: …" for a hover text (figures are built per request, in the active language)."""
    return gettext("Källa: %(source)s") % {"source": source or gettext("saknas")}


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _figure(data: list[dict], layout: dict) -> dict:
    """A Plotly figure as plain JSON-able data: {"data": traces, "layout": layout}."""
    return {"data": data, "layout": layout}


def deviation_by_child(summary: OperatingSummary, outcome_label: str) -> dict | None:
    """Horizontal bars: each child's avvikelse (positive = favourable) in its own convention."""
    variance_key = next((c.key for c in summary.columns if c.is_variance), None)
    if variance_key is None:
        return None
    rows = [r for r in [*summary.rows, *summary.outside] if r.kind in ("node", "outside")]
    rows = [r for r in rows if r.values.get(variance_key) is not None]
    if not rows:
        return None
    labels, values, colours, texts, hovers = [], [], [], [], []
    for row in rows:
        value = row.values[variance_key]
        word = gettext("gynnsam") if value >= 0 else gettext("ogynnsam")
        labels.append(f"{row.label}{row.marker}")
        values.append(_num(value))
        colours.append(FAVOURABLE if value >= 0 else UNFAVOURABLE)
        texts.append(f"{format_number(value)} ({word})")
        source = "; ".join(s for s in (row.sources.get("budget"), row.sources.get(summary_outcome(summary))) if s)
        convention = gettext("resultat") if row.reports_result else gettext("nettokostnad")
        text = gettext("Avvikelse %(amount)s tkr (%(word)s, %(convention)s)<br>Budget mot %(outcome)s") % {
            "amount": format_number(value), "word": word, "convention": convention,
            "outcome": _lower_first(outcome_label)}
        hovers.append(f"<b>{row.label}</b><br>{text}<br>{_source(source)}")
    bar = {"type": "bar", "x": values, "y": labels, "orientation": "h", "marker": {"color": colours},
           "text": texts, "textposition": "auto", "hovertext": hovers, "hoverinfo": "text",
           "name": gettext("Avvikelse")}
    height = max(260, 60 + 34 * len(rows))
    layout = _layout(gettext("Avvikelse per enhet (tkr, positiv = gynnsam)"), height=height,
                     margin={"l": 220, "r": 20, "t": 50, "b": 40},
                     yaxis={"autorange": "reversed", "automargin": True},
                     xaxis={"zeroline": True, "zerolinecolor": "#1b1b1b", "title": {"text": "tkr"}})
    return _figure([bar], layout)


def summary_outcome(summary: OperatingSummary) -> str:
    col = next((c for c in summary.columns if c.is_variance), None)
    return col.variance_of[1] if col else ""


def forecast_development(overview: Overview) -> dict | None:
    """The year's forecasts round by round against the budget (a line with a budget reference)."""
    points = [p for p in overview.development if p.value is not None]
    if not points:
        return None
    conv = gettext("resultat") if overview.measure == calc.RESULT else gettext("nettokostnad")
    data: list[dict] = []
    x = [p.label for p in overview.development]
    if overview.budget is not None:
        budget_hover = (gettext("Budget %(amount)s tkr") % {"amount": format_number(overview.budget)}
                        + "<br>" + _source(overview.sources["budget"]))
        data.append({
            "type": "scatter", "x": x, "y": [_num(overview.budget)] * len(x), "mode": "lines",
            "name": gettext("Budget %(year)s") % {"year": overview.year}, "line": {"color": GREY, "dash": "dash"},
            "hovertext": [budget_hover] * len(x), "hoverinfo": "text",
        })
    data.append({
        "type": "scatter", "x": x, "y": [_num(p.value) for p in overview.development],
        "mode": "lines+markers+text", "name": gettext("Prognos/bokslut"),
        "line": {"color": BLUE, "width": 3}, "marker": {"size": 10, "symbol": "circle"},
        "text": [format_number(p.value) if p.value is not None else "" for p in overview.development],
        "textposition": "top center",
        "hovertext": [f"{p.label}: {format_number(p.value)} tkr<br>{_source(p.source)}"
                      for p in overview.development], "hoverinfo": "text",
    })
    layout = _layout(gettext("Prognosutveckling %(year)s (%(convention)s, tkr)") % {"year": overview.year,
                                                                                     "convention": conv},
                     yaxis={"title": {"text": "tkr"}, "tickformat": ",.0f"})
    return _figure(data, layout)


def indicator_trend(series: IndicatorSeries) -> dict | None:
    """Outcomes per year (I.U. as a gap with a note), breakdowns as own series, target as a dashed line."""
    years = series.years
    if not years:
        return None
    x = [str(y) for y in years]
    data: list[dict] = []
    notes = []
    partial, no_data = gettext(" (delår/prognos)"), gettext("I.U.")

    def add_series(s: IndicatorSeries, name: str, colour: str, symbol: str) -> None:
        by_year = {v.year: v for v in s.values}
        y, hover = [], []
        for year in years:
            v = by_year.get(year)
            if v is None or v.value is None:
                y.append(None)
                hover.append("")
                if v is not None and v.state == ValueState.NO_DATA:
                    notes.append((str(year), f"{name}: {no_data}"))
                continue
            y.append(_num(v.value))
            extra = partial if v.is_partial_period else ""
            ref = (gettext(" (avser %(year)s)") % {"year": v.reference_year}
                   if v.reference_year and v.reference_year != year else "")
            hover.append(f"{name} {year}: {v.raw or format_number(v.value, 1)}{extra}{ref}"
                         f"<br>{_source(v.source_label)}")
        if any(val is not None for val in y) or s.values:
            data.append({"type": "scatter", "x": x, "y": y, "mode": "lines+markers", "name": name,
                         "connectgaps": False, "line": {"color": colour, "width": 3},
                         "marker": {"size": 9, "symbol": symbol}, "hovertext": hover, "hoverinfo": "text"})

    add_series(series, gettext("Utfall") if not series.breakdowns else gettext("Totalt"), BLUE, "circle")
    symbols = ["square", "diamond", "triangle-up", "x"]
    for i, b in enumerate(series.breakdowns):
        add_series(b, b.indicator.name, SERIES_COLOURS[(i + 1) % len(SERIES_COLOURS)], symbols[i % len(symbols)])
    targets = {v.year: v for v in series.targets}
    if targets:
        ty = [_num(targets[y].value) if y in targets and targets[y].value is not None else None for y in years]
        target_name = gettext("Målvärde")
        data.append({
            "type": "scatter", "x": x, "y": ty, "mode": "lines+markers", "name": target_name, "connectgaps": True,
            "line": {"color": ORANGE, "dash": "dash", "width": 2}, "marker": {"symbol": "star", "size": 11},
            "hovertext": [f"{target_name} {y}: {targets[y].comparator}{targets[y].raw}<br>"
                          f"{_source(targets[y].source_label)}" if y in targets else "" for y in years],
            "hoverinfo": "text",
        })
    annotations = [{"x": xv, "y": 0, "yref": "paper", "yanchor": "bottom", "text": no_data, "showarrow": False,
                    "font": {"color": GREY}, "hovertext": gettext("%(label)s – ingen uppgift") % {"label": label}}
                   for xv, label in notes]
    unit = f" ({series.indicator.unit})" if series.indicator.unit else ""
    layout = _layout(f"{series.indicator.name}{unit}", annotations=annotations,
                     xaxis={"type": "category", "title": {"text": gettext("År")}})
    return _figure(data, layout)


def comparison_chart(rows, years: list[int], title: str) -> dict | None:
    """Budget and outcome of the compared unit across years (one bar pair per year)."""
    if not rows:
        return None
    row = rows[0]
    x = [str(y) for y in years]
    budget = [_num(row.cells[y].budget) if y in row.cells else None for y in years]
    outcome = [_num(row.cells[y].outcome) if y in row.cells else None for y in years]
    if all(v is None for v in budget + outcome):
        return None
    missing = gettext("saknas")
    names = [", ".join(row.cells[y].names) or row.node.name if y in row.cells else missing for y in years]
    budget_hover, outcome_hover = gettext("%(name)s %(year)s: budget"), gettext("%(name)s %(year)s: bokslut")
    data = [
        {"type": "bar", "x": x, "y": budget, "name": gettext("Budget"), "marker": {"color": BLUE},
         "hovertext": [budget_hover % {"name": n, "year": y} for n, y in zip(names, x, strict=True)],
         "hoverinfo": "text+y"},
        {"type": "bar", "x": x, "y": outcome, "name": gettext("Bokslut"),
         "marker": {"color": ORANGE, "pattern": {"shape": "/"}},
         "hovertext": [outcome_hover % {"name": n, "year": y} for n, y in zip(names, x, strict=True)],
         "hoverinfo": "text+y"},
    ]
    layout = _layout(title, barmode="group", xaxis={"type": "category"},
                     yaxis={"title": {"text": "tkr"}, "tickformat": ",.0f"})
    return _figure(data, layout)
