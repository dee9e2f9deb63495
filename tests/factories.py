"""factory_boy factories shared by every test package."""

from decimal import Decimal

import factory

from budgetapp.accounts.models import NodeAssignment, Role, User
from budgetapp.budget.models import Figure, Measure, PeriodKind, Scenario
from budgetapp.core.models import FiscalYear, SourceDocument
from budgetapp.organisation.models import NodeKind, OrgNode

TEST_PASSWORD = "Testlösen-123!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    role = Role.VIEWER
    password = factory.django.Password(TEST_PASSWORD)


class FiscalYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ("year",)

    year = 2024
    is_published = True


class OrgNodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgNode

    year = 2024
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = NodeKind.STAFF_UNIT


class NodeAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NodeAssignment

    user = factory.SubFactory(UserFactory, role=Role.CONTROLLER)
    node = factory.SubFactory(OrgNodeFactory)


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument

    title = factory.Sequence(lambda n: f"Internbudget {n}")
    kind = "internal_budget"
    year = 2024


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    node = factory.SubFactory(OrgNodeFactory)
    year = factory.SelfAttribute("node.year")
    basis_year = factory.SelfAttribute("year")
    period = PeriodKind.FULL_YEAR
    scenario = Scenario.BUDGET
    measure = Measure.NET_COST
    amount = Decimal("1000")


def small_municipality(year: int = 2024) -> dict[str, OrgNode]:
    """kommun → KS → KLF → two staber, plus a revenue-funded förvaltning; returns nodes by short key."""
    kommun = OrgNodeFactory(year=year, name="Demokommun", kind=NodeKind.MUNICIPALITY)
    ks = OrgNodeFactory(year=year, name="Kommunstyrelsen", kind=NodeKind.COMMITTEE, parent=kommun)
    klf = OrgNodeFactory(year=year, name="Kommunledningsförvaltningen", kind=NodeKind.ADMINISTRATION, parent=ks)
    stab_a = OrgNodeFactory(year=year, name="Ekonomistaben", parent=klf)
    stab_b = OrgNodeFactory(year=year, name="HR-staben", parent=klf)
    vss = OrgNodeFactory(year=year, name="Verksamhetsstöd och service", kind=NodeKind.ADMINISTRATION,
                         parent=ks, financing="revenue", within_frame=False)
    return {"kommun": kommun, "ks": ks, "klf": klf, "stab_a": stab_a, "stab_b": stab_b, "vss": vss}
