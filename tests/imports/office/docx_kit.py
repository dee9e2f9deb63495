"""python-docx helpers that write the Word features real office documents carry (dev-time only).

Used by :mod:`make_fixtures` to build source documents the way Word users make them: heading styles,
a table of contents field with its cached entries (dot-leader tabs and page numbers), header/footer
with PAGE/NUMPAGES fields, footnotes, tracked changes, soft hyphens, tables with merged header cells,
a repeated header row (``w:tblHeader``), bold sum rows and right-aligned numbers, sections in landscape.
python-docx has no API for several of these, so the XML is written directly.
"""

from __future__ import annotations

from decimal import Decimal

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SOFT_HYPHEN = "\u00ad"  # written as <w:softHyphen/>, as Word does


def fmt(value: Decimal | int | str | None, *, decimals: int = 0, space: str = " ", minus: str = "-") -> str:
    """Swedish number text: '1 234', '−12,5' (thousands separator and minus sign chosen per document)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    d = Decimal(value)
    sign = minus if d < 0 else ""
    q = abs(d).quantize(Decimal(1) if decimals == 0 else Decimal(1).scaleb(-decimals))
    whole, _, frac = f"{q:f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = space.join(groups) or "0"
    return sign + text + ("," + frac if frac else "")


def add_run_text(paragraph, text: str, *, bold: bool = False, italic: bool = False):
    """Add text; U+00AD becomes <w:softHyphen/> and TAB becomes <w:tab/> inside one run."""
    run = paragraph.add_run()
    run.bold = bold or None
    run.italic = italic or None
    buf = ""

    def flush() -> None:
        nonlocal buf
        if buf:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = buf
            run._r.append(t)
            buf = ""

    for ch in text:
        if ch == SOFT_HYPHEN:
            flush()
            run._r.append(OxmlElement("w:softHyphen"))
        elif ch == "\t":
            flush()
            run._r.append(OxmlElement("w:tab"))
        else:
            buf += ch
    flush()
    return run


def _field(paragraph, instr: str, cached: str) -> None:
    """A complex field (begin/instr/separate/result/end) with its cached result, as Word saves it."""
    def fld(kind: str) -> None:
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), kind)
        r.append(f)
        paragraph._p.append(r)

    fld("begin")
    r = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r.append(it)
    paragraph._p.append(r)
    fld("separate")
    add_run_text(paragraph, cached)
    fld("end")


def header_footer(document, header_text: str) -> None:
    """Running header (document name) and footer 'Sida X av Y' with PAGE/NUMPAGES fields."""
    for section in document.sections:
        hp = section.header.paragraphs[0]
        hp.text = header_text
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run_text(fp, "Sida ")
        _field(fp, "PAGE", "1")
        add_run_text(fp, " av ")
        _field(fp, "NUMPAGES", "1")


def toc(document, entries: list[tuple[int, str, int]]) -> None:
    """A TOC field whose cached result holds the entries with dot leaders and page numbers."""
    document.add_paragraph("Innehållsförteckning", style="TOC Heading" if _has_style(document, "TOC Heading")
                           else None).runs[0].bold = True
    first = True
    paragraphs = []
    for level, text, page in entries:
        p = document.add_paragraph()
        tabs = p.paragraph_format.tab_stops
        tabs.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        if first:
            r = OxmlElement("w:r")
            f = OxmlElement("w:fldChar")
            f.set(qn("w:fldCharType"), "begin")
            r.append(f)
            p._p.append(r)
            r = OxmlElement("w:r")
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = ' TOC \\o "1-3" \\h \\z \\u '
            r.append(it)
            p._p.append(r)
            r = OxmlElement("w:r")
            f = OxmlElement("w:fldChar")
            f.set(qn("w:fldCharType"), "separate")
            r.append(f)
            p._p.append(r)
            first = False
        add_run_text(p, f"{text}\t{page}")
        paragraphs.append(p)
    r = OxmlElement("w:r")
    f = OxmlElement("w:fldChar")
    f.set(qn("w:fldCharType"), "end")
    r.append(f)
    paragraphs[-1]._p.append(r)


def _has_style(document, name: str) -> bool:
    return any(s.name == name for s in document.styles)


def page_break(document) -> None:
    document.add_page_break()


class Footnotes:
    """A footnotes part (python-docx has no footnote API); ``mark(run_paragraph, text)`` adds one."""

    def __init__(self, document) -> None:
        self.document = document
        self.notes: list[str] = []

    def mark(self, paragraph, text: str) -> None:
        self.notes.append(text)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self.notes)))
        r.append(ref)
        paragraph._p.append(r)

    def attach(self) -> None:
        if not self.notes:
            return
        body = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>",
        ]
        for i, note in enumerate(self.notes, start=1):
            body.append(
                f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        xml += "".join(body) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def tracked_change(paragraph, inserted: str, deleted: str, author: str = "Ekonom") -> None:
    """A tracked replacement: <w:del> with the old text, <w:ins> with the new (Word's review mode)."""
    d = OxmlElement("w:del")
    d.set(qn("w:id"), "901")
    d.set(qn("w:author"), author)
    d.set(qn("w:date"), "2026-10-02T10:00:00Z")
    r = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.set(qn("xml:space"), "preserve")
    dt.text = deleted
    r.append(dt)
    d.append(r)
    paragraph._p.append(d)
    i = OxmlElement("w:ins")
    i.set(qn("w:id"), "902")
    i.set(qn("w:author"), author)
    i.set(qn("w:date"), "2026-10-02T10:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = inserted
    r.append(t)
    i.append(r)
    paragraph._p.append(i)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def _borders_none(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _cell(cell, text: str, *, bold: bool = False, right: bool = False, size: float | None = None) -> None:
    p = cell.paragraphs[0]
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = add_run_text(p, text, bold=bold)
    if size:
        run.font.size = Pt(size)


def add_table(document, header_rows: list[list[str]], rows: list[list[str]], *,
              merges: list[tuple[int, int, int, int]] = (), bold_rows: set[int] = frozenset(),
              repeat_header: bool = False, borders: bool = True, widths: list[float] | None = None,
              footnote: tuple[Footnotes, int, str] | None = None) -> None:
    """A table: header rows (merged cells given as (r1, c1, r2, c2) in header coordinates), data rows
    with right-aligned value cells, bold rows by data index, optional repeated header and no borders."""
    ncols = len(header_rows[0])
    table = document.add_table(rows=len(header_rows) + len(rows), cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if borders:
        table.style = "Table Grid"
    else:
        _borders_none(table)
    for r, cells in enumerate(header_rows):
        for c, text in enumerate(cells):
            if text:
                _cell(table.cell(r, c), text, bold=True, right=c > 0)
        if repeat_header:
            _repeat_header(table.rows[r])
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    for i, cells in enumerate(rows):
        r = len(header_rows) + i
        for c, text in enumerate(cells):
            if text:
                _cell(table.cell(r, c), text, bold=i in bold_rows, right=c > 0)
    if footnote:
        notes, row_index, text = footnote
        notes.mark(table.cell(len(header_rows) + row_index, 0).paragraphs[0], text)
    if widths:
        table.autofit = False
        for c, w in enumerate(widths):
            table._tbl.tblGrid.gridCol_lst[c].w = Cm(w)
        for row in table.rows:
            for tc, w in zip(row._tr.tc_lst, widths, strict=False):
                tc.width = Cm(w)
    document.add_paragraph()


def landscape_section(document) -> None:
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def portrait_section(document) -> None:
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width


def justified(document, text: str):
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    add_run_text(p, text)
    return p
