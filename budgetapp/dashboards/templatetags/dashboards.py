"""Small template helpers for the dashboards."""

from decimal import Decimal
from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from budgetapp.core.i18n import per_language
from budgetapp.core.money import format_tkr

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ row.values|get_item:column.key }}`; None when missing."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def indicator_value(series, year):
    """The outcome value of an IndicatorSeries for `year` (first printed column), or None."""
    return next((v for v in series.values if v.year == year), None)


@register.filter
def indicator_target(series, year):
    return next((v for v in series.targets if v.year == year), None)


# `{% amount %}` and `{% variance %}` print exactly what `_amount.html` / `_variance.html` print, without
# an {% include %} per cell (a table of a hundred projects has seven hundred cells).

# The words in a cell's markup, escaped, per language: looked up once per language and process (a page has
# hundreds of cells), never shared between languages. "%(source)s" is filled with the escaped source.

def _build_cell_text() -> dict[str, str]:
    missing = escape(gettext("saknas"))
    return {
        "missing_amount": mark_safe(f'<span title="{escape(gettext("Värde saknas"))}">–'  # noqa: S308 - escaped
                                    f'<span class="visually-hidden">{missing}</span></span>'),
        "missing_variance": mark_safe(f'<span>–<span class="visually-hidden">{missing}</span></span>'),  # noqa: S308
        "source": escape(gettext("Källa: %(source)s")),
        "positive": escape(gettext("Positiv avvikelse är gynnsam")),
        "positive_source": escape(gettext("Positiv avvikelse är gynnsam. Källa: %(source)s")),
        "negative": escape(gettext("Negativ avvikelse är ogynnsam")),
        "negative_source": escape(gettext("Negativ avvikelse är ogynnsam. Källa: %(source)s")),
        "favourable": escape(gettext("(gynnsam)")),
        "unfavourable": escape(gettext("(ogynnsam)")),
        "level": escape(gettext("(i nivå)")),
        "revenue_funded": escape(gettext("intäktsfinansierad, visas som resultat")),
    }


_cell_text = per_language(_build_cell_text)  # the cell words in the active language


def _tkr(value) -> str:
    return format_tkr(Decimal(value))


# The cell helpers build their markup with f-strings and `html.escape` (what Django's `escape` calls):
# `format_html` per cell was most of the rendering time of a page of a few hundred projects.

def _amount_html(value, source: str = "") -> str:
    if value is None:
        return _cell_text()["missing_amount"]
    cls = "neg" if value < 0 else ""
    if source:
        title = _cell_text()["source"] % {"source": escape(source)}
        return f'<span class="{cls}" title="{title}">{escape(_tkr(value))}</span>'
    return f'<span class="{cls}">{escape(_tkr(value))}</span>'


def _variance_html(value, source: str = "") -> str:
    texts = _cell_text()
    if value is None:
        return texts["missing_variance"]
    if value > 0:
        title = texts["positive_source"] % {"source": escape(source)} if source else texts["positive"]
        return (f'<span class="pos" title="{title}"><span aria-hidden="true">▲ '
                f'</span>+{escape(_tkr(value))} <span class="var-word">{texts["favourable"]}</span></span>')
    if value < 0:
        title = texts["negative_source"] % {"source": escape(source)} if source else texts["negative"]
        return (f'<span class="neg" title="{title}"><span aria-hidden="true">▼ '
                f'</span>{escape(_tkr(value))} <span class="var-word">{texts["unfavourable"]}</span></span>')
    return f'<span>0 tkr <span class="var-word">{texts["level"]}</span></span>'


@register.simple_tag
def amount(value, source: str = ""):
    """An amount in tkr with its source on hover; negative numbers get class "neg" and a real minus."""
    return mark_safe(_amount_html(value, source))  # noqa: S308 - escaped in _amount_html


@register.simple_tag
def variance(value, source: str = ""):
    """A deviation with arrow, sign and the word gynnsam/ogynnsam (never colour alone)."""
    return mark_safe(_variance_html(value, source))  # noqa: S308 - escaped in _variance_html


_PROJECT_AMOUNT_CELLS = (("approved_budget", _amount_html), ("accumulated_actual", _amount_html),
                         ("lifetime_variance", _variance_html), ("year_budget", _amount_html),
                         ("year_actual", _amount_html), ("year_forecast", _amount_html),
                         ("year_variance", _variance_html))


@register.simple_tag
def project_rows(group):
    """The body rows of one project group (investeringar), built in Python.

    Same markup as a `{% for %}` over the rows with `{% amount %}`/`{% variance %}` per cell, but a
    year of a few hundred projects no longer costs a template node walk per cell.
    """
    large = group.key == "large"
    out = []
    for row in group.rows:
        project = row.project
        source = project.source_label
        cells = "".join(f'<td class="num">{tag(getattr(project, key), source)}</td>'
                        for key, tag in _PROJECT_AMOUNT_CELLS)
        if large:
            cells += f'<td class="num">{escape(str(project.end_year)) if project.end_year else "–"}</td>'
        kind, depth = ("row-of_which", ' class="depth-1"') if row.is_part else ("row-node", "")
        out.append(f'<tr class="{kind}"><th scope="row"{depth}>{escape(row.label)} '
                   f'<span class="note">({escape(project.node.name)})</span></th>{cells}</tr>\n')
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above


@register.simple_tag
def overview_rows(rows, columns, year):
    """The översikt's unit rows (what `_overview_row.html` printed per row), built in Python."""
    out = []
    revenue_funded = _cell_text()["revenue_funded"]
    for row in rows:
        label = escape(row.label)
        if row.node and row.kind not in ("sum", "of_which"):
            label = f'<a href="?year={escape(str(year))}&amp;node={row.node.pk}">{label}</a>'
        if row.marker:
            label += f' <span aria-label="{revenue_funded}">*</span>'
        cells = "".join(
            f'<td class="num">{(_variance_html if c.is_variance else _amount_html)(row.values.get(c.key), source)}</td>'
            for c in columns for source in (row.sources.get(c.key) or "",))
        out.append(f'<tr class="row-{escape(row.kind)}"><th scope="row">{label}</th>\n{cells}</tr>\n')
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above


_URL_SENTINEL = 987654321


@register.simple_tag
def goal_items(group, node=None):
    """The <li> of each goal of one group (måluppfyllelse), built in Python; same markup as the loop it replaces.

    Escaped with `html.escape` (what Django's `escape` calls) and joined with f-strings: a kommun's
    two hundred goals made `format_html` the largest part of the page's rendering.
    """
    out = []
    url_pattern = reverse("dashboards:goal", args=[_URL_SENTINEL])  # one reverse() for all goals
    labels: dict[str, str] = {}
    source_title = _cell_text()["source"]
    for entry in group.entries:
        goal, assessment = entry.goal, entry.assessment
        where = (f' <span class="note">({escape(goal.node.name)})</span>'
                 if node is not None and goal.node_id != node.pk else "")
        source = assessment.source_label if assessment else ""
        title = " title=\"%s\"" % (source_title % {"source": escape(source)}) if source else ""
        analysis = (f'<p class="goal-analysis">{linebreaksbr(assessment.analysis, autoescape=True)}</p>'
                    if assessment and assessment.analysis else "")
        status = entry.status
        label = labels.get(status)
        if label is None:
            label = labels[status] = escape(entry.status_label)
        url = url_pattern.replace(str(_URL_SENTINEL), str(goal.pk))
        out.append(f'<li><span class="goal-name"><a href="{escape(url)}">{escape(goal.name)}</a>{where}</span> '
                   f'<span class="badge {escape(status)}"{title}><span class="icon" aria-hidden="true">'
                   f'{escape(entry.icon)}</span> {label}</span> {analysis}</li>\n')
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above
