"""Org tree queries and role permissions on the demo kommun."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from budgetapp.accounts.models import User
from budgetapp.demo.data.people import DEMO_USERS
from budgetapp.organisation.models import OrgLineage, OrgNode
from budgetapp.organisation.selectors import children_as_of, counterparts_in_year, name_in_year, tree_for_year

pytestmark = pytest.mark.django_db

KLF_2020 = ["Kommunledning", "Planeringsstaben", "Digitaliseringsstaben", "Näringsliv och tillväxtstaben",
            "Ekonomistaben", "HR-staben", "Kommunikationsstaben", "Administrativa staben"]
KLF_2024 = ["Kommunstyrelsen", "Kommungemensamt", "Kommunledningsstaben", "Planeringsstaben",
            "Näringsliv- och tillväxtstaben", "Ekonomistaben", "HR-staben", "Kommunikations- och utvecklingsstaben"]


def klf(year: int) -> OrgNode:
    return OrgNode.objects.get(year=year, name="Kommunledningsförvaltningen")


def test_children_as_of_year_in_one_query(demo, django_assert_num_queries):
    klf_2020, klf_2024 = klf(2020), klf(2024)
    with django_assert_num_queries(1):
        names_2020 = [n.name for n in children_as_of(klf_2020.pk, 2020)]
    with django_assert_num_queries(1):
        names_2024 = [n.name for n in children_as_of(klf_2024.pk, 2024)]
    assert names_2020 == KLF_2020
    assert names_2024 == KLF_2024


def test_whole_tree_of_a_year_in_one_query(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = tree_for_year(2024)
        depth = {n.name: n.tree_depth for n in tree}
    assert depth["Linköpings kommun"] == 0
    assert depth["Leanlink"] == 2  # kommun → äldrenämnden → Leanlink
    assert depth["Löneservice"] == 3
    assert all(n.code for n in tree)


def test_names_follow_lineage_between_2020_and_2024(demo, django_assert_num_queries):
    old = {n.name: n for n in OrgNode.objects.filter(year=2020, kind__in=["staff_unit", "administration"])}
    with django_assert_num_queries(3):
        mapped = counterparts_in_year(old.values(), 2024)
    names = {name: [n.name for n in mapped[node.pk]] for name, node in old.items()}
    assert names["Digitaliseringsstaben"] == ["Kommunikations- och utvecklingsstaben"]
    assert names["Kommunikationsstaben"] == ["Kommunikations- och utvecklingsstaben"]
    assert names["Näringsliv och tillväxtstaben"] == ["Näringsliv- och tillväxtstaben"]
    assert names["Ekonomistaben"] == ["Ekonomistaben"]
    assert names["Kommunledning"] == ["Kommungemensamt", "Kommunledningsstaben", "Kommunstyrelsen"]
    kou = OrgNode.objects.get(year=2024, name="Kommunikations- och utvecklingsstaben")
    assert sorted(n.name for n in counterparts_in_year([kou], 2020)[kou.pk]) == [
        "Digitaliseringsstaben", "Kommunikationsstaben"]
    assert name_in_year(old["Planeringsstaben"], 2024) == "Planeringsstaben"


def test_leanlink_moved_to_aldrenamnden(demo):
    link = OrgLineage.objects.select_related("predecessor__parent", "successor__parent").get(
        predecessor__name="Leanlink", predecessor__year=2020)
    assert link.kind == "moved"
    assert (link.predecessor.parent.name, link.successor.parent.name) == ("Kommunstyrelsen", "Äldrenämnden")
    merged = OrgLineage.objects.filter(successor__name="Kommunikations- och utvecklingsstaben")
    assert set(merged.values_list("kind", flat=True)) == {"merged"}


@pytest.mark.parametrize(("username", "password"), [(u[0], u[1]) for u in DEMO_USERS])
def test_demo_users_can_log_in(demo, username, password):
    request = RequestFactory().post("/konto/logga-in/")
    user = authenticate(request=request, username=username, password=password)
    assert user is not None and user.username == username


def test_role_permissions(demo):
    users = {u.username: u for u in User.objects.all()}
    plan, hr, kou = (OrgNode.objects.get(year=2024, name=n)
                     for n in ("Planeringsstaben", "HR-staben", "Kommunikations- och utvecklingsstaben"))
    vss_unit = OrgNode.objects.get(year=2024, name="LKDATA")
    admin, controller, controller2 = users["admin"], users["controller"], users["controller2"]
    approver, viewer = users["approver"], users["viewer"]

    assert admin.is_superuser and admin.is_staff and admin.role == "admin"
    assert admin.has_perm("budget.edit_forecast", vss_unit) and admin.has_perm("budget.manage_rounds")

    assert controller.has_perm("budget.edit_forecast", plan)
    assert controller.has_perm("budget.submit_forecast", plan)
    assert not controller.has_perm("budget.edit_forecast", hr)
    assert not controller.has_perm("budget.approve_forecast", plan)
    assert controller2.has_perm("budget.edit_forecast", hr) and not controller2.has_perm("budget.edit_forecast", plan)

    assert approver.has_perm("budget.approve_forecast", kou)  # assigned to KLF, so every stab below it
    assert not approver.has_perm("budget.approve_forecast", vss_unit)
    assert not approver.has_perm("budget.edit_forecast", kou)

    assert viewer.has_perm("budget.view_internal")
    assert not viewer.has_perm("budget.edit_forecast", plan)
    assert not viewer.has_perm("imports.import_documents")
    assert not any(u.is_staff for u in (controller, controller2, approver, viewer))
