"""Units per row in key-figure tables that mix measures ("Kostnad per besök, kr", "Andel …(%)",
"Antal besök", "Bidrag, tkr", "Investeringar, mnkr").

A table's unit comes from its caption; a nyckeltal table has none that fits every row. The unit is
read per row, from a column headed "Enhet" (taken out of the value columns) or from the unit the
row's label ends in. Only when rows name at least two different units does the table become a
mixed one (``unit = "blandad"``); a money table whose rows happen to say "tkr" is left alone.
"""

from __future__ import annotations

import re

from budgetapp.core.money import canonical_unit, parse_number

from .extraction import ParseWarning, Table
from .table_common import Built
from .table_text import leading_sign, strip_markup

MIXED = "blandad"
_UNIT_HEADER_RE = re.compile(r"^(?:enhet|måttenhet|mått\s*enhet)$", re.IGNORECASE)
_LABEL_UNIT_RE = re.compile(
    r"(?:,\s*|\(\s*|\s)(?P<unit>kr|kronor|tkr|mnkr|mkr|mdkr|%|procent|antal|st|åa|årsarbetare)\s*\)?\s*$", re.IGNORECASE
)
_COUNT_START_RE = re.compile(r"^antal\b", re.IGNORECASE)
_SHARE_START_RE = re.compile(r"^andel\b", re.IGNORECASE)


def unit_word(text: str) -> str | None:
    """kr/tkr/mnkr/mdkr/%/antal/åa for a printed unit word; None for anything else."""
    t = strip_markup(text).strip().strip("()").strip().lower()
    if not t:
        return None
    money = canonical_unit(t)
    if money:
        return money
    if t in ("%", "procent", "andel"):
        return "%"
    if t in ("antal", "st", "st.", "stycken", "personer", "timmar", "dagar"):
        return "antal"
    if t in ("åa", "årsarbetare"):
        return "åa"
    return None


def _label_unit(label: str) -> str | None:
    m = _LABEL_UNIT_RE.search(label)
    if m:
        return unit_word(m.group("unit"))
    if _COUNT_START_RE.match(label):
        return "antal"
    if _SHARE_START_RE.match(label) and "%" in label:
        return "%"
    return None


def apply_row_units(b: Built) -> dict[int, str]:
    """Row index → unit, moving an "Enhet" column out of the table; empty when units do not vary."""
    units: dict[int, str] = {}
    hits = [n for n, c in enumerate(b.columns) if _UNIT_HEADER_RE.match(strip_markup(c))]
    if hits:
        n = hits[0]
        for k, r in enumerate(b.raw):
            cell = r.values[n] if n < len(r.values) else None
            unit = unit_word(cell) if isinstance(cell, str) else None
            if unit:
                units[k] = unit
        if units:
            del b.columns[n]
            for r in b.raw:
                if n < len(r.values):
                    del r.values[n]
            return units
    for k, r in enumerate(b.raw):
        unit = _label_unit(r.label)
        if unit:
            units[k] = unit
    if len(set(units.values())) < 2 or not ({"kr", "%", "antal"} & set(units.values())):
        return {}
    return units


_MONEY_KINDS = ("economy_summary", "operating_summary", "unit_budget", "investment_frame", "investment_projects",
                "investment_plan")
_DATE_OR_YEAR_RE = re.compile(r"^\(?(?:19|20)\d\d\)?$|^(?:19|20)\d\d-\d\d(?:-\d\d)?$|^[QT]\d\s*(?:19|20)\d\d$",
                              re.IGNORECASE)


def unreadable_cells(table: Table) -> list[ParseWarning]:
    """A cell of an amount table that has digits but is no number ("9.5,3", "1 2O0"): it stays as
    printed text and is not imported as an amount, so say which cell, where."""
    if table.kind not in _MONEY_KINDS or table.unit == MIXED:
        return []
    out: list[ParseWarning] = []
    for row in table.rows:
        for value, column in zip(row.values, table.columns, strict=False):
            if not isinstance(value, str) or not re.search(r"\d", value) or _DATE_OR_YEAR_RE.match(value.strip()):
                continue
            if parse_number(leading_sign(value), parentheses_negative=True) is not None:
                continue
            out.append(ParseWarning(
                row.line or table.page_or_line,
                f"{table.title or 'Tabellen'}: cellen ”{value}” i kolumnen ”{column}” på raden ”{row.label}” kan inte "
                "tolkas som ett belopp; den visas som text och importeras inte.",
                page=table.page,
            ))
    return out
