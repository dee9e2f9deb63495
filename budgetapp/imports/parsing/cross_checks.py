"""Checks that look beyond one table's arithmetic: a cell printed in the wrong unit, and a figure
that one document prints differently in two tables. Both warn and never change a printed value.

DOMAIN §7 #16 ("4 400" tkr in an mnkr table where 4,4 is meant) and #11/#14 (the same figure 52,1
in one table and 52,2 in another) are the classes. A magnitude check over a whole column fails on
real tables (the same mnkr table holds "1 597"), so the unit check compares a cell with the other
amounts of its own row: an integer of four digits or more among decimal amounts a fiftieth its size
is a tkr figure in an mnkr table.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetapp.core.money import format_number

from .checks import MONEY_KINDS, is_variance_column
from .extraction import ParseWarning, Table, TableRow

_SCALED_UNITS = {"mnkr", "mdkr"}
_RATIO = Decimal(50)
_TOLERANCE = {"tkr": Decimal(1), "mnkr": Decimal("0.1"), "mdkr": Decimal("0.001")}
# labels too generic to name the same figure in two tables ("Summa" of projects vs of operations)
_GENERIC_RE = re.compile(r"^(?:summa|totalt?|total|netto|övrigt|övriga|varav.*|s:a)$", re.IGNORECASE)
_NOT_AMOUNT_RE = re.compile(r"%|procent|\bandel\b|år$|\bantal\b", re.IGNORECASE)  # Slutår holds years


def _decimals(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _fmt(v: Decimal, unit: str) -> str:
    return f"{format_number(v, _decimals(v))} {unit}".rstrip()


def _amounts(table: Table, row: TableRow) -> list[tuple[int, Decimal]]:
    out: list[tuple[int, Decimal]] = []
    for c, v in enumerate(row.values):
        name = table.columns[c] if c < len(table.columns) else ""
        if isinstance(v, Decimal) and not is_variance_column(name) and not _NOT_AMOUNT_RE.search(name):
            out.append((c, v))
    return out


def check_scale(table: Table) -> list[ParseWarning]:
    """Warn about an integer ≥ 1 000 in an mnkr/mdkr table whose row holds decimal amounts 50 times smaller."""
    if table.kind not in MONEY_KINDS or table.unit not in _SCALED_UNITS:
        return []
    out: list[ParseWarning] = []
    for row in table.rows:
        amounts = _amounts(table, row)
        for c, v in amounts:
            if _decimals(v) or abs(v) < 1000:
                continue
            peers = [p for k, p in amounts if k != c and p != 0]
            if len(peers) < 2 or not all(_decimals(p) for p in peers):
                continue
            if abs(v) > _RATIO * max(abs(p) for p in peers):
                column = table.columns[c] if c < len(table.columns) else f"kolumn {c + 1}"
                out.append(ParseWarning(
                    row.line,
                    f"{table.title or 'Tabell'}: ”{row.label}” ({column}) är {_fmt(v, table.unit)} bland belopp som "
                    f"{_fmt(max(peers, key=abs), table.unit)} på samma rad – trolig enhetsfel (ett tkr-belopp i en "
                    f"{table.unit}-tabell?). Värdet lämnas som tryckt.",
                    page=table.page,
                ))
    return out


def _key(row: TableRow) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\wåäö ]", " ", row.label.lower())).strip()


def check_across_tables(tables: list[Table]) -> list[ParseWarning]:
    """The same row label and column in two money tables of one document should print the same
    amount (either sign: "Nettokostnad −283,4" in a result table is "283,4" in a cost table)."""
    seen: dict[tuple[int, str, str | None, str, str], tuple[Decimal, Table, TableRow]] = {}
    out: list[ParseWarning] = []
    for table in tables:
        if table.kind not in MONEY_KINDS or table.kind == "unit_budget" or table.unit not in _TOLERANCE:
            continue
        for row in table.rows:
            label = _key(row)
            # frame rows are left out: "Budgetram enligt beslut i KF" is the frame before the
            # adjustments in one table and after them in another (000:677 vs 000:1815)
            if row.row_type not in ("line", "sum") or not label or _GENERIC_RE.match(label):
                continue
            for c, v in _amounts(table, row):
                column = table.columns[c] if c < len(table.columns) else ""
                if not column:
                    continue
                key = (table.document_index, table.unit, row.parent, label, column)
                if key not in seen:
                    seen[key] = (v, table, row)
                    continue
                first, other, other_row = seen[key]
                if other is table:
                    continue
                tol = _TOLERANCE[table.unit] * (1 + max(_decimals(first), _decimals(v)))
                if abs(abs(v) - abs(first)) > tol:
                    out.append(ParseWarning(
                        row.line,
                        f"{table.title or 'Tabell'}: ”{row.label}” ({column}) är {_fmt(v, table.unit)} men "
                        f"{_fmt(first, table.unit)} i ”{other.title or 'tabellen'}” (rad {other_row.line}).",
                        page=table.page,
                    ))
    return out
