"""Pure helpers that read meaning from printed headers, labels and indicator values.

Recognition goes by words that any Swedish budget document uses for the concept ("Budget 2020",
"Plan 2021", "Bokslut", "Utfall", "Prognos", "varav intäkter", "Summa"), never by one document's
labels, so next year's documents from other förvaltningar map the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budgetapp.budget.models import PeriodKind, Scenario

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_TAG_RE = re.compile(r"</?[a-z]+\s*/?>", re.I)
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SPACE_RE = re.compile(r"\s+")
_MARKER_RE = re.compile(r"\s*(\*+)\s*$")


def clean(text: str | None) -> str:
    """Printed label without markup, footnote superscripts or list dashes; whitespace collapsed."""
    if not text:
        return ""
    text = _TAG_RE.sub(" ", text).replace("■", " ")
    text = text.translate({ord(c): None for c in _SUP})
    text = _SPACE_RE.sub(" ", text).strip()
    return text.lstrip("-–•· ").strip()


def split_marker(label: str) -> tuple[str, str]:
    """'RTÖG höjd medlemsavgift**' → ('RTÖG höjd medlemsavgift', '**')."""
    text = clean(label)
    m = _MARKER_RE.search(text)
    if m:
        return text[: m.start()].strip(), m.group(1)[:4]
    return text, ""


def normalise_name(text: str) -> str:
    """Key for comparing org names: case, '&'/'och', hyphen spacing and footnote stars ignored."""
    text, _marker = split_marker(text)
    text = text.casefold().replace("&", " och ").replace("–", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"[.,:;]+$", "", text)
    return _SPACE_RE.sub(" ", text).strip()


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR_RE.findall(text or "")]


@dataclass(frozen=True)
class ColumnSpec:
    scenario: str
    year: int
    basis_year: int
    period: str = PeriodKind.FULL_YEAR


def classify_column(header: str, doc_year: int | None) -> ColumnSpec | None:
    """Map a printed column header of an amount table to scenario/year, or None (variance, text…)."""
    text = clean(header).casefold()
    if not text or any(w in text for w in ("avvikelse", "förändring", "diff", "%", "procent", "andel")):
        return None
    years = years_in(text)
    year = years[-1] if years else doc_year
    if year is None:
        return None
    period = PeriodKind.FULL_YEAR
    if re.search(r"\b(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zé.]*\b|delår|tertial", text):
        period = PeriodKind.INTERIM if re.search(r"aug|delår|tertial 2", text) else PeriodKind.TERTIAL_1
        if "okt" in text:
            period = PeriodKind.OCTOBER
    if "prognos" in text or "helårsbedömning" in text:
        return ColumnSpec(Scenario.FORECAST, year, year, period)
    if "bokslut" in text:
        return ColumnSpec(Scenario.YEAR_END_OUTCOME, year, year, PeriodKind.FULL_YEAR)
    if "utfall" in text:
        return ColumnSpec(Scenario.ACTUAL, year, year, period)
    if "plan" in text:
        return ColumnSpec(Scenario.PLAN, year, doc_year or year)
    if re.search(r"\bram\b|budgetram|kf-ram", text):
        return ColumnSpec(Scenario.FRAME, year, year)
    if "budget" in text or "förslag" in text or "nettoutgift" in text:
        return ColumnSpec(Scenario.BUDGET, year, year)
    if years and doc_year and text.strip() == str(year):
        if year == doc_year:
            return ColumnSpec(Scenario.BUDGET, year, year)
        if year > doc_year:
            return ColumnSpec(Scenario.PLAN, year, doc_year)
    return None


# --- row labels -------------------------------------------------------------------------------

GENERIC_HEADINGS = {"verksamhet", "verksamheter", "nämnd", "förvaltning", "enhet", "enheter", "stab", "staber",
                    "organisation", "ansvar", "område", "verksamhetsområde", "affärsområde", "belopp", "tkr", "mnkr"}
SUM_WORDS = ("summa", "totalt", "total ", "sammanlagt")
NOT_A_UNIT_WORDS = (
    "summa", "totalt", "varav", "netto", "verksamhetens", "budgetram", "ram ", "ramen", "intäkt",
    "kostnad", "förändring", "specifikation", "övrigt", "justering", "resultat", "investering",
    "avskrivning", "ränta", "enligt", "fördelning", "reserv", "budget", "plan", "prognos", "utfall",
)


def label_measure(label: str) -> str | None:
    """Measure named by a row label (intäkter/kostnader/…), or None for a plain net row."""
    text = clean(label).casefold()
    text = re.sub(r"^varav\s+", "", text)
    if text.startswith(("intäktsökning", "intäktsökn")) or "kostnadsreducering" in text:
        return "revenue_increase"
    if text.startswith(("intäkter", "intäkt", "summa intäkter", "externa intäkter")):
        return "revenue"
    if text.startswith(("kostnader", "kostnad", "summa kostnader")):
        return "cost"
    if text.startswith("investeringar") and "netto" in text:
        return "investment_net"
    if text.startswith("resultat"):
        return "result"
    return None


def is_sum_label(label: str) -> bool:
    text = clean(label).casefold()
    return text.startswith(SUM_WORDS) or text.startswith("verksamhetens nettokostnad")


def is_frame_label(label: str) -> bool:
    text = clean(label).casefold()
    return text.startswith(("budgetram", "kf-ram", "ram enligt", "ram enl", "kommunbidrag", "ram "))


def looks_like_unit_name(label: str) -> bool:
    """True when a label can only be an organisational unit: short, a name, no amount words."""
    text = clean(label)
    low = text.casefold()
    if not text or len(text) > 70 or text.endswith(":") or any(ch.isdigit() for ch in text):
        return False
    if any(low.startswith(w) or f" {w}" in low for w in NOT_A_UNIT_WORDS):
        return False
    if low in GENERIC_HEADINGS or len(text.split()) > 6:
        return False
    return text[0].isalpha()


# --- indicator values --------------------------------------------------------------------------

_NO_DATA_RE = re.compile(r"^(i\.?\s?u\.?|n/?a|ej mätt|mäts ej|saknas)$", re.I)
_COMPARATORS = [
    (re.compile(r"^(färre än|mindre än|under|lägre än|<)\s*", re.I), "<"),
    (re.compile(r"^(fler än|mer än|större än|över|högre än|>)\s*", re.I), ">"),
    (re.compile(r"^(max(imalt)?|högst|≤|<=)\s*", re.I), "≤"),
    (re.compile(r"^(minst|lägst|≥|>=)\s*", re.I), "≥"),
]
_LEADING_NUMBER_RE = re.compile(r"^([+\-−]?\s?\d[\d \u00a0]*(?:[,.]\d+)?)\s*%?")
_REF_YEAR_RE = re.compile(r"\((?:år\s*)?((?:19|20)\d\d)\)|^((?:19|20)\d\d)\s*:")
_PARTIAL_RE = re.compile(r"jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|progn|delår|tertial", re.I)


@dataclass(frozen=True)
class IndicatorReading:
    raw: str
    state: str  # value | no_data | text | empty
    value: Decimal | None = None
    comparator: str = ""
    reference_year: int | None = None
    is_partial_period: bool = False


def read_indicator_value(raw: str, parse_number) -> IndicatorReading:
    """Raw printed indicator value → state, number, comparator, reference year, partial flag."""
    text = clean(raw)
    if not text or set(text) <= set("-–—"):
        return IndicatorReading(raw=raw.strip(), state="empty")
    if _NO_DATA_RE.match(text):
        return IndicatorReading(raw=raw.strip(), state="no_data")
    comparator = ""
    body = text
    for pattern, symbol in _COMPARATORS:
        m = pattern.match(body)
        if m:
            comparator, body = symbol, body[m.end():]
            break
    ref = _REF_YEAR_RE.search(body)
    reference_year = int(ref.group(1) or ref.group(2)) if ref else None
    if ref and ref.group(2):
        body = body[ref.end():].strip()
    value = parse_number(body)
    if value is None:
        m = _LEADING_NUMBER_RE.match(body)
        value = parse_number(m.group(1)) if m else None
    partial = bool(_PARTIAL_RE.search(body))
    if value is None:
        return IndicatorReading(raw=raw.strip(), state="text", comparator=comparator)
    return IndicatorReading(raw=raw.strip(), state="value", value=value, comparator=comparator,
                            reference_year=reference_year, is_partial_period=partial)


def indicator_column(header: str, doc_year: int | None) -> tuple[int | None, bool]:
    """'Målvärde 2021' → (2021, True); '2019' → (2019, False); 'Målvärde' → (doc_year, True)."""
    text = clean(header).casefold()
    is_target = any(w in text for w in ("mål", "önskvärd", "riktning", "target"))
    years = years_in(text)
    year = years[-1] if years else (doc_year if is_target else None)
    return year, is_target


GOAL_STATUS = {
    "uppfyllt": "fulfilled",
    "uppnått": "fulfilled",
    "delvis uppfyllt": "partly_fulfilled",
    "delvis uppnått": "partly_fulfilled",
    "ej uppfyllt": "not_fulfilled",
    "inte uppfyllt": "not_fulfilled",
    "ej uppnått": "not_fulfilled",
    "inte uppnått": "not_fulfilled",
    "kan ej bedömas": "cannot_be_assessed",
}


def goal_status(text: str | None) -> str | None:
    return GOAL_STATUS.get(clean(text).casefold()) if text else None


KEY_FIGURE_WORDS = [
    ("tillsvidare", "permanent_staff"),
    ("årsarbet", "fte"),
    ("sjukfrånvaro", "sickness_absence"),
    ("personalomsättning", "staff_turnover"),
    ("avgång", "staff_turnover"),
    ("heltid", "full_time_share"),
]


def key_figure_kind(label: str, table_kind: str) -> str:
    low = clean(label).casefold()
    for word, kind in KEY_FIGURE_WORDS:
        if word in low:
            return kind
    return "volume" if "volum" in table_kind or "volym" in table_kind else "other"
