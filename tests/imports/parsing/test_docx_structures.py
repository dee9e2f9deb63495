"""DOCX structures real förvaltningar use: merged cells, repeated header rows, nested tables, content
controls, text boxes, footnote references, line breaks in cells. Built with python-docx plus raw XML."""

import io
from decimal import Decimal

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls

from budgetapp.imports.parsing.pipeline import parse_document
from budgetapp.imports.parsing.readers import read_docx

W = nsdecls("w")


def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _table(d, rows):
    t = d.add_table(rows=0, cols=len(rows[0]))
    for r in rows:
        for cell, text in zip(t.add_row().cells, r, strict=True):
            cell.text = text
    return t


def _texts(data: bytes) -> list[str]:
    return [line.text for line in read_docx(data)]


def test_grid_span_and_vmerge_give_one_cell_per_grid_column():
    d = docx.Document()
    t = _table(d, [["Tkr", "Budget 2026", "", "Bokslut 2025"],
                   ["Verksamhet", "Intäkter", "Kostnader", ""],
                   ["Skola", "1 000", "−5 000", "4 100"],
                   ["", "200", "300", "50"]])
    t.cell(0, 1).merge(t.cell(0, 2))  # gridSpan in the header
    t.cell(0, 3).merge(t.cell(1, 3))  # vMerge in the header
    t.cell(2, 0).merge(t.cell(3, 0))  # vMerge in the body
    lines = read_docx(_save(d))
    rows = [line.cells for line in lines if line.tabular]
    assert all(len(r) == 4 for r in rows)
    assert rows[0] == ("Tkr", "Budget 2026", "", "Bokslut 2025")
    assert rows[1] == ("Verksamhet", "Intäkter", "Kostnader", "")
    assert rows[2][0] == "Skola" and rows[3][0] == ""


def test_repeated_header_row_is_not_a_data_row_twice():
    d = docx.Document()
    d.add_paragraph("Driftredovisning")
    rows = [["Verksamhet, tkr", "Budget 2026", "Budget 2025"],
            ["Förskola", "10 000", "9 000"],
            ["Verksamhet, tkr", "Budget 2026", "Budget 2025"],
            ["Grundskola", "20 000", "19 000"]]
    t = _table(d, rows)
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    texts = _texts(_save(d))
    assert texts.count("\t".join(rows[0])) == 1
    assert "Grundskola\t20 000\t19 000" in texts


def test_nested_table_is_its_own_block_and_cell_breaks_become_spaces():
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].add_run("Rad ett")
    cell.paragraphs[0].add_run().add_break()
    cell.paragraphs[0].add_run("rad två")
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Verksamhet", "Budget 2026"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Kultur", "1 500"
    texts = _texts(_save(d))
    assert "Rad ett rad två" in texts
    assert "Verksamhet\tBudget 2026" in texts and "Kultur\t1 500" in texts


def test_content_controls_text_boxes_and_footnotes_are_read_in_order():
    d = docx.Document()
    d.add_heading("Inledning", level=1)
    body = d.element.body
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Text i innehållskontroll</w:t></w:r>'
                    '</w:p></w:sdtContent></w:sdt>')
    body.insert(body.index(body[-1]), sdt)  # before sectPr
    p = d.add_paragraph("Nettokostnad")
    p._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          '<w:footnoteReference w:id="1"/></w:r>'))
    p._p.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:r><w:t> ökar</w:t></w:r></w:sdtContent></w:sdt>'))
    box = parse_xml(
        f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><w:txbxContent><w:p><w:r><w:t>Faktaruta</w:t></w:r></w:p></w:txbxContent></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Faktaruta</w:t></w:r>'
        '</w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    body.insert(body.index(body[-1]), box)
    texts = [t for t in _texts(_save(d)) if t]
    assert texts == ["Inledning", "Text i innehållskontroll", "Nettokostnad ¹ ökar", "Faktaruta"]


def test_italic_off_toggle_and_nbsp_minus_numbers_parse():
    d = docx.Document()
    d.add_paragraph("Driftredovisning")
    rows = [["Verksamhet, tkr", "Budget 2026", "Budget 2025"],
            ["Förskola", "10\u00a0000", "\u22129\u00a0000"],
            ["Summa", "10\u00a0000", "\u22129\u00a0000"]]
    t = _table(d, rows)
    t.cell(1, 0).paragraphs[0].runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:i {W} w:val="0"/>'))
    d.add_paragraph("")
    d.add_paragraph("")
    assert "<i>" not in "".join(_texts(_save(d)))
    ex = parse_document(_save(d), "b.docx")
    [table] = ex.tables
    values = {r.label: r.values for r in table.rows}
    assert values["Förskola"] == [Decimal(10000), Decimal(-9000)]



def test_grid_before_keeps_a_shorter_row_in_its_columns():
    d = docx.Document()
    t = _table(d, [["Verksamhet", "Budget 2026", "Budget 2025"], ["Skola", "1 000", "900"]])
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {W} w:val="1"/>'))
    rows = [line.cells for line in read_docx(_save(d)) if line.tabular]
    assert rows[1] == ("", "1 000", "900")
