"""Role permissions: a controller writes only their own subtree, approvers approve there, viewers read."""

import pytest

from budgetapp.accounts.models import NodeAssignment, Role
from tests.factories import UserFactory, small_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return small_municipality()


def _user(role, *nodes):
    user = UserFactory(role=role)
    for node in nodes:
        NodeAssignment.objects.create(user=user, node=node)
    return user


def test_controller_edits_only_assigned_subtree(org):
    controller = _user(Role.CONTROLLER, org["stab_a"])
    assert controller.has_perm("budget.edit_forecast", org["stab_a"])
    assert not controller.has_perm("budget.edit_forecast", org["stab_b"])
    assert not controller.has_perm("budget.edit_forecast", org["klf"])
    assert not controller.has_perm("budget.approve_forecast", org["stab_a"])


def test_assignment_to_a_parent_covers_descendants(org):
    controller = _user(Role.CONTROLLER, org["klf"])
    assert controller.has_perm("budget.edit_forecast", org["stab_a"])
    assert controller.has_perm("budget.edit_forecast", org["stab_b"])
    assert not controller.has_perm("budget.edit_forecast", org["vss"])


def test_approver_approves_in_subtree_but_does_not_enter(org):
    approver = _user(Role.APPROVER, org["klf"])
    assert approver.has_perm("budget.approve_forecast", org["stab_b"])
    assert not approver.has_perm("budget.approve_forecast", org["vss"])
    assert not approver.has_perm("budget.edit_forecast", org["stab_b"])


@pytest.mark.parametrize("perm", ["budget.edit_forecast", "budget.approve_forecast", "budget.manage_rounds",
                                  "imports.import_documents"])
def test_viewer_and_inactive_users_cannot_write(org, perm):
    viewer = _user(Role.VIEWER, org["klf"])
    assert not viewer.has_perm(perm, org["stab_a"])
    inactive_admin = UserFactory(role=Role.ADMIN, is_active=False)
    assert not inactive_admin.has_perm(perm, org["stab_a"])


def test_admin_may_do_everything(org):
    admin = UserFactory(role=Role.ADMIN)
    for perm in ("budget.edit_forecast", "budget.approve_forecast", "budget.manage_rounds",
                 "imports.import_documents", "organisation.manage"):
        assert admin.has_perm(perm, org["stab_b"])


def test_anonymous_has_no_write_permission(org):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("budget.edit_forecast", org["stab_a"])
    assert not AnonymousUser().has_perm("budget.view_internal")


def test_assigned_ids_are_computed_with_a_fixed_number_of_queries(org, django_assert_num_queries):
    from budgetapp.accounts.rules import assigned_node_ids

    controller = _user(Role.CONTROLLER, org["klf"], org["vss"])
    with django_assert_num_queries(2):
        ids = assigned_node_ids(controller)
    assert ids == {org["klf"].pk, org["stab_a"].pk, org["stab_b"].pk, org["vss"].pk}
