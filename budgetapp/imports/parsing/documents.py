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
from dataclasses import dataclass

from .document_text import PLAN_RE, YEAR_RE, dehyphenate_join, plan_years_of, strip_markup
from .extraction import DocumentInfo, Line
from .titles import (
    BILAGA_MARK_RE,
    BILAGA_RE,
    COMMITTEE_LINE_RE,
    COUNCIL_ORG_RE,
    DATE_RE,
    DECISION_PARA_RE,
    DNR_RE,
    KIND_PATTERN,
    NOTES_RE,
    PAGE_ONE_RE,
    PARAGRAPH_RE,
    PREAMBLE_RE,
    PROTOCOL_RE,
    SECTION_WORDS,
    TARGET_AREA_RE,
    TITLE_RE,
    TitleMatch,
    kind_of,
    parse_council_title,
    parse_title,
)

__all__ = ["kind_of", "parse_title", "split_documents"]

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
            and cand.lower() not in SECTION_WORDS
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
            if above and not (cover and COUNCIL_ORG_RE.match(cover)):
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
        tm = re.search(r"(?i:" + KIND_PATTERN + r")\s+(?:för\s+(?:år\s+)?)?((?:19|20)\d\d)", joined)
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
