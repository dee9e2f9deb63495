"""Recognising table headers and rebuilding their column names, in both layouts.

Headers are recognised by their vocabulary (Budget, Plan, Bokslut, Utfall, Prognos, Nettoutgift,
Avvikelse … and years), never by position in a known document. pdftotext-like headers come in two
shapes that need different rebuilding:

* **row-wise**: each line holds one word per column ("Budget Budget Plan Plan Plan" /
  "2019 förslag förslag förslag förslag" / "Belopp tkr 2020 2021 2022 2023"); the lines are stacked
  right-aligned, so the shorter last line fills the last columns.
* **stacked**: one word per line ("Budget" / "förslag" / "2020" / "Plan" / …); a year closes a
  column.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .table_text import is_year, strip_markup

MAIN_WORDS = {
    "budget", "plan", "bokslut", "utfall", "prognos", "nettoutgift", "avvikelse", "budgetavvikelse",
    "budget-avvikelse", "beslutad", "slutår", "målvärde", "kostnader", "intäkter", "helårsprognos",
    "årsbudget", "delårsbokslut", "prognosavvikelse", "prognos-avvikelse", "förändring", "differens",
    "återstår", "återstående", "totalbudget", "slutprognos", "ombudgetering", "tilläggsbudget", "inkomster", "utgifter",
}  # fmt: skip
QUALIFIER_WORDS = {
    "förslag", "totalt", "total", "aug.", "aug", "helår", "netto", "ack.", "ack", "utfall", "jan-aug", "jan-juli",
    "jan-apr", "tertial", "delår", "per", "nettoinvestering", "netto-investeringar", "nettoinvesteringar",
    "inkl", "exkl", "budget", "mot", "föregående", "föreg.",
}  # fmt: skip
STRONG_WORDS = {"budget", "plan", "bokslut", "utfall", "prognos", "nettoutgift", "avvikelse", "beslutad"}
_UNIT_CAPTION_RE = re.compile(
    r"(?:^|[\s,(])(?:belopp\s+(?:i\s+)?)?(t?kr|kkr|mnkr|mkr|mnr|mdkr|(?:tusen(?:tals)?|miljoner|miljarder)\s+kronor|kronor)"
    r"\)?\s*\.?$",
    re.IGNORECASE,
)
_INDICATOR_RE = re.compile(r"indikator|målvärde|önskvärd", re.IGNORECASE)
_GOAL_FIRST_RE = re.compile(r"^(nämnd|förvaltnings|kommunövergripande\s+)?mål\b|^nämnd/", re.IGNORECASE)
_NON_GOAL_FIRST_RE = re.compile(r"^(personal|basuppdrag|ekonomi|belopp|nettokostnad)", re.IGNORECASE)


def _word(token: str) -> str:
    return token.lower().strip(",;:")


_MONTH = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?"
MONTH_TOKEN_RE = re.compile(rf"^(?:{_MONTH}(?:\s*[-–]\s*{_MONTH})?|t\.?o\.?m\.?|\d{{1,2}}/\d{{1,2}})$", re.IGNORECASE)


def is_column_token(token: str) -> bool:
    """A column-header word: budget/outcome words, years, qualifiers and periods ("jan-okt", "aug")."""
    w = _word(token)
    return w in MAIN_WORDS or w in QUALIFIER_WORDS or is_year(w) or bool(MONTH_TOKEN_RE.match(w))


def is_indicator_header(cells: Sequence[str]) -> bool:
    """True for goal/indicator table headers (Nämndindikator, Förvaltningsindikator, Målvärde).

    Those tables belong to ``goals.py``. A personnel header with "Målvärde helår" is not one:
    "Målvärde" counts only when the first cell is not a numeric-table label.
    """
    texts = [strip_markup(c) for c in cells]
    joined = " ".join(texts)
    if re.search(r"indikator|önskvärd", joined, re.IGNORECASE):
        return True
    first = texts[0] if texts else ""
    if first and _GOAL_FIRST_RE.search(first):
        return True
    return bool(re.search(r"målvärde", joined, re.IGNORECASE)) and not _NON_GOAL_FIRST_RE.search(first)


def unit_from_text(text: str) -> str | None:
    """The unit a caption or header names: tkr, mnkr, mdkr, % or åa; None when it names none."""
    t = text.lower()
    if re.search(r"\bmdkr\b|\bmiljarder", t):
        return "mdkr"
    if re.search(r"\bmnkr\b|\bmkr\b|\bmnr\b|\bmiljoner\s+kronor", t):
        return "mnkr"
    if re.search(r"\btkr\b|\bkkr\b|tusen(?:tals)?\s+kronor", t):
        return "tkr"
    if re.search(r"(?:^|belopp\s+i\s+|[(,]\s*)(?:kr|kronor)\)?\.?$", t.strip()):
        return "kr"  # "Belopp i kronor", "Driftredovisning (kr)"
    if re.search(r"\bårsarbetare\b|\båa\b", t) and not re.search(r"antal", t):
        return "åa"
    if re.search(r"%|\bprocent\b", t):
        return "%"
    return None


def is_unit_caption(text: str) -> bool:
    """ "Belopp tkr", "Ekonomi, belopp tkr", "(tkr)": a line that only announces a unit."""
    s = strip_markup(text)
    return bool(s) and len(s) <= 60 and bool(_UNIT_CAPTION_RE.search(s)) and not re.search(r"\d", s)


@dataclass
class TextHeaderLine:
    label_words: list[str]
    column_tokens: list[str]
    # empty cells printed (as extra spaces) before each column token: "2025 2025  2024" → [0, 0, 1]
    gaps: list[int] = field(default_factory=list)
    # layout text (cells ≥ 2 spaces apart): the column part as (start, end, phrase) character spans,
    # "Utfall jan–aug" one phrase; empty when a phrase straddles the label and the columns
    phrases: list[tuple[int, int, str]] = field(default_factory=list)


def parse_text_header_line(text: str) -> TextHeaderLine | None:
    """A pdftotext line that is (part of) a column header, split into label part and column part.

    The column part must be only column words and years; the label part (e.g. "Nettokostnad",
    "Kommunledning (tkr)") at most eight words without digits.
    """
    s = strip_markup(text)
    if not s or len(s) > 140:
        return None
    tokens = s.split(" ")
    # the column part is the longest tail of column words ("Kommunbidrag per nämnd, mnkr Budget
    # Budget Plan": "per" is a column word too, but the tail from it is not all column words)
    k = len(tokens)
    while k > 0 and is_column_token(tokens[k - 1]):
        k -= 1
    label, cols = tokens[:k], tokens[k:]
    if not cols or len(label) > 8 or any(re.search(r"\d", w) for w in label):
        return None
    if not all(is_column_token(t) for t in cols):
        return None
    if all(_word(t) in ("totalt", "total") for t in cols) and label:
        return None  # "Kommunstyrelsen totalt" is a row label, not a header
    if label and label[-1].lower() in {"i", "om", "med", "för", "till", "av", "från", "och", "den", "per"}:
        return None
    gaps: list[int] = []
    raw = text.replace("\u00a0", " ").rstrip()
    spans = [m.group(1) for m in re.finditer(r"( *)\S+", raw)]
    if len(spans) >= len(cols):
        gaps = [0] + [max(len(g) - 1, 0) for g in spans[len(spans) - len(cols) + 1:]]
    return TextHeaderLine(label_words=label, column_tokens=cols, gaps=gaps, phrases=_column_phrases(raw, len(cols)))


def _column_phrases(raw: str, ncols: int) -> list[tuple[int, int, str]]:
    """The last ``ncols`` tokens of ``raw`` grouped into phrases separated by two or more spaces."""
    phrases = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", raw)]
    out: list[tuple[int, int, str]] = []
    count = 0
    for start, end, phrase in reversed(phrases):
        if count >= ncols:
            break
        out.append((start, end, phrase))
        count += len(phrase.split(" "))
    return list(reversed(out)) if count == ncols else []


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def layout_columns(lines: list[TextHeaderLine]) -> list[str] | None:
    """Column names from character positions when every header line is layout text.

    The line with the most phrases gives the columns; each phrase of the other lines goes to the
    one column it overlaps ("Utfall jan–aug" over "2025"). None when any phrase overlaps no column
    or several, or two phrases of one line land in one column: then the token rules decide.
    """
    if not lines or any(not ln.phrases for ln in lines):
        return None
    anchor_line = max(reversed(lines), key=lambda ln: len(ln.phrases))
    anchors = anchor_line.phrases
    if len(anchors) < 2:
        return None
    cols: list[list[str]] = [[] for _ in anchors]
    for ln in lines:
        used: set[int] = set()
        for ph in ln.phrases:
            hits = [k for k, a in enumerate(anchors) if _overlap(ph, a) > 0]
            if len(hits) != 1 or hits[0] in used:
                return None
            used.add(hits[0])
            cols[hits[0]].append(ph[2])
    return [" ".join(c) for c in cols]


def layout_spans(lines: list[TextHeaderLine]) -> list[tuple[int, int]] | None:
    """Character span (start, end) of each column of a layout header, for placing row values."""
    if layout_columns(lines) is None:
        return None
    anchor_line = max(reversed(lines), key=lambda ln: len(ln.phrases))
    spans = [[a[0], a[1]] for a in anchor_line.phrases]
    for ln in lines:
        for ph in ln.phrases:
            k = next(k for k, a in enumerate(anchor_line.phrases) if _overlap(ph, a) > 0)
            spans[k][0] = min(spans[k][0], ph[0])
            spans[k][1] = max(spans[k][1], ph[1])
    return [(a, b) for a, b in spans]


def first_line_is_caption(lines: list[TextHeaderLine]) -> bool:
    """ "Prognos helår" printed flush left above a layout header is the table's caption, not a
    header line: its words end before the first column begins."""
    if len(lines) < 2 or not lines[0].phrases or any(not ln.phrases for ln in lines[1:]):
        return False
    first_col = min(ph[0] for ln in lines[1:] for ph in ln.phrases)
    return lines[0].phrases[-1][1] < first_col and not lines[0].label_words


def _row_wise(lines: list[TextHeaderLine]) -> bool:
    for line in lines:
        toks = [_word(t) for t in line.column_tokens]
        for a, b in itertools.pairwise(toks):
            if is_year(a) and is_year(b):
                return True
            if a in MAIN_WORDS and b in MAIN_WORDS:
                return True
            if a == b:
                return True
    return False


@dataclass
class HeaderInfo:
    label: str  # header text over the label column ("Nettokostnad Belopp tkr")
    columns: list[str]
    first_line: int
    last_line: int
    first_text: str = ""  # normalised first header line, to spot page-repeats
    lines: list[str] = field(default_factory=list)


def _stacked(tokens: list[str]) -> list[str]:
    """Column names from a stacked token sequence: a year closes a column."""
    columns: list[str] = []
    current: list[str] = []
    for tok in tokens:
        w = _word(tok)
        if current and w in MAIN_WORDS and _word(current[-1]) not in QUALIFIER_WORDS | MAIN_WORDS:
            columns.append(" ".join(current))
            current = []
        current.append(tok)
        if is_year(w):
            columns.append(" ".join(current))
            current = []
    if current:
        columns.append(" ".join(current))
    return columns


def build_columns(lines: list[TextHeaderLine]) -> tuple[str, list[str]]:
    """Rebuild column names from the header lines of one pdftotext table.

    Row-wise lines (one word per column) are stacked right-aligned; runs of one-word lines in
    between are read as a stacked sequence and, when they split into exactly one group per
    column, each group goes to its column (000:3362-3372 mixes both shapes).
    """
    label = " ".join(w for line in lines for w in line.label_words)
    by_position = layout_columns(lines)
    if by_position is not None:
        return label, by_position
    if not _row_wise(lines):
        return label, _stacked([t for line in lines for t in line.column_tokens])
    width = max(len(line.column_tokens) for line in lines)
    cols: list[list[str]] = [[] for _ in range(width)]
    buffer: list[TextHeaderLine] = []

    def add_row(tokens: list[str], gaps: list[int] | None = None) -> None:
        # right-aligned (the label column's header takes the left), unless that stacks a word
        # under a column that is already complete ("Slutår", a year): then the rightmost offset
        # where every word lands under an open column
        offsets = range(width - len(tokens), -1, -1)
        offset = next((o for o in offsets if all(_open(cols[o + j]) for j in range(len(tokens)))), width - len(tokens))
        positions = [offset + j for j in range(len(tokens))]
        if gaps and len(gaps) == len(tokens) and sum(gaps[1:]) and len(tokens) + sum(gaps[1:]) <= width:
            # interior empty cells ("2025 2025  2024" under Bokslut | Budget | Avvikelse | Bokslut):
            # right-aligned as a whole, with the printed holes kept
            span = len(tokens) + sum(gaps[1:])
            start = width - span
            hinted = [start + j + sum(gaps[1: j + 1]) for j in range(len(tokens))]
            if all(_open(cols[q]) for q in hinted):
                positions = hinted
        for q, tok in zip(positions, tokens, strict=True):
            cols[q].append(tok)

    def flush() -> None:
        if not buffer:
            return
        groups = _stacked([t for line in buffer for t in line.column_tokens])
        if len(groups) == width and len(buffer) > 1:
            for j, g in enumerate(groups):
                cols[j].append(g)
        else:
            for line in buffer:
                add_row(line.column_tokens, line.gaps)
        buffer.clear()

    for line in lines:
        if len(line.column_tokens) == 1:
            buffer.append(line)
            continue
        flush()
        add_row(line.column_tokens, line.gaps)
    flush()
    return label, [" ".join(c) for c in cols if c]


def _open(column: list[str]) -> bool:
    """Whether a column can take another header word below: not after a year or "Slutår"."""
    if not column:
        return True
    last = _word(column[-1])
    return not (is_year(last) or last in ("slutår", "totalt", "total"))


_LABEL_HEADER_RE = re.compile(r"^(?:belopp|tkr|mnkr|mkr|mdkr|nettokostnad\w*|resultat\w*|netto|kostnader|intäkter)$")


def header_is_strong(lines: list[TextHeaderLine]) -> bool:
    """A header names budget/outcome columns, or — year-only ("Belopp tkr 2024 2025 2026") — at
    least three consecutive years with an amount label, which no sentence or page line has."""
    words = {_word(t) for line in lines for t in line.column_tokens}
    if words & STRONG_WORDS:
        return True
    for line in lines:
        years = [int(_word(t)) for t in line.column_tokens if is_year(_word(t))]
        label = [_word(w) for w in line.label_words]
        if (
            len(years) >= 3
            and len(years) == len(line.column_tokens)
            and all(b == a + 1 for a, b in itertools.pairwise(years))
            and any(_LABEL_HEADER_RE.match(w) for w in label)
        ):
            return True
    return False


def _columnish(cell: str) -> bool:
    words = cell.replace("/", " ").split()
    if not words:
        return False
    if re.search(r"projekt|investering|kostnader|intäkter|avvikelse|nettoutgift|nettokostnad|^enhet$|^belopp\b", cell,
                 re.IGNORECASE):
        return True
    hits = sum(1 for w in words if is_column_token(w))
    return hits > 0 and hits * 2 >= len(words)


def tab_header_kind(cells: Sequence[str]) -> str | None:
    """Classify a TAB row as 'header' (column names) or None (data/block row).

    A header has at least one non-empty value cell, every non-empty value cell is mostly column
    words or years ("Budget 2024", "Nettoutgift förslag 2021", "Kostnader"), and none is a number
    other than a year. "Tas fram under 2021" in an indicator row is therefore not a header.
    """
    values = [strip_markup(c) for c in cells[1:]]
    non_empty = [v for v in values if v]
    if not non_empty:
        return None
    for v in non_empty:
        if len(v) > 80:
            return None
        words = v.replace("/", " ").split()
        if all(re.fullmatch(r"[+\-−–]?[\d\s.,%]+", w) for w in words) and not all(is_year(w) for w in words):
            return None
        if not _columnish(v):
            return None
    return "header"
