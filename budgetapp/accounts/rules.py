"""Object-level permissions with the `rules` package.

Permissions are checked server-side on every write. A controller writes only nodes assigned to them
and their descendants; an approver approves in their subtree; viewers read; admins do everything.
"""

from __future__ import annotations

import rules

from .models import Role


def assigned_root_ids(user) -> frozenset[int]:
    """Ids of the nodes assigned to `user` (not their descendants): one small query, cached per request."""
    cached = getattr(user, "_assigned_root_ids", None)
    if cached is not None:
        return cached
    roots = frozenset(user.assignments.values_list("node_id", flat=True)) if user.is_authenticated else frozenset()
    user._assigned_root_ids = roots
    return roots


def assigned_node_ids(user) -> set[int]:
    """Ids of all nodes in the subtrees assigned to `user`, cached on the user object per request."""
    cached = getattr(user, "_assigned_node_ids", None)
    if cached is not None:
        return cached
    from budgetapp.organisation.selectors import subtree_ids

    roots = assigned_root_ids(user)
    ids = subtree_ids(roots) if roots else set()
    user._assigned_node_ids = ids
    return ids


@rules.predicate
def is_budget_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_controller(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.CONTROLLER)


@rules.predicate
def is_approver(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.APPROVER)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def node_is_assigned(user, node) -> bool:
    if node is None or not user.is_authenticated:
        return False
    known = getattr(node, "path_assignment", None)
    if known is not None and known[0] == user.pk:
        return bool(known[1])  # read with the node's path, for this user (followup.selectors_cell)
    path = getattr(node, "tree_path", None)
    if path is not None and getattr(user, "_assigned_node_ids", None) is None:
        # The node knows its ancestors (django-tree-queries' tree_path, root to node): it is in an
        # assigned subtree exactly when one of them is assigned. No subtree walk is needed for a
        # single write; a path cut short by a filtered tree can only deny, never grant.
        return not assigned_root_ids(user).isdisjoint(path)
    node_id = node if isinstance(node, int) else node.pk
    return node_id in assigned_node_ids(user)


rules.add_perm("budget.view_internal", is_signed_in)
rules.add_perm("budget.edit_forecast", is_budget_admin | (is_controller & node_is_assigned))
rules.add_perm("budget.submit_forecast", is_budget_admin | (is_controller & node_is_assigned))
rules.add_perm("budget.approve_forecast", is_budget_admin | (is_approver & node_is_assigned))
rules.add_perm("budget.manage_rounds", is_budget_admin)
rules.add_perm("imports.import_documents", is_budget_admin)
rules.add_perm("organisation.manage", is_budget_admin)
