"""Goal reports in follow-up documents: the status each goal's own text states, and prose tallies.

The status colours of a verksamhetsberättelse are lost in extraction (only "■" remains), so the
status is read from the goal's assessment sentence ("Utifrån uppföljningen per den 31 december
bedöms nämndmålet som delvis uppnått."). A goal section is recognised structurally: a short heading
line whose next paragraph contains such a sentence. The overview tally ("Sju av arton nämndmål har
uppfyllts helt …") is checked against the statuses, never used to set them (DOMAIN §7 #22).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .document_text import strip_markup
from .extraction import Line, ParseWarning

STATUS_FULFILLED = "uppfyllt"
STATUS_PARTLY = "delvis uppfyllt"
STATUS_NOT = "ej uppfyllt"
STATUS_CANNOT = "kan ej bedömas"

_GOAL_WORD = r"(?:nämnd|förvaltnings|verksamhets)?målet"
_DONE = (
    r"(?:uppnått|uppnådd|uppnåtts|uppnås|uppfyllt|uppfylld|uppfyllts|uppfylls|uppfyllas|uppnås|nått|nåtts|nås)"
)
# a verdict as a label value: "Delvis uppfyllt", "Ej uppnått", "uppfylls", "Kan ej bedömas"
_VERDICT = (
    r"(?:helt\s+)?(?:(?:inte|ej|icke)\s+|de[l]?[vl]is\s+)?" + _DONE
    + r"|(?:kan|går)\s+(?:ej|inte)\s+(?:att\s+)?bedöma?s?|(?:ej|inte)\s+bedömbart"
)
# "bedöms nämndmålet som delvis uppnått", "nämndmålet bedöms som devis uppnått",
# "bedöms nämndmålet inte uppnås", "nämndmålet kan ej bedömas"
_STATUS_RE = re.compile(
    r"(?:bedöms\s+(?:att\s+)?" + _GOAL_WORD + r"|" + _GOAL_WORD + r"\s+bedöms|" + _GOAL_WORD + r"\s+(?:är|har)"
    # "Prognosen är att nämndmålet delvis uppnås", "Vår bedömning är att målet uppfylls"
    r"|(?:prognos(?:en)?|bedömning(?:en)?)\s+är\s+att\s+" + _GOAL_WORD
    # "Nämnden bedömer att målet delvis har uppnåtts"
    + r"|(?:nämnden|förvaltningen|styrelsen|vi)\s+bedömer\s+att\s+" + _GOAL_WORD + r")"
    r"\s+(?:som\s+|vara\s+|bli\s+|att\s+)?(?:kommer\s+att\s+)?(?:bli\s+)?"
    r"(?P<status>(?:helt\s+)?(?:inte|ej|icke)\s+(?:helt\s+)?(?:att\s+|kunna\s+|bli\s+|vara\s+|har\s+)?" + _DONE
    + r"|de[l]?[vl]is\s+(?:har\s+|är\s+)?" + _DONE
    + r"|(?:helt\s+)?(?:har\s+|är\s+)?" + _DONE + r")"
    # the verdict after the verb: "Målet uppnås inte.", "Målet uppfylls delvis.", "Målet uppnås."
    r"|(?:^|(?<=[.!?]\s))" + _GOAL_WORD + r"\s+(?:har\s+)?" + _DONE
    + r"(?:\s+(?P<post>inte|ej|icke|delvis)\b|(?=\s*[.!]?\s*$))"
    r"|(?P<cannot>" + _GOAL_WORD + r"\s+(?:(?:ej|inte)\s+(?:kan|går)|(?:kan|går)\s+(?:ej|inte))\s+(?:att\s+)?bedöma?s?"
    r"|" + _GOAL_WORD + r"\s+(?:är|bedöms\s+som)\s+(?:ej|inte)\s+bedömbart|(?:ej|inte)\s+möjligt\s+att\s+bedöma\s+"
    + _GOAL_WORD + r")"
    # a labelled verdict: "Måluppfyllelse: Delvis uppfyllt", "Bedömning: Uppnått", "Status: Ej uppfyllt"
    r"|(?:^|(?<=[.!?]\s))(?:(?:bedömd\s+)?måluppfyllelse|bedömning|samlad\s+bedömning|status|prognos)\s*[:–-]\s*"
    r"(?P<label>" + _VERDICT + r")",
    re.IGNORECASE,
)
# A paragraph that is only the verdict: "Uppfyllt ✔", "Delvis uppnått", "Kan ej bedömas".
_BARE_RE = re.compile(r"^(?P<label>" + _VERDICT + r")\s*[✔✓✗✘☑☒●■•]*\s*$", re.IGNORECASE)
_COLOURS = {"grön": "green", "grönt": "green", "gul": "yellow", "gult": "yellow", "röd": "red", "rött": "red",
            "orange": "orange"}
# status symbols some documents print instead of colours; like colours they mean something only
# through the document's own legend ("● Uppfyllt ◐ Delvis uppfyllt ○ Ej uppfyllt")
STATUS_SYMBOLS = "●◐◑◒◓○◯✔✓✗✘✖❌☑☒▲▼◆◇★☆🟢🟡🔴🟠⚫⚪"
_SYMBOL = "[" + STATUS_SYMBOLS + "]"
_COLOUR_WORD = r"(?P<colour>gröna?|grönt|gula?|gult|röda?|rött|orange|" + _SYMBOL + ")"
_MARK_LABEL = r"(?:(?:bedömd\s+)?måluppfyllelse|bedömning|samlad\s+bedömning|status|prognos)"
# a labelled colour or symbol opening a paragraph: "Måluppfyllelse: ● Under året har …"
_LABELLED_MARK_RE = re.compile(
    r"^" + _MARK_LABEL + r"\s*[:–-]\s*(?P<colour>gröna?|grönt|gula?|gult|röda?|rött|orange|" + _SYMBOL
    + r")(?=\s|[.,]|$)", re.IGNORECASE)
# a colour standing for the verdict: "Bedömning: Gul", "Status: Grön", or the colour alone
_COLOUR_RE = re.compile(
    r"^(?:(?:(?:bedömd\s+)?måluppfyllelse|bedömning|samlad\s+bedömning|status|prognos)\s*[:–-]\s*)?"
    + _COLOUR_WORD + r"\s*[.●■•]?\s*$",
    re.IGNORECASE,
)
# the legend that gives colours their meaning: "Grön = uppfyllt, Gul = delvis uppfyllt, Röd = ej uppfyllt"
_LEGEND_RE = re.compile(
    r"(?:\b|(?=" + _SYMBOL + "))" + _COLOUR_WORD + r"\s*(?:=|:|–|-)?\s*(?P<label>" + _VERDICT + r")\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?]*(?:[.!?]|$)")


def _verdict(label: str) -> str:
    if re.search(r"bedöm", label):
        return STATUS_CANNOT
    if re.match(r"(?:helt\s+)?(?:inte|ej|icke)\b", label):
        return STATUS_NOT
    if re.match(r"de[l]?[vl]is\b", label):
        return STATUS_PARTLY
    return STATUS_FULFILLED


def colour_legend(lines: list[Line]) -> dict[str, str]:
    """Colour → status from a legend line ("Grön = uppfyllt, Gul = delvis uppfyllt"); empty without one."""
    legend: dict[str, str] = {}
    for ln in lines:
        low = ln.text.lower()
        if len(low) > 300 or not (
            "grön" in low or "gul" in low or "röd" in low or "orange" in low or any(c in low for c in STATUS_SYMBOLS)
        ):
            continue
        text = strip_markup(ln.text)
        for m in _LEGEND_RE.finditer(text):
            legend.setdefault(_colour_key(m.group("colour")), _verdict(m.group("label").lower()))
    return legend


def _colour_key(word: str) -> str:
    w = word.lower()
    return _COLOURS.get(w, _COLOURS.get(w.rstrip("a"), w))


def unresolved_mark(text: str) -> str:
    """The printed colour/symbol verdict ("Måluppfyllelse: ●", "Gul") of a paragraph, when the
    document has no legend that explains it; empty when the paragraph states no such mark."""
    short = text.strip()
    if len(short) <= 60 and _COLOUR_RE.match(short):
        return short
    lm = _LABELLED_MARK_RE.match(short)
    return lm.group(0) if lm else ""


def status_of(text: str, legend: dict[str, str] | None = None) -> tuple[str | None, str]:
    """(status, the verbatim sentence) of the first status statement in ``text``.

    A colour ("Bedömning: Gul") counts only through the document's own legend: without one the
    status stays None rather than a guess.
    """
    short = text.strip()
    if len(short) <= 60:
        bare = _BARE_RE.match(short)
        if bare:
            return _verdict(bare.group("label").lower()), short
        cm = _COLOUR_RE.match(short)
        if cm:
            status = (legend or {}).get(_colour_key(cm.group("colour")))
            return (status, short) if status else (None, "")
    lm = _LABELLED_MARK_RE.match(short)
    if lm:
        status = (legend or {}).get(_colour_key(lm.group("colour")))
        return (status, lm.group(0)) if status else (None, "")
    m = _STATUS_RE.search(text)
    if not m:
        return None, ""
    label = (m.group("label") or "").lower()
    if m.group("cannot") or re.search(r"bedöm", label):
        status = STATUS_CANNOT
    elif m.group("post"):
        post = m.group("post").lower()
        status = STATUS_PARTLY if post == "delvis" else STATUS_NOT
    else:
        word = (m.group("status") or label).lower()
        if re.match(r"(?:helt\s+)?(?:inte|ej|icke)\b", word):
            status = STATUS_NOT
        elif re.match(r"de[l]?[vl]is\b", word):
            status = STATUS_PARTLY
        else:
            status = STATUS_FULFILLED
    start = text.rfind(". ", 0, m.start())
    start = 0 if start < 0 else start + 2
    end_m = re.search(r"[.!?](?:\s|$)", text[m.end():])
    end = m.end() + end_m.end() if end_m else len(text)
    return status, text[start:end].strip()


@dataclass
class GoalReport:
    """One goal section of a follow-up report."""

    name: str  # heading as printed, markup and ■ removed
    line: int
    status: str | None
    status_text: str
    analysis: str
    municipal_goal: str | None = None


def _is_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 14
        and len(text) <= 120
        and text[:1].isupper()
        and not text.endswith((".", ":", ";", ","))
        and not text.startswith(("-", "•", "*"))
    )


def _paragraph(nonblank: list[Line], k: int, blank_after: set[int]) -> str:
    """The text from ``nonblank[k]`` to the end of its paragraph: pdftotext wraps one paragraph over
    several lines ("Nämnden bedömer att målet" / "delvis har uppnåtts."); Word keeps it on one."""
    parts = [strip_markup(nonblank[k].text)]
    j = k
    while (
        nonblank[j].no not in blank_after and j + 1 < len(nonblank) and len(parts) < 6
        and nonblank[j + 1].no == nonblank[j].no + 1 and not parts[-1].endswith((".", "!", "?"))
    ):
        j += 1
        parts.append(strip_markup(nonblank[j].text))
    return " ".join(parts)


_MUNICIPAL_IN_TEXT_RE = re.compile(r"det kommunövergripande målet\s+(?P<name>[^:.]{3,120})[:.]", re.IGNORECASE)


def find_goal_reports(lines: list[Line]) -> list[GoalReport]:
    """Goal sections: heading line + a following paragraph with a status statement."""
    nonblank = [ln for ln in lines if ln.text.strip() and not ln.tabular]
    # line numbers followed by a blank line: a pdftotext paragraph ends there
    blank_after = {a.no for a, b in itertools.pairwise(lines) if not b.text.strip()}
    legend = colour_legend(nonblank)
    reports: list[GoalReport] = []
    k = 0
    while k < len(nonblank) - 1:
        head = strip_markup(nonblank[k].text)
        if not _is_heading(head):
            k += 1
            continue
        para = _paragraph(nonblank, k + 1, blank_after)
        status, sentence = status_of(para, legend)
        first = strip_markup(nonblank[k + 1].text)
        if (
            status is not None and k + 2 < len(nonblank) and nonblank[k + 1].no not in blank_after
            and _is_heading(first) and status_of(first, legend)[0] is None
            and status_of(_paragraph(nonblank, k + 2, blank_after), legend)[0] is not None
        ):
            k += 1  # the next line is the goal's own heading, its paragraph follows without a blank
            continue
        if status is None:
            # a colour/symbol the document never explains: the section is still a goal report, its
            # status stays unknown (warned by the caller) rather than guessed
            sentence = unresolved_mark(para)
        # the sentence must open the section, not be quoted deep inside a later paragraph
        if not sentence or para.find(sentence) > 200:
            k += 1
            continue
        body: list[str] = []
        j = k + 1
        while j < len(nonblank):
            text = strip_markup(nonblank[j].text)
            if j > k + 1 and _is_heading(text):
                nxt = strip_markup(nonblank[j + 1].text) if j + 1 < len(nonblank) else ""
                if status_of(nxt, legend)[0] is not None or len(text.split()) <= 5:
                    break
            body.append(text)
            j += 1
        first = body[0] if body else ""
        rest_of_first = first.replace(sentence, "", 1).strip()
        analysis = "\n\n".join(p for p in [rest_of_first, *body[1:]] if p)
        mg = _MUNICIPAL_IN_TEXT_RE.search(analysis)
        reports.append(
            GoalReport(head, nonblank[k].no, status, sentence, analysis, mg.group("name").strip() if mg else None)
        )
        k = j
    return sorted(reports + table_reports(lines, legend), key=lambda r: r.line)


_STATUS_HEADER_RE = re.compile(
    r"^(?:bedömning|status|måluppfyllelse|bedömd\s+måluppfyllelse|samlad\s+bedömning|prognos|bedömning\s+helår"
    r"|uppfyllelse)$", re.IGNORECASE)
_GOAL_HEADER_RE = re.compile(r"^(?:nämnd|förvaltnings|verksamhets)?mål$|^nämndens\s+mål$", re.IGNORECASE)


def table_reports(lines: list[Line], legend: dict[str, str]) -> list[GoalReport]:
    """Statuses in an overview table "Nämndmål | Bedömning | Kommentar": the verdict as a word
    ("Delvis uppfyllt") or as a colour/symbol the document's legend explains (else None)."""
    out: list[GoalReport] = []
    status_col: int | None = None
    prev_no = -1
    for ln in lines:
        cells = [strip_markup(c) for c in ln.cells] if ln.tabular else []
        if not cells or ln.no != prev_no + 1:
            status_col = None
        prev_no = ln.no
        if not cells:
            continue
        if len(cells) >= 2 and _GOAL_HEADER_RE.match(cells[0]):
            hits = [i for i, c in enumerate(cells) if i and _STATUS_HEADER_RE.match(c)]
            status_col = hits[0] if hits else None
            continue
        if status_col is None or status_col >= len(cells) or not cells[0]:
            continue
        printed = cells[status_col]
        status, _ = status_of(printed, legend)
        if status is None and not unresolved_mark(printed):
            continue
        comment = " ".join(c for i, c in enumerate(cells) if i not in (0, status_col) and c)
        out.append(GoalReport(cells[0], ln.no, status, printed, comment))
    return out


_NUMBER_WORDS = {
    "ett": 1, "en": 1, "ingen": 0, "inga": 0, "noll": 0, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
}
_NUM = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_TALLY_RE = re.compile(
    _NUM + r"\s+(?:av\s+" + _NUM + r"\s+)?(?:nämndmål|förvaltningsmål|mål)?\s*(?:\"[^\"]*\"\s*|”[^”]*”\s*)?"
    r"(?:har\s+)?(?:(?P<neg>ej|inte)\s+)?(?:uppfyllts|uppnåtts|är\s+uppfyllda|är\s+uppnådda)"
    r"(?:\s+(?P<how>helt|delvis))?",
    re.IGNORECASE,
)


def _num(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


def prose_tallies(lines: list[Line]) -> list[tuple[int, dict[str, int]]]:
    """(line, {status: count}) for sentences like "Sju av arton nämndmål har uppfyllts helt, tio …"."""
    out: list[tuple[int, dict[str, int]]] = []
    for ln in lines:
        text = strip_markup(ln.text)
        if "uppfyll" not in text and "uppnå" not in text:
            continue
        counts: dict[str, int] = {}
        for m in _TALLY_RE.finditer(text):
            n = _num(m.group(1))
            if n is None:
                continue
            if m.group("neg"):
                key = STATUS_NOT
            elif (m.group("how") or "").lower() == "delvis":
                key = STATUS_PARTLY
            else:
                key = STATUS_FULFILLED
            counts[key] = counts.get(key, 0) + n
        if len(counts) >= 2:
            out.append((ln.no, counts))
    return out


def check_tallies(lines: list[Line], statuses: list[str | None]) -> list[ParseWarning]:
    """Warn when a prose tally disagrees with the statuses read from the goal texts."""
    warnings: list[ParseWarning] = []
    actual: dict[str, int] = {}
    for s in statuses:
        if s:
            actual[s] = actual.get(s, 0) + 1
    if not actual:
        return warnings
    for line_no, counts in prose_tallies(lines):
        diff = {k: (v, actual.get(k, 0)) for k, v in counts.items() if actual.get(k, 0) != v}
        if diff:
            detail = "; ".join(f"{k}: texten säger {a}, målredovisningen ger {b}" for k, (a, b) in diff.items())
            warnings.append(
                ParseWarning(line_no, f"Sammanräkningen av måluppfyllelse stämmer inte med målen ({detail}).")
            )
    return warnings
