"""Budget frames and frame adjustments (ramjusteringar): pure helpers for the planner.

A committee's frame appears as a KF frame row ("Budgetram enligt beslut i KF …"), followed by the
adjustments KS or KF decided ("Omfördelning från barn- och ungdomsnämnden till kommunstyrelsen för
statistiktjänster + 1 000") and usually an adjusted frame row ("Budgetram efter ramjusteringar").
The adjusted frame is *the* frame (``Figure(scenario=frame)`` with an empty line label); a frame row
that adjustments follow is the frame before them and keeps :data:`ORIGINAL_FRAME_LABEL` as its line
label, so two tables printing the same KF frame under different words land on the same key.

The counterpart of a reallocation is read from the text ("från X till Y", "till X", "från X") and
looked up among the year's org nodes by name or alias; the printed name is always kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetapp.organisation.models import OrgNode

from .columns import clean
from .parsing.extraction import DocumentInfo, Table, TableRow

ORIGINAL_FRAME_LABEL = "Budgetram enligt KF före ramjusteringar"
#: Words that end the counterpart part of a reallocation text ("… till KFN för Elitstöd").
_PURPOSE_RE = re.compile(r"\s+(?:för|avseende|gällande|avs\.?)\s+|\s*[(:;]|\s+-\s+|\s*,\s*\+?-?\s*\d")
_FROM_TO_RE = re.compile(r"\bfrån\s+(?P<src>.+?)\s+till\s+(?P<dst>.+)$", re.I)
_TO_RE = re.compile(r"\btill\s+(?P<dst>.+)$", re.I)
_FROM_RE = re.compile(r"\bfrån\s+(?P<src>.+)$", re.I)
_SECTION_RE = re.compile(r"^\s*(§\s*\d+)\b")
_DNR_RE = re.compile(r"\bDnr\.?\s*[A-ZÅÄÖ]{1,5}\s*\d{4}[-–:]\d+", re.I)
_SPACES = re.compile(r"\s+")
#: Words every Swedish name of a party to a reallocation contains.
_ORG_WORD_RE = re.compile(r"nämnd|fullmäktige|styrelse|förbund|förvaltning|bolag|\bAB\b|kommun", re.I)


@dataclass(frozen=True)
class Counterpart:
    name: str  # as printed, possibly a list of committees
    node: OrgNode | None


def _norm(text: str) -> str:
    """Compare committee names: case, '&' vs 'och', 'kultur- och' vs 'kultur och', spaces ignored."""
    text = clean(text).casefold().replace("&", " och ")
    text = re.sub(r"-\s+och\b", " och", text)
    return _SPACES.sub(" ", text).strip(" .,")


def _cut_purpose(text: str) -> str:
    m = _PURPOSE_RE.search(text)
    return (text[: m.start()] if m else text).strip(" .,")


def _mentions(text: str, nodes: list[OrgNode]) -> list[tuple[int, OrgNode]]:
    """Nodes whose name or alias occurs in ``text`` as whole words, by position (longest name first)."""
    haystack = f" {_norm(text)} "
    found: dict[int, tuple[int, OrgNode]] = {}
    for node in nodes:
        for name in sorted({node.name, node.short_name, *(node.aliases or [])} - {""}, key=len, reverse=True):
            key = _norm(name)
            if len(key) < 3:
                continue
            pos = haystack.find(f" {key} ")
            if pos < 0:
                pos = haystack.find(f" {key},")
            if pos >= 0 and (node.pk not in found or pos < found[node.pk][0]):
                found[node.pk] = (pos, node)
    return sorted(found.values(), key=lambda pair: pair[0])


def counterpart(text: str, own: OrgNode | None, nodes: list[OrgNode]) -> Counterpart:
    """The other party of a reallocation: 'från X till Y' → whichever is not ``own``; 'till X'/'från X' → X.

    ``nodes`` are the year's org nodes; the first committee named in the counterpart part becomes the
    FK, the printed part is kept whole ("barn- och ungdomsnämnden och bildningsnämnden").
    """
    label = clean(text)
    parts: list[str] = []
    m = _FROM_TO_RE.search(label)
    if m:
        parts = [m.group("src"), _cut_purpose(m.group("dst"))]
    else:
        m = _TO_RE.search(label) or _FROM_RE.search(label)
        if m:
            parts = [_cut_purpose(m.group(m.lastgroup or 0))]
    if not parts:
        return Counterpart("", None)
    own_names = {_norm(n) for n in ((own.name, own.short_name, *(own.aliases or [])) if own else ()) if n}
    candidates = [p for p in parts if _norm(p) not in own_names] or parts[-1:]
    name = candidates[0].strip()
    mentioned = [n for _, n in _mentions(name, nodes) if own is None or n.pk != own.pk]
    if not mentioned and not _ORG_WORD_RE.search(name):
        return Counterpart("", None)  # "höjning fr 1% till 2%" names no party
    return Counterpart(name[:200], mentioned[0] if mentioned else None)


def decision_reference(documents: list[DocumentInfo], index: int) -> str:
    """The decision document ``index`` was adopted by: "§ 315, Dnr KS 2019-519".

    The parser reads it from the protocol paragraph's own lines or the plan's cover and gives every
    bilaga of a bundle its protocol's reference (:attr:`DocumentInfo.decision_reference`); that is
    used whenever it is set. Only when it is empty is the reference pieced together from the titles
    as before: the bundled decision's "§ 315" (prefixed by its organisation) and a "Dnr …" a title carries.
    """
    own = documents[index].decision_reference if 0 <= index < len(documents) else None
    if own and own.strip():
        return own.strip()[:200]
    parts: list[str] = []
    for info in documents:
        title = clean(info.title)
        section = _SECTION_RE.match(title)
        if info.kind == "decision" and section:
            ref = section.group(1).replace("§", "§ ").replace("  ", " ")
            organisation = clean(info.organisation)
            parts.append(f"{organisation} {ref}".strip() if organisation else ref)
            break
    for info in documents[index:index + 1] + documents:
        dnr = _DNR_RE.search(info.title or "")
        if dnr:
            parts.append(dnr.group(0))
            break
    return ", ".join(dict.fromkeys(parts))[:200]


def adjusted_frame_rows(table: Table) -> dict[int, bool]:
    """For each frame row (by index): True when frame adjustments follow it, i.e. it is the frame before them."""
    out: dict[int, bool] = {}
    for i, row in enumerate(table.rows):
        if is_frame_row(row):
            out[i] = any(is_adjustment_row(table, later) for later in table.rows[i + 1:])
    return out


def is_frame_row(row: TableRow) -> bool:
    from .columns import is_frame_label

    return row.row_type == "frame" or is_frame_label(row.label)


def is_adjustment_row(table: Table, row: TableRow) -> bool:
    """A change row that adjusts the frame: every change row of a ramjusteringar table, or one under a frame row."""
    if row.row_type != "change":
        return False
    if "adjust" in (table.kind or "").casefold() or "ramjuster" in (table.kind or "").casefold():
        return True
    if not row.parent:
        return False
    parent = next((r for r in table.rows if r.label == row.parent), None)
    return parent is not None and is_frame_row(parent)
