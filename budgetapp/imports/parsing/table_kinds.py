"""Which kind of numeric table a recognised table is, from its words rather than its position.

The signals are the caption/heading above the table, the text over the label column, the column
names and the row labels. They are checked from the most specific kind to the most general, so a
"Nettoeffekt av coronapandemin" table is an ``event`` table even though it has Bokslut/Budget
columns like a driftsammandrag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .table_headers import unit_from_text

KINDS = (
    "economy_summary",
    "operating_summary",
    "unit_budget",
    "frame_adjustments",
    "investment_frame",
    "investment_projects",
    "investment_plan",
    "personnel",
    "volume",
    "event",
    "other_numeric",
)

_PERSONNEL_ROW_RE = re.compile(
    r"årsarbetare|tillsvidare\s*-?\s*anställda|sjukfrånvaro|personalomsättning|personalavgångar|avgångar",
    re.IGNORECASE,
)
_OPERATING_RE = (
    r"driftsammandrag|driftbudget|driftredovisning|driftsredovisning|nettokostnad|resultat|helårsprognos"
    r"|ekonomisk\s+uppföljning|ekonomiskt\s+utfall|prognos\s+(?:för\s+)?helår|prognos\s+per|(?:budget|prognos)\s+per\s+"
    r"(?:verksamhet|område|enhet|avdelning)|per\s+verksamhetsområde"
)
_UNIT_TABLE_RE = re.compile(r"^(?P<name>\S.*?)\s*\((?:tkr|mnkr|mkr)\)", re.IGNORECASE)


def classify_table(
    title: str, label_header: str, columns: Sequence[str], row_labels: Sequence[str], context: str = ""
) -> str:
    """Pick the table kind; ``context`` is the text of the few lines just above the header."""
    head = f"{label_header} {title}".lower()
    near = f"{head} {context}".lower()
    cols = " ".join(columns).lower()
    rows = " ".join(row_labels).lower()
    if re.search(r"corona|covid|pandemi", head):
        return "event"
    if re.search(r"beslutad budget|ack\.?\s*utfall|ackumulerat|slutår|återstår|återstående", cols) or re.search(
        r"\bprojekt\b", label_header.lower()
    ) or (re.search(r"prognos-?\s*avvikelse", cols) and re.search(r"projekt|investering", f"{head} {rows}")):
        return "investment_projects"
    if _UNIT_TABLE_RE.match(label_header.strip()) and not re.search(
        r"projekt|investering|ramjustering|ramförändring|kommunbidrag|per\s+nämnd", label_header, re.I
    ):
        return "unit_budget"
    if re.search(r"investering", f"{label_header} {cols}".lower()) or re.search(r"nettoutgift", cols):
        if (
            re.search(r"10[- ]?årig|tioårig|investeringsplan", near)
            or sum(1 for c in columns if re.search(r"(19|20)\d\d", c)) >= 8
        ):
            return "investment_plan"
        return "investment_frame"
    if re.search(r"^\s*investering(?:ar|sbudget|splan|sram|sredovisning)?\s*$", title, re.IGNORECASE) and re.search(
        r"summa investeringar|investeringar totalt|summa", rows
    ):
        return "investment_frame"
    if re.search(r"ramjustering|ramförändring|(?:förändring|justering)ar?\s+av\s+(?:budget)?ram", head):
        return "frame_adjustments"
    if re.search(r"^personal\b", label_header.strip().lower()) or _PERSONNEL_ROW_RE.search(rows):
        return "personnel"
    if re.search(r"basuppdrag|volym", near):
        return "volume"
    if re.search(r"^ekonomi\b", label_header.strip().lower()) or (
        re.search(r"\bekonomi\b|ekonomisk\s+(?:översikt|sammanfattning)", title.lower())
        and re.search(r"investeringar,? netto|nettoinvestering", rows)
    ):
        return "economy_summary"
    if re.search(_OPERATING_RE, head) or re.search(r"driftsammandrag", near):
        return "operating_summary"
    if re.search(r"verksamhetens nettokostnad", rows) and re.search(r"investeringar,? netto", rows):
        return "economy_summary"
    if not re.search(r"investering", rows) and (
        re.search(r"nettokostnad", rows)
        or (re.search(r"\bvarav kostnader\b", rows) and re.search(r"\bvarav intäkter\b", rows))
    ):
        return "operating_summary"
    if re.search(r"\bintäkter\b", cols) and re.search(r"\bkostnader\b", cols) and not re.search(r"investering", head):
        return "operating_summary"  # "Intäkter | Kostnader | Netto" per verksamhet
    return "other_numeric"


def default_unit(kind: str, *texts: str) -> str:
    """The unit named by the header/caption texts (first that names one), else a kind default."""
    for text in texts:
        unit = unit_from_text(text) if text else None
        if unit:
            return unit
    if kind in ("personnel", "volume"):
        return "antal"
    return "tkr"
