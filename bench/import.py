"""Import benchmark: seconds and peak memory per seed document and per format.

For each seed in ../shared/seeds/*.txt: bare text extraction (reader only), parse (pipeline), and
the full import (parse + mapping + the one atomic write, rolled back so runs repeat). Then one
seed rebuilt as DOCX (real Word tables) and PDF (text layer) from the same lines, to compare the
formats. Prints one line per measurement plus a JSON summary. Run: ``.venv/bin/python bench/import.py``
(uses a throw-away SQLite database unless DATABASE_URL is set).
"""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetapp.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/budgetapp_bench_import.sqlite3")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from budgetapp.imports import services  # noqa: E402
from budgetapp.imports.parsing.readers import read_bytes  # noqa: E402
from tests.imports._support import make_pdf  # noqa: E402

SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def measure(fn) -> tuple[float, float]:
    """(seconds, peak MB): time without tracemalloc (it slows Python down), then memory separately."""
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak / 1048576


def full_import(data: bytes, name: str) -> None:
    extraction = services.parse_bytes(data, name)
    with transaction.atomic():
        services.import_extraction(extraction, file_name=name, sha256=services.sha256_of(data) + "")
        transaction.set_rollback(True)


def docx_from_text(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for row, cells in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, cells + [""] * (width - len(cells)), strict=True):
                cell.text = value.replace("<i>", "").replace("</i>", "")
        block.clear()

    for line in text.split("\n"):
        if "\t" in line:
            block.append(line.split("\t"))
        else:
            flush()
            document.add_paragraph(line.replace("<i>", "").replace("</i>", ""))
    flush()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    rows = []
    total_import = 0.0
    if SEEDS:  # first import in a process pays for lazy imports and caches; reported, not counted
        warm = SEEDS[-1].read_bytes()
        cold_s, _ = measure(lambda: full_import(warm, SEEDS[-1].name))
        print(f"warm-up (cold start, {SEEDS[-1].name}): {cold_s:.3f} s")
    for path in SEEDS:
        data = path.read_bytes()
        extract_s, extract_mb = measure(lambda d=data, n=path.name: read_bytes(d, n))
        import_s, import_mb = measure(lambda d=data, n=path.name: full_import(d, n))
        total_import += import_s
        rows.append({"seed": path.name, "format": "text", "bytes": len(data), "extract_s": round(extract_s, 3),
                     "import_s": round(import_s, 3), "peak_mb": round(import_mb, 1),
                     "ratio_to_extract": round(import_s / max(extract_s, 1e-6), 1)})
        print(f"{path.name:28} text  import {import_s:6.3f} s  peak {import_mb:6.1f} MB  "
              f"(bare extraction {extract_s:.3f} s, {extract_mb:.1f} MB; ratio {rows[-1]['ratio_to_extract']})")
    print(f"all {len(SEEDS)} seeds imported in {total_import:.2f} s (target < 5 s)")
    # the same tables in three formats
    sample = next((p for p in SEEDS if p.name.startswith("001")), SEEDS[0] if SEEDS else None)
    if sample is not None:
        text = sample.read_text(encoding="utf-8")
        variants = {
            "text": text.encode("utf-8"),
            "docx": docx_from_text(text),
            "pdf": make_pdf([ln.replace("\t", "  ").replace("<i>", "").replace("</i>", "")
                             for ln in text.split("\n")], per_page=80),
        }
        for fmt, data in variants.items():
            name = f"{sample.stem}.{ 'txt' if fmt == 'text' else fmt}"
            extract_s, _ = measure(lambda d=data, n=name: read_bytes(d, n))
            import_s, import_mb = measure(lambda d=data, n=name: full_import(d, n))
            rows.append({"seed": name, "format": fmt, "bytes": len(data), "extract_s": round(extract_s, 3),
                         "import_s": round(import_s, 3), "peak_mb": round(import_mb, 1),
                         "ratio_to_extract": round(import_s / max(extract_s, 1e-6), 1)})
            print(f"{name:28} {fmt:5} import {import_s:6.3f} s  peak {import_mb:6.1f} MB  "
                  f"(bare extraction {extract_s:.3f} s; ratio {rows[-1]['ratio_to_extract']})")
    print(json.dumps({"total_import_s": round(total_import, 2), "rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
