"""The admin action copies a year's org tree to the next year, with lineage, and refuses a second copy."""

import pytest
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.organisation.models import LineageKind, OrgLineage, OrgNode
from tests.factories import UserFactory, small_municipality

pytestmark = pytest.mark.django_db


def _run_action(client, node_ids):
    return client.post(reverse("admin:organisation_orgnode_changelist"),
                       {"action": "copy_to_next_year", "_selected_action": node_ids}, follow=True)


def test_admin_action_copies_the_tree_to_next_year(client):
    org = small_municipality(2024)
    client.force_login(UserFactory(username="ekonomistab", role=Role.ADMIN, is_staff=True, is_superuser=True))
    response = _run_action(client, [org["stab_a"].pk])
    assert response.status_code == 200
    copies = {n.name: n for n in OrgNode.objects.filter(year=2025)}
    assert set(copies) == {n.name for n in org.values()}
    assert copies["Ekonomistaben"].parent == copies["Kommunledningsförvaltningen"]
    assert copies["Verksamhetsstöd och service"].financing == "revenue"
    assert OrgLineage.objects.filter(predecessor=org["stab_a"], successor=copies["Ekonomistaben"],
                                     kind=LineageKind.CONTINUES).exists()
    assert "6 noder kopierades från 2024 till 2025" in response.content.decode()

    again = _run_action(client, [org["stab_a"].pk])
    assert "har redan en organisation" in again.content.decode()
    assert OrgNode.objects.filter(year=2025).count() == 6
