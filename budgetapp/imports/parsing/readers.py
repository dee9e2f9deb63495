"""Readers: file bytes → numbered :class:`Line` objects. No domain words live here.

Every format ends up as the same list of lines so one set of recognisers serves them all:
- plain text (pdftotext-like, space-separated cells) keeps each line as one cell;
- Word-extracted text (TAB-separated cells) splits on TAB;
- DOCX walks the body in order: paragraphs become lines, table rows become TAB-joined lines;
- PDF (text layer) uses pdfplumber's text per page, so page numbers are known.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re

from .docx_body import docx_body_lines
from .extraction import ImportParseError, Line

# "Ekonomi- och HR-stöd": a hyphen before a conjunction is a real compound, not a line-end break
_KEEP_HYPHEN_BEFORE = frozenset({"och", "eller", "samt", "respektive", "resp."})
# one- and two-letter Swedish words: any other lower-case fragment of that size on its own cell line is the
# tail of a word the typesetter broke without a hyphen because the column was too narrow ("Avvikels" / "e")
_SHORT_WORDS = frozenset({"i", "å", "ö", "av", "på", "om", "en", "ut", "in", "så", "nu", "de", "är", "år", "ej",
                          "än", "ny", "nr", "st", "kr", "m2", "el", "ca", "t", "o", "m"})
_TAG_RE = re.compile(r"</?(?:p|br|b|u|span)\s*/?>", re.IGNORECASE)
# Typesetting characters that carry no text: ligature glyphs a PDF's text layer may hand back as such
# (Word's PDFs do), soft hyphens and zero-width characters that Word keeps in exported text, and the
# non-breaking hyphen. No-break spaces and U+2212 minus stay: the number parser reads them.
_TYPOGRAPHY = str.maketrans({
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    "­": None, "​": None, "‌": None, "‍": None, "⁠": None, "﻿": None,
    "‑": "-",
})


def decode_text(data: bytes, filename: str = "") -> str:
    """Decode text files; UTF-16 with a BOM ("Unicode text" from Excel or Notepad), UTF-8 (with or
    without BOM), then cp1252 which Swedish Windows tools write."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportParseError(f"{filename or 'Filen'} börjar som UTF-16 men innehåller ogiltiga tecken.",
                                   line=1) from exc
    if b"\x00" in data[:4096]:
        raise ImportParseError(f"{filename or 'Filen'} är inte en textfil (innehåller binära data).", line=1)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportParseError(f"{filename or 'Filen'} har en okänd teckenkodning.", line=1)


def read_text(text: str) -> list[Line]:
    """Split text into numbered lines; form feeds (``\\f``) start a new page."""
    lines: list[Line] = []
    page = 1
    has_pages = "\f" in text
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        if "\t" in raw:
            cells = tuple(c.strip() for c in raw.split("\t"))
            lines.append(Line(no, raw, cells, page if has_pages else None, tabular=True))
        else:
            lines.append(Line(no, raw, (raw.strip(),), page if has_pages else None, tabular=False))
    return lines


def read_docx(data: bytes) -> list[Line]:
    """Paragraphs and table rows of a DOCX body in document order.

    The body XML is walked directly (:mod:`.docx_body`) so content controls, text boxes and merged
    cells keep their place; the result looks like the Word-extracted text the block parsers know.
    """
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ImportParseError("python-docx saknas på servern.") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ImportParseError(f"DOCX-filen kunde inte läsas ({exc.__class__.__name__}).", line=1) from exc

    out = docx_body_lines(document.element.body)
    return [
        Line(i, t, tuple(c.strip() for c in t.split("\t")) if "\t" in t else (t.strip(),), None, "\t" in t)
        for i, t in enumerate(out, start=1)
    ]


def _join_cell(cell: str | None) -> str:
    """A multi-line PDF cell becomes one line; words hyphenated at a line end are glued back."""
    if not cell:
        return ""
    parts = [p.strip() for p in cell.split("\n") if p.strip()]
    out = ""
    for part in parts:
        first_word = part.split(" ", 1)[0]
        # "LED-" / "konvertering" and "IT-" / "stöd" keep the hyphen of a compound after an acronym
        hyphenated = (
            out.endswith("-") and part[:1].islower() and first_word not in _KEEP_HYPHEN_BEFORE
            and not out[-2:-1].isupper() and not out[-2:-1].isdigit()
        )
        broken = (
            out[-1:].isalpha() and len(part) <= 2 and part.isalpha() and part.islower() and part not in _SHORT_WORDS
        )
        if hyphenated:
            out = out[:-1] + part
        elif out.endswith("-") and part[:1].islower() and first_word not in _KEEP_HYPHEN_BEFORE:
            out += part  # the compound's hyphen stays, the line break goes ("LED-konvertering")
        elif broken:
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def _pdf_page_lines(page) -> list[tuple[float, str, bool]]:
    """(top, text, tabular) for one page: ruled tables as TAB rows, other text as plain lines.

    pdfplumber finds ruled tables; their rows become TAB-joined lines so the same recognisers as for
    Word text apply. Text outside the tables keeps pdftotext-like space-separated lines.
    """
    items: list[tuple[float, str, bool]] = []
    try:
        tables = page.find_tables()
    except Exception:  # a malformed drawing layer must not lose the page's text
        tables = []
    outside = page
    for table in tables:
        rows = table.extract()
        tops = [r.bbox[1] for r in table.rows]
        for top, row in zip(tops, rows, strict=False):
            cells = [_join_cell(c) for c in row]
            if any(cells):
                items.append((top, "\t".join(cells), True))
        outside = outside.outside_bbox(table.bbox)
    from .pdf_layout import find_unruled_tables, page_text_lines, prose_lines

    text_lines = page_text_lines(outside)
    found, used = find_unruled_tables(text_lines, _join_cell)
    items.extend((top, text, True) for top, text in found)
    items.extend((top, text, False) for top, text in prose_lines(text_lines, used))
    items.sort(key=lambda item: item[0])
    return items


def _safe_page_lines(page) -> list[tuple[float, str, bool]]:
    """A page pdfplumber's layout analysis chokes on (odd fonts, broken drawing operators) falls back to
    its plain text, and a page whose text cannot be extracted at all is empty, so one bad page does
    not lose the whole document."""
    try:
        return _pdf_page_lines(page)
    except Exception:  # noqa: S110 - the plain-text fallback below is the handling
        pass
    try:
        text = page.extract_text() or ""
    except Exception:
        return []
    # the lines' positions are unknown: place them mid-page so none is taken for a running header
    middle = float(page.height or 0) / 2
    return [(middle, line, False) for line in text.split("\n")]


def read_pdf(data: bytes) -> list[Line]:
    """Text layer of a PDF via pdfplumber, numbered continuously and tagged with the page."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover
        raise ImportParseError("pdfplumber saknas på servern.") from exc
    from .pdf_pages import join_page_continuations, mark_superscripts, strip_page_furniture

    lines: list[Line] = []
    no = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise ImportParseError("PDF-filen har inga sidor.", page=1)
            pages = []
            heights = [float(page.height or 0) for page in pdf.pages]
            for page in pdf.pages:
                with contextlib.suppress(Exception):  # marks stay plain digits; the text is still read
                    mark_superscripts(page.chars)
                pages.append(_safe_page_lines(page))
            pages = join_page_continuations(strip_page_furniture(pages, heights))
            for page_no, items in enumerate(pages, start=1):
                for _top, text, tabular in items:
                    no += 1
                    cells = tuple(c.strip() for c in text.split("\t")) if tabular else (text.strip(),)
                    lines.append(Line(no, text, cells, page_no, tabular=tabular))
                no += 1  # an empty line between pages, as pdftotext's form feed
                lines.append(Line(no, "", ("",), page_no, tabular=False))
    except ImportParseError:
        raise
    except Exception as exc:
        raise ImportParseError(
            f"PDF-filen kunde inte läsas ({exc.__class__.__name__}); är den skadad eller krypterad?", page=1
        ) from exc
    if not any(line.text.strip() for line in lines):
        raise ImportParseError("PDF-filen saknar textlager (inskannad bild?).", page=1)
    return lines


def clean_markup(text: str) -> str:
    """Remove <p>/<b> style tags and markdown emphasis; keep <i> handling to callers."""
    text = _TAG_RE.sub(" ", text)
    return text


def plain_typography(lines: list[Line]) -> list[Line]:
    """The lines with ligature glyphs spelt out and invisible typesetting characters removed, so
    "Ekonomisk uppföljning" reads the same whichever program typeset it (see `_TYPOGRAPHY`)."""
    out = []
    for line in lines:
        text = line.text.translate(_TYPOGRAPHY)
        if text == line.text:
            out.append(line)
        else:
            cells = tuple(cell.translate(_TYPOGRAPHY) for cell in line.cells)
            out.append(Line(line.no, text, cells, line.page, line.tabular))
    return out


def read_bytes(data: bytes, filename: str = "") -> tuple[str, list[Line]]:
    """Pick a reader by content (magic bytes), not by the file name. Returns (format, lines)."""
    if data.startswith(b"%PDF"):
        return "pdf", plain_typography(read_pdf(data))
    if data.startswith(b"PK\x03\x04"):
        return "docx", plain_typography(read_docx(data))
    return "text", plain_typography(read_text(decode_text(data, filename)))
