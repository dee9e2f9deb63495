"""Fixtures for follow-up tests: a small organisation, one user per role and an open tertial round."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from budgetapp.accounts.models import Role
from budgetapp.budget.models import PeriodKind, Scenario
from budgetapp.followup.models import FollowUpRound
from tests.factories import FigureFactory, NodeAssignmentFactory, UserFactory, small_municipality


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org(db):
    nodes = small_municipality(2024)
    FigureFactory(node=nodes["stab_a"], amount=Decimal("10000"))
    FigureFactory(node=nodes["stab_b"], amount=Decimal("5000"))
    FigureFactory(node=nodes["vss"], measure="result", amount=Decimal("200"))
    # accumulated actuals: March and April; the grid must show April (the round's month)
    FigureFactory(node=nodes["stab_a"], scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=3,
                  amount=Decimal("2400"))
    FigureFactory(node=nodes["stab_a"], scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=4,
                  amount=Decimal("3300"))
    FigureFactory(node=nodes["stab_a"], scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=5,
                  amount=Decimal("9999"))
    return nodes


@pytest.fixture
def users(org):
    admin = UserFactory(username="admin", role=Role.ADMIN)
    viewer = UserFactory(username="viewer", role=Role.VIEWER)
    ctrl_a = NodeAssignmentFactory(user=UserFactory(username="ctrl_a", role=Role.CONTROLLER),
                                   node=org["stab_a"]).user
    ctrl_b = NodeAssignmentFactory(user=UserFactory(username="ctrl_b", role=Role.CONTROLLER),
                                   node=org["stab_b"]).user
    approver = NodeAssignmentFactory(user=UserFactory(username="approver", role=Role.APPROVER),
                                     node=org["klf"]).user
    return {"admin": admin, "viewer": viewer, "ctrl_a": ctrl_a, "ctrl_b": ctrl_b, "approver": approver}


@pytest.fixture
def rnd(users):
    return FollowUpRound.objects.create(year=2024, period=PeriodKind.TERTIAL_1, deadline=dt.date(2024, 5, 15),
                                        opened_by=users["admin"])


def client_for(client, user):
    client.force_login(user)
    return client
