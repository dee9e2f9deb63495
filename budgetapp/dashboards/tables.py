"""django-tables2 tables. Sorting happens in the selector (so totals, varav and change rows stay in
place); the table only renders headers with sort links and cells with their source on hover."""

from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy
from django_tables2.rows import BoundRows
from django_tables2.utils import OrderBy, OrderByTuple

from budgetapp.core.i18n import per_language
from budgetapp.core.money import format_number

from .selectors.figures import ColumnSpec
from .selectors.operating import OperatingSummary, SummaryRow


def _build_texts() -> dict[str, str]:
    return {
        "marker": format_html('<span title="{}"> *</span>',
                              gettext("Intäktsfinansierad: resultat, positivt = överskott")),
        "missing": format_html('<span class="empty" title="{}">–<span class="visually-hidden">{}</span></span>',
                               gettext("Värde saknas"), gettext("saknas")),
        "source": gettext("Källa: %(source)s"),
        "level": gettext("(i nivå)"),
        "rule": gettext("Positiv avvikelse är gynnsam"),
        "rule_source": gettext("Positiv avvikelse är gynnsam. Källa: %(source)s"),
        "favourable": gettext("(gynnsam)"),
        "unfavourable": gettext("(ogynnsam)"),
    }


_texts = per_language(_build_texts)  # the cells' words in the active language, looked up once per language


def marker_html() -> str:
    """The revenue-funded marker, its hover text in the active language."""
    return _texts()["marker"]


def amount_html(value: Decimal | None, source: str = "", decimals: int = 0) -> str:
    """An amount with its source as hover text; negative numbers carry a real minus sign."""
    texts = _texts()
    if value is None:
        return texts["missing"]
    cls = "neg" if value < 0 else ""
    text = format_number(value, decimals)
    if source:
        return format_html('<span class="{}" title="{}">{}</span>', cls, texts["source"] % {"source": source}, text)
    return format_html('<span class="{}">{}</span>', cls, text)


def variance_html(value: Decimal | None, source: str = "", decimals: int = 0) -> str:
    """A deviation with sign, arrow and the words gynnsam/ogynnsam: never colour alone."""
    if value is None:
        return amount_html(None)
    texts = _texts()
    if value == 0:
        return format_html('<span class="var-zero">{} <span class="var-word">{}</span></span>', 0, texts["level"])
    favourable = value > 0
    text = ("+" if favourable else "") + format_number(value, decimals)
    # the same title for both signs, as before: it states the rule, the word states the verdict
    title = texts["rule_source"] % {"source": source} if source else texts["rule"]
    return format_html(
        '<span class="{}" title="{}"><span aria-hidden="true">{} </span>{} <span class="var-word">{}</span></span>',
        "pos" if favourable else "neg", title,
        "▲" if favourable else "▼", text, texts["favourable"] if favourable else texts["unfavourable"],
    )


class AmountColumn(tables.Column):
    def __init__(self, spec: ColumnSpec, **kwargs):
        self.spec = spec
        attrs = {"th": {"scope": "col", "class": "num"}, "td": {"class": "num"}}
        super().__init__(verbose_name=f"{spec.label}", accessor=f"values__{spec.key}", attrs=attrs,
                         orderable=True, empty_values=(), **kwargs)

    def render(self, value, record: SummaryRow):
        source = record.sources.get(self.spec.key, "")
        if self.spec.is_variance:
            return variance_html(value, source)
        return amount_html(value, source)


class NameColumn(tables.Column):
    def render(self, value, record: SummaryRow):
        table = self._table
        marker = marker_html() if record.marker else ""
        if record.kind == "node" or record.kind == "outside":
            if record.has_children and record.node is not None:
                url = table.drill_url(record.node)
                toggle = ""
                if table.expand_url is not None:
                    # shown by summary.js; without JavaScript the name link drills down instead
                    toggle = format_html(
                        '<button type="button" class="row-toggle" aria-expanded="false" data-rows-url="{}" hidden>'
                        '<span class="when-closed" aria-hidden="true">+</span>'
                        '<span class="when-open" aria-hidden="true">−</span>'
                        '<span class="visually-hidden">{}</span></button> ',
                        table.expand_url(record.node), gettext("Enheter under %(name)s") % {"name": record.label})
                return format_html('{}<a href="{}">{}</a>{} <a class="sub-link" href="{}">{}</a>', toggle, url,
                                   record.label, marker,
                                   table.overview_path + f"?year={record.node.year}&node={record.node.pk}",
                                   format_html('{}<span class="visually-hidden"> {}</span>', gettext("översikt"),
                                               gettext("för %(name)s") % {"name": record.label}))
            return format_html("{}{}", record.label, marker)
        if record.kind == "change":
            return format_html('<span class="change-label"><span class="visually-hidden">{} </span>{}</span>',
                               gettext("Förändring:"), record.label)
        return record.label


class OperatingSummaryTable(tables.Table):
    """Columns come from the selector's ColumnSpecs; rows are SummaryRow objects."""

    name = NameColumn(verbose_name=gettext_lazy("Enhet"), accessor="label", orderable=True,
                      attrs={"th": {"scope": "col"}, "td": {"scope": "row"}})

    class Meta:
        template_name = "dashboards/tables/summary_table.html"
        attrs = {"class": "data summary"}
        row_attrs = {"class": lambda record: f"row-{record.kind}"}
        order_by_field = "sort"

    def __init__(self, summary: OperatingSummary, drill_url, order_by: str = "", expand_url=None, **kwargs):
        """`drill_url(node)` opens a unit's own driftsammandrag; `expand_url(node)`, when given, is
        the address of its rows for showing them in place under its row (see `rows_fragment`)."""
        self.summary = summary
        self.drill_url = drill_url
        self.expand_url = expand_url
        self.overview_path = reverse("dashboards:overview")
        extra = [(spec.key, AmountColumn(spec)) for spec in summary.columns]
        super().__init__(summary.rows, extra_columns=extra, order_by=order_by or None, **kwargs)
        self.columns["name"].column._table = self
        self.footer_rows = BoundRows(data=summary.footer, table=self)
        self.outside_rows = BoundRows(data=summary.outside, table=self)
        node = summary.node.name if summary.node else gettext("hela organisationen")
        self.caption = gettext("Driftsammandrag %(year)s, %(node)s: %(view)s (tkr)") % {
            "year": summary.year, "node": node, "view": summary.view_label.lower()}

    def rows_html(self, rows: BoundRows) -> str:
        """`<tr>` of the given bound rows, as the row loop of the template would print them.

        Built in Python: each column's `<td>` attributes are computed once per table (django-tables2
        builds them on every access), and each cell calls its column's `render` directly instead of
        through `BoundRow`, whose per-cell accessor and `inspect.signature` work was most of the
        page's rendering. Same markup, including django-tables2's even/odd row classes (the
        table-wide row counter is advanced exactly as `BoundRows` would).
        """
        columns = [(bound.name, bound.column, bound.default) for bound in self.columns]
        td_attrs = {bound.name: bound.attrs["td"].as_html() for bound in self.columns}
        out = []
        for record in rows.data:
            parity = "odd" if next(self._counter) % 2 else "even"
            cells = []
            for index, (name, column, default) in enumerate(columns):
                if isinstance(column, AmountColumn):
                    cell = column.render(record.values.get(column.spec.key), record)
                else:
                    value = getattr(record, column.accessor or name)
                    cell = default if value in column.empty_values else column.render(value, record)
                if index == 0:
                    cells.append(format_html('<th scope="row">{}</th>', cell))
                else:
                    cells.append(format_html("<td {}>{}</td>", td_attrs[name], cell))
            node_attr = (format_html(' data-node="{}"', record.node.pk)
                         if record.kind in ("node", "outside") and record.node is not None else "")
            out.append(format_html('<tr class="row-{} {}"{}>{}</tr>\n', record.kind, parity, node_attr,
                                   mark_safe("".join(cells))))  # noqa: S308 - cells come from format_html
        return mark_safe("".join(out))  # noqa: S308 - rows come from format_html

    def rows_fragment(self) -> str:
        """The unit rows alone (own frame first, then those outside it), to be shown under the
        parent's row in another table with the same columns."""
        return mark_safe(self.body_html + self.outside_html)  # noqa: S308 - built with format_html

    @property
    def body_html(self) -> str:
        return self.rows_html(self.rows)

    @property
    def footer_html(self) -> str:
        return self.rows_html(self.footer_rows)

    @property
    def outside_html(self) -> str:
        return self.rows_html(self.outside_rows)

    # the selector already sorted the rows; only remember the order for the header links
    @property
    def order_by(self):
        return self._order_by

    @order_by.setter
    def order_by(self, value):
        value = value or ()
        value = value.split(",") if isinstance(value, str) else value
        self._order_by = OrderByTuple([v for v in value if OrderBy(v).bare in self.columns])
