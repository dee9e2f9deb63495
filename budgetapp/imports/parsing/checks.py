"""Arithmetic checks over one parsed table; they warn and never change a printed figure.

DOMAIN §7 lists the kinds of inconsistency real documents contain: a Summa that is not the sum of
its lines, a net that is not kostnader − intäkter, change rows that do not lead from last year's
budget to this year's, a frame that does not add up. Each failed check becomes a
:class:`~.extraction.ParseWarning` with a Swedish message naming the row, the column, the printed
value and the computed one, so an administrator can compare with the source.

Tolerance: ±1 tkr and ±0,1 mnkr as printed; when the terms themselves are rounded to decimals the
tolerance grows with the number of terms (half a unit of the last printed digit per term), because
ten figures rounded to 0,1 can legitimately be 0,5 off.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetapp.core.money import format_number

from .extraction import CellValue, ParseWarning, Table, TableRow

MONEY_KINDS = {
    "economy_summary",
    "operating_summary",
    "unit_budget",
    "frame_adjustments",
    "investment_frame",
    "investment_projects",
    "investment_plan",
    "event",
    "other_numeric",
}
_UNIT_TOLERANCE = {"tkr": Decimal(1), "mnkr": Decimal("0.1"), "mdkr": Decimal("0.001"), "kr": Decimal(1000)}


def _num(v: CellValue) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _decimals(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _tolerance(unit: str, terms: list[Decimal]) -> Decimal:
    base = _UNIT_TOLERANCE.get(unit, Decimal("0.1"))
    places = max((_decimals(t) for t in terms), default=0)
    if places == 0:
        return base
    half = Decimal(5).scaleb(-(places + 1))
    return max(base, half * (len(terms) + 1))


def _fmt(v: Decimal, unit: str) -> str:
    return f"{format_number(v, _decimals(v))} {unit}".rstrip()


def _col(table: Table, c: int) -> str:
    return table.columns[c] if c < len(table.columns) and table.columns[c] else f"kolumn {c + 1}"


def _where(table: Table) -> str:
    return table.title or "Tabell"


def _warn(table: Table, row: TableRow, c: int, printed: Decimal, computed: Decimal, how: str) -> ParseWarning:
    diff = printed - computed
    return ParseWarning(
        row.line,
        f"{_where(table)}: ”{row.label}” ({_col(table, c)}) är {_fmt(printed, table.unit)} men {how} "
        f"{_fmt(computed, table.unit)} (skillnad {_fmt(diff, table.unit)}).",
        page=table.page,
    )


def check_table(table: Table) -> list[ParseWarning]:
    """All arithmetic warnings for one table."""
    if table.kind not in MONEY_KINDS or table.unit not in _UNIT_TOLERANCE:
        return []
    table = _without_share_columns(table)
    warnings: list[ParseWarning] = []
    warnings.extend(_check_sums(table))
    warnings.extend(_check_net(table))
    warnings.extend(_check_changes(table))
    warnings.extend(_check_frames(table))
    return warnings


_SHARE_COLUMN_RE = re.compile(r"%|procent|\bandel\b", re.IGNORECASE)


def _without_share_columns(table: Table) -> Table:
    """A copy whose percentage columns ("Förändring (%)", "Avvikelse i procent") are empty.

    A percentage is a ratio of its own row, so it neither adds up down a column nor follows the
    kostnader/intäkter arithmetic; checking it would only produce false warnings."""
    share = {c for c, name in enumerate(table.columns) if _SHARE_COLUMN_RE.search(name or "")}
    if not share or table.unit == "%":
        return table
    rows = [
        TableRow(r.label, [None if c in share else v for c, v in enumerate(r.values)], r.parent, r.line, r.row_type)
        for r in table.rows
    ]
    return Table(table.kind, table.title, table.unit, table.page_or_line, table.columns, rows,
                 table.document_index, table.page)


def _counts_as_line(rows: list[TableRow], i: int) -> bool:
    """A line row, or a varav row hanging under a value-less block header (000:2295-2297)."""
    r = rows[i]
    if r.row_type == "line":
        return True
    if r.row_type != "varav":
        return False
    j = i - 1
    while j >= 0 and rows[j].row_type == "varav":
        j -= 1
    return j >= 0 and rows[j].row_type == "header"


def _column_sum(rows: list[TableRow], idx: list[int], c: int) -> tuple[Decimal, list[Decimal]] | None:
    terms = [v for i in idx if c < len(rows[i].values) and (v := _num(rows[i].values[c])) is not None]
    if not terms:
        return None
    return sum(terms, Decimal(0)), terms


def _varav_key(label: str) -> str:
    return re.sub(r"[^a-zåäö ]", "", label.lower()).strip()


def _check_sums(table: Table) -> list[ParseWarning]:
    rows = table.rows
    out: list[ParseWarning] = []
    scope_start = 0
    covered: set[int] = set()
    previous_sums: list[int] = []
    for s, row in enumerate(rows):
        if row.row_type != "sum" or not any(_num(v) is not None for v in row.values):
            continue
        full = [i for i in range(scope_start, s) if _counts_as_line(rows, i)]
        headers = [i for i in range(scope_start, s) if rows[i].row_type == "header"]
        after_header = [i for i in full if headers and i > headers[-1]]
        grand = previous_sums + [i for i in range(0, s) if _counts_as_line(rows, i) and i not in covered]
        same_kind = _same_kind_lines(row.label, rows, full)
        scopes = [sc for sc in (full, after_header, grand, same_kind) if sc]
        if not scopes:
            scope_start = s + 1
            continue
        matched: list[int] | None = None
        mismatches: list[tuple[int, Decimal, Decimal]] = []
        for scope in scopes:
            bad: list[tuple[int, Decimal, Decimal]] = []
            for c, v in enumerate(row.values):
                printed = _num(v)
                got = _column_sum(rows, scope, c)
                if printed is None or got is None:
                    continue
                total, terms = got
                if abs(printed - total) > _tolerance(table.unit, [*terms, printed]):
                    bad.append((c, printed, total))
            if not bad:
                matched = scope
                break
            if scope is scopes[0]:
                mismatches = bad
        if matched is None:
            for c, printed, total in mismatches:
                out.append(_warn(table, row, c, printed, total, "raderna ovan summerar till"))
            matched = scopes[0]
        covered.update(matched)
        out.extend(_check_sum_varav(table, s, matched))
        previous_sums.append(s)
        scope_start = s + 1
    return out


def _same_kind_lines(label: str, rows: list[TableRow], scope: list[int]) -> list[int]:
    """ "Summa kostnader" adds the cost lines only, not the revenue line above them (and vice versa)."""
    low = label.lower()
    other: tuple[str, ...]
    if "kostnad" in low:
        other = ("intäkt", "inkomst", "bidrag")
    elif "intäkt" in low or "inkomst" in low:
        other = ("kostnad", "utgift")
    else:
        return []
    kept = [i for i in scope if not any(w in rows[i].label.lower() for w in other)]
    return kept if len(kept) < len(scope) else []


def _check_sum_varav(table: Table, s: int, scope: list[int]) -> list[ParseWarning]:
    """ "varav intäkter" under a Summa against the same varav rows of its lines (DOMAIN §7 #6)."""
    rows = table.rows
    out: list[ParseWarning] = []
    scope_set = set(scope)
    j = s + 1
    while j < len(rows) and rows[j].row_type == "varav":
        key = _varav_key(rows[j].label)
        parts: list[int] = []
        for i in range(0, s):
            if rows[i].row_type == "varav" and _varav_key(rows[i].label) == key and not _counts_as_line(rows, i):
                k = i - 1
                while k >= 0 and rows[k].row_type == "varav":
                    k -= 1
                if k in scope_set:
                    parts.append(i)
        if parts:
            for c, v in enumerate(rows[j].values):
                printed = _num(v)
                got = _column_sum(rows, parts, c)
                if printed is None or got is None:
                    continue
                total, terms = got
                if abs(printed - total) > _tolerance(table.unit, [*terms, printed]):
                    out.append(_warn(table, rows[j], c, printed, total, "motsvarande varav-rader summerar till"))
        j += 1
    return out


_VARIANCE_RE = re.compile(r"avvikelse|differens|förändring|skillnad|diff\b", re.IGNORECASE)


def is_variance_column(name: str) -> bool:
    """Avvikelse/differens/förändring columns: differences, not amounts of the row's own kind."""
    return bool(_VARIANCE_RE.search(name or ""))


def _check_net(table: Table) -> list[ParseWarning]:
    """Net row against its "varav intäkter"/"varav kostnader" rows (either sign convention)."""
    rows = table.rows
    out: list[ParseWarning] = []
    variance_cols = {c for c, name in enumerate(table.columns) if is_variance_column(name)}
    for i, row in enumerate(rows):
        if row.row_type not in ("line", "sum", "frame") or not any(_num(v) is not None for v in row.values):
            continue
        income: TableRow | None = None
        cost: TableRow | None = None
        j = i + 1
        while j < len(rows) and rows[j].row_type == "varav":
            label = rows[j].label.lower()
            if "intäkt" in label or "inkomst" in label:
                income = rows[j]
            elif "kostnad" in label or "utgift" in label:
                cost = rows[j]
            j += 1
        if income is None or cost is None:
            continue
        for c, v in enumerate(row.values):
            net = _num(v)
            inc = _num(income.values[c]) if c < len(income.values) else None
            cst = _num(cost.values[c]) if c < len(cost.values) else None
            if net is None or inc is None or cst is None:
                continue
            tol = _tolerance(table.unit, [net, inc, cst])
            # revenue printed negative: net = kostnader + intäkter (001 stab tables); otherwise
            # net cost (kostnader − intäkter) or result (intäkter − kostnader, VSS/Leanlink)
            candidates = [cst + inc] if inc < 0 or cst < 0 else [cst - inc, inc - cst]
            if c in variance_cols:
                # a variance of revenue has the opposite sign of a variance of cost (more revenue
                # is favourable), so the net variance is their sum; accept either convention
                candidates = [cst + inc, -(cst + inc), cst - inc, inc - cst]
            if all(abs(net - cand) > tol for cand in candidates):
                op = "+" if inc < 0 or cst < 0 else "−"
                how = f"”{cost.label}” {op} ”{income.label}” ger"
                out.append(_warn(table, row, c, net, candidates[0], how))
    return out


def _check_changes(table: Table) -> list[ParseWarning]:
    """Previous budget + change rows = new budget, in the first column the changes fill."""
    rows = table.rows
    out: list[ParseWarning] = []
    for i, row in enumerate(rows):
        if row.row_type != "line":
            continue
        changes: list[TableRow] = []
        j = i + 1
        while j < len(rows) and (
            rows[j].row_type in ("change", "note") or (rows[j].row_type == "header" and rows[j].parent == row.label)
        ):
            if rows[j].row_type == "change" and rows[j].parent == row.label:
                changes.append(rows[j])
            j += 1
        if not changes:
            continue
        width = max(len(r.values) for r in changes)
        c_new = next(
            (c for c in range(width) if any(c < len(r.values) and _num(r.values[c]) is not None for r in changes)), None
        )
        if c_new is None or c_new == 0 or c_new >= len(row.values):
            continue
        prev, new = _num(row.values[c_new - 1]), _num(row.values[c_new])
        if prev is None or new is None:
            continue
        terms = [v for r in changes if c_new < len(r.values) and (v := _num(r.values[c_new])) is not None]
        computed = prev + sum(terms, Decimal(0))
        if abs(new - computed) > _tolerance(table.unit, [prev, new, *terms]):
            how = f"{_col(table, c_new - 1)} {_fmt(prev, table.unit)} plus förändringsraderna ger"
            out.append(_warn(table, row, c_new, new, computed, how))
    return out


def _check_frames(table: Table) -> list[ParseWarning]:
    """Frame + adjustments = adjusted frame; and a frame row against the net row of its block."""
    rows = table.rows
    out: list[ParseWarning] = []
    for i, row in enumerate(rows):
        if row.row_type != "frame" or row.parent is None:
            continue
        base_idx = next((k for k in range(i - 1, -1, -1) if rows[k].label == row.parent), None)
        if base_idx is None:
            continue
        adjustments = [r for r in rows[base_idx + 1 : i] if r.row_type == "change" and r.parent == row.parent]
        for c, v in enumerate(row.values):
            printed = _num(v)
            base = _num(rows[base_idx].values[c]) if c < len(rows[base_idx].values) else None
            if printed is None or base is None:
                continue
            terms = [t for r in adjustments if c < len(r.values) and (t := _num(r.values[c])) is not None]
            computed = base + sum(terms, Decimal(0))
            if abs(printed - computed) > _tolerance(table.unit, [base, printed, *terms]):
                out.append(_warn(table, row, c, printed, computed, "ramen plus justeringarna ger"))
    # a frame printed next to the net of the same block should agree (DOMAIN §7 #2)
    block: list[TableRow] = []
    for row in [*rows, TableRow(label="", values=[], row_type="header")]:
        if row.row_type == "header":
            nets = [r for r in block if r.row_type in ("line", "sum") and "nettokostnad" in r.label.lower()]
            frames = [r for r in block if r.row_type == "frame" and r.parent is None]
            if len(nets) == 1 and len(frames) == 1:
                out.extend(_check_frame_against_net(table, block, nets[0], frames[0]))
            block = []
        else:
            block.append(row)
    return out


def _check_frame_against_net(table: Table, block: list[TableRow], net: TableRow, frame: TableRow) -> list[ParseWarning]:
    """Frame = net cost, whichever sign the table gives costs (kommunbidrag 534,1 against nettokostnad
    −534,1 agrees). With a result row in the block, frame and net give the result instead (frame
    1 657,7 and net −1 664,5 in a forecast column give the result −6,8)."""
    out: list[ParseWarning] = []
    results = [r for r in block if r.row_type in ("line", "sum") and r.label.lower().startswith("resultat")]
    result = results[0] if len(results) == 1 else None
    for c, v in enumerate(frame.values):
        printed = _num(v)
        other = _num(net.values[c]) if c < len(net.values) else None
        if printed is None or other is None:
            continue
        outcome = _num(result.values[c]) if result is not None and c < len(result.values) else None
        if result is not None and outcome is not None:
            tol = _tolerance(table.unit, [printed, other, outcome])
            candidates = [printed + other, printed - other, other - printed]
            if all(abs(outcome - cand) > tol for cand in candidates):
                out.append(_warn(table, result, c, outcome, candidates[0] if other < 0 < printed else candidates[1],
                                 f"”{frame.label}” och ”{net.label}” ger"))
            continue
        if all(abs(printed - o) > _tolerance(table.unit, [printed, other]) for o in (other, -other)):
            out.append(_warn(table, frame, c, printed, other, f"”{net.label}” är"))
    return out
