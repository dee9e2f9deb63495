"""Line-level helpers for numeric tables: label cleaning, cell values and pdftotext row splitting.

pdftotext-like text writes every table cell followed by one space, so an empty cell shows up as
an extra space ("Kostnadsdämpande åtgärder  -1 200    " = label, empty, -1 200, three empties).
:func:`split_text_row` keeps that spacing as a *hint* for where values sit; the caller checks the
hint against the column count because the spacing is not always faithful (DOMAIN §3.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budgetapp.core.money import parse_number, split_number_run

from .extraction import CellValue

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TAG_RE = re.compile(r"</?(?:i|b|u|p|span|br)\s*/?>", re.IGNORECASE)
_FOOTNOTE_TAIL_RE = re.compile(rf"(?:\s*(?:\*+|[{SUPERSCRIPTS}]+))+$")
_LIST_DASH_RE = re.compile(r"^[-–−•]+\s*(?=\S)")
_SPECIAL_TOKENS = {"i.u.", "iu.", "iu", "n/a", "ej", "-", "–", "—", "x", "..", "…"}
_NUM_TOKEN_RE = re.compile(r"^[+\-−–]?\d(?:[\d.,]*\d)?$")
_SIGN_TOKEN = {"-", "−", "–", "+"}
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_MONTHS = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "jan", "feb", "aug", "sept", "okt", "nov", "dec", "den", "år",
}  # fmt: skip
_HYPHEN_KEEP_NEXT = {"och", "eller", "samt", "respektive", "&"}


def strip_markup(text: str) -> str:
    """Remove <i>/<p>-style tags and markdown emphasis, collapse whitespace."""
    s = _TAG_RE.sub(" ", text)
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = re.sub(r"(?<!\S)\*(\S.*?\S|\S)\*(?!\S)", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def clean_label(text: str) -> tuple[str, list[str]]:
    """Label without markup, list dash and trailing footnote marks; returns (label, marks).

    "<i>RTÖG höjd medlemsavgift**</i>" → ("RTÖG höjd medlemsavgift", ["**"]);
    "- varav VSS (LKDATA)" → ("varav VSS (LKDATA)", []). The list dash is dropped because it is
    layout, not a sign (DOMAIN §3.1).
    """
    s = strip_markup(text)
    marks: list[str] = []
    m = _FOOTNOTE_TAIL_RE.search(s)
    if m and m.start() > 0:
        marks = list(re.findall(rf"\*+|[{SUPERSCRIPTS}]+", m.group(0)))
        s = s[: m.start()].rstrip()
    s = _LIST_DASH_RE.sub("", s)
    return s.strip(), marks


_TRAILING_MINUS_RE = re.compile(r"^(\d(?:[\d\s.,\u00a0\u2009\u202f]*\d)?)\s?[-−–]$")
_GROUP_RE = re.compile(r"^\d{3}(?:,\d+)?-$")


def leading_sign(text: str) -> str:
    """ "1,1-" / "4 450 000-" (minus after the number, as some ledgers print it) → "-1,1"; else as is."""
    m = _TRAILING_MINUS_RE.match(text.strip())
    return f"-{m.group(1)}" if m else text


def parse_cell(text: str) -> CellValue:
    """A docx cell: None when empty, Decimal when a number, else the printed text ("I.U.")."""
    s = strip_markup(text)
    if not s:
        return None
    value = parse_number(leading_sign(s))
    if value is not None:
        return value
    return s


def join_wrapped(first: str, second: str) -> str:
    """Join a label wrapped over two lines, undoing line-end hyphenation but keeping compounds.

    "barn- och ungdomsnämn-" + "den och ..." → "barn- och ungdomsnämnden och ..."; "Ekonomi-" + "och
    HR-stöd" keeps the hyphen because the next word is a conjunction.
    """
    a, b = first.rstrip(), second.strip()
    if not a:
        return b
    if not b:
        return a
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        next_word = b.split(" ", 1)[0].lower()
        if b[0].islower() and next_word not in _HYPHEN_KEEP_NEXT:
            return a[:-1] + b
        return a + " " + b if next_word in _HYPHEN_KEEP_NEXT else a + b
    return a + " " + b


@dataclass
class TextRow:
    """A pdftotext-like line split into a label and the cells of its numeric tail."""

    label: str
    # (empty cells implied before it, the segment text, is_special) per gap-separated segment
    segments: list[tuple[int, str, bool]] = field(default_factory=list)
    trailing_empty: int = 0
    terminated: bool = False  # the line ends with the cell separator (a space)

    @property
    def has_values(self) -> bool:
        return bool(self.segments)


_PAREN_OPEN_RE = re.compile(r"^\([+\-−–]?\d{1,3}$")
_PAREN_TOKEN_RE = re.compile(r"^\([+\-−–]?\d[\d.,]*\)$")
_FOOTNOTE_LETTER_RE = re.compile(r"^[a-z]\)$")


def _tokens_with_gaps(text: str) -> list[tuple[str, int]]:
    """(token, spaces before it) for each token of a line.

    "(1 234)" stays one token (an accounting-style negative cell) and a footnote letter after a
    number ("12 a)") is dropped, its spaces added to the next token's gap.
    """
    out: list[tuple[str, int]] = []
    carry = 0
    raw = [(m.group(2), len(m.group(1))) for m in re.finditer(r"(\s*)(\S+)", text)]
    k = 0
    while k < len(raw):
        tok, gap = raw[k]
        gap += carry
        carry = 0
        if _PAREN_OPEN_RE.match(tok):
            j = k + 1
            parts = [tok]
            while j < len(raw) and raw[j][1] == 1 and re.match(r"^\d{3}(?:,\d+)?\)?$", raw[j][0]):
                parts.append(raw[j][0])
                j += 1
                if parts[-1].endswith(")"):
                    break
            if parts[-1].endswith(")") and len(parts) > 1:
                out.append((" ".join(parts), gap))
                k = j
                continue
        if tok[-1:] in "-−–" and len(tok) > 1 and _TRAILING_MINUS_RE.match(tok):
            # trailing minus: the sign goes in front of the whole digit-group run ("4 450 000-")
            tok = tok[:-1]
            j = len(out)
            if _GROUP_RE.match(tok + "-"):
                while j > 0 and gap == 1 and re.fullmatch(r"\d{3}", out[j - 1][0]):
                    j -= 1
                    gap = out[j][1]
                if j > 0 and gap == 1 and re.fullmatch(r"\d{1,3}", out[j - 1][0]):
                    j -= 1
            if j < len(out):
                out[j] = ("-" + out[j][0], out[j][1])
                out.append((tok, raw[k][1]))
            else:
                tok = "-" + tok
                out.append((tok, gap))
            k += 1
            continue
        if _FOOTNOTE_LETTER_RE.match(tok) and out and _is_value_token(out[-1][0]):
            carry = gap + len(tok)
            k += 1
            continue
        out.append((tok, gap))
        k += 1
    return out


def _is_value_token(tok: str) -> bool:
    if _PAREN_TOKEN_RE.match(tok.replace(" ", "")):
        return not _YEAR_RE.match(tok.strip("()"))
    return bool(_NUM_TOKEN_RE.match(tok)) or tok.lower() in _SPECIAL_TOKENS


def split_text_row(text: str) -> TextRow:
    """Split "Kommunledning 170 679 160 964    " into label and value segments with gap hints."""
    body = text.replace("\u00a0", " ").replace("\u2009", " ")
    terminated = body.endswith(" ")
    trailing_spaces = len(body) - len(body.rstrip(" "))
    tokens = _tokens_with_gaps(body.rstrip(" "))
    # walk back over the numeric tail
    i = len(tokens)
    while i > 0:
        tok = tokens[i - 1][0]
        if _is_value_token(tok) or (tok in _SIGN_TOKEN and i < len(tokens)):
            i -= 1
            continue
        break
    # a detached sign at the start of the tail is fine; a lone "-" special at the very start of
    # a label-less line is a list dash ("- varav VSS") and belongs to the label
    while i < len(tokens) and tokens[i][0] in _SIGN_TOKEN and i + 1 < len(tokens):
        if not _NUM_TOKEN_RE.match(tokens[i + 1][0]):
            i += 1
        else:
            break
    # a year after a month word belongs to the label ("KF den 28 maj 2019 482 336 ...")
    if 0 < i < len(tokens) and _YEAR_RE.match(tokens[i][0]) and tokens[i - 1][0].lower() in _MONTHS:
        i += 1
    # "28 maj" inside a label: never let a tail start right after a month-day pair
    label = " ".join(t for t, _ in tokens[:i])
    if i == len(tokens):
        return TextRow(label=label, terminated=terminated, trailing_empty=max(trailing_spaces - 1, 0))
    segments: list[tuple[int, str, bool]] = []
    current: list[str] = []
    empties = 0
    pending_sign = ""
    for k in range(i, len(tokens)):
        tok, gap = tokens[k]
        gap_empties = max(gap - 1, 0) if (k > i or label) else 0
        if tok in _SIGN_TOKEN and not pending_sign:
            if current and gap_empties == 0:
                # detached sign inside a run: flush the run, the sign starts a new number
                segments.append((empties, " ".join(current), False))
                current, empties = [], 0
            elif current:
                segments.append((empties, " ".join(current), False))
                current, empties = [], gap_empties
            else:
                empties += gap_empties
            pending_sign = tok
            continue
        special = not _NUM_TOKEN_RE.match(tok)
        if pending_sign:
            tok = pending_sign + tok
            pending_sign = ""
            gap_empties = 0
            current.append(tok)
            continue
        if special:
            if current:
                segments.append((empties, " ".join(current), False))
                current, empties = [], 0
            segments.append((empties + gap_empties, tok, True))
            empties = 0
            continue
        if gap_empties and current:
            segments.append((empties, " ".join(current), False))
            current, empties = [], gap_empties
        elif not current:
            empties += gap_empties
        current.append(tok)
    if pending_sign:
        current.append(pending_sign)
    if current:
        segments.append((empties, " ".join(current), False))
    return TextRow(label=label, segments=segments, trailing_empty=max(trailing_spaces - 1, 0), terminated=terminated)


def _segment_options(seg: str, max_count: int) -> list[list[Decimal]]:
    return split_number_run(seg, max_count=max_count)[:64]


def fits_columns(row: TextRow, columns: int) -> bool:
    """Whether the row's numeric tail can be read as at most ``columns`` numbers."""
    need = 0
    for _, seg, special in row.segments:
        if special:
            need += 1
            continue
        splits = split_number_run(seg, max_count=columns)
        if not splits:
            return False
        need += min(len(sp) for sp in splits)
    return need <= columns


def shift_first_token(row: TextRow) -> TextRow | None:
    """The row with the first token of its numeric tail moved into the label ("etapp 2")."""
    if not row.segments or row.segments[0][2]:
        return None
    _, seg, _ = row.segments[0]
    parts = seg.split(" ", 1)
    if not re.fullmatch(r"\d{1,2}", parts[0]):
        return None  # only a small number can end a label
    rest = parts[1] if len(parts) > 1 else ""
    segments = ([(0, rest, False)] if rest else []) + list(row.segments[1:])
    label = f"{row.label} {parts[0]}".strip()
    return TextRow(label=label, segments=segments, trailing_empty=row.trailing_empty, terminated=row.terminated)


def _oversize(cells: list[CellValue], magnitudes: list[int | None]) -> int:
    """Digits by which numbers exceed the largest magnitude seen in their column, plus one."""
    total = 0
    for c, v in enumerate(cells):
        if isinstance(v, Decimal) and v != 0 and c < len(magnitudes) and magnitudes[c] is not None:
            total += max(0, len(str(abs(int(v)))) - (magnitudes[c] + 1))  # type: ignore[operator]
    return total


def _magnitude_alternatives(row: TextRow, columns: int) -> list[list[CellValue]]:
    """Left-aligned readings of the tail with any count of numbers up to ``columns``."""
    options: list[list[list[CellValue]]] = []
    for _, seg, special in row.segments:
        if special:
            options.append([[seg]])
            continue
        opts: list[list[CellValue]] = [list(o) for o in _segment_options(seg, columns)]
        options.append(opts or [[seg]])
    out: list[list[CellValue]] = []
    for want in range(len(options), columns + 1):
        for combo in _combine(options, want):
            flat = [v for vals in combo for v in vals]
            lead = row.segments[0][0] if row.segments else 0
            if lead and lead + len(flat) <= columns:
                flat = [None] * lead + flat
            out.append(flat + [None] * (columns - len(flat)))
            if len(out) > 256:
                return out
    return out


def hints_consistent(row: TextRow, columns: int, cells: list[CellValue]) -> bool:
    """Whether the spacing hints account for every cell of the placed row: the implied empty cells
    plus the values read add up to ``columns``. When they do not, the alignment is a guess that
    :mod:`.table_align` may revise from the other rows of the table."""
    if columns <= 0 or not row.segments or not row.terminated:
        return False
    empties = sum(e for e, _, _ in row.segments) + row.trailing_empty
    return empties + sum(1 for v in cells if v is not None) == columns


def place_values(
    row: TextRow, columns: int, magnitudes: list[int | None] | None = None
) -> tuple[list[CellValue], bool]:
    """Spread a row's values over ``columns`` cells; returns (cells, ambiguous split).

    First try to honour the spacing hints exactly (leading, interior and trailing empty cells);
    if they do not add up to the column count, read the tail as one run and left-align it.
    ``magnitudes`` (largest digit count per column in the rows above) overrides both when they
    produce a number far larger than anything in its column: "varav intäkter 512 421 535 500
    551 000" under seven-digit columns is three numbers, not two nine-digit ones.
    """
    cells, ambiguous = _place_values(row, columns)
    if not magnitudes or not any(m is not None for m in magnitudes):
        return cells, ambiguous
    excess = _oversize(cells, magnitudes)
    if excess == 0:
        return cells, ambiguous
    best = min(_magnitude_alternatives(row, columns), key=lambda c: (_oversize(c, magnitudes), _score([c])),
               default=None)
    if best is not None and _oversize(best, magnitudes) < excess and _score([best])[0] <= _score([cells])[0]:
        return best, ambiguous
    return cells, ambiguous


def _place_values(row: TextRow, columns: int) -> tuple[list[CellValue], bool]:
    if columns <= 0:
        return [], False
    numeric = [(e, s, sp) for e, s, sp in row.segments]
    options: list[list[list[CellValue]]] = []
    for _, seg, special in numeric:
        if special:
            options.append([[seg]])
        else:
            opts: list[list[CellValue]] = [list(o) for o in _segment_options(seg, columns)]
            if not opts:
                options.append([[seg]])
            else:
                options.append(opts)
    empties = sum(e for e, _, _ in numeric) + (row.trailing_empty if row.terminated else 0)
    want = columns - empties
    exact: tuple[list[CellValue], bool] | None = None
    if want >= len(numeric) and row.terminated:
        combos = _combine(options, want)
        if combos:
            best = combos[0]
            cells: list[CellValue] = []
            for (e, _, _), vals in zip(numeric, best, strict=True):
                cells.extend([None] * e)
                cells.extend(vals)
            cells.extend([None] * (columns - len(cells)))
            ambiguous = len(combos) > 1 and _score(combos[1]) == _score(best)
            exact = (cells[:columns], ambiguous)
    # fallback: ignore interior gaps, keep the leading gap when it fits
    flat: list[CellValue] = []
    ambiguous = False
    remaining = columns
    for _, seg, special in numeric:
        if special:
            flat.append(seg)
            remaining -= 1
            continue
        splits = split_number_run(seg, max_count=max(remaining, 1))
        if not splits:
            flat.append(seg)
            remaining -= 1
            continue
        best_split = splits[0]
        if len(splits) > 1 and _spread_len(splits[1]) == _spread_len(best_split):
            ambiguous = True
        flat.extend(best_split)
        remaining -= len(best_split)
    lead = numeric[0][0] if numeric else 0
    trailing = row.trailing_empty if row.terminated else 0
    if trailing and len(flat) + trailing <= columns:
        # the hints disagree; the empty cells after the values are the more faithful ones
        flat = [None] * (columns - trailing - len(flat)) + flat
    elif lead and lead + len(flat) <= columns:
        flat = [None] * lead + flat
    fallback = (flat[:columns] + [None] * (columns - len(flat)), ambiguous or len(flat) > columns)
    if exact is not None and _score([exact[0]])[0] <= _score([fallback[0]])[0]:
        return exact
    return fallback


def _spread_len(values: list[Decimal]) -> tuple[int, int]:
    lengths = [len(str(abs(int(v)))) for v in values if v != 0]
    return (max(lengths) - min(lengths) if lengths else 0, len(values))


def _score(combo: list[list[CellValue]]) -> tuple[int, int]:
    nums = [v for vals in combo for v in vals if isinstance(v, Decimal)]
    return _spread_len(nums)


def _combine(options: list[list[list[CellValue]]], want: int) -> list[list[list[CellValue]]]:
    """Choose one split per segment so that the counts add up to ``want``; best first."""
    results: list[list[list[CellValue]]] = []

    def rec(i: int, acc: list[list[CellValue]], count: int) -> None:
        if len(results) >= 256:
            return
        if i == len(options):
            if count == want:
                results.append(list(acc))
            return
        for opt in options[i]:
            if count + len(opt) > want:
                continue
            acc.append(opt)
            rec(i + 1, acc, count + len(opt))
            acc.pop()

    rec(0, [], 0)
    results.sort(key=_score)
    return results


def is_year(token: str) -> bool:
    return bool(_YEAR_RE.match(token))
