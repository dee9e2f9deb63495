"""Map an :class:`Extraction` onto the domain model as an :class:`ImportPlan` (reads only).

The plan lists every row the import would write, with its org node (existing, or a planned new
unit) and provenance, so the same plan drives the preview ("what will change"), ``--dry-run`` and
the one atomic write in ``services``. Tables are routed by their kind and then read by their
headers: an amount table's columns say scenario and year ("Budget 2020", "Plan 2021", "Bokslut
2019", "Utfall 2022", "Prognos"), its row labels say the node or the measure ("varav intäkter").

The planner is split by responsibility; this module routes tables and documents and keeps the
public API (:func:`build_plan`, :class:`ImportPlan`, :class:`DocPlan` and the item classes):

* :mod:`.plan_items` — the plan's dataclasses and item keys
* :mod:`.plan_base` — state shared by the planner parts (resolvers, warnings, table unit/node)
* :mod:`.plan_figures` — amount tables and ledger rows → figures, sign convention of new nodes
* :mod:`.plan_changes` — förändringsspecifikation and ramjusteringar → budget changes
* :mod:`.plan_investments` — investment frames, ten-year plan rows and projects
* :mod:`.plan_key_figures` — personnel and volume key figures
* :mod:`.plan_goals` — goals and indicators
"""

from __future__ import annotations

from . import columns as col
from .nodes import NodeResolver
from .parsing.extraction import Extraction, ImportParseError, Table
from .plan_figures import NET_WORDS, FigureMapper
from .plan_goals import GoalMapper
from .plan_investments import InvestmentMapper
from .plan_items import (
    ChangeItem,
    DocPlan,
    FigureItem,
    FrameItem,
    GoalItem,
    ImportPlan,
    IndicatorItem,
    Item,
    KeyFigureItem,
    PlanRowItem,
    ProjectItem,
    figure_key,
    node_key,
)
from .plan_key_figures import KeyFigureMapper

__all__ = [
    "AMOUNT_KIND_WORDS", "EVENT_KIND_WORDS", "FRAME_KIND_WORDS", "KEY_FIGURE_KIND_WORDS", "LEDGER_KIND",
    "NET_WORDS", "ChangeItem", "DocPlan", "FigureItem", "FrameItem", "GoalItem", "ImportPlan", "IndicatorItem",
    "Item", "KeyFigureItem", "PlanRowItem", "Planner", "ProjectItem", "build_plan", "figure_key", "node_key",
]

AMOUNT_KIND_WORDS = ("operating", "drift", "economy", "ekonomi", "summary", "sammandrag", "stab", "staff_budget",
                     "unit_budget", "budget", "verksamhet")
KEY_FIGURE_KIND_WORDS = ("personnel", "personal", "volume", "volym", "key_figure", "nyckeltal")
LEDGER_KIND = "ledger"
EVENT_KIND_WORDS = ("event", "corona", "händelse")
FRAME_KIND_WORDS = ("frame_adjust", "ramjuster", "adjustment")


class Planner(FigureMapper, InvestmentMapper, KeyFigureMapper, GoalMapper):
    """Builds the :class:`ImportPlan` of one extraction: per document, every table and goal routed to its part."""

    def build(self) -> ImportPlan:
        ex = self.extraction
        infos = ex.documents or [ex.document]
        docs: list[DocPlan] = []
        for index, info in enumerate(infos):
            tables = [t for t in ex.tables if t.document_index == index or (len(infos) == 1)]
            # detailed tables first: where a summary (ekonomi) prints a figure differently from the
            # driftsammandrag (000:677 vs 000:1820), the driftsammandrag's value is kept and the other reported
            tables.sort(key=lambda t: any(w in (t.kind or "").casefold() for w in ("econom", "ekonomi")))
            goals = [g for g in ex.goals if g.document_index == index or (len(infos) == 1)]
            if info.year is None:
                if tables or goals:
                    raise ImportParseError(f"Dokumentets år kunde inte läsas ({info.title or 'utan titel'}); "
                                           "inget importerades.", line=info.first_line or None)
                continue
            resolver = self.resolver(info.year)
            if info.kind == LEDGER_KIND:
                roots = [n for n in resolver.nodes if n.parent_id is None]
                if not roots:
                    raise ImportParseError(f"År {info.year} saknar organisation; utfall kan inte kopplas.")
                org, created = roots[0], False
            else:
                org, created = resolver.organisation(info.organisation)
            plan = DocPlan(index=index, info=info, organisation=org)
            for table in tables:
                self.map_table(plan, table, resolver)
            for order, goal in enumerate(goals):
                self.map_goal(plan, goal, order)
            self.infer_financing(plan)
            self.dedupe_frame_adjustments(plan)
            if created and not any(plan.counts().values()):
                resolver.planned = {k: v for k, v in resolver.planned.items() if v is not org}
            elif created:
                self.warn(info.first_line or None, f"Organisationen ”{org.name}” finns inte för {info.year} "
                                                   "och skapas vid importen.")
            docs.append(plan)
        new_nodes = [n for r in self.resolvers.values() for n in r.planned.values()]
        return ImportPlan(docs=docs, warnings=self.warnings, new_nodes=new_nodes)

    # --- routing -------------------------------------------------------------------------------

    def map_table(self, plan: DocPlan, table: Table, resolver: NodeResolver) -> None:
        kind = (table.kind or "").casefold()
        self.validate_shape(table)
        if kind == LEDGER_KIND:
            self.map_ledger(plan, table, resolver)
        elif any(w in kind for w in EVENT_KIND_WORDS):
            plan.unmapped_tables.append(
                f"{col.clean(table.title)} (händelsetabell, rad {table.page_or_line}: beloppen är redan en del av "
                "driftsammandragets utfall och sparas inte som egna belopp för att inte räknas dubbelt)")
        elif any(w in kind for w in FRAME_KIND_WORDS):
            self.map_amounts(plan, table, resolver, adjustments_only=True)
        elif "invest" in kind:
            self.map_investments(plan, table, resolver)
        elif any(w in kind for w in KEY_FIGURE_KIND_WORDS):
            self.map_key_figures(plan, table)
        elif any(w in kind for w in AMOUNT_KIND_WORDS) and not any(w in kind for w in ("adjust", "corona", "event")):
            self.map_amounts(plan, table, resolver)
        else:
            plan.unmapped_tables.append(f"{table.title} ({table.kind}, rad {table.page_or_line})")

    def validate_shape(self, table: Table) -> None:
        width = len(table.columns)
        for row in table.rows:
            if len(row.values) > width:
                raise ImportParseError(
                    f"Tabellen ”{table.title}”: raden ”{col.clean(row.label)}” har {len(row.values)} värden men "
                    f"tabellen har bara {width} kolumner ({', '.join(table.columns)}); en kolumn saknas.",
                    line=row.line or table.page_or_line, page=table.page)


def build_plan(extraction: Extraction) -> ImportPlan:
    return Planner(extraction).build()
