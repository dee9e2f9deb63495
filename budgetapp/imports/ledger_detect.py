"""Recognise the shape of a ledger export before reading it: encoding, separator, header row and columns.

Finance systems (Unit4/Agresso, Raindance, Visma, Hypergene, hand-made Excel reports) agree on
little but the words: the header says "Ansvar"/"Kostnadsställe"/"Resultatenhet", "Konto"/"Slag",
"Period"/"Månad", "Belopp"/"Utfall"/"Ack utfall" or "Debet"/"Kredit", or has one column per month
("Jan | Feb | … | Dec"). Above it a report often prints a title, the period and the print date. So
the header row is found by its words, never by its line number, and the columns are *suggested*
from Swedish synonyms; the admin confirms the suggestion (and may name other columns) before
anything is written. Pure functions, no database.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

from budgetapp.core import money

from .parsing.extraction import ImportParseError

#: Header words per role, normalised (casefolded, punctuation as spaces). Order = preference.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "org_code": ("ansvar", "ansvarskod", "ansvarsenhet", "ansvarsnummer", "ansvarsnr", "kostnadsställe",
                 "kostnadsstalle", "kst", "resultatenhet", "resultatställe", "enhet", "enhetskod", "org"),
    "line_kind": ("konto", "kontonr", "kontonummer", "kontokod", "kontoslag", "slag", "kontotyp", "kontogrupp",
                  "radtyp", "kategori", "typ"),
    "period": ("period", "månad", "manad", "mån", "bokföringsperiod", "bokforingsperiod", "perioder",
               "redovisningsperiod", "år period", "år mån", "datum", "bokföringsdatum"),
    "year": ("år", "bokföringsår", "räkenskapsår"),
    "amount": ("belopp", "utfall", "periodens utfall", "utfall period", "utfall perioden", "periodutfall",
               "saldo", "periodens saldo", "nettobelopp", "belopp netto", "summa"),
    "ytd_amount": ("ack utfall", "ackumulerat utfall", "utfall ack", "ack belopp", "ack saldo", "ackumulerat",
                   "utfall hittills i år", "utfall t o m", "ack"),
    "debit": ("debet", "debetbelopp", "debet belopp"),
    "credit": ("kredit", "kreditbelopp", "kredit belopp"),
}
FIELD_LABELS = {"org_code": "ansvarskod", "line_kind": "konto/slag", "period": "period", "amount": "belopp",
                "ytd_amount": "ackumulerat belopp", "debit": "debet", "credit": "kredit", "year": "år"}
#: Suffixes that make a code column of a name word ("Ansvar kod", "Konto nr").
_CODE_SUFFIXES = ("kod", "nr", "nummer", "id")
_NAME_WORDS = ("namn", "benämning", "text", "beskrivning", "klartext")
_OTHER_SCENARIOS = ("budget", "prognos", "avvikelse", "avv", "fg år", "föreg", "plan", "diff")
MONTH_WORDS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "may": 5, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12}
TOTAL_WORDS = ("summa", "totalt", "total", "delsumma", "totalsumma", "summering", "subtotal", "samtliga")
_UNIT_RE = re.compile(r"\s*\b(kr|sek|tkr|tsek|mnkr|mkr|kronor|tusen kronor)\s*$")
_MONTH_HEADER_RES = (
    re.compile(r"^(?P<name>[a-zåäö]{3})[a-zåäö]*(?:\s+(?P<year>(?:19|20)\d\d)|\s*[-/ ]\s*(?P<yy>\d\d))?$"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)\s*[-/ ]?\s*(?P<month>0[1-9]|1[0-2])$"),
    re.compile(r"^(?:(?P<year>(?:19|20)\d\d)\s*)?p\s*(?P<month>0?[1-9]|1[0-2])$"),
)
HEADER_SCAN_ROWS = 40


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV export and the encoding it was in: UTF-16 with a BOM, UTF-8 with or without BOM,
    else Windows-1252.

    Windows-1252 decodes almost any byte string, so it is tried last; the bytes it leaves undefined
    (0x81, 0x8D, 0x8F, 0x90, 0x9D) mean the file is something else.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text" (TAB-separated)
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportParseError("Filen börjar som UTF-16 men innehåller ogiltiga tecken.", line=1) from exc
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportParseError("Filen börjar som UTF-8 men innehåller ogiltiga tecken.", line=1) from exc
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportParseError("Filen har en okänd teckenkodning (varken UTF-8 eller Windows-1252).", line=1)


def sniff_delimiter(text: str) -> str:
    """';', tab, ',' or '|': the one that splits the most lines into the same number (≥ 2) of fields."""
    sample = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ";", -1
    for delimiter in (";", "\t", ",", "|"):
        counts = [len(r) for r in csv.reader(io.StringIO("\n".join(sample)), delimiter=delimiter) if r]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        modal = max(set(counts), key=lambda c: (counts.count(c), c))
        score = counts.count(modal) * modal
        if score > best_score:
            best, best_score = delimiter, score
    return best


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise(header: str) -> str:
    s = header.casefold().replace("\xa0", " ")
    s = re.sub(r"[._:;,/()\[\]\-–]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def header_unit(header: str) -> str | None:
    """"Belopp (kr)", "Utfall tkr", "Belopp SEK" → kr/tkr; None when the header names no unit."""
    m = _UNIT_RE.search(normalise(header))
    return money.canonical_unit(m.group(1)) if m else None


def month_header(header: str) -> tuple[int | None, int] | None:
    """"Jan", "Januari", "jan 2026", "jan-26", "2026-01", "202601", "P01" → (year or None, month)."""
    s = normalise(header)
    for pattern in _MONTH_HEADER_RES:
        m = pattern.match(s)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("name"):
            if groups["name"] not in MONTH_WORDS:
                return None
            month = MONTH_WORDS[groups["name"]]
        else:
            month = int(groups["month"])
        year = int(groups["year"]) if groups.get("year") else (2000 + int(groups["yy"]) if groups.get("yy") else None)
        return year, month
    return None


def role_of(header: str) -> str | None:
    """The role a header cell names (see :data:`SYNONYMS`), or None."""
    s = _UNIT_RE.sub("", normalise(header)).strip()
    if not s or any(w in s.split() for w in _NAME_WORDS) or any(w in s for w in _NAME_WORDS[1:]):
        return None
    if any(s.startswith(w) or f" {w}" in s for w in _OTHER_SCENARIOS):
        return None
    for role, synonyms in SYNONYMS.items():
        if s in synonyms:
            return role
    words = s.split()
    if len(words) == 2 and words[1] in _CODE_SUFFIXES:
        for role in ("org_code", "line_kind"):
            if words[0] in SYNONYMS[role]:
                return role
    if "ack" in words or s.startswith("ackumulerat"):
        return "ytd_amount"
    if words[0] in ("utfall", "belopp") and len(words) <= 3:  # "Utfall 2026", "Belopp i kr"
        return "amount"
    return None


@dataclass
class Layout:
    """Where a ledger export keeps what: the suggestion shown to the admin and used by the reader."""

    header_line: int
    header: list[str]
    columns: dict[str, int] = field(default_factory=dict)  # role → column index
    month_columns: dict[int, tuple[int | None, int]] = field(default_factory=dict)  # index → (year, month)
    unit: str | None = None
    first_data_line: int = 0

    @property
    def wide(self) -> bool:
        return bool(self.month_columns) and "period" not in self.columns

    @property
    def amount_is_ytd(self) -> bool:
        cols = self.columns
        return "ytd_amount" in cols and not self.wide and "amount" not in cols and not (
            "debit" in cols and "credit" in cols)

    def name(self, role: str) -> str:
        index = self.columns.get(role)
        return self.header[index] if index is not None else ""

    def as_options(self) -> dict:
        """The suggestion in the mapping form's terms (column names as printed)."""
        amount = "ytd_amount" if self.amount_is_ytd else "amount"
        out = {"org_code_column": self.name("org_code"), "line_kind_column": self.name("line_kind"),
               "period_column": self.name("period"), "amount_column": self.name(amount),
               "debit_column": self.name("debit"), "credit_column": self.name("credit")}
        if self.unit:
            out["amount_unit"] = self.unit
        return {k: v for k, v in out.items() if v}

    def describe(self) -> str:
        """One Swedish sentence for the preview: which column was read as what."""
        parts = [f"{FIELD_LABELS[r]} = ”{self.header[i]}”" for r, i in sorted(self.columns.items(), key=lambda x: x[1])]
        if self.wide:
            months = sorted(m for _, m in self.month_columns.values())
            parts.append(f"en kolumn per månad ({len(months)} st, månad {months[0]}–{months[-1]})")
        if self.amount_is_ytd:
            parts.append("beloppen är ackumulerade (till och med perioden)")
        return f"Rubrikraden är rad {self.header_line}; kolumner: " + ", ".join(parts) + "."


def _is_number(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    text = cell_text(value)
    return bool(text) and money.parse_number(text, parentheses_negative=True, trailing_minus=True) is not None


def _roles(cells: list[str], options: dict) -> tuple[dict[str, int], dict[int, tuple[int | None, int]]]:
    """Roles of a header row: configured names first, then synonyms; month columns separately."""
    columns: dict[str, int] = {}
    lowered = [normalise(c) for c in cells]
    for role in SYNONYMS:
        wanted = normalise(str(options.get(f"{role}_column") or ""))
        if wanted and wanted in lowered:
            index = lowered.index(wanted)
            if role == "amount" and (options.get("amount_is_ytd") or role_of(cells[index]) == "ytd_amount"):
                role = "ytd_amount"  # the admin named an accumulated column ("Ack utfall")
            columns[role] = index
    configured = set(columns)
    amount_family = {"amount", "ytd_amount", "debit", "credit"}
    skip = configured | (amount_family if configured & amount_family else set())
    for index, cell in enumerate(cells):
        found = role_of(cell)
        if found and found not in skip and found not in columns and index not in columns.values():
            columns[found] = index
    months: dict[int, tuple[int | None, int]] = {}
    for index, cell in enumerate(cells):
        month = month_header(cell)
        if month and index not in columns.values():
            months[index] = month
    if len(months) < 2:
        months = {}
    if months and "amount" in columns and "amount" not in configured and "period" not in columns:
        del columns["amount"]  # "Summa"/"Utfall 2026" over monthly columns is a total, not a booking
    return columns, months


def _score(columns: dict[str, int], months: dict) -> int:
    amounts = any(r in columns for r in ("amount", "ytd_amount", "debit", "credit")) or bool(months)
    return sum(1 for r in ("org_code", "line_kind", "period") if r in columns) + int(amounts)


def _merge_two_rows(upper: list[str], lower: list[str]) -> list[str]:
    """A header printed on two rows (merged "Ansvar" over "Kod | Namn", "Utfall 2026" over months)."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    out, carried = [], ""
    for top, bottom in zip(upper, lower, strict=True):
        carried = top or (carried if bottom else "")
        if bottom and month_header(bottom):
            out.append(bottom)
        elif bottom and carried:
            out.append(f"{carried} {bottom}")
        else:
            out.append(bottom or top)
    return out


def detect_layout(rows: list[tuple[int, list]], options: dict | None = None) -> Layout:
    """Find the header among the first rows by its words and suggest which column holds what.

    ``rows`` are (line number, cells) from the top of the file. The header is the first row naming
    at least two of: ansvar, konto, period, and an amount (or month columns); a row below it with
    month names or code/name labels is taken as the second half of a two-row header.
    """
    options = options or {}
    texts = [(no, [cell_text(c) for c in cells]) for no, cells in rows if any(cell_text(c) for c in cells)]
    texts = texts[:HEADER_SCAN_ROWS]
    for position, (no, cells) in enumerate(texts):
        if sum(1 for c in cells if _is_number(c)) > max(1, len([c for c in cells if c]) // 2):
            continue  # a data row
        columns, months = _roles(cells, options)
        if _score(columns, months) < 2:
            continue
        header, line = cells, no
        if position + 1 < len(texts):
            next_no, below = texts[position + 1]
            if not any(_is_number(c) for c in below) and any(below):
                merged = _merge_two_rows(cells, below)
                merged_columns, merged_months = _roles(merged, options)
                if _score(merged_columns, merged_months) >= _score(columns, months) and (
                        len(merged_months) > len(months) or len(merged_columns) > len(columns)):
                    header, line, columns, months = merged, next_no, merged_columns, merged_months
        unit = next((header_unit(header[i]) for i in columns.values() if header_unit(header[i])), None)
        return Layout(header_line=line, header=header, columns=columns, month_columns=months, unit=unit)
    first = texts[0][0] if texts else 1
    raise ImportParseError(
        "Rubrikraden hittades inte bland de första raderna: ingen rad har kolumner som Ansvar (eller "
        "Kostnadsställe/Resultatenhet), Konto, Period och Belopp (eller Utfall, Debet/Kredit eller en "
        "kolumn per månad). Ange kolumnernas namn i kolumnmappningen.", line=first)


def is_total_label(text: str) -> bool:
    """"Summa 4100", "Totalt", "Delsumma ansvar", "Summa:" — a row that adds up rows above it."""
    words = normalise(text).split()
    return bool(words) and (words[0] in TOTAL_WORDS or (len(words) <= 3 and words[-1] in TOTAL_WORDS))


_CODE_NAME_RE = re.compile(r"^(?P<code>[0-9][0-9A-Za-z.]*)\s*(?:[-–:,]\s*|\s)(?P<name>\S.*)$")


def split_code(text: str) -> str:
    """"4100 Ekonomistaben", "4100 - Ekonomistaben" → "4100"; "0123" stays "0123"."""
    m = _CODE_NAME_RE.match(text.strip())
    if m and re.search(r"[A-Za-zÅÄÖåäö]", m.group("name")):
        return m.group("code")
    return text.strip()


_META_PERIOD_RE = re.compile(
    r"\b((?:19|20)\d\d)[-/ ]?(0[1-9]|1[0-2])\b(?:\s*(?:[-–]|till|t\s*o\s*m)\s*((?:19|20)\d\d)[-/ ]?(0[1-9]|1[0-2])\b)?")
_PRINTED_WORDS = ("utskriven", "utskrivet", "utskrift", "skapad", "körd", "uttagen", "datum", "printed")


def metadata_period(rows: list[tuple[int, list]], header_line: int) -> tuple[int, int, int] | None:
    """"Period: 202601–202604" above the header → (2026, 1, 4); a print date is not a period."""
    for no, cells in rows:
        if no >= header_line:
            break
        text = " ".join(cell_text(c) for c in cells)
        if any(w in text.casefold() for w in _PRINTED_WORDS):
            continue
        m = _META_PERIOD_RE.search(text)
        if m and "period" in text.casefold():
            year, first = int(m.group(1)), int(m.group(2))
            last = int(m.group(4)) if m.group(4) else first
            if m.group(3) and int(m.group(3)) != year:
                continue
            return year, first, last
    return None


def metadata_year(rows: list[tuple[int, list]], header_line: int, header: list[str]) -> int | None:
    """The one year named above the header or in it ("Utfall 2026"), ignoring print dates."""
    years: set[int] = set()
    for no, cells in rows:
        if no > header_line:
            break
        text = " ".join(cell_text(c) for c in cells) if no < header_line else " ".join(header)
        if any(w in text.casefold() for w in _PRINTED_WORDS):
            continue
        years.update(int(y) for y in re.findall(r"\b((?:19|20)\d\d)(?:0[1-9]|1[0-2])?\b", text))
    return years.pop() if len(years) == 1 else None


def metadata_unit(rows: list[tuple[int, list]], header_line: int) -> str | None:
    """"Belopp i tkr", "Enhet: kr" above the header."""
    for no, cells in rows:
        if no >= header_line:
            break
        text = normalise(" ".join(cell_text(c) for c in cells))
        m = re.search(r"\b(?:belopp i|belopp|enhet|valuta|i)\s+(kr|sek|tkr|tsek|mnkr|mkr|kronor|tusen kronor)\b", text)
        if m:
            return money.canonical_unit(m.group(1))
    return None
