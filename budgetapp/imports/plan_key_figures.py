"""Personnel and volume tables → :class:`KeyFigureItem` rows (nyckeltal).

Key figures are not money: the printed value is kept verbatim next to the number, and shares
(sjukfrånvaro, personalomsättning) are percentages whatever unit the table's caption states.
"""

from __future__ import annotations

from decimal import Decimal

from . import columns as col
from .parsing.extraction import Table
from .plan_base import PlannerBase
from .plan_items import DocPlan, KeyFigureItem, printed


class KeyFigureMapper(PlannerBase):
    """Reads personnel and volume tables: one key figure per label, year and column."""

    def map_key_figures(self, plan: DocPlan, table: Table) -> None:
        table_kind = (table.kind or "").casefold()
        for row in table.rows:
            label = col.clean(row.label)
            if not label:
                continue
            kind = col.key_figure_kind(label, table_kind)
            for value, header in zip(row.values, table.columns, strict=False):
                years = col.years_in(header)
                if value is None or value == "" or not years:
                    continue
                raw = printed(value) if isinstance(value, Decimal) else str(value)
                # shares are percentages whatever the table's caption says ("Personal", antal: 001:821-826)
                unit = "%" if kind in ("sickness_absence", "staff_turnover", "full_time_share") else (
                    # a mixed key-figure table ("blandad") gives each row its own unit (kr, %, antal …)
                    row.unit if row.unit else table.unit if table.unit in ("%", "antal", "åa", "tkr", "mnkr") else
                    "antal")
                h = header.casefold()
                item = KeyFigureItem(
                    node=plan.organisation, line=row.line, page=table.page, year=years[-1], kind=kind,
                    label=label[:300], column=col.clean(header)[:100],
                    is_forecast=any(w in h for w in ("prognos", "budget", "plan", "mål")), raw_value=raw[:100],
                    value=value if isinstance(value, Decimal) else None, unit=unit)
                plan.key_figures.setdefault((kind, item.label, item.year, item.column), item)
