"""Title lines of Swedish budget documents: which kind, whose, which year and plan years.

"<Organisation>s internbudget|förvaltningsbudget|verksamhetsberättelse <år> med plan för …", council
titles ("Budget 2024 med plan för 2025–2026 – Kommunfullmäktige") and the regular expressions for the
structure around them (protocol headers, bilaga lists, decision paragraphs, diarienummer) that
`documents.py` uses to split a file into its bundled documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document_text import YEAR_RE, plan_years_of, strip_markup

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
KIND_PATTERN = "|".join(p for _, p in KIND_KEYWORDS)
# An optional genitive organisation ("Verksamhetsstöd och services", "Kommunstyrelsens") and a kind
# keyword at the start of the line; the keyword part is case-insensitive, the organisation is not.
TITLE_RE = re.compile(
    r"^(?:(?P<org>[A-ZÅÄÖ][\w\-–&.]*(?:\s+[\w\-–&.]+){0,6}?)s\s+)?(?P<kw>(?i:" + KIND_PATTERN + r"))\b(?P<rest>.*)$"
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
SECTION_WORDS = {
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
COUNCIL_ORG_RE = re.compile(r"^(?:kommunfullmäktige|[A-ZÅÄÖ][\w\-]*\s+kommun)$", re.IGNORECASE)


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
    if not org and cover_org and COMMITTEE_LINE_RE.match(cover_org) and not COUNCIL_ORG_RE.match(cover_org):
        # "Miljönämnden" / "Budget 2026, plan 2027–2028": a committee's own budget, not the council's
        committee = cover_org.capitalize() if cover_org.isupper() else cover_org
        return TitleMatch(line, clean, "internal_budget", committee, year, plan)
    if not org and cover_org and COUNCIL_ORG_RE.match(cover_org):
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


