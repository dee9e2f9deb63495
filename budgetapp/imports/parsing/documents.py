"""Split a file into its bundled documents and recognise each one's kind, title, owner and years.

A committee decision is often filed as one PDF: the protocol paragraph, union (MBL) records and the
bilagor (the committee's internbudget and each förvaltning's förvaltningsbudget). Nothing in the
text marks "a new document starts here" explicitly, so boundaries come from structure that every
Linköping document shares, never from one document's labels or line numbers:

* a protocol header ("PROTOKOLL" + "1 (n)"), a "§ 315 <ärende>" first line, or "Minnesanteckningar";
* the "Kommunövergripande mål" preamble (followed by "Målområde …") that opens every budget plan —
  a second one means a second plan;
* a standalone title line "<Organisation>s internbudget|förvaltningsbudget|verksamhetsberättelse …
  <år>" whose kind or organisation differs from the current document's (running page headers repeat
  the current title and therefore never split).

Bilagor printed without a cover page get their title from the decision's "Bilaga N - …" list.
Main document choice: ``split_documents(...)[0]`` is the first document in the file (for a bundle,
the protocol/decision), because the decision is what the file *is*; bilagor follow in file order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document_text import PLAN_RE, YEAR_RE, dehyphenate_join, plan_years_of, strip_markup
from .extraction import DocumentInfo, Line

KIND_KEYWORDS: list[tuple[str, str]] = [
    # a committee's plan under other names: "Nämndplan 2025", "<Nämnd>s verksamhetsplan och budget 2025"
    (
        "internal_budget",
        r"internbudget|nämndplan|verksamhetsplan\s+(?:och|med)\s+budget|budget\s+och\s+verksamhetsplan",
    ),
    ("administration_budget", r"förvaltningsbudget"),
    ("annual_report", r"verksamhetsberättelse|årsredovisning|årsberättelse"),
    (
        "interim_report",
        r"delårsrapport|delårsbokslut|oktoberuppföljning|tertialrapport|tertialuppföljning"
        r"|månadsrapport|månadsuppföljning|uppföljning\s+per\b",
    ),
]
_KW = "|".join(p for _, p in KIND_KEYWORDS)
# An optional genitive organisation ("Verksamhetsstöd och services", "Kommunstyrelsens") and a kind
# keyword at the start of the line; the keyword part is case-insensitive, the organisation is not.
TITLE_RE = re.compile(
    r"^(?:(?P<org>[A-ZÅÄÖ][\w\-–&.]*(?:\s+[\w\-–&.]+){0,6}?)s\s+)?(?P<kw>(?i:" + _KW + r"))\b(?P<rest>.*)$"
)
# What may follow the year in a title: nothing, the plan years, a period or ", <Organisation>".
_TITLE_TAIL_RE = re.compile(
    r"^\s*(?:(?:med\s+)?plan\S*\s+(?:för\s+)?(?:år\s+)?(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s*"
    r"|[-–,]\s*[A-Za-zÅÄÖåäö][\w\s\-–&]{1,60}|\(.{1,40}\)\s*|)$"
)
# Words that never occur in an organisation name: a prefix holding one is prose, not a title
# ("Övriga bilagor till kommunstyrelsens verksamhetsberättelse 2020").
_ORG_STOP = {
    "till", "av", "om", "på", "från", "enligt", "bilagor", "bilaga", "uppföljning", "övriga", "den",
    "det", "är", "har", "ska", "samtliga", "se", "att", "inom", "nämndens", "vår", "våra", "denna",
}
DECISION_PARA_RE = re.compile(r"^§\s*\d+\s+(?P<title>[A-ZÅÄÖ].{3,})$")
PROTOCOL_RE = re.compile(r"^(?:PROTOKOLL(?:SUTDRAG)?|Protokoll(?:sutdrag)?)$")
NOTES_RE = re.compile(r"^Minnesanteckningar\b.{0,80}$")
PREAMBLE_RE = re.compile(r"^Kommunövergripande mål$", re.IGNORECASE)
TARGET_AREA_RE = re.compile(r"^Målområde\b", re.IGNORECASE)
BILAGA_RE = re.compile(r"^Bilaga\s+(?P<no>\d+)\s*[-–:]?\s*(?P<text>\S.*)$")
PAGE_ONE_RE = re.compile(r"(?:^|\s)1\s*\(\s*\d+\s*\)|\bSida\s+1\b")
DATE_RE = re.compile(r"\b((?:19|20)\d\d)-\d\d-\d\d\b")
BILAGA_MARK_RE = re.compile(r"^Bilaga\s+\d+[a-z]?\s*:?$", re.IGNORECASE)
# the committee a protocol belongs to, printed on its own line ("ÄLDRENÄMNDEN", "Kommunstyrelsen")
COMMITTEE_LINE_RE = re.compile(
    r"^[A-ZÅÄÖ][\w\-– ]{2,60}(?:nämnden|styrelsen|fullmäktige|utskottet|beredningen|direktionen)$", re.IGNORECASE
)
PARAGRAPH_RE = re.compile(r"(?:^|[\s,(])(§\s*\d+[a-z]?)(?=$|[\s,.)])")
DNR_RE = re.compile(r"\b(?:Dnr|Diarienr|Diarienummer)\.?:?\s*([A-ZÅÄÖ]{1,8}[\s.-]?(?:19|20)\d\d[-/.:]\d+(?:[-.:]\d+)*)")
_SECTION_WORDS = {
    "innehållsförteckning", "innehåll", "kommunövergripande mål", "förord", "inledning",
    "sammanfattning", "nämndens uppdrag", "ärende", "beslut",
}


def kind_of(text: str) -> str | None:
    """The document kind a title-like text names, or None."""
    low = text.lower()
    for kind, pattern in KIND_KEYWORDS:
        if re.search(pattern, low):
            return kind
    return None


def organisation_from_genitive(words: str) -> str:
    """"Verksamhetsstöd och service" from the genitive prefix already stripped of its final s."""
    return words.strip()


@dataclass
class TitleMatch:
    """A title-like line: its printed text and what it says."""

    line: int
    text: str
    kind: str
    organisation: str
    year: int | None
    plan_years: list[int] = field(default_factory=list)


# The council's budget: "Budget 2026 med plan för 2027-2028" (with "Kommunfullmäktige" on the cover),
# "Mål och budget 2026-2028", "Kommunbudget 2026", "Linköpings kommuns budget 2026".
COUNCIL_TITLE_RE = re.compile(
    r"^(?:(?P<org>[A-ZÅÄÖ][\w\-]*\s+kommuns?)\s+)?(?P<kw>(?i:mål\s+och\s+budget|kommunbudget|budget"
    r"|strategisk\s+plan\s+och\s+budget))\s+(?:för\s+)?(?P<year>(?:19|20)\d\d)\b(?P<rest>.*)$"
)
_COUNCIL_ORG_RE = re.compile(r"^(?:kommunfullmäktige|[A-ZÅÄÖ][\w\-]*\s+kommun)$", re.IGNORECASE)


def parse_council_title(text: str, line: int = 0, cover_org: str = "") -> TitleMatch | None:
    """A council budget title; a bare "Budget 2026 …" only with a council/kommun organisation."""
    clean = strip_markup(text).strip(" -–")
    m = COUNCIL_TITLE_RE.match(clean)
    if not m or clean.endswith("."):
        return None
    if not _TITLE_TAIL_RE.match(re.sub(r"^\s*[-–]\s*(?:19|20)\d\d", "", m.group("rest"))):
        return None
    org = (m.group("org") or "").strip()
    if org.endswith("kommuns"):
        org = org[:-1]
    explicit = m.group("kw").lower() != "budget"
    year = int(m.group("year"))
    plan = plan_years_of(m.group("rest")) or _range_plan_years(year, m.group("rest"))
    if not org and cover_org and COMMITTEE_LINE_RE.match(cover_org) and not _COUNCIL_ORG_RE.match(cover_org):
        # "Miljönämnden" / "Budget 2026, plan 2027–2028": a committee's own budget, not the council's
        committee = cover_org.capitalize() if cover_org.isupper() else cover_org
        return TitleMatch(line, clean, "internal_budget", committee, year, plan)
    if not org and cover_org and _COUNCIL_ORG_RE.match(cover_org):
        org = cover_org if not cover_org.isupper() else cover_org.capitalize()
    if not (explicit or org):
        return None
    return TitleMatch(line, clean, "council_budget", org, year, plan)


def _range_plan_years(year: int, rest: str) -> list[int]:
    """ "Mål och budget 2026–2028": the years after the budget year up to the end of the range."""
    m = re.match(r"^\s*[-–—]\s*((?:19|20)\d\d)\b", rest)
    if not m or not year < int(m.group(1)) <= year + 10:
        return []
    return list(range(year + 1, int(m.group(1)) + 1))


def parse_title(text: str, line: int = 0) -> TitleMatch | None:
    """Recognise "<Org>s internbudget för 2024 med plan för 2025-2029" and its relatives.

    Returns None for prose that merely mentions a budget: the year must follow the keyword closely,
    the organisation prefix may only hold capitalised words and conjunctions, and titles don't end
    with a full stop.
    """
    clean = strip_markup(text).strip(" -–")
    if not clean or len(clean) > 160 or clean.endswith(".") or BILAGA_RE.match(clean):
        return None
    m = TITLE_RE.match(clean)
    if not m:
        return None
    org = m.group("org") or ""
    if org and (len(org.split()) > 5 or any(w.lower() in _ORG_STOP for w in org.split())):
        return None
    rest = m.group("rest")
    ym = YEAR_RE.search(rest)
    if not ym or ym.start() > 45 or len(rest[: ym.start()].split()) > 4:
        return None
    if re.search(r"[^\w\s\-–]", rest[: ym.start()]) or not _TITLE_TAIL_RE.match(rest[ym.end():]):
        return None
    kind = kind_of(m.group("kw")) or "other"
    if kind == "internal_budget" and "förvaltning" in org.lower() and "internbudget" not in m.group("kw").lower():
        kind = "administration_budget"  # "Socialförvaltningens verksamhetsplan och budget"
    if not org:
        # "Internbudget 2020 - kommunstyrelsen", "Verksamhetsberättelse 2020, Leanlink"
        tail = re.match(r"^\s*(?:[-–,]\s*)([A-Za-zÅÄÖåäö][\w\s\-–&]{2,60})$", rest[ym.end():])
        if tail and not re.search(r"\d", tail.group(1)):
            org = tail.group(1).strip()
            org = org[:1].upper() + org[1:]
    plan = plan_years_of(rest)
    return TitleMatch(line, clean, kind, org, int(ym.group(1)), plan)


def _is_blank(line: Line) -> bool:
    return not line.text.strip()


def _prev_blank(lines: list[Line], i: int) -> bool:
    return i == 0 or _is_blank(lines[i - 1])


def _next_nonblank(lines: list[Line], i: int, limit: int = 4) -> list[int]:
    out: list[int] = []
    j = i + 1
    while j < len(lines) and len(out) < limit:
        if not _is_blank(lines[j]):
            out.append(j)
        j += 1
    return out


def _title_at(lines: list[Line], i: int, cover: bool = True) -> TitleMatch | None:
    """Title at index i, joined with a "med plan för …" continuation line (003 splits it)."""
    t = parse_title(lines[i].text, lines[i].no)
    nxt = _next_nonblank(lines, i, 1)
    if not t and nxt and nxt[0] - i <= 3:
        # "Kultur- och fritidsnämndens internbudget" / "Budget 2026 med plan för 2027–2028"
        head = strip_markup(lines[i].text)
        m = TITLE_RE.match(head)
        cont = strip_markup(lines[nxt[0]].text)
        if m and not YEAR_RE.search(head) and not m.group("rest").strip() and len(cont) <= 70:
            t = parse_title(f"{head} {cont}", lines[i].no)
            if t and t.year is not None:
                return t
            t = None
    if not t:
        return None
    if nxt and nxt[0] - i <= 4 and not t.plan_years:
        cont = strip_markup(lines[nxt[0]].text)
        if re.match(r"^(?:med\s+)?plan\b", cont, re.IGNORECASE) and PLAN_RE.search(cont):
            t.text = f"{t.text} {cont}"
            t.plan_years = plan_years_of(cont)
    if cover and not t.organisation:
        # "Kultur- och fritidsnämnden" / "Årsredovisning 2025": the committee above the title
        t.organisation = _cover_committee_above(lines, i)
    if cover and not t.organisation and nxt:
        # "Verksamhetsberättelse 2020" / "Kommunstyrelsen" on the next line of a cover page
        cand = strip_markup(lines[nxt[0]].text)
        words = cand.split()
        if (
            nxt[0] - i <= 4
            and 1 <= len(words) <= 6
            and cand[:1].isupper()
            and not re.search(r"\d|[.:;]$", cand)
            and cand.lower() not in _SECTION_WORDS
            and not parse_title(cand)
            and not (len(words) > 1 and re.search(r"(?:ens|ets|ns)$", words[0]))  # "Nämndens uppdrag"
        ):
            t.organisation = cand
    return t


def _wrapped_cover_title(lines: list[Line], i: int) -> TitleMatch | None:
    """A cover title a typesetter wrapped over up to three short lines (a large Title style in a PDF:
    "Barn- och ungdomsnämndens" / "internbudget 2027 med plan för" / "2028–2029"); the longest
    joined reading that is a title wins, so plan years on the last line are kept."""
    parts = [i, *_next_nonblank(lines, i, 2)]
    texts = [strip_markup(lines[k].text).strip() for k in parts]
    if any(len(t) > 70 or t.endswith(".") for t in texts) or parts[-1] - i > 4:
        return None
    for n in (3, 2):
        if len(texts) >= n:
            joined = texts[0]
            for part in texts[1:n]:
                head = part.split(" ", 1)[0]
                # a long compound broken without a hyphen ("Samhällsbyggnadsförvaltningen" / "s förvaltningsbudget")
                glue = joined[-1:].isalpha() and len(head) <= 2 and head.isalpha() and head.islower() and head not in (
                    "i", "å", "ö", "av", "på", "om", "en", "för", "med")
                joined = f"{joined}{part}" if glue else f"{joined} {part}"
            t = parse_title(joined, lines[i].no)
            if t is not None and t.year is not None:
                if not t.organisation:
                    t.organisation = _cover_committee_above(lines, i)
                return t
    return None


def _cover_committee_above(lines: list[Line], i: int) -> str:
    """A committee/administration named on its own line just above a cover title, else ""."""
    j = i - 1
    while j >= 0 and i - j <= 3 and _is_blank(lines[j]):
        j -= 1
    if j < 0 or i - j > 3:
        return ""
    cand = strip_markup(lines[j].text)
    if len(cand.split()) > 6 or not (COMMITTEE_LINE_RE.match(cand) or re.search(r"förvaltningen$", cand, re.I)):
        return ""
    return cand.capitalize() if cand.isupper() else cand


def _start_back(lines: list[Line], i: int, floor: int) -> int:
    """Move a start back over its page-header block (logo text, page number) to a ≥3-blank gap."""
    j = i - 1
    blanks = 0
    start = i
    while j > floor and i - j <= 12:
        if _is_blank(lines[j]):
            blanks += 1
            if blanks >= 3:
                break
        else:
            if blanks >= 3:
                break
            blanks = 0
            if len(lines[j].text.strip()) > 45:
                break
            start = j
        j -= 1
    return start if blanks >= 3 else i


@dataclass
class _Segment:
    start: int  # index into lines
    marker: str  # file | decision | notes | preamble | title
    title: TitleMatch | None = None
    has_preamble: bool = False
    kind: str | None = None
    organisation: str = ""


def _is_preamble(lines: list[Line], i: int) -> bool:
    if not PREAMBLE_RE.match(strip_markup(lines[i].text).rstrip(":")):
        return False
    return any(TARGET_AREA_RE.match(strip_markup(lines[j].text)) for j in _next_nonblank(lines, i, 3))


def _segment_kind(seg: _Segment) -> str | None:
    if seg.marker == "decision":
        return "decision"
    if seg.marker == "notes":
        return "other"
    return seg.title.kind if seg.title else seg.kind


def _find_segments(lines: list[Line]) -> list[_Segment]:
    segs = [_Segment(0, "file")]
    # The file's own opening: a decision paragraph or a title within the first non-blank lines.
    head = [i for i in range(min(len(lines), 60)) if not _is_blank(lines[i])][:6]
    for i in head:
        text = strip_markup(lines[i].text)
        if DECISION_PARA_RE.match(text) or PROTOCOL_RE.match(text):
            segs[0].marker = "decision"
            break
        t = _title_at(lines, i) or _wrapped_cover_title(lines, i)
        if t is None:
            nxt = _next_nonblank(lines, i, 1)
            cover = strip_markup(lines[nxt[0]].text) if nxt and nxt[0] - i <= 3 else ""
            above = _cover_committee_above(lines, i)
            if above and not (cover and _COUNCIL_ORG_RE.match(cover)):
                cover = above
            t = parse_council_title(lines[i].text, lines[i].no, cover)
        if t:
            segs[0].title = t
            segs[0].organisation = t.organisation
            break
    last_title_idx = -10
    for i, line in enumerate(lines):
        text = strip_markup(line.text)
        if not text:
            continue
        cur = segs[-1]
        cur_kind = _segment_kind(cur)
        if i > 0 and PROTOCOL_RE.match(text):
            page_one = any(PAGE_ONE_RE.search(lines[j].text) for j in _next_nonblank(lines, i, 6))
            if cur_kind != "decision" or page_one:
                segs.append(_Segment(_start_back(lines, i, cur.start), "decision"))
            continue
        if i > 0 and NOTES_RE.match(text) and not text.endswith(":") and cur.marker != "notes":
            segs.append(_Segment(_start_back(lines, i, cur.start), "notes"))
            continue
        if i > 0 and DECISION_PARA_RE.match(text) and cur_kind not in ("decision", "other"):
            if _prev_blank(lines, i) and kind_of(text):
                segs.append(_Segment(_start_back(lines, i, cur.start), "decision"))
            continue
        if _is_preamble(lines, i):
            title_near = 0 <= i - last_title_idx <= 14 and last_title_idx >= cur.start
            if cur.has_preamble or cur_kind in ("decision", "other"):
                start = last_title_idx if title_near and last_title_idx > cur.start else i
                if start != i:
                    start = _start_back(lines, start, cur.start)
                seg = _Segment(start, "preamble", has_preamble=True)
                if title_near and last_title_idx > cur.start:
                    seg.title = _title_at(lines, last_title_idx)
                    if seg.title:
                        seg.organisation = seg.title.organisation
                segs.append(seg)
            else:
                cur.has_preamble = True
            continue
        t = _title_at(lines, i, cover=False) if kind_of(text) else None
        if not t:
            continue
        last_title_idx = i
        after_mark = i > 0 and bool(BILAGA_MARK_RE.match(strip_markup(lines[i - 1].text)))
        standalone = _prev_blank(lines, i) or after_mark
        new = False
        if standalone and i > 0 and cur.start != i:
            if cur_kind in ("decision", "other"):
                # a cover title directly followed by the preamble is handled there
                nxt = _next_nonblank(lines, i, 3)
                new = not any(_is_preamble(lines, j) for j in nxt)
            else:
                other_kind = bool(cur_kind) and t.kind != cur_kind and cur_kind != "other"
                other_org = bool(t.organisation and cur.organisation) and t.organisation != cur.organisation
                new = other_kind or other_org
        if new:
            t = _title_at(lines, i) or t
            start = i - 1 if after_mark else _start_back(lines, i, cur.start)
            seg = _Segment(start, "title", title=t, organisation=t.organisation)
            segs.append(seg)
        else:
            better = cur.title is None or (t.organisation and not cur.title.organisation)
            if better and (cur.marker not in ("decision", "notes") or cur.title is None):
                cur.title = t if cur.title is None or cur.title.year in (None, t.year) else cur.title
            if t.organisation and not cur.organisation:
                cur.organisation = t.organisation
            if cur.kind is None:
                cur.kind = t.kind
    return segs


def _bilaga_entries(lines: list[Line], lo: int, hi: int) -> list[TitleMatch]:
    """Budget/report entries of a "Bilaga N - <title>" list, wrapped lines joined."""
    out: list[TitleMatch] = []
    i = lo
    while i < hi:
        m = BILAGA_RE.match(strip_markup(lines[i].text))
        if m:
            parts = [m.group("text")]
            j = i + 1
            while j < hi and not _is_blank(lines[j]) and not BILAGA_RE.match(strip_markup(lines[j].text)):
                nxt = strip_markup(lines[j].text)
                if not (nxt[:1].islower() or nxt[:1].isdigit() or parts[-1].endswith(("och", "-"))):
                    break
                parts.append(nxt)
                j += 1
            t = parse_title(dehyphenate_join(parts), lines[i].no)
            if t and t.kind != "other":
                out.append(t)
            i = j
        else:
            i += 1
    return out


def _decision_info(lines: list[Line], seg_lines: list[Line], marker: str) -> tuple[str, str, int | None]:
    """Title, organisation and year of a protocol / minnesanteckningar segment."""
    title, org, year = "", "", None
    for ln in seg_lines[:40]:
        text = strip_markup(ln.text)
        m = DECISION_PARA_RE.match(text)
        if m or (marker == "notes" and NOTES_RE.match(text)) or (not title and PROTOCOL_RE.match(text)):
            title = text
            t = parse_title(m.group("title")) if m else None
            if t:
                org, year = t.organisation, t.year
            if m or marker == "notes":
                break
    joined = " ".join(strip_markup(ln.text) for ln in seg_lines[:120])
    if year is None:
        tm = re.search(r"(?i:" + _KW + r")\s+(?:för\s+(?:år\s+)?)?((?:19|20)\d\d)", joined)
        dm = DATE_RE.search(" ".join(strip_markup(ln.text) for ln in seg_lines[:12]))
        if marker == "notes" and dm:
            year = int(dm.group(1))
        elif tm:
            year = int(tm.group(1))
        elif dm:
            year = int(dm.group(1))
    if not org:
        for ln in seg_lines[:12]:
            text = strip_markup(ln.text).strip()
            if marker == "decision" and COMMITTEE_LINE_RE.match(text) and len(text.split()) <= 6:
                org = text.capitalize() if text.isupper() else text
                break
    if not org:
        for k, ln in enumerate(seg_lines[:15]):
            text = strip_markup(ln.text)
            dm = DATE_RE.search(text)
            if marker == "decision" and dm and dm.start() > 0:
                org = text[: dm.start()].strip()
                if re.search(r"datum$|^(?:plats|tid)\b", org, re.IGNORECASE):
                    org = ""
                    continue
                nxt = strip_markup(seg_lines[k + 1].text) if k + 1 < len(seg_lines) else ""
                if nxt[:1].islower() and len(nxt.split()) <= 2:
                    org = f"{org} {nxt}"
                break
            short = bool(text) and len(text) <= 45 and not text.isdigit() and text != title
            if marker == "notes" and short and not NOTES_RE.match(text):
                org = text
                break
    return title, org, year


def decision_reference_of(seg_lines: list[Line], decision: bool) -> str | None:
    """ "§ 45, Dnr ÄN 2025-123" from a protocol paragraph's first lines, or from a plan's cover
    ("Beslutad av kultur- och fritidsnämnden 2025-11-20, § 112"); None when neither is printed."""
    paragraph, dnr = "", ""
    for ln in seg_lines[:25 if decision else 12]:
        text = strip_markup(ln.text).strip()
        if not paragraph:
            m = DECISION_PARA_RE.match(text)
            if m:
                paragraph = re.sub(r"§\s*", "§ ", text.split()[0] + " " + text.split()[1]).strip()
            elif (decision and len(text) < 40) or re.search(r"\bbeslut|\bantagen|\bfastställd", text, re.I):
                pm = PARAGRAPH_RE.search(text)
                if pm and not re.match(r"^\d", text):
                    paragraph = re.sub(r"§\s*", "§ ", pm.group(1))
        if not dnr:
            dm = DNR_RE.search(text)
            if dm:
                dnr = "Dnr " + re.sub(r"\s+", " ", dm.group(1))
    parts = [p for p in (paragraph, dnr) if p]
    return ", ".join(parts) if parts else None


def split_documents(lines: list[Line]) -> list[DocumentInfo]:
    """Recognise the documents bundled in ``lines``; always returns at least one DocumentInfo."""
    if not lines:
        return [DocumentInfo("other", "", "", None, [], 1, 0)]
    segs = _find_segments(lines)
    infos: list[DocumentInfo] = []
    bilagor: list[TitleMatch] = []
    used: set[int] = set()
    bundle_reference: str | None = None  # a bilaga was decided under the protocol paragraph before it
    for k, seg in enumerate(segs):
        end = segs[k + 1].start if k + 1 < len(segs) else len(lines)
        seg_lines = lines[seg.start:end]
        while seg_lines and len(seg_lines) > 1 and _is_blank(seg_lines[-1]):
            seg_lines = seg_lines[:-1]
        first, last = lines[seg.start].no, seg_lines[-1].no
        kind = _segment_kind(seg)
        if kind in ("decision", "other") and seg.marker in ("decision", "notes"):
            decision_title, org, year = _decision_info(lines, seg_lines, seg.marker)
            joined = " ".join(strip_markup(ln.text) for ln in seg_lines[:60])
            plan: list[int] = []
            if year is not None:
                pm = re.search(rf"{year}\s+med\s+plan\S*\s+(?:för\s+)?(?:år\s+)?\d{{4}}\s*[-–]\s*\d{{4}}",
                               joined)
                plan = plan_years_of(pm.group(0)) if pm else []
            if org:
                org = org[:1].upper() + org[1:]
            reference = decision_reference_of(seg_lines, seg.marker == "decision")
            infos.append(DocumentInfo(kind, decision_title, org, year, plan, first, last, reference))
            if seg.marker == "decision" and reference:
                bundle_reference = reference
            bilagor.extend(_bilaga_entries(lines, seg.start, end))
            continue
        title = seg.title
        if title is None or not title.organisation:
            # a bilaga without cover page: take its entry from the decision's list
            for b_idx, entry in enumerate(bilagor):
                if b_idx in used or (kind and entry.kind != kind):
                    continue
                if seg.organisation and entry.organisation and entry.organisation != seg.organisation:
                    continue
                used.add(b_idx)
                if title is None or (title.year in (None, entry.year)):
                    title = entry
                break
        elif bilagor:
            for b_idx, entry in enumerate(bilagor):
                same = entry.kind == title.kind and entry.organisation == title.organisation
                if b_idx not in used and same:
                    used.add(b_idx)
                    break
        if title is None:
            infos.append(DocumentInfo("other", "", seg.organisation, None, [], first, last, bundle_reference))
            continue
        plan = title.plan_years
        if not plan and title.year is not None:
            for ln in seg_lines[:400]:
                t2 = parse_title(ln.text)
                if t2 and t2.year == title.year and t2.plan_years:
                    plan = t2.plan_years
                    break
        infos.append(
            DocumentInfo(
                title.kind, title.text, title.organisation or seg.organisation, title.year, plan, first, last,
                decision_reference_of(seg_lines, False) or bundle_reference,
            )
        )
    return infos
