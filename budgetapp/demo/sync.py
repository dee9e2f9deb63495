"""Idempotent bulk upsert keyed on natural keys: the reason `load_demo` can run twice unchanged.

`update_or_create` per row would cost two queries a row; the demo has a few thousand rows, so we load
the existing rows of a scope once, create what is missing and update only what differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0

    def __iadd__(self, other: SyncResult) -> SyncResult:
        self.created += other.created
        self.updated += other.updated
        return self


def sync_rows(model: type[models.Model], key_fields: Sequence[str], rows: Iterable[dict],
              scope: models.QuerySet) -> SyncResult:
    """Make `scope` contain `rows` (dicts of attnames): create missing rows, update changed ones.

    Rows of `scope` that are not in `rows` are left alone (the demo never deletes user data).
    """
    rows = list(rows)
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in scope}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    seen: set[tuple] = set()
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        if key in seen:
            raise ValueError(f"Dubblett i demodata för {model.__name__}: {key}")
        seen.add(key)
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**row))
            continue
        diff = [f for f, value in row.items() if f not in key_fields and getattr(obj, f) != value]
        if diff:
            for f in diff:
                setattr(obj, f, row[f])
            changed_fields.update(diff)
            to_update.append(obj)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    return SyncResult(len(to_create), len(to_update))



def upsert(model: type[models.Model], lookup: dict, defaults: dict) -> tuple[models.Model, bool]:
    """Like `update_or_create`, but writes nothing when the stored row already matches.

    `update_or_create` always saves, which would touch `entered_at` on every demo run. Foreign keys
    are compared by id, so no related rows are loaded.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    diff = {}
    for name, value in defaults.items():
        field = model._meta.get_field(name)
        attname = field.attname
        if field.many_to_one:
            value = value.pk if value is not None else None
        if getattr(obj, attname) != value:
            diff[attname] = value
    if diff:
        for attname, value in diff.items():
            setattr(obj, attname, value)
        obj.save()
    return obj, False
