"""Goal tables in pdftotext-like text: cells emitted one at a time, words hyphenated at line ends.

A goal row spans many lines: the kommunövergripande mål cell, the nämndmål cell (name, then its
description starting on a capitalised line), the indicator cell, and its values, each a block
separated by blank lines. The stream is read as text blocks (T) and value blocks (V): the T block
right before values is the indicator; T blocks before it are, from the left, municipal goal and
goal. Values are joined and re-split into as many cells as the header has value columns
("Mindre" / "än 100" is one cell; "157 000" is one number). Best effort: every uncertain row warns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .document_text import dehyphenate_join, strip_markup
from .extraction import Line
from .goal_values import breakdown_kind, is_short_breakdown_label

if TYPE_CHECKING:
    from .goals import GoalCollector

_CONTEXT_START = re.compile(r"^(?:Målområde|Kommunövergripande mål\s*:|Nämndmål\s*:|Förvaltningsmål\s*(?::|$))")
# "Nämndmål Nämnd-" / "indikator" (000), "Nämndmål Nämndindikator 2024 2025 Målvärde" (years on the
# header line), "Kommunövergripande mål Förvaltningsmål Förvaltningsindikator …", "Nämndens mål Indikator …"
_HEADER_START = re.compile(
    r"^(?P<muni>Kommunövergripande\s+mål\s+)?"
    r"(?P<goal>Nämndmål|Förvaltningsmål|Nämndens\s+mål|Förvaltningens\s+mål|Mål)\s+"
    r"(?P<ind>(?:Nämnd|Förvaltnings)-?\s*(?:indika-?(?:tor(?:er)?)?\*?)?|[Ii]ndikator(?:er)?\*?|Mått)"
    r"(?P<rest>(?:\s+\S+)*)\s*$"
)
_ACTIVITY_HEADER = re.compile(r"^Förvaltningsindikator\s+Målvärde\b.*Aktivitet", re.IGNORECASE)
_HEADER_TOKEN = re.compile(
    r"^(?:(?:19|20)\d\d|Målvärde|Målnivå|Mål|Utfall|Prognos|Budget|Basvärde|Nuläge|Trend|Önskvärd|riktning|/?värde"
    r"|(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]aj|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]kt|[Nn]ov|[Dd]ec)[a-zåäö]*\.?(?:-\w+\.?)?|indikator|tor\*?|\(?[Tt]kr\)?|\(%\))$"
)
_BOUND = {"mindre", "större", "färre", "fler", "max", "minst", "högst", "lägst", "ökade"}
_DIRECTION = {"öka", "minska", "ja/nej", "ja", "nej", "i.u.", "iu", "iu.", "n/a", "-", "–"}
_UNIT = {"%", "kr.", "kr", "mnkr.", "mnkr", "tkr", "st"}
_NUM_TOKEN = re.compile(r"^[<>≥≤]?[-+]?\d[\d,.]*%?\d*$")


def _is_value_token(tok: str) -> bool:
    low = tok.lower()
    return bool(
        _NUM_TOKEN.match(tok) or low in _DIRECTION or low in _BOUND or low in _UNIT or low == "än"
        or re.match(r"^(?:19|20)\d\d:$", tok)
    )


def split_trailing_values(text: str) -> tuple[str, str]:
    """("Gator/torg", "64 I.U. 70 70") from "Gator/torg 64 I.U. 70 70"."""
    toks = text.split()
    k = len(toks)
    while k > 0 and _is_value_token(toks[k - 1]):
        k -= 1
    # a label ending in a number ("år 2025", "per 1000") keeps it unless values follow a word
    return " ".join(toks[:k]), " ".join(toks[k:])


def _is_value_block(block: list[str]) -> bool:
    depth = 0
    for tok in " ".join(block).split():
        if depth > 0 or tok.startswith("("):
            depth += tok.count("(") - tok.count(")")
            continue
        if not _is_value_token(tok.rstrip(",")):
            return False
    return True


def tokenize_values(text: str, n: int) -> list[str]:
    """Split joined value text into ``n`` printed cells (fewer when empty cells vanished)."""
    cells: list[str] = []
    toks = text.split()
    i = 0
    while i < len(toks):
        tok = toks[i]
        low = tok.lower()
        if tok.startswith("(") and cells:
            depth = tok.count("(") - tok.count(")")
            part = [tok]
            while depth > 0 and i + 1 < len(toks):
                i += 1
                part.append(toks[i])
                depth += toks[i].count("(") - toks[i].count(")")
            cells[-1] = f"{cells[-1]} {' '.join(part)}"
        elif cells and (cells[-1].lower() in _BOUND or cells[-1].lower().endswith(" än")):
            cells[-1] = f"{cells[-1]} {tok}"
        elif (low in _UNIT or low == "än") and cells:
            cells[-1] = f"{cells[-1]} {tok}"
            if low == "än" and i + 1 < len(toks):
                i += 1
                cells[-1] = f"{cells[-1]} {toks[i]}"
        elif re.match(r"^(?:19|20)\d\d:$", tok) and i + 1 < len(toks):
            cells.append(f"{tok} {toks[i + 1]}")
            i += 1
        elif re.fullmatch(r"\d{3}", tok) and cells and re.fullmatch(r"\d{1,3}(?: \d{3})*", cells[-1]) and (
            tok.startswith("0") or len(cells) + (len(toks) - i) > n
        ):
            cells[-1] = f"{cells[-1]} {tok}"
        else:
            cells.append(tok)
        i += 1
    return cells


def _blocks(lines: list[Line]) -> list[tuple[int, list[str]]]:
    out: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    first = 0
    for ln in lines:
        text = strip_markup(ln.text)
        if not text:
            if cur:
                out.append((first, cur))
            cur = []
            continue
        if not cur:
            first = ln.no
        cur.append(text)
    if cur:
        out.append((first, cur))
    return out


def _name_and_description(block: list[str]) -> tuple[str, str]:
    """Goal cell: name lines, then the description from the first capitalised line on."""
    for k in range(1, len(block)):
        if block[k][:1].isupper() and not block[k - 1].endswith("-"):
            return dehyphenate_join(block[:k]), dehyphenate_join(block[k:])
    return dehyphenate_join(block), ""


class _PdfGoalTable:
    def __init__(self, col: GoalCollector, columns: list[str]) -> None:
        self.col = col
        self.columns = columns
        self.pending: list[tuple[int, list[str]]] = []
        self.label_parts: list[str] = []
        self.label_line = 0
        self.value_parts: list[str] = []
        self.compact = False  # cells not separated by blank lines (see goal_compact)
        self.municipal_column = False
        self.closed = False  # compact table ended by a following numeric table

    def flush_empty(self) -> None:
        """Add the open label as an indicator whose value cells are all empty."""
        if self.label_parts:
            label = dehyphenate_join(self.label_parts)
            self.col.add_indicator(label, self.columns, [""] * len(self.columns), self.label_line)
        self.label_parts, self.value_parts = [], []

    def flush(self) -> None:
        """Finalise the open indicator."""
        if not self.label_parts:
            self.value_parts = []
            return
        label = dehyphenate_join(self.label_parts)
        n = len(self.columns)
        values = tokenize_values(" ".join(self.value_parts), n)
        missing = self.columns[len(values):]
        missing_targets = len(values) < n and all(re.search(r"mål", c, re.IGNORECASE) for c in missing)
        if len(values) != n:
            if not (missing_targets and breakdown_kind(label) == "gender"):
                self.col.warn(
                    self.label_line,
                    f"Indikatorn ”{label}” har {len(values)} värden men tabellen {n} kolumner; kontrollera raden.",
                )
            values = (values + [""] * n)[:n] if len(values) < n else [*values[: n - 1], " ".join(values[n - 1:])]
        # pdftotext glues footnote digits to the label: "standard.1", "miljömärkta.3"
        m = re.match(r"^(.*\D[.)%*])(\d{1,2})$", label)
        footnote = None
        if m:
            label, footnote = m.group(1), m.group(2)
        self.col.add_indicator(label, self.columns, values, self.label_line)
        if footnote and self.col.goal and self.col.goal.indicators:
            self.col.goal.indicators[-1].footnotes.append(footnote)
        self.label_parts, self.value_parts = [], []

    def text_block(self, line: int, block: list[str]) -> None:
        joined_values = " ".join(self.value_parts)
        if self.value_parts and joined_values.count("(") > joined_values.count(")"):
            self.value_parts.extend(block)  # "3,8 (19,2 Mdkr," … "prognos)"
            return
        acc: list[str] = []
        n = len(self.columns)
        for k, row in enumerate(block):
            text, values = split_trailing_values(row)
            if values and (text or acc) and len(tokenize_values(values, n)) >= 2:
                label = [*acc, text] if text else acc
                if self.pending and is_short_breakdown_label(dehyphenate_join(label)):
                    # the cell before "Gator/torg 64 I.U. 70 70" is an indicator without values
                    self._goal_cells(keep_last=True)
                    pline, pblock = self.pending.pop()
                    self.flush()
                    self.label_parts, self.label_line = list(pblock), pline
                self._goal_cells()
                self.flush()
                self.label_parts, self.label_line = label, line + k
                self.value_parts = [values]
                acc = []
            else:
                acc.append(row)
        if not acc:
            return
        block = acc
        if not self.pending and self.label_parts and block[0][:1].islower():
            self.label_parts.extend(block)  # a label split by a page break
            return
        self.pending.append((line, block))

    def value_block(self, block: list[str]) -> None:
        if self.pending:
            self._goal_cells(keep_last=True)
            line, label_block = self.pending.pop()
            self.flush()
            self.label_parts, self.label_line = list(label_block), line
        self.value_parts.extend(block)

    def _goal_cells(self, keep_last: bool = False) -> None:
        cells = self.pending[:-1] if keep_last else self.pending
        if keep_last:
            self.pending = self.pending[-1:]
        else:
            self.pending = []
        if not cells:
            return
        if len(cells) >= 2:
            self.col.municipal_goal = dehyphenate_join(cells[0][1])
            if len(cells) > 2:
                self.col.warn(cells[1][0], "Oväntade textceller i måltabellen hoppades över.")
        line, block = cells[-1]
        self.flush()
        name, desc = _name_and_description(block)
        self.col.new_goal(name, line, desc, kind=self.col.table_kind)

    def end(self) -> None:
        """Body paused (page break, footnotes, prose): unmatched text cells are dropped."""
        self.pending = []


_MONTH_START = re.compile(r"^(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)", re.IGNORECASE)
_COLUMN_TITLES = ("kommunövergripande mål",)


def _is_column_title_fragment(text: str) -> bool:
    """A piece of a goal table's first column title, wherever hyphenation split it
    ("Kommunövergri-" / "pande mål", "Kommunöver-" / "gripande mål")."""
    t = re.sub(r"\s+", " ", text.lower().replace("-", "")).strip()
    if len(t) < 4 or len(t.split()) > 3:
        return False
    return any(title == t or (title.startswith(t) and text.rstrip().endswith("-")) or
               (title.endswith(t) and " mål" in f" {t}") for title in _COLUMN_TITLES)


def header_match(text: str) -> re.Match[str] | None:
    """The goal-table header that starts at this line, or None.

    The words after the indicator word must all be column words (years, Målvärde, Utfall …) so a
    sentence starting "Nämndmål …" is never a header."""
    m = _HEADER_START.match(text)
    if not m:
        return None
    rest = m.group("rest").split()
    if rest and not all(_HEADER_TOKEN.match(t) for t in rest):
        return None
    ind = m.group("ind").lower()
    if m.group("goal") == "Mål" and "indikator" not in ind and ind != "mått":
        return None
    return m


def _header_columns(lines: list[Line], k: int, first: list[str] | None = None) -> tuple[list[str], int, bool]:
    """Column names of a goal table whose header starts at index k; (columns, next k, compact).

    ``first`` holds the column words already on the header line. Compact tables (no blank line
    between header and body, or years on the header line) are read by :mod:`.goal_compact`."""
    tokens: list[str] = list(first or [])
    j = k + 1
    last_blank = False
    while j < len(lines):
        text = strip_markup(lines[j].text)
        if text and not all(_HEADER_TOKEN.match(t) for t in text.split()):
            break
        tokens.extend(t for t in text.split() if t not in ("indikator", "tor", "tor*"))
        last_blank = not text
        j += 1
    columns: list[str] = []
    word: list[str] = []
    for t in tokens:
        if re.fullmatch(r"(?:19|20)\d\d", t):
            columns.append(" ".join([*word, t]))
            word = []
        elif _MONTH_START.match(t) and columns and not word:
            columns[-1] = f"{columns[-1]} {t}"
        elif re.fullmatch(r"\(?[Tt]kr\)?|\(%\)", t) and (word or columns):
            if word:
                word.append(t)
            else:
                columns[-1] = f"{columns[-1]} {t}"
        else:
            word.append(t)
    if word:
        columns.append(" ".join(word))
    compact = bool(first) or (j < len(lines) and not last_blank and j > k + 1) or (
        j == k + 1 and j < len(lines) and bool(strip_markup(lines[j].text)))
    return columns, j, compact


def scan_pdf_tables(col: GoalCollector, lines: list[Line]) -> None:
    from .goals import _context_line  # shared context rules

    table: _PdfGoalTable | None = None
    body: list[Line] = []
    warned_activity = False
    in_footnote = False

    def run_body() -> None:
        if table is None:
            return
        from .goal_pdf import _is_value_block as is_v

        if table.compact:
            from .goal_compact import read_compact_body

            read_compact_body(table, body)
            body.clear()
            return
        for line_no, block in _blocks(body):
            if is_v(block):
                table.value_block(block)
            else:
                table.text_block(line_no, block)
        table.end()
        body.clear()

    k = 0
    while k < len(lines):
        ln = lines[k]
        text = strip_markup(ln.text)
        hm = header_match(text)
        if hm:
            run_body()
            first = [t for t in hm.group("rest").split() if t not in ("indikator", "tor", "tor*")]
            columns, k, compact = _header_columns(lines, k, first)
            goal_word = hm.group("goal").lower()
            col.table_kind = "administration_goal" if goal_word.startswith("förvaltning") else (
                "committee_goal" if goal_word.startswith("nämnd") else None)
            if table is None or table.columns != columns or table.compact != compact:
                if table is not None:
                    table.flush()
                table = _PdfGoalTable(col, columns)
                table.compact = compact
                table.municipal_column = bool(hm.group("muni"))
            continue
        if _ACTIVITY_HEADER.match(text) and not warned_activity:
            col.warn(ln.no, "Aktivitetstabeller (indikator, målvärde, aktivitet, slutfört) tolkas inte ännu; "
                     "endast förvaltningsmålen läses.")
            warned_activity = True
        if _is_column_title_fragment(text):
            k += 1
            continue
        if not text:
            in_footnote = False
        elif (re.match(r"^\d{1,2}\s+[A-ZÅÄÖ]", text) and len(text) > 50) or set(text) <= {"_"}:
            in_footnote = True  # footnote text interrupting the table, up to the next blank line
        if in_footnote:
            run_body()
            k += 1
            continue
        long_prose = len(text) > 90 and not text[:1].islower()
        context = bool(_CONTEXT_START.match(text))
        if long_prose or context:
            run_body()  # rows above belong to the old context
            if context:
                _context_line(col, text, ln.no)
            if long_prose and table is not None and not text.startswith("Målområde"):
                table.flush()
                table = None
            k += 1
            continue
        if table is not None and len(text) <= 90:
            body.append(ln)
        k += 1
    run_body()
    if table is not None:
        table.flush()
