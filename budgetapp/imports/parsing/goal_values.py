"""Cell-level rules shared by the TAB and the pdftotext goal-table parsers.

Indicator values stay as printed strings ("I.U.", "Färre än 650", "15,3 % 2017: 15,7%"); these
helpers only decide *what kind of cell* a string is (a value or a label) and split labels into
label, footnote marks and the mandatory ``*`` flag.
"""

from __future__ import annotations

import re

from .document_text import split_footnotes, strip_markup

_NUM = r"[<>≥≤]?\s?[-+−]?\d[\d\s]*(?:[,.]\d+)?\s?%?"
VALUE_RE = re.compile(
    r"^(?:"
    + _NUM
    + r"(?:\s*\(.*\))?(?:\s*(?:kr|mnkr|tkr|st)\.?)?"
    r"|I\.?\s?U\.?|IU|N/A|-+|–|Ja|Nej|Ja/[Nn]ej|Uppnått|Ej uppnått"
    # directions and targets in words: "Öka", "Ska minska", "Bibehålla", "Positiv trend", "Ej negativ"
    r"|(?:Ska\s+)?(?:Öka|Minska|Förbättras|Förbättra|Bibehålla|Bibehållas|Behålla|Oförändrad|Oförändrat)"
    r"|(?:Positiv|Negativ|Stigande|Sjunkande)\s+(?:trend|utveckling)|Ej\s+(?:negativ|positiv|försämras)"
    r"|(?:Mindre|Större|Färre|Fler|Max|Minst|Högst|Lägst|Under|Över|Högre|Lägre)\b.*"
    r"|(?:19|20)\d\d:\s*.*|\(Mäts.*\)|Tas fram.*|Mäts ej.*|Mäts\s+(?:inte|ej)\b.*|Budget i balans|Nollresultat"
    r"|(?:Ingen|Ej)\s+(?:uppgift|mätning|data)\b.*"
    r")\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]*$",
    re.IGNORECASE,
)
GENDER_WORDS = {"män", "kvinnor", "pojkar", "flickor", "killar", "tjejer", "övriga", "ej angivet"}
_MEASURE_WORDS = re.compile(
    r"%|\bandel\b|\bantal\b|index|\bper\b|procent|kostnad|\bavser\b|utfall|resultat|\bgrad\b|tid\b",
    re.IGNORECASE,
)
NO_INDICATOR_RE = re.compile(r"^ingen\s+(?:nämnd|förvaltnings)?\s*indikator", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"^[-–—_]{3,}$")
DASH_PREFIX_RE = re.compile(r"^(?:[-–—]{1,6})\s*(?=\S)")


def is_value(text: str) -> bool:
    """True for what sits in a value column: numbers, I.U., directions, bounds, "-"."""
    clean = strip_markup(text)
    return bool(clean) and bool(VALUE_RE.match(clean))


def is_value_or_empty(text: str) -> bool:
    return not strip_markup(text) or is_value(text)


def split_italic(cell: str) -> tuple[str, str]:
    """("God trygghet och säkerhet", "Linköpings kommun har …") from "name <i>description</i>"."""
    if "<i>" not in cell:
        return cell.strip(), ""
    plain = re.sub(r"<i>.*?(?:</i>|$)", " ", cell, flags=re.DOTALL)
    italic = " ".join(re.findall(r"<i>(.*?)(?:</i>|$)", cell, flags=re.DOTALL))
    return strip_markup(plain), strip_markup(italic)


def clean_label(text: str) -> tuple[str, list[str], bool]:
    """Label without markup, footnote marks and ``*``: (label, footnote digits, mandatory)."""
    label, marks = split_footnotes(strip_markup(text))
    mandatory = "*" in label
    label = re.sub(r"\s*\*+", "", label).strip()
    label = re.sub(r"\s+([,.)])", r"\1", label)
    return label, marks, mandatory


def value_footnotes(value: str) -> list[str]:
    return split_footnotes(value)[1]


def is_short_breakdown_label(label: str) -> bool:
    """"Gator/torg", "Micro", "Kunskap (skola)": short, no unit or measure word."""
    core = re.sub(r"\([^)]*\)", " ", label).strip(" .")
    words = core.split()
    return 0 < len(words) <= 3 and len(core) <= 32 and not _MEASURE_WORDS.search(label) and "*" not in label


def breakdown_kind(label: str) -> str | None:
    """"dash" for "-Kontakt Linköping"/"----- Ryd", "gender" for Män/Kvinnor, else None."""
    if DASH_PREFIX_RE.match(label) and not SEPARATOR_RE.match(label):
        return "dash"
    if label.strip(" .:").lower() in GENDER_WORDS:
        return "gender"
    return None


def strip_dash(label: str) -> str:
    return DASH_PREFIX_RE.sub("", label).strip()


def split_name_description(text: str) -> tuple[str, str]:
    """Split "Goda arbetsplatser Varje medarbetare känner …" where no italics mark the description.

    The description starts at the first capitalised word (not the first two words of the name)
    that is followed by a lower-case word, lies before the first full stop and leaves at least four
    words: "Ett attraktivt och tryggt Linköping Linköping är …" splits before the second Linköping.
    """
    words = text.split()
    first_stop = next((k for k, w in enumerate(words) if w.endswith((".", ":"))), None)
    if first_stop is None or len(words) < 6:
        return text.strip(), ""
    for k in range(2, min(first_stop, 14) + 1):
        if k + 1 >= len(words) or len(words) - k < 4:
            break
        if words[k][:1].isupper() and words[k + 1][:1].islower() and not words[k - 1].endswith("-"):
            return " ".join(words[:k]), " ".join(words[k:])
    return text.strip(), ""
