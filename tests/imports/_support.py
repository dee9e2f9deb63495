"""Builders shared by the import tests: extractions, small DOCX/PDF/XLSX files and a crafted corpus."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from budgetapp.imports.parsing.extraction import (
    DocumentInfo,
    Extraction,
    Goal,
    Indicator,
    Table,
    TableRow,
)

D = Decimal


def operating_extraction(year: int = 2024, *, unit: str = "mnkr", planeringsstaben: str = "41,4",
                         organisation: str = "Kommunstyrelsen") -> Extraction:
    """A small driftsammandrag like 001:312-360 (mnkr, Utfall/Budget/Plan columns, change rows)."""
    info = DocumentInfo(kind="internal_budget", title=f"Kommunstyrelsens internbudget {year}",
                        organisation=organisation, year=year, plan_years=[year + 1], first_line=1, last_line=400)
    p = D(planeringsstaben.replace(",", "."))
    table = Table(
        kind="operating_summary", title="Driftsammandrag", unit=unit, page_or_line=312,
        columns=[f"Utfall {year - 2}", f"Budget {year - 1}", f"Budget {year}", f"Plan {year + 1}"],
        rows=[
            TableRow("Ekonomistaben", [D("26.1"), D("34.0"), D("34.8"), D("34.8")], line=345),
            TableRow("Planeringsstaben", [D("35.4"), D("40.7"), p, D("41.7")], line=331),
            TableRow("E-arkiv, budgetöverföring nämnder", [None, None, D("0.2"), D("0.2")],
                     parent="Planeringsstaben", line=333, row_type="change"),
            TableRow("Utökad avgift Leader Folkungaland**", [None, None, None, D("0.3")],
                     parent="Planeringsstaben", line=334, row_type="change"),
            TableRow("Verksamhetsstöd och service", [D("-2.4"), D("0"), D("1.5"), D("0")], line=350),
            TableRow("Summa nämndens internbudget", [D("554.9"), D("618.5"), D("666.8"), D("673.7")],
                     line=358, row_type="sum"),
            TableRow("varav intäkter", [D("83.9"), D("52.2"), D("52.2"), D("50.0")],
                     parent="Summa nämndens internbudget", line=359, row_type="varav"),
            TableRow("Avvecklingsenheten", [D("1.0"), D("2.0"), D("3.0"), D("0")], line=357),
        ],
    )
    goal = Goal(target_area="Medarbetare", municipal_goal="Attraktiv arbetsgivare", committee_goal="Goda arbetsplatser",
                description="Beskrivning", status=None, line=640, kind="committee_goal",
                indicators=[
                    Indicator("Sjukfrånvaro (%)", ["2022", "2023", f"Målvärde {year}"], ["2,2", "I.U.", "Mindre än 4"],
                              line=641),
                    Indicator("Kvinnor", ["2022", "2023", f"Målvärde {year}"], ["2,5", "I.U.", "-"],
                              parent="Sjukfrånvaro (%)", line=642),
                ])
    personnel = Table(kind="personnel", title="Personal", unit="antal", page_or_line=821,
                      columns=[f"Utfall {year - 2}", f"Budget {year}"],
                      rows=[TableRow("Antal tillsvidareanställda", [D("130"), D("132")], line=822)])
    invest = Table(kind="investment_frame", title="Investeringar", unit="mnkr", page_or_line=612,
                   columns=[f"Budget {year}", f"Plan {year + 1}"],
                   rows=[TableRow("Inventarier", [D("1.5"), D("1.5")], line=614)])
    return Extraction(document=info, documents=[info], tables=[table, personnel, invest], goals=[goal])


def annual_report_extraction(year: int = 2020) -> Extraction:
    info = DocumentInfo(kind="annual_report", title=f"Verksamhetsberättelse {year}", organisation="Kommunstyrelsen",
                        year=year, first_line=1, last_line=855)
    table = Table(kind="operating_summary", title="Driftsammandrag", unit="tkr", page_or_line=231,
                  columns=[f"Bokslut {year}", f"Budget {year}", "Avvikelse", f"Bokslut {year - 1}"],
                  rows=[TableRow("Planeringsstaben", [D(29317), D(35647), D(6330), D(34220)], line=234),
                        TableRow("Verksamhetsstöd och service*", [D(6773), D(0), D(6773), D(17301)], line=242)])
    projects = Table(kind="investment_projects", title="Stora investeringsprojekt", unit="mnkr", page_or_line=322,
                     columns=["Slutår", "Beslutad budget", "Ack. utfall", "Prognos utfall", "Prognos-avvikelse",
                              f"Budget {year}", f"Utfall {year}", "Budget-avvikelse"],
                     rows=[TableRow("KS ny simhall", [D(2022), D("990.5"), D("536.2"), D("990.5"), D(0), D(272),
                                                      D(422), D(-150)], line=323)])
    goal = Goal(target_area="Samhälle", municipal_goal=None, committee_goal="Giftfri miljö", status="ej uppfyllt",
                status_text="bedöms nämndmålet som inte uppnått", line=464, indicators=[])
    return Extraction(document=info, documents=[info], tables=[table, projects], goals=[goal])


# --- files -----------------------------------------------------------------------------------

def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.rows[r].cells[c].text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_pdf(lines: list[str], *, encrypt: bool = False, per_page: int = 0) -> bytes:
    """A minimal PDF with a text layer (Helvetica, WinAnsi) – no PDF library needed."""
    if per_page and len(lines) > per_page:
        return _make_pdf_pages([lines[i:i + per_page] for i in range(0, len(lines), per_page)])
    def esc(s: str) -> bytes:
        return s.encode("cp1252", errors="replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"BT /F1 9 Tf 40 800 Td 11 TL\n" + b"".join(b"(" + esc(ln) + b") Tj T*\n" for ln in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R".encode()
    if encrypt:
        trailer += b" /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>"
    out.write(trailer + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _make_pdf_pages(pages: list[list[str]]) -> bytes:
    def esc(s: str) -> bytes:
        return s.encode("cp1252", errors="replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    n = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(n))
               + f"] /Count {n} >>".encode()]
    font_no = 3 + 2 * n
    for i, lines in enumerate(pages):
        content = b"BT /F1 7 Tf 20 820 Td 9 TL\n" + b"".join(b"(" + esc(ln) + b") Tj T*\n" for ln in lines) + b"ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 842] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font_no} 0 R >> >> >>".encode())
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def zip_bomb(member: str = "word/document.xml", size: int = 100 * 1024 * 1024) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(member, "w", force_zip64=True) as fh:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            written = 0
            while written < size:
                fh.write(chunk)
                written += len(chunk)
    return buf.getvalue()


def many_members_zip(count: int = 5000) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(count):
            zf.writestr(f"word/media/x{i}.bin", b"")
    return buf.getvalue()


def nested_zip() -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", "x")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/payload.zip", inner.getvalue())
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hej")
    return buf.getvalue()
