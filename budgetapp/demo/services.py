"""Load the demo kommun: Linköpings kommun 2020 and 2024 built from the seed documents.

`load_demo()` is idempotent (every write is keyed on a natural key and skipped when the row already
matches) and runs in one transaction. Conventions other apps can rely on:

- Figures from a document attach to the nodes of that document's organisation year, also for its
  other columns (001's "Utfall 2022" sits on the 2024 node, 000's "Budget 2019" on the 2020 node).
- A node's total has ``line_label=""``; stab-table lines carry their label. Figures are stored where the
  document prints them, so a förvaltning (VSS, Leanlink) may have totals of its own next to its units'.
- Monthly actuals (scenario actual, period month) are year-to-date through ``month``.
- Figures without a source document are demo values; their ``entered_by`` is the demo admin.
- 2024 has a closed, locked tertial 1 round and an open delår round (``build_followup``), so the demo
  controller can enter forecasts at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .build_figures import load_document_figures
from .build_followup import load_followup_rounds
from .build_generated import load_generated_figures
from .build_goals import load_assignments, load_goals, load_indicators
from .build_org import load_documents, load_fiscal_years, load_lineage, load_trees, load_users
from .build_other import load_investments_and_key_figures
from .data.people import DEMO_USERS


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # username, password, role, scope


@transaction.atomic
def load_demo() -> DemoSummary:
    summary = DemoSummary()
    docs = load_documents()
    load_fiscal_years()
    nodes = load_trees()
    summary.created["lineage"] = load_lineage(nodes)
    users = load_users(nodes)
    figures = load_document_figures(nodes, docs)
    figures += load_generated_figures(nodes, docs, users["admin"])
    summary.created["figures_and_changes"] = figures.created
    summary.created["investments_and_key_figures"] = load_investments_and_key_figures(nodes, docs).created
    goals = load_goals(nodes, docs)
    summary.created["indicator_values"] = load_indicators(goals, docs).created
    load_assignments(nodes, docs)
    summary.created["followup"] = load_followup_rounds(nodes, users).created
    for username, password, _role, _first, _last, _su, node_keys in DEMO_USERS:
        scope = ", ".join(nodes[2024][k].name for k in node_keys)
        summary.logins.append((username, password, users[username].get_role_display(), scope))
    return summary
