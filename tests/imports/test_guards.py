"""The upload guard rejects a crafted corpus before any parser runs, with bounded memory."""

from __future__ import annotations

import os
import tracemalloc
from unittest import mock

import pytest

from budgetapp.imports import guards, services
from budgetapp.imports.guards import UploadRejected, check_upload

from ._support import make_docx, make_pdf, make_xlsx, many_members_zip, nested_zip, plain_zip, zip_bomb

MB = 1024 * 1024


def corpus() -> dict[str, bytes]:
    docx = make_docx(["Driftsammandrag"], [["Nettokostnad, tkr", "Budget 2024"], ["Ekonomistaben", "34 800"]])
    pdf = make_pdf(["Driftsammandrag", "Ekonomistaben 34 800"])
    return {
        "tom.txt": b"",
        "skrap.bin": os.urandom(64 * 1024).replace(b"%PDF", b"xxxx").replace(b"PK", b"pk"),
        "nollor.txt": b"\x00" * 4096,
        "bild.docx": b"\x89PNG\r\n\x1a\n" + os.urandom(2048),
        "gammal.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096,
        "program.pdf": b"\x7fELF\x02\x01\x01" + os.urandom(1024),
        "for-stor.txt": b"a" * (21 * MB),
        "femtio-mb.pdf": b"%PDF-1.4\n" + b"0" * (50 * MB),
        "zipbomb.docx": zip_bomb(),
        "manga-delar.docx": many_members_zip(),
        "nastlad.docx": nested_zip(),
        "vanlig.zip": plain_zip(),
        "avkortad.docx": docx[: len(docx) // 2],
        "avkortad.pdf": pdf[: len(pdf) // 2],
        "krypterad.pdf": make_pdf(["hemligt"], encrypt=True),
        "latin.txt": b"Budget" + bytes([0x81, 0x8D, 0x8F]) * 10,
    }


@pytest.fixture(scope="module")
def crafted() -> dict[str, bytes]:
    return corpus()


def test_corpus_is_large_enough(crafted):
    assert len(crafted) >= 10


@pytest.mark.parametrize("name", list(corpus().keys()))
def test_each_crafted_file_is_rejected_before_parsing(crafted, name):
    with mock.patch("budgetapp.imports.parsing.pipeline.parse_document") as parse, \
         mock.patch("budgetapp.imports.ledger.read_ledger") as ledger, pytest.raises(UploadRejected) as err:
        services.parse_bytes(crafted[name], name)
    parse.assert_not_called()
    ledger.assert_not_called()
    assert name in err.value.message  # the message names the file …
    assert len(err.value.message) > len(name) + 10  # … and the problem, in Swedish


def test_messages_say_what_is_wrong(crafted):
    def msg(name: str) -> str:
        with pytest.raises(UploadRejected) as err:
            check_upload(crafted[name], name)
        return err.value.message

    assert "tom" in msg("tom.txt")
    assert "zip-bomb" in msg("zipbomb.docx")
    assert "krypterad" in msg("krypterad.pdf")
    assert "ofullständig" in msg("avkortad.pdf")
    assert "trasig eller ofullständig" in msg("avkortad.docx")
    assert "största tillåtna" in msg("femtio-mb.pdf")
    assert "inbäddat arkiv" in msg("nastlad.docx")
    assert "binära data" in msg("skrap.bin")


def test_memory_growth_while_rejecting_stays_small(crafted):
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        for name, data in crafted.items():
            with pytest.raises(UploadRejected):
                check_upload(data, name)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    growth = peak - baseline
    print(f"peak memory growth while rejecting {len(crafted)} files: {growth / MB:.2f} MB")
    assert growth < 20 * MB


def test_real_documents_pass_and_are_typed_by_content():
    docx = make_docx(["Hej"], [["a", "b"]])
    assert check_upload(docx, "fel-namn.pdf").format == "docx"
    assert check_upload(make_xlsx([["Ansvar", "Konto", "Period", "Belopp"]]), "x.csv").format == "xlsx"
    assert check_upload(make_pdf(["Hej"]), "x.docx").format == "pdf"
    assert check_upload(b"Driftsammandrag\tBudget 2024\n", "x.bin").format == "text"
    assert check_upload("Budget för år 2024".encode("cp1252"), "x.txt").format == "text"


def test_size_limit_is_the_setting(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadRejected):
        guards.check_size(1001, "a.txt")
    guards.check_size(1000, "a.txt")


def test_unicode_text_with_bom_is_accepted_and_without_bom_is_binary():
    text = "Ekonomistaben\t1 234\nHR-staben\t−56\n"
    check_upload(text.encode("utf-16"), "rapport.txt")  # Excel's / Notepad's "Unicode text"
    with pytest.raises(UploadRejected):
        check_upload(text.encode("utf-16-le"), "rapport.txt")  # no BOM: NUL bytes, not recognisable text
