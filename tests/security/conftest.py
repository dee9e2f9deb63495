"""Data and users for the crawling security tests.

A published year (2024) with a small kommun plus a tiny synthetic kommun, so most models have a row
an object URL can point at, and an unpublished year (2025) holding a node with a sentinel name that
must never reach an anonymous visitor.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from budgetapp.accounts.models import NodeAssignment, Role
from budgetapp.budget.models import Scenario
from budgetapp.core.models import FiscalYear
from budgetapp.ops.synthetic import generate_kommun
from tests.factories import FigureFactory, OrgNodeFactory, SourceDocumentFactory, UserFactory, small_municipality

SENTINEL = "HEMLIG-ENHET-7F3A"
PUBLISHED_YEAR = 2024
UNPUBLISHED_YEAR = 2025


@dataclass
class Site:
    org: dict
    own_node: object
    other_node: object
    users: dict  # role name → user or None for anonymous


@pytest.fixture
def site(db) -> Site:
    FiscalYear.objects.update_or_create(year=PUBLISHED_YEAR, defaults={"is_published": True})
    FiscalYear.objects.update_or_create(year=UNPUBLISHED_YEAR, defaults={"is_published": False})
    org = small_municipality(PUBLISHED_YEAR)
    for key in ("stab_a", "stab_b", "vss"):
        FigureFactory(node=org[key], scenario=Scenario.BUDGET, amount=Decimal("1200"))
        FigureFactory(node=org[key], scenario=Scenario.FORECAST, period="interim", amount=Decimal("1250"))
    generate_kommun(units=4, years=1, first_year=PUBLISHED_YEAR, investments=3, goals=3, name="Minikommun")
    secret_root = OrgNodeFactory(year=UNPUBLISHED_YEAR, name=SENTINEL, kind="municipality")
    FigureFactory(node=secret_root, scenario=Scenario.BUDGET, amount=Decimal("777"))
    SourceDocumentFactory()
    admin = UserFactory(username="adm", role=Role.ADMIN, is_staff=True, is_superuser=True)
    controller = UserFactory(username="ctl", role=Role.CONTROLLER)
    NodeAssignment.objects.create(user=controller, node=org["stab_a"])
    viewer = UserFactory(username="vwr", role=Role.VIEWER)
    return Site(org=org, own_node=org["stab_a"], other_node=org["stab_b"],
                users={"admin": admin, "controller": controller, "viewer": viewer, "anonymous": None})


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client
