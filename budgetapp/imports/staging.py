"""Lossless JSON round trip of an :class:`Extraction`, for the job's staged extraction.

``Extraction.to_json()`` is the CLI contract and turns Decimals into floats; the staged copy must
give the apply task exactly what the parse task saw, so table numbers are stored as ``{"d": "…"}``
(a string cell such as "I.U." stays a plain string). Unknown keys are ignored so older staged jobs
survive new optional fields.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from .parsing.extraction import DocumentInfo, Extraction, Goal, Indicator, ParseWarning, Table, TableRow


def _encode_cell(value: Any) -> Any:
    return {"d": str(value)} if isinstance(value, Decimal) else value


def _decode_cell(value: Any) -> Any:
    return Decimal(value["d"]) if isinstance(value, dict) and "d" in value else value


def _build(cls, data: dict[str, Any], **overrides: Any):
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    kwargs.update(overrides)
    return cls(**kwargs)


def dump(extraction: Extraction) -> dict[str, Any]:
    data = asdict(extraction)
    for table in data["tables"]:
        for row in table["rows"]:
            row["values"] = [_encode_cell(v) for v in row["values"]]
    return data


def load(data: dict[str, Any]) -> Extraction:
    def table(t: dict[str, Any]) -> Table:
        rows = [_build(TableRow, r, values=[_decode_cell(v) for v in r.get("values", [])]) for r in t["rows"]]
        return _build(Table, t, rows=rows)

    def goal(g: dict[str, Any]) -> Goal:
        return _build(Goal, g, indicators=[_build(Indicator, i) for i in g.get("indicators", [])])

    return _build(
        Extraction,
        data,
        document=_build(DocumentInfo, data["document"]),
        documents=[_build(DocumentInfo, d) for d in data.get("documents", [])],
        tables=[table(t) for t in data.get("tables", [])],
        goals=[goal(g) for g in data.get("goals", [])],
        warnings=[_build(ParseWarning, w) for w in data.get("warnings", [])],
    )
