"""DOCX body → text lines, read from the XML in document order (no domain words).

python-docx's ``document.paragraphs``/``paragraph.runs`` skip content Word authors use every day:
content controls (``w:sdt``), hyperlinks, tracked insertions and text boxes. Here the body XML is
walked directly so those keep their place:

- a paragraph is one line; a TAB (``w:tab``) makes it a TAB line, a line break starts a new line;
- a table row is one TAB line with one cell per grid column (a ``gridSpan`` cell keeps its text in its
  first column, a ``vMerge`` continuation is empty, as Word's own text export; ``gridBefore``/``gridAfter``
  columns a row skips are empty cells); a line break inside a
  cell becomes a space; a row repeating the table's header row (``w:tblHeader`` or copied by hand at
  a page break) is dropped;
- a table nested in a cell is emitted as its own block after the outer row;
- text boxes (``w:txbxContent``) become lines after their paragraph (``mc:Fallback`` copies skipped);
- italic runs are wrapped in ``<i>`` and footnote references / superscript digits become superscript
  marks (" ¹"), exactly like the Word-extracted text the block parsers already know.
"""

from __future__ import annotations

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SKIP = frozenset({f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}instrText"})
_SKIP |= frozenset({f"{_W}sdtPr", f"{_W}sdtEndPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}tblPr", f"{_W}tblGrid"})


def _sup(digits: str) -> str:
    return " " + "".join(_SUPERSCRIPT[int(d)] for d in digits)


def _on(rpr: etree._Element | None, tag: str) -> bool:
    """A toggle property (``w:i``) that is present and not switched off."""
    if rpr is None:
        return False
    el = rpr.find(f"{_W}{tag}")
    return el is not None and el.get(f"{_W}val", "true") not in ("0", "false", "off")


def _grid_skip(tr: etree._Element, tag: str) -> int:
    """Grid columns a row leaves out before/after its cells (``w:gridBefore``/``w:gridAfter``)."""
    el = tr.find(f"{_W}trPr/{_W}{tag}")
    try:
        return max(int(el.get(f"{_W}val", "0")), 0) if el is not None else 0
    except ValueError:
        return 0


def _content(el: etree._Element):
    """The children of `el` that carry text, in order: comments, processing instructions and `_SKIP`
    elements left out, and of markup-compatibility alternatives only the chosen one (or, when no
    mc:Choice is given, the alternative's own children), never mc:Fallback."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == f"{_MC}Fallback":
            continue
        if tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            yield from _content(choice if choice is not None else child)
        else:
            yield child


class _Walker:
    def __init__(self) -> None:
        self.footnotes = 0
        self.out: list[str] = []

    # -- paragraphs -------------------------------------------------------------------------
    def _run_text(self, run: etree._Element, boxes: list[etree._Element]) -> str:
        parts: list[str] = []

        def visit(el: etree._Element) -> None:
            for child in _content(el):
                tag = child.tag
                if tag == f"{_W}t":
                    parts.append(child.text or "")
                elif tag == f"{_W}tab":
                    parts.append("\t")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    if child.get(f"{_W}type") != "page":
                        parts.append("\n")
                elif tag == f"{_W}noBreakHyphen":
                    parts.append("-")
                elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                    self.footnotes += 1
                    parts.append(_sup(str(self.footnotes)))
                elif tag == f"{_W}txbxContent":
                    boxes.append(child)
                else:
                    visit(child)

        visit(run)
        text = "".join(parts)
        rpr = run.find(f"{_W}rPr")
        vert = rpr.find(f"{_W}vertAlign") if rpr is not None else None
        digits = text.strip()
        if vert is not None and vert.get(f"{_W}val") == "superscript" and digits.isascii() and digits.isdigit():
            return _sup(digits)
        if _on(rpr, "i") and text.strip() and "\t" not in text and "\n" not in text:
            return f"<i>{text}</i>"
        return text

    def paragraph_text(self, p: etree._Element, boxes: list[etree._Element]) -> str:
        parts: list[str] = []

        def visit(el: etree._Element) -> None:
            for child in _content(el):
                if child.tag == f"{_W}r":
                    parts.append(self._run_text(child, boxes))
                else:
                    visit(child)  # hyperlink, sdt/sdtContent, ins, smartTag, fldSimple, customXml

        visit(p)
        return "".join(parts).replace("</i><i>", "")

    # -- blocks -----------------------------------------------------------------------------
    def block(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                boxes: list[etree._Element] = []
                text = self.paragraph_text(child, boxes)
                self.out.extend(text.split("\n"))
                for box in boxes:
                    self.block(box)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
                self.block(child)

    def _cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        texts: list[str] = []

        def visit(el: etree._Element) -> None:
            for child in el:
                tag = child.tag
                if tag == f"{_W}p":
                    boxes: list[etree._Element] = []
                    texts.append(self.paragraph_text(child, boxes))
                    for box in boxes:
                        visit(box)
                elif tag == f"{_W}tbl":
                    nested.append(child)
                elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                    visit(child)

        visit(tc)
        text = " ".join(t.replace("\n", " ").replace("\t", " ") for t in texts)
        return " ".join(text.split())

    def _rows(self, tbl: etree._Element) -> list[etree._Element]:
        rows: list[etree._Element] = []
        for child in tbl:
            if child.tag == f"{_W}tr":
                rows.append(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                rows.extend(self._rows(child))
        return rows

    def table(self, tbl: etree._Element) -> None:
        header: str | None = None
        for tr in self._rows(tbl):
            nested: list[etree._Element] = []
            cells: list[str] = []
            for tc in self._cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                span_el = tcpr.find(f"{_W}gridSpan") if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
                text = self._cell_text(tc, nested)
                cells.append("" if continued else text)
                try:
                    span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
                except ValueError:
                    span = 1
                cells.extend([""] * (max(span, 1) - 1))
            cells = [""] * _grid_skip(tr, "gridBefore") + cells + [""] * _grid_skip(tr, "gridAfter")
            line = "\t".join(cells)
            if any(c.strip() for c in cells):
                if line == header:
                    continue  # the header row repeated after a page break (w:tblHeader or by hand)
                if header is None:
                    header = line
            self.out.append(line)
            for inner in nested:
                self.out.append("")
                self.table(inner)
        self.out.append("")

    def _cells(self, tr: etree._Element) -> list[etree._Element]:
        cells: list[etree._Element] = []
        for child in tr:
            if child.tag == f"{_W}tc":
                cells.append(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                cells.extend(self._cells(child))
        return cells


def docx_body_lines(body: etree._Element) -> list[str]:
    """The body's lines in document order (see the module docstring)."""
    walker = _Walker()
    walker.block(body)
    return walker.out
