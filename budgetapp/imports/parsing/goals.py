"""Goals and indicators: nämndmål / förvaltningsmål with their indicator rows, in both layouts.

Recognition is by the documents' shared structure, never by one document's goal names:

* context headings set the målområde ("Målområde: Samhälle", "Målområde Ekonomi") and the
  kommunövergripande mål ("Kommunövergripande mål: …"); a "Förvaltningsmål: …" heading names a goal;
* a goal table starts at a header row whose first label cell is "Nämndmål"/"Förvaltningsmål" and
  whose next is "…indikator"; the remaining header cells are the per-year columns as printed;
* TAB rows (Word extraction) are parsed in :func:`_parse_tab_table`, space-separated pdftotext
  tables in :mod:`goal_pdf`;
* follow-up reports add each goal's status from its own text (:mod:`goal_reports`), linked to the
  table goals by a normalised/fuzzy name match.
"""

from __future__ import annotations

import difflib
import re

from .document_text import normalise_name, strip_markup
from .extraction import Goal, Indicator, Line, ParseWarning
from .goal_reports import GoalReport, check_tallies, find_goal_reports
from .goal_values import (
    NO_INDICATOR_RE,
    SEPARATOR_RE,
    breakdown_kind,
    clean_label,
    is_short_breakdown_label,
    is_value,
    split_italic,
    split_name_description,
    strip_dash,
    value_footnotes,
)

TARGET_AREA_RE = re.compile(r"^Målområde\s*:?\s*(?P<name>[A-ZÅÄÖa-zåäö/&,\- ]{3,50}?)\s*$")
MUNICIPAL_RE = re.compile(
    r"^(?:Kommunövergripande mål|Kommunfullmäktiges (?:inriktnings)?mål|KF:s (?:inriktnings)?mål|Inriktningsmål)"
    r"(?:\s+\d+)?\s*:[\s:]*(?P<name>.*)$",
    re.IGNORECASE,
)
# "Nämndmål: X", "Nämndmål 1: X", "Förvaltningsmål 2.1: X"
GOAL_LABEL_RE = re.compile(r"^(?P<kind>Nämndmål|Förvaltningsmål)(?:\s+\d+(?:\.\d+)*)?\s*:?[\s:]*(?P<name>.*)$")
# an indicator table under a goal heading: "Indikator | Utfall 2023 | Utfall 2024 | Mål 2025"
_HEADER_IND_ONLY = re.compile(r"^(?:nämnd|förvaltnings)?indikator(?:er)?$|^nyckeltal$|^mått$", re.IGNORECASE)
_HEADER_GOAL = re.compile(r"^(?:nämndmål|förvaltningsmål|mål|nämndens\s+mål|förvaltningens\s+mål)$", re.IGNORECASE)
_HEADER_IND = re.compile(r"indikator$", re.IGNORECASE)
_HEADER_MUNI = re.compile(r"^kommunövergripande\s*mål$", re.IGNORECASE)


class GoalCollector:
    """Mutable parse state: current context, goals found so far and warnings."""

    def __init__(self, document_index: int, default_kind: str) -> None:
        self.document_index = document_index
        self.default_kind = default_kind
        self.target_area: str | None = None
        self.municipal_goal: str | None = None
        self.goals: list[Goal] = []
        self.warnings: list[ParseWarning] = []
        self.goal: Goal | None = None
        self.parent: Indicator | None = None  # last top-level indicator
        self.short_run: list[Indicator] = []  # consecutive short rows, maybe a breakdown group
        self.table_kind: str | None = None  # goal kind named by the current table header

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(line, message))

    def new_goal(self, name: str, line: int, description: str = "", kind: str | None = None) -> Goal:
        goal = Goal(
            target_area=self.target_area,
            municipal_goal=self.municipal_goal,
            committee_goal=name,
            description=description,
            line=line,
            document_index=self.document_index,
            kind=kind or self.default_kind,
        )
        self.goals.append(goal)
        self.goal = goal
        self.parent = None
        self.short_run = []
        return goal

    def add_indicator(self, raw_label: str, columns: list[str], values: list[str], line: int) -> None:
        """Add one indicator row; decide whether it is a breakdown of the previous indicator."""
        if self.goal is None:
            self.warn(line, f"Indikatorn ”{strip_markup(raw_label)}” saknar nämndmål/förvaltningsmål.")
            return
        label, marks, mandatory = clean_label(raw_label)
        for v in values:
            marks.extend(value_footnotes(v))
        kind = breakdown_kind(label)
        if kind == "dash":
            label = strip_dash(label)
        ind = Indicator(label, list(columns), list(values), None, line, mandatory, marks)
        prev = self.goal.indicators[-1] if self.goal.indicators else None
        if kind:
            # Män/Kvinnor, "-LKDATA": under the row before unless that row is itself a breakdown
            if prev is not None and prev.parent is None:
                self.parent = prev
            if self.parent is not None:
                ind.parent = self.parent.label
            self.short_run = []
        elif self.parent is not None and is_short_breakdown_label(label):
            # "Gator/torg", "Micro": a breakdown when at least two such rows follow an indicator
            self.short_run.append(ind)
            if len(self.short_run) >= 2:
                for r in self.short_run:
                    r.parent = self.parent.label
        else:
            self.short_run = []
            self.parent = ind
        self.goal.indicators.append(ind)


def _header_columns(cells: list[str]) -> tuple[int, int, int, list[str]] | None:
    """(municipal col or -1, goal col, indicator col, value column names) of a goal table header."""
    clean = [strip_markup(c).replace("- ", "").replace("-", "") for c in cells]
    if (
        len(clean) >= 2
        and _HEADER_IND_ONLY.match(clean[0])
        and all(re.search(r"(?:19|20)\d\d|mål|utfall|riktning", c, re.IGNORECASE) for c in clean[1:] if c)
    ):
        columns = [strip_markup(c) for c in cells[1:]]
        while columns and not columns[-1]:
            columns.pop()
        return -1, -1, 0, columns
    for g in range(min(2, len(clean))):
        if _HEADER_GOAL.match(clean[g]) and g + 1 < len(clean) and _HEADER_IND.search(clean[g + 1]):
            muni = 0 if g == 1 and _HEADER_MUNI.match(clean[0]) else -1
            columns = [strip_markup(c) for c in cells[g + 2:]]
            while columns and not columns[-1]:
                columns.pop()
            return muni, g, g + 1, columns
    return None


def _context_line(col: GoalCollector, text: str, line: int) -> bool:
    """Update målområde / kommunövergripande mål / labelled goal context; True when consumed."""
    # "Målområde: Ekonomi**Kommunövergripande mål: …**" holds both on one line
    parts = re.split(r"\s*(?=Kommunövergripande mål\s*:)", text)
    consumed = False
    for part in parts:
        part = part.strip()
        m = TARGET_AREA_RE.match(part)
        if (m and not part.lower().startswith("målområde ")) or (m and len(part.split()) <= 3):
            col.target_area = m.group("name").strip()
            col.municipal_goal = None
            consumed = True
            continue
        m = MUNICIPAL_RE.match(part)
        if m and m.group("name").strip():
            col.municipal_goal = m.group("name").strip()
            consumed = True
            continue
        m = GOAL_LABEL_RE.match(part)
        if m and (":" in part or not m.group("name")) and len(part) < 200:
            name = m.group("name").strip()
            kind = "administration_goal" if m.group("kind") == "Förvaltningsmål" else "committee_goal"
            if not name and ":" in part:
                col.warn(line, f"{m.group('kind')} utan namn; indikatorerna knyts till föregående mål.")
            elif name:
                col.new_goal(name, line, kind=kind)
            consumed = True
    return consumed


def _parse_tab_row(col: GoalCollector, cells: list[str], header: tuple[int, int, int, list[str]], ln: Line) -> None:
    muni_i, goal_i, ind_i, columns = header
    n = ind_i + 1 + len(columns)
    cells = list(cells)
    while len(cells) > n and not cells[-1].strip():
        cells.pop()
    if len(cells) > n:
        col.warn(ln.no, f"Målraden har {len(cells)} celler men rubriken {n}; de sista slås ihop.")
        cells = [*cells[: n - 1], " ".join(c for c in cells[n - 1:] if c)]
    # A continuation row that lost its leading TAB: "Män\t100,0\t\t-\t-\t"
    if (
        ind_i == 1
        and len(cells) == n
        and strip_markup(cells[0])
        and not strip_markup(cells[-1])
        and not is_value(cells[0])
        and is_value(cells[1])
    ):
        cells = ["", *cells[:-1]]
    cells += [""] * (n - len(cells))
    if all(SEPARATOR_RE.match(strip_markup(c)) or not strip_markup(c) for c in cells):
        return
    if muni_i >= 0 and strip_markup(cells[muni_i]):
        col.municipal_goal = strip_markup(cells[muni_i])
    goal_cell = cells[goal_i] if goal_i >= 0 else ""
    if strip_markup(goal_cell):
        plain, italic = split_italic(goal_cell)
        if col.goal is not None and (not plain or plain[:1].islower()):
            extra = " ".join(p for p in (plain, italic) if p)
            col.goal.description = f"{col.goal.description} {extra}".strip()
        else:
            name, desc = (plain, italic) if italic else split_name_description(plain)
            col.new_goal(name, ln.no, desc, kind=col.table_kind)
    ind_cell = cells[ind_i]
    values = [strip_markup(c) for c in cells[ind_i + 1:]]
    plain, italic = split_italic(ind_cell)
    label = plain or italic
    if NO_INDICATOR_RE.match(label):
        return
    if not label:
        prev = col.goal.indicators[-1] if col.goal and col.goal.indicators else None
        if any(values) and prev is not None:
            top = prev if prev.parent is None else col.parent or prev
            col.warn(ln.no, f"Värderad rad utan indikatornamn tolkas som en fortsättning av ”{top.label}”.")
            col.add_indicator(f"- {top.label}", columns, values, ln.no)
            col.goal.indicators[-1].parent = top.label  # type: ignore[union-attr]
        return
    col.add_indicator(plain if plain else italic, columns, values, ln.no)


def _ends_table(text: str) -> bool:
    """A short heading ("Kommentar", "Strategiska utvecklingsuppdrag") ends a goal table."""
    if re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]", text):
        return False
    words = text.split()
    return 0 < len(words) <= 8 and not text.endswith((".", ":", ")")) and text[:1].isupper()


_TARGET_COLUMN_RE = re.compile(r"^(?:mål|målvärde|målnivå|önskvärd)", re.IGNORECASE)
_VALUE_COLUMN_RE = re.compile(r"(?:19|20)\d\d|mål|utfall|riktning", re.IGNORECASE)
_NOT_A_GOAL_RE = re.compile(r"^(?:personal|basuppdrag|ekonomi|belopp|nettokostnad|nyckeltal|verksamhet)", re.IGNORECASE)


def _titled_header(
    col: GoalCollector, cells: list[str], headings: list[str], line: int
) -> tuple[int, int, int, list[str]] | None:
    """An indicator table whose first header cell is the goal itself: "Förvaltningsmål 1: Effektiv
    tillsyn | Utfall 2024 | Mål 2026", or the goal heading right above repeated as the header cell
    ("Trygg uppväxt" / "Trygg uppväxt | Utfall 2024 | Målvärde 2025"). Needs a target column."""
    clean = [strip_markup(c) for c in cells]
    columns = list(clean[1:])
    while columns and not columns[-1]:
        columns.pop()
    if (
        len(columns) < 2 or not clean[0] or _NOT_A_GOAL_RE.match(clean[0])
        or not all(_VALUE_COLUMN_RE.search(c) for c in columns if c)
        or not any(_TARGET_COLUMN_RE.match(c) for c in columns)
    ):
        return None
    m = GOAL_LABEL_RE.match(clean[0])
    if m and ":" in clean[0] and m.group("name").strip():
        kind = "administration_goal" if m.group("kind") == "Förvaltningsmål" else "committee_goal"
        col.new_goal(m.group("name").strip(), line, kind=kind)
    elif any(normalise_name(h) == normalise_name(clean[0]) for h in headings):
        if col.goal is None or normalise_name(col.goal.committee_goal) != normalise_name(clean[0]):
            col.new_goal(clean[0], line)
    else:
        return None
    return -1, -1, 0, columns


def _scan_tab(col: GoalCollector, lines: list[Line]) -> None:
    header: tuple[int, int, int, list[str]] | None = None
    described: Goal | None = None  # a goal just named by a heading, open for its description
    # the last short non-table lines: a goal heading an indicator table may repeat; the assessment
    # paragraph under the heading (wrapped over lines in a PDF) may stand between them
    headings: list[str] = []
    for ln in lines:
        text = strip_markup(ln.text)
        if not text:
            continue
        if not ln.tabular and len(text) <= 120 and not text.endswith((".", ":")):
            headings = [*headings[-5:], text]
        if ln.tabular:
            h = _header_columns(list(ln.cells))
            if h is None:
                h = _titled_header(col, list(ln.cells), headings, ln.no)
            if h is not None and h[1] < 0 and col.goal is None:
                h = None  # an indicator table needs a goal heading above it
            if h is not None:
                header = h
                goal_word = strip_markup(ln.cells[h[1]]).lower() if h[1] >= 0 else ""
                col.table_kind = "administration_goal" if goal_word.startswith("förvaltning") else (
                    "committee_goal" if goal_word.startswith("nämnd") else None)
                dup = {c for c in h[3] if h[3].count(c) > 1}
                if dup:
                    col.warn(ln.no, f"Kolumnrubriken ”{sorted(dup)[0]}” förekommer två gånger i måltabellen.")
                continue
            if header is not None:
                _parse_tab_row(col, list(ln.cells), header, ln)
            continue
        if _context_line(col, text, ln.no):
            described = col.goal if col.goal is not None and col.goal.line == ln.no else None
            header = None if described is not None else header
            continue
        if described is not None and not described.indicators and header is None and text.endswith("."):
            # the sentence under a "Nämndmål 1: …" heading describes the goal
            described.description = f"{described.description} {text}".strip()
            continue
        described = None
        if header is not None and _ends_table(text):
            header = None


def _match_name(name: str, goals: list[Goal]) -> tuple[Goal | None, float]:
    key = normalise_name(name)
    best, score = None, 0.0
    for g in goals:
        s = difflib.SequenceMatcher(None, key, normalise_name(g.committee_goal)).ratio()
        if s > score:
            best, score = g, s
    return best, score


def _merge_reports(col: GoalCollector, reports: list[GoalReport]) -> None:
    """Attach each report's status to the table goal of the same (normalised, fuzzy) name."""
    table_goals = list(col.goals)
    taken: set[int] = set()
    for rep in reports:
        labelled = GOAL_LABEL_RE.match(rep.name)
        if labelled and labelled.group("name").strip():
            rep.name = labelled.group("name").strip()  # "Nämndmål: Trygg vardag" names "Trygg vardag"
        same = next((g for g in col.goals if id(g) in taken or g not in table_goals
                     if normalise_name(g.committee_goal) == normalise_name(rep.name)), None)
        if same is not None:
            # the same goal assessed twice (an overview table and its own section): one goal
            if rep.status and same.status and rep.status != same.status:
                col.warn(rep.line, f"Målet ”{rep.name}” bedöms som {rep.status} här men som {same.status} "
                                   f"på rad {same.line}; den första bedömningen behålls.")
            same.status = same.status or rep.status
            same.status_text = same.status_text or rep.status_text
            if rep.analysis and rep.analysis not in same.analysis:
                same.analysis = f"{same.analysis} {rep.analysis}".strip()
            continue
        goal, score = _match_name(rep.name, [g for g in table_goals if id(g) not in taken])
        if goal is not None and score >= 0.75:
            taken.add(id(goal))
            if score < 0.999:
                col.warn(
                    rep.line,
                    f"Målredovisningen ”{rep.name}” kopplas till nämndmålet ”{goal.committee_goal}”"
                    f" (namnvariant, likhet {score:.2f}).",
                )
        else:
            goal = col.new_goal(rep.name, rep.line)
            goal.municipal_goal = rep.municipal_goal
            goal.target_area = None
            if table_goals:
                col.warn(rep.line, f"Målredovisningen ”{rep.name}” motsvarar inget mål i indikatortabellerna.")
        if rep.status is None:
            col.warn(rep.line, f"Målet ”{rep.name}”: bedömningen ”{rep.status_text}” kan inte tolkas (ingen "
                               "teckenförklaring i dokumentet); statusen lämnas tom.")
        goal.status, goal.status_text, goal.analysis = rep.status, rep.status_text, rep.analysis
        goal.line = min(goal.line, rep.line) if goal.line else rep.line
        if goal.municipal_goal is None:
            goal.municipal_goal = rep.municipal_goal
    if reports:
        for g in table_goals:
            if id(g) not in taken:
                col.warn(g.line, f"Nämndmålet ”{g.committee_goal}” saknar målredovisning med bedömning.")


def find_goals(
    lines: list[Line], document_index: int = 0, start: int = 0, end: int | None = None, kind: str | None = None
) -> tuple[list[Goal], list[ParseWarning]]:
    """Goals with indicators (and statuses in follow-up reports) in ``lines[start:end]``.

    ``kind`` is the document kind; in a förvaltningsbudget unlabelled goals are förvaltningsmål.
    """
    from .goal_pdf import scan_pdf_tables  # local: goal_pdf imports GoalCollector from here

    part = lines[start:end]
    default_kind = "administration_goal" if kind == "administration_budget" else "committee_goal"
    col = GoalCollector(document_index, default_kind)
    if any(ln.tabular for ln in part):
        _scan_tab(col, part)
    else:
        from .goal_layout import layout_goal_tables

        rest, tab = layout_goal_tables(part)
        if tab:
            _scan_tab(col, tab)  # pdftotext -layout goal tables, read by position
        scan_pdf_tables(col, rest)
    reports = find_goal_reports(part)
    _merge_reports(col, reports)
    col.warnings.extend(check_tallies(part, [g.status for g in col.goals if g.status or reports]))
    col.goals.sort(key=lambda g: g.line)
    return col.goals, col.warnings
