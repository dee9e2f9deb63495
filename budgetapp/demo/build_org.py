"""Source documents, fiscal years, the org trees with lineage, and the demo users."""

from __future__ import annotations

from budgetapp.accounts.models import NodeAssignment, User
from budgetapp.core.models import FiscalYear, SourceDocument
from budgetapp.organisation.models import LineageKind, OrgLineage, OrgNode

from .data.documents import DOCUMENTS
from .data.organisation import EXTRA_LINEAGE, TREES
from .data.people import DEMO_USERS
from .sync import upsert

#: year → published? 2020 is closed and public; 2024 is the running year.
FISCAL_YEARS = {2019: True, 2020: True, 2021: False, 2022: True, 2023: True, 2024: False,
                2025: False, 2026: False, 2027: False, 2028: False, 2029: False}

Nodes = dict[int, dict[str, OrgNode]]


def load_documents() -> dict[str, SourceDocument]:
    docs = {}
    for alias, values in DOCUMENTS.items():
        fields = {k: v for k, v in values.items() if k != "title"}
        docs[alias], _ = upsert(SourceDocument, {"title": values["title"]}, fields)
    return docs


def load_fiscal_years() -> None:
    existing = set(FiscalYear.objects.values_list("year", flat=True))
    FiscalYear.objects.bulk_create(
        [FiscalYear(year=y, is_published=pub) for y, pub in FISCAL_YEARS.items() if y not in existing]
    )
    # Publication is the demo's statement about 2020 and 2024; other years keep what an admin chose.
    FiscalYear.objects.filter(year=2020).update(is_published=True)
    FiscalYear.objects.filter(year=2024).update(is_published=False)


def load_trees() -> Nodes:
    """Create or update every node, keyed on (year, code); parents are created before children."""
    nodes: Nodes = {}
    for year, rows in TREES.items():
        existing = {n.code: n for n in OrgNode.objects.filter(year=year).exclude(code="")}
        by_key: dict[str, OrgNode] = {}
        for order, (key, parent_key, name, kind, code, options) in enumerate(rows):
            wanted = {
                "name": name, "kind": kind, "parent": by_key[parent_key] if parent_key else None,
                "short_name": options.get("short_name", ""), "financing": options.get("financing", "appropriation"),
                "within_frame": options.get("within_frame", True), "aliases": options.get("aliases", []),
                "sort_order": order,
            }
            node = existing.get(code)
            if node is None:
                node = OrgNode.objects.create(year=year, code=code, **wanted)
            elif any(getattr(node, f) != v for f, v in wanted.items()):
                for f, v in wanted.items():
                    setattr(node, f, v)
                node.save()
            by_key[key] = node
        nodes[year] = by_key
    return nodes


def lineage_rows(nodes: Nodes) -> list[tuple[OrgNode, OrgNode, str, str]]:
    """Links 2020 → 2024: shared keys continue (or are moved/renamed), plus the documented merges/splits."""
    old, new = nodes[2020], nodes[2024]
    parent_key = {year: {k: p for k, p, *_ in TREES[year]} for year in TREES}
    links = []
    for key, node in old.items():
        if key not in new:
            continue
        successor = new[key]
        if parent_key[2020][key] != parent_key[2024][key]:
            kind, note = LineageKind.MOVED, f"Flyttad till {successor.parent.name}"
        elif node.name != successor.name:
            kind, note = LineageKind.RENAMED, f"Nytt namn: {successor.name}"
        else:
            kind, note = LineageKind.CONTINUES, ""
        links.append((node, successor, kind, note))
    links += [(old[a], new[b], kind, note) for a, b, kind, note in EXTRA_LINEAGE]
    return links


def load_lineage(nodes: Nodes) -> int:
    existing = {(p, s): (k, n) for p, s, k, n in
                OrgLineage.objects.values_list("predecessor_id", "successor_id", "kind", "note")}
    created = 0
    for pred, succ, kind, note in lineage_rows(nodes):
        current = existing.get((pred.pk, succ.pk))
        if current is None:
            OrgLineage.objects.create(predecessor=pred, successor=succ, kind=kind, note=note)
            created += 1
        elif current != (kind, note):
            OrgLineage.objects.filter(predecessor=pred, successor=succ).update(kind=kind, note=note)
    return created


def load_users(nodes: Nodes) -> dict[str, User]:
    """One user per role. Passwords are set when a user is created (documented in the command output)."""
    users = {}
    for username, password, role, first, last, superuser, node_keys in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"role": role, "first_name": first, "last_name": last, "is_staff": superuser,
                      "is_superuser": superuser, "email": f"{username}@demo.linkoping.example"},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif user.role != role or user.is_superuser != superuser:
            user.role, user.is_superuser, user.is_staff = role, superuser, superuser
            user.save(update_fields=["role", "is_superuser", "is_staff"])
        for key in node_keys:
            NodeAssignment.objects.get_or_create(user=user, node=nodes[2024][key])
        users[username] = user
    return users
