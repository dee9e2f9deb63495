"""Goal areas, municipal goals, KS nämndmål 2020/2024 with indicators, assessments and assignments."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from budgetapp.goals.models import (
    Assignment,
    AssignmentStatus,
    Goal,
    GoalArea,
    GoalAssessment,
    GoalKind,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
    ValueState,
)

from .data import goals as g
from .data import indicators as ind
from .data.people import ASSIGNMENT_DEADLINES, ASSIGNMENTS_2020
from .sync import SyncResult, sync_rows, upsert

BOUNDS = [("färre än", "<"), ("mindre än", "<"), ("större än", ">"), ("fler än", ">"), ("max", "≤"),
          ("minst", "≥"), ("<", "<"), (">", ">"), ("≤", "≤"), ("≥", "≥")]
DIRECTIONS = {"öka", "minska", "ska öka", "ej negativ", "positiv trend"}
NO_DATA = {"i.u.", "iu.", "iu"}
NUMBER = re.compile(r"-?\d{1,3}(?: \d{3})*(?:[.,]\d+)?|-?\d+(?:[.,]\d+)?")


def parse_value(raw: str) -> dict:
    """Printed cell → state, parsed number and comparator ('Färre än 650' → '<', 650; 'I.U.' → no_data)."""
    text = raw.strip()
    low = text.casefold()
    out = {"raw": text, "state": ValueState.VALUE, "value": None, "comparator": ""}
    if not text or text == "-":
        out["state"] = ValueState.EMPTY
        return out
    if low.split(" ")[0] in NO_DATA:
        out["state"] = ValueState.NO_DATA
        return out
    if low in DIRECTIONS or not NUMBER.search(text) or text.startswith("("):
        out["state"] = ValueState.TEXT
        return out
    for word, comparator in BOUNDS:
        if low.startswith(word):
            out["comparator"] = comparator
            break
    try:
        out["value"] = Decimal(NUMBER.search(text).group().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        out["state"] = ValueState.TEXT
    return out


def load_goal_structure() -> tuple[dict[str, GoalArea], dict[tuple[str, int], MunicipalGoal]]:
    areas = {}
    for order, (name, description) in enumerate(g.GOAL_AREAS):
        areas[name], _ = upsert(
            GoalArea, {"name": name}, {"description": description, "sort_order": order})
    municipal = {}
    for area, name, valid_from, valid_to in g.MUNICIPAL_GOALS:
        municipal[(name, valid_from)], _ = upsert(
            MunicipalGoal, {"name": name, "valid_from": valid_from}, {"goal_area": areas[area], "valid_to": valid_to})
    for old, new in g.MUNICIPAL_SUCCESSORS.items():
        goal = municipal[(old, 2020)]
        if goal.successor_id != municipal[(new, 2024)].pk:
            goal.successor = municipal[(new, 2024)]
            goal.save(update_fields=["successor"])
    return areas, municipal


def _goal(node, year, name, order, defaults) -> Goal:
    goal, _ = upsert(Goal, {"node": node, "year": year, "kind": GoalKind.COMMITTEE_GOAL, "name": name},
                     {"sort_order": order, **defaults})
    return goal


def load_goals(nodes: dict, docs: dict) -> dict[int, dict[str, Goal]]:
    areas, municipal = load_goal_structure()
    ks20, ks24, d1, d4 = nodes[2020]["ks"], nodes[2024]["ks"], docs["001"], docs["004"]
    goals: dict[int, dict[str, Goal]] = {2020: {}, 2024: {}}
    for order, (area, mgoal, name, line, description, status, status_line, analysis) in enumerate(g.KS_GOALS_2020):
        goal = _goal(ks20, 2020, name, order, {
            "goal_area": areas[area], "municipal_goal": municipal[(mgoal, 2020)], "description": description,
            "source_document": d4, "source_line": line})
        goals[2020][name] = goal
        upsert(
            GoalAssessment, {"goal": goal, "year": 2020, "period": "full_year"},
            {"status": status, "status_text": g.STATUS_TEXT[status], "analysis": analysis,
                      "source_document": d4, "source_line": status_line})
    for order, (area, mgoal, name, line, description, predecessor) in enumerate(g.KS_GOALS_2024):
        goals[2024][name] = _goal(ks24, 2024, name, order, {
            "goal_area": areas[area], "municipal_goal": municipal[(mgoal, 2024)], "description": description,
            "predecessor": goals[2020].get(predecessor), "source_document": d1, "source_line": line})
    return goals


def _indicator(goal, name, order, doc, line, **fields) -> Indicator:
    found = Indicator.objects.filter(goal=goal, name=name, parent=fields.get("parent")).first()
    wanted = {"sort_order": order, "source_document": doc, "source_line": line, **fields}
    if found is None:
        return Indicator.objects.create(goal=goal, name=name, **wanted)
    if any(getattr(found, k) != v for k, v in wanted.items()):
        for k, v in wanted.items():
            setattr(found, k, v)
        found.save()
    return found


def _values(indicator, doc, line, years, outcomes, target_years, targets, partial_year=None) -> list[dict]:
    rows = []
    for is_target, cols, raws in ((False, years, outcomes), (True, target_years, targets)):
        for year, raw in zip(cols, raws, strict=True):
            parsed = parse_value(raw)
            if parsed["state"] == ValueState.EMPTY and not raw:
                continue
            rows.append({
                "indicator_id": indicator.pk, "year": year, "is_target": is_target,
                "column": f"{'Målvärde' if is_target else 'Utfall'} {year}", **parsed,
                "is_partial_period": (not is_target and year == partial_year),
                "source_document_id": doc.pk, "source_line": line,
            })
    return rows


def load_indicators(goals: dict, docs: dict) -> SyncResult:
    rows = []
    tables = ((2020, docs["004"], ind.INDICATORS_2020, ind.YEARS_2020, ind.TARGET_YEARS_2020),
              (2024, docs["001"], ind.INDICATORS_2024, ind.YEARS_2024, ind.TARGET_YEARS_2024))
    indicator_ids = []
    for year, doc, table, years, target_years in tables:
        for order, (goal_name, line, name, unit, mandatory, outcomes, targets, footnote, children) in enumerate(table):
            goal = goals[year][goal_name]
            partial = 2020 if year == 2020 and goal_name in ind.PARTIAL_2020_GOALS else None
            direction = next((t for t in targets if parse_value(t)["state"] == ValueState.TEXT), "")
            parent = _indicator(goal, name, order, doc, line, unit=unit, is_mandatory=mandatory,
                                footnote=footnote, desired_direction=direction, parent=None)
            indicator_ids.append(parent.pk)
            rows += _values(parent, doc, line, years, outcomes, target_years, targets, partial)
            for child_order, (child_name, child_line, child_outcomes, child_targets) in enumerate(children):
                child = _indicator(goal, child_name, child_order, doc, child_line, unit=unit, parent=parent)
                indicator_ids.append(child.pk)
                rows += _values(child, doc, child_line, years, child_outcomes, target_years, child_targets,
                                partial)
    key = ("indicator_id", "year", "is_target", "column")
    return sync_rows(IndicatorValue, key, rows, IndicatorValue.objects.filter(indicator_id__in=indicator_ids))


def load_assignments(nodes: dict, docs: dict) -> int:
    ks20, d0, d4 = nodes[2020]["ks"], docs["000"], docs["004"]
    count = 0
    for kind, line, text, status, status_text, status_line in ASSIGNMENTS_2020:
        assignment, _ = upsert(
            Assignment, {"node": ks20, "year": 2020, "kind": kind, "source_document": d0, "source_line": line},
            {"text": text, "assignees": "Kommunstyrelsen", "deadline": ASSIGNMENT_DEADLINES.get(line, "")})
        upsert(
            AssignmentStatus, {"assignment": assignment, "year": 2020, "period": "full_year"},
            {"status": status, "status_text": status_text, "source_document": d4,
                      "source_line": status_line})
        count += 1
    return count
