"""Re-aligning pdftotext rows that print fewer values than the table has columns.

pdftotext writes one space after every cell, so empty cells normally show as extra spaces; but the
spacing is not always faithful ("Budgetram enligt beslut i KF … 3 719 500 3 751 900 3 758 800
3 763 800" under five columns whose first is Bokslut 2024 carries no hint at all). For such rows
the reader's first guess (left-aligned) is revised here, with the whole table in view:

1. **Magnitudes**: every order-preserving placement of the row's values is scored by how close each
   value lies (on a log scale) to the other rows' values in that column. A placement whose values
   sit within the columns' own range and is clearly better than the guess wins.
2. **Arithmetic**: when magnitudes cannot tell (three "-1 000" change rows in a table of millions),
   the placement under which the table's sum/frame/change checks fail least wins.
3. Otherwise the spacing hints stand.

Rows whose spacing hints add up exactly are only moved when they are an order of magnitude off in
their hinted columns and another placement fits well. Printed figures are never changed, only
which column they sit in.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from decimal import Decimal

from .extraction import CellValue
from .table_rows import RawRow

_EMPTY_COLUMN_COST = 3.0  # ln(20): a value in a column where no other row has one
_MAX_COST = 5.0
_MAX_PLACEMENTS = 64


def _log(v: Decimal) -> float | None:
    if v == 0:
        return None
    return math.log(abs(float(v)))


def _column_logs(raw: list[RawRow], skip: int, ncols: int) -> list[list[float]]:
    cols: list[list[float]] = [[] for _ in range(ncols)]
    for n, r in enumerate(raw):
        if n == skip or r.realign:
            continue
        for c, v in enumerate(r.values[:ncols]):
            if isinstance(v, Decimal) and (lv := _log(v)) is not None:
                cols[c].append(lv)
    return cols


def _cost(cells: list[CellValue], cols: list[list[float]]) -> tuple[float, int]:
    """(sum of per-value distances, number of values scored)."""
    total, n = 0.0, 0
    for c, v in enumerate(cells):
        if not isinstance(v, Decimal) or (lv := _log(v)) is None:
            continue
        n += 1
        if not cols[c]:
            total += _EMPTY_COLUMN_COST
            continue
        total += min(_MAX_COST, min(abs(lv - w) for w in cols[c]))
    return total, n


def placements(values: list[CellValue], ncols: int) -> list[list[CellValue]]:
    """Every order-preserving placement of ``values`` in ``ncols`` cells (contiguous ones first)."""
    k = len(values)
    if k == 0 or k > ncols or math.comb(ncols, k) > _MAX_PLACEMENTS:
        return []
    out: list[list[CellValue]] = []
    for positions in itertools.combinations(range(ncols), k):
        cells: list[CellValue] = [None] * ncols
        for p, v in zip(positions, values, strict=True):
            cells[p] = v
        out.append(cells)
    out.sort(key=lambda cells: _spread(cells))
    return out


def _spread(cells: list[CellValue]) -> int:
    filled = [c for c, v in enumerate(cells) if v is not None]
    return filled[-1] - filled[0] if filled else 0


def realign_rows(raw: list[RawRow], ncols: int, failures: Callable[[], int] | None = None) -> None:
    """Revise the columns of rows marked ``realign`` (and, cautiously, ``hinted``) in place.

    ``failures`` counts the table's failed arithmetic checks for the rows as they stand; it is
    used to choose between placements that magnitudes cannot tell apart.
    """
    undecided: list[tuple[int, list[list[CellValue]]]] = []
    for n, r in enumerate(raw):
        if not (r.realign or r.hinted):
            continue
        values: list[CellValue] = [v for v in r.values if v is not None]
        if not any(isinstance(v, Decimal) for v in values):
            continue
        options = placements(values, ncols)
        if len(options) < 2:
            continue
        cols = _column_logs(raw, n, ncols)
        current, count = _cost(r.values, cols)
        scored = sorted(((_cost(o, cols)[0], k, o) for k, o in enumerate(options)), key=lambda t: (t[0], t[1]))
        best_cost, _, best = scored[0]
        mean_best = best_cost / max(count, 1)
        if r.hinted:
            # trust exact spacing unless the hinted columns are an order of magnitude off
            if current / max(count, 1) > math.log(10) and mean_best < math.log(2):
                r.values = list(best)
            continue
        if best != r.values and mean_best < math.log(2) and best_cost * 3 < current:
            r.values = list(best)
            r.realign = False
            continue
        if all(c > math.log(3) * count for c, _, _ in scored):
            undecided.append((n, [o for _, _, o in scored]))  # no magnitude evidence at all
        r.realign = False
    if failures is None:
        return
    for n, options in undecided:
        r = raw[n]
        original = list(r.values)
        best_cells, best_fail = original, failures()
        if best_fail == 0:
            continue
        for o in options:
            r.values = list(o)
            f = failures()
            if f < best_fail:
                best_cells, best_fail = list(o), f
        r.values = best_cells
