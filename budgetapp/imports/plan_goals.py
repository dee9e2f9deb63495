"""Goals and their indicators → :class:`GoalItem` rows.

An indicator's columns name a year and whether the value is a target ("Mål 2020") or an outcome;
a goal's period follows from the document (an annual report assesses the full year, an interim
report part of it).
"""

from __future__ import annotations

from budgetapp.budget.models import PeriodKind
from budgetapp.core import money

from . import columns as col
from .plan_base import PlannerBase
from .plan_items import DocPlan, GoalItem, IndicatorItem


class GoalMapper(PlannerBase):
    """Reads a parsed goal and its indicator values (year, target or outcome, reading as printed)."""

    def map_goal(self, plan: DocPlan, goal, order: int) -> None:
        year = plan.info.year
        doc_kind = plan.info.kind
        period = {"annual_report": PeriodKind.FULL_YEAR, "interim_report": PeriodKind.INTERIM}.get(doc_kind)
        indicators = []
        for ind in goal.indicators:
            values = []
            seen = set()
            for header, raw in zip(ind.columns, ind.values, strict=False):
                ind_year, is_target = col.indicator_column(header, year)
                reading = col.read_indicator_value(raw or "", money.parse_number)
                if ind_year is None or reading.state == "empty":
                    continue
                key = (ind_year, is_target, col.clean(header)[:100])
                if key in seen:
                    self.warn(ind.line, f"Indikatorn ”{col.clean(ind.label)[:60]}” har kolumnen ”{header}” två "
                                        "gånger; den andra används inte.")
                    continue
                seen.add(key)
                values.append((ind_year, is_target, key[2], reading))
            indicators.append(IndicatorItem(name=col.clean(ind.label)[:500], parent=col.clean(ind.parent) or None,
                                            mandatory=ind.mandatory, footnote="\n".join(ind.footnotes),
                                            line=ind.line, values=values))
        plan.goals.append(GoalItem(
            node=plan.organisation, line=goal.line, page=None, year=year, kind=goal.kind,
            name=col.clean(goal.committee_goal)[:400], description=goal.description or "",
            target_area=col.clean(goal.target_area) or None, municipal_goal=col.clean(goal.municipal_goal) or None,
            status=col.goal_status(goal.status), status_text=goal.status_text or "", analysis=goal.analysis or "",
            period=period, indicators=indicators, sort_order=order))
