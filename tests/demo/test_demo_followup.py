"""The demo's follow-up rounds 2024: a locked tertial 1, an open delår the demo controller can work in."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budgetapp.budget.models import ChangeSource, FigureChange, PeriodKind
from budgetapp.demo.data.people import DEMO_USERS
from budgetapp.followup.models import (
    DeviationComment,
    EntryChange,
    FollowUpRound,
    NodeRoundStatus,
    NodeStatus,
    StatusEvent,
)
from budgetapp.followup.selectors import round_grid
from budgetapp.organisation.models import OrgNode

pytestmark = pytest.mark.django_db

PASSWORDS = {username: password for username, password, *_ in DEMO_USERS}


def staff(name: str) -> OrgNode:
    return OrgNode.objects.get(year=2024, name=name)


def statuses(rnd: FollowUpRound) -> dict[str, str]:
    return dict(NodeRoundStatus.objects.filter(round=rnd).values_list("node__name", "status"))


def test_tertial_1_is_closed_and_every_entry_node_locked(demo):
    rnd = FollowUpRound.objects.get(year=2024, period=PeriodKind.TERTIAL_1)
    assert (rnd.is_open, rnd.month, rnd.closed_by.username) == (False, 4, "admin")
    nodes = list(OrgNode.objects.filter(year=2024))
    parents = {n.parent_id for n in nodes}
    entry_names = {n.name for n in nodes if n.pk not in parents}
    locked = {name for name, status in statuses(rnd).items() if status == NodeStatus.LOCKED}
    assert entry_names <= locked
    # The stabs went utkast → inskickad → godkänd before the round closed, by the right people.
    hr = NodeRoundStatus.objects.get(round=rnd, node=staff("HR-staben"))
    trail = list(hr.events.order_by("id").values_list("new_status", "changed_by__username"))
    assert trail == [("submitted", "controller2"), ("approved", "approver"), ("locked", "admin")]


def test_interim_is_open_with_mixed_statuses_and_comments(demo):
    rnd = FollowUpRound.objects.get(year=2024, period=PeriodKind.INTERIM)
    assert rnd.is_open and rnd.month == 8 and rnd.deadline.isoformat() == "2024-09-13"
    by_name = statuses(rnd)
    assert by_name["HR-staben"] == NodeStatus.APPROVED
    assert by_name["Ekonomistaben"] == NodeStatus.SUBMITTED
    assert by_name.get("Planeringsstaben", NodeStatus.DRAFT) == NodeStatus.DRAFT
    comments = DeviationComment.objects.filter(round=rnd)
    assert comments.count() >= 2
    assert comments.get(node=staff("Planeringsstaben")).text.startswith("Utkast")
    assert EntryChange.objects.filter(round=rnd, kind="comment").count() == comments.count()
    assert StatusEvent.objects.filter(node_status__round=rnd).count() == 3  # submit, approve, submit
    # The submitted nodes passed the comment rule: none of them lacks a required comment.
    klf = OrgNode.objects.get(year=2024, name="Kommunledningsförvaltningen")
    grid = round_grid(rnd, klf, demo_user("admin"))
    for name in ("HR-staben", "Ekonomistaben"):
        row = grid.row(staff(name).pk)
        assert row.forecast is not None and not row.comment_missing
    # The previous round's forecast is shown next to the new one.
    assert grid.row(staff("HR-staben").pk).previous is not None


def demo_user(username: str):
    from budgetapp.accounts.models import User

    return User.objects.get(username=username)


def test_demo_controller_enters_a_forecast_in_the_open_round(demo):
    rnd = FollowUpRound.objects.get(year=2024, period=PeriodKind.INTERIM)
    klf = OrgNode.objects.get(year=2024, name="Kommunledningsförvaltningen")
    node = staff("Planeringsstaben")
    client = Client()
    login = client.post(reverse("login"), {"username": "controller", "password": PASSWORDS["controller"]})
    assert login.status_code == 302  # the demo password printed by load_demo works
    page = client.get(reverse("followup:grid", args=[rnd.pk, klf.pk]))
    assert page.status_code == 200
    assert f'id="fc-input-{node.pk}"' in page.content.decode()  # an input: the cell is editable
    row = round_grid(rnd, klf, demo_user("controller")).row(node.pk)
    response = client.post(reverse("followup:forecast_cell", args=[rnd.pk, klf.pk, node.pk]),
                           {"amount": "41 900", "version": row.forecast_version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    change = FigureChange.objects.filter(node=node).latest("id")
    assert (change.new_amount, change.changed_by.username, change.via) == (Decimal("41900"), "controller",
                                                                             ChangeSource.HTMX_CELL)
    # The locked tertial 1 round is not editable any more.
    t1 = FollowUpRound.objects.get(year=2024, period=PeriodKind.TERTIAL_1)
    refused = client.post(reverse("followup:forecast_cell", args=[t1.pk, klf.pk, node.pk]),
                          {"amount": "1", "version": 1}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
