"""Upload checks that run BEFORE any parser sees the bytes.

Parsers (python-docx, openpyxl, pdfplumber) trust their input: a 284 KB crafted DOCX can make
python-docx inflate gigabytes of XML. So the type is decided by content (magic bytes, ZIP member
names), and ZIP containers are judged by their central directory alone (member count, declared
uncompressed size, compression ratio, nested archives) without decompressing anything. Every
rejection is an :class:`UploadRejected` with a Swedish message naming the file and the problem.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

from .parsing.extraction import ImportParseError

# Limits; each can be overridden in settings (IMPORT_ZIP_MAX_MEMBERS etc.).
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_MIN_SIZE = 1024 * 1024  # small members may compress extremely well (empty XML parts)
PDF_TAIL = 2048

_NESTED_ARCHIVE_RE = re.compile(r"\.(zip|docx|xlsx|docm|xlsm|pptx|jar|7z|rar|gz|tgz|bz2|xz|tar)$", re.I)
# Where Office keeps embedded objects (e.g. the workbook behind a chart); parsers never open them.
_EMBEDDING_DIRS = ("word/embeddings/", "xl/embeddings/", "word/charts/", "xl/charts/")

_KNOWN_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "är ett äldre Office-format (.doc/.xls) eller ett lösenordsskyddat Office-dokument; "
     "spara som .docx/.xlsx utan lösenord"),
    (b"\x89PNG", "är en PNG-bild, inte ett dokument"),
    (b"\xff\xd8\xff", "är en JPEG-bild, inte ett dokument"),
    (b"GIF8", "är en GIF-bild, inte ett dokument"),
    (b"\x7fELF", "är en körbar programfil"),
    (b"MZ", "är en körbar programfil"),
    (b"\x1f\x8b", "är ett gzip-arkiv"),
    (b"Rar!", "är ett RAR-arkiv"),
    (b"7z\xbc\xaf\x27\x1c", "är ett 7z-arkiv"),
    (b"{\\rtf", "är en RTF-fil; spara som .docx"),
]


class UploadRejected(ImportParseError):
    """An upload refused before parsing; same shape as the parsers' own error."""


@dataclass(frozen=True)
class CheckedUpload:
    format: str  # pdf | docx | xlsx | text
    size: int


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def check_size(size: int, filename: str) -> None:
    """Refuse empty and oversize files; callable with an UploadedFile's size before reading it."""
    limit = _limit("IMPORT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    if size == 0:
        raise UploadRejected(f"{filename}: filen är tom.")
    if size > limit:
        raise UploadRejected(
            f"{filename}: filen är {size / 1048576:.1f} MB; största tillåtna storlek är {limit / 1048576:.0f} MB."
        )


def check_upload(data: bytes, filename: str) -> CheckedUpload:
    """Decide the format by content and reject anything a parser should not be given."""
    check_size(len(data), filename)
    head = data[:16]
    if head.startswith(b"%PDF-"):
        _check_pdf(data, filename)
        return CheckedUpload("pdf", len(data))
    if head.startswith(b"PK\x03\x04"):
        return CheckedUpload(_check_zip(data, filename), len(data))
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08")):
        raise UploadRejected(f"{filename}: ZIP-arkivet är tomt eller delat i flera delar.")
    for magic, problem in _KNOWN_MAGIC:
        if head.startswith(magic):
            raise UploadRejected(f"{filename}: filen {problem}.")
    _check_text(data, filename)
    return CheckedUpload("text", len(data))


def _check_pdf(data: bytes, filename: str) -> None:
    tail = data[-PDF_TAIL:]
    if b"%%EOF" not in tail:
        raise UploadRejected(f"{filename}: PDF-filen är ofullständig (slutmarkeringen %%EOF saknas); "
                             "ladda upp filen igen.", page=None)
    # The encryption dictionary is referenced from the trailer (or the xref stream dictionary).
    if re.search(rb"/Encrypt\s", data) or b"/Encrypt" in tail:
        raise UploadRejected(f"{filename}: PDF-filen är krypterad eller lösenordsskyddad; "
                             "spara en kopia utan skydd och försök igen.")
    if b"/Page" not in data:
        raise UploadRejected(f"{filename}: PDF-filen innehåller inga sidor.")


def _check_zip(data: bytes, filename: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadRejected(f"{filename}: filen ser ut som ett Word/Excel-dokument men är trasig eller "
                             f"ofullständig ({exc.__class__.__name__}).") from exc
    with archive:
        infos = archive.infolist()
        max_members = _limit("IMPORT_ZIP_MAX_MEMBERS", ZIP_MAX_MEMBERS)
        if len(infos) > max_members:
            raise UploadRejected(f"{filename}: dokumentet innehåller {len(infos)} delar (högst {max_members} "
                                 "tillåts); det kan vara en så kallad zip-bomb.")
        total = 0
        names = set()
        for info in infos:
            names.add(info.filename)
            if info.flag_bits & 0x1:
                raise UploadRejected(f"{filename}: dokumentet är krypterat eller lösenordsskyddat.")
            total += info.file_size
            ratio_floor = _limit("IMPORT_ZIP_RATIO_MIN_SIZE", ZIP_RATIO_MIN_SIZE)
            max_ratio = _limit("IMPORT_ZIP_MAX_RATIO", ZIP_MAX_RATIO)
            if info.file_size > ratio_floor and info.file_size > max_ratio * max(info.compress_size, 1):
                raise UploadRejected(
                    f"{filename}: delen {info.filename} packas upp {info.file_size // max(info.compress_size, 1)} "
                    f"gånger större än den är (högst {max_ratio} tillåts); filen liknar en zip-bomb."
                )
            if _NESTED_ARCHIVE_RE.search(info.filename) and not info.filename.startswith(_EMBEDDING_DIRS):
                raise UploadRejected(f"{filename}: dokumentet innehåller ett inbäddat arkiv ({info.filename}); "
                                     "det tillåts inte.")
        max_total = _limit("IMPORT_ZIP_MAX_UNCOMPRESSED", ZIP_MAX_UNCOMPRESSED)
        if total > max_total:
            raise UploadRejected(f"{filename}: dokumentet blir {total / 1048576:.0f} MB uppackat (högst "
                                 f"{max_total / 1048576:.0f} MB tillåts); det kan vara en zip-bomb.")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UploadRejected(f"{filename}: ZIP-filen är varken ett Word-dokument (.docx) eller en Excel-fil (.xlsx).")


def _check_text(data: bytes, filename: str) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's and Notepad's "Unicode" text
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UploadRejected(f"{filename}: filen börjar som UTF-16 men innehåller ogiltiga tecken.") from exc
        controls = sum(1 for ch in text[:32768] if ord(ch) < 32 and ch not in "\t\n\f\r")
        if controls > max(2, min(len(text), 32768) // 200):
            raise UploadRejected(f"{filename}: filen innehåller binära data och är varken text, PDF, DOCX eller XLSX.")
        return
    sample = data[:65536]
    if b"\x00" in sample:
        raise UploadRejected(f"{filename}: filen innehåller binära data och är varken text, PDF, DOCX eller XLSX.")
    # control characters other than TAB, LF, CR and form feed do not occur in real text
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(2, len(sample) // 200):
        raise UploadRejected(f"{filename}: filen innehåller binära data och är varken text, PDF, DOCX eller XLSX.")
    try:
        data.decode("utf-8-sig")
        return
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise UploadRejected(f"{filename}: texten har en okänd teckenkodning (varken UTF-8 eller Windows-1252).",
                             line=line) from exc
