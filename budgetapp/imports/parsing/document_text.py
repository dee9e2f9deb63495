"""Small text helpers shared by the document and goal recognisers.

Both extraction styles leave markup behind (``<i>``, ``<p>``, markdown ``**``, the ``■`` glyph of a
lost status colour, superscript footnote marks). Recognisers compare *cleaned* text but report the
printed text, so cleaning lives in one place.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {ch: str(i) for i, ch in enumerate(SUPERSCRIPTS)}
_TAG_RE = re.compile(r"</?(?:i|p|b|u|em|strong|span|br)\s*/?>", re.IGNORECASE)
_SUP_RUN_RE = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SPACE_RE = re.compile(r"\s+")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# "med plan för 2022-2024", "plan 2021–2023", "med plan för år 2025-2029"
PLAN_RE = re.compile(
    r"plan(?:en)?\s+(?:för\s+)?(?:år\s+)?((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", re.IGNORECASE
)


def strip_markup(text: str) -> str:
    """Drop HTML-ish tags, markdown emphasis and the ``■`` glyph; collapse whitespace."""
    text = _TAG_RE.sub(" ", text)
    text = text.replace("**", " ").replace("■", " ")
    text = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", text)
    return _SPACE_RE.sub(" ", text).strip()


def split_footnotes(text: str) -> tuple[str, list[str]]:
    """Remove superscript footnote marks; return (text, marks as plain digit strings)."""
    marks = [_sup_to_digits(m) for m in _SUP_RUN_RE.findall(text)]
    return _SPACE_RE.sub(" ", _SUP_RUN_RE.sub("", text)).strip(), marks


def _sup_to_digits(run: str) -> str:
    return "".join(_SUP_TO_DIGIT.get(ch, ch) for ch in run)


def dehyphenate_join(parts: list[str]) -> str:
    """Join wrapped pdftotext lines, undoing line-end hyphenation but keeping real compounds.

    "samman-" + "hållning" → "sammanhållning"; "Ekonomi-" + "och" stays "Ekonomi- och" because a
    compound dash is followed by a conjunction; a dash after a digit or capital abbreviation stays.
    """
    out = ""
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isdigit():
            out = out + part  # "CO2-" + "ekv/invånare"
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            first = part.split(" ", 1)[0]
            if first in {"och", "eller", "samt", "&"} or (first[:1].isupper() and out[-2].isupper()):
                out = f"{out} {part}"
            else:
                out = out[:-1] + part
        else:
            out = f"{out} {part}"
    return _SPACE_RE.sub(" ", out).strip()


def normalise_name(text: str) -> str:
    """A comparison key for names: lower case, letters and digits only, no parentheses content.

    "Nya vägar för (tryggad) kompetensförsörjning ■" and "Klimat effektiv verksamhet" compare
    equal to their variants "Nya vägar för kompetensförsörjning" and "Klimateffektiv verksamhet".
    """
    text = strip_markup(text).lower()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch.isalnum())


def is_blank(text: str) -> bool:
    return not text.strip()


def years_of(text: str) -> list[int]:
    return [int(y) for y in YEAR_RE.findall(text)]


def plan_years_of(text: str) -> list[int]:
    """Expand "med plan för 2022-2024" to [2022, 2023, 2024]; [] when absent or implausible."""
    m = PLAN_RE.search(text)
    if not m:
        return []
    a, b = int(m.group(1)), int(m.group(2))
    if a > b or b - a > 10:
        return []
    return list(range(a, b + 1))
