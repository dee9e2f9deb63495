"""Adding comments and investment forecasts in the Django admin: form errors, never a 500; writes go
through the services (history with via=admin, round and status rules)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.followup import services
from budgetapp.followup.models import DeviationComment, EntryChange, ProjectForecast
from budgetapp.investments.models import InvestmentProject
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMMENT_ADD = "admin:followup_deviationcomment_add"
FORECAST_ADD = "admin:followup_projectforecast_add"


@pytest.fixture
def admin_client(users):
    superuser = UserFactory(username="root", role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    client.user = superuser
    return client


@pytest.mark.parametrize("url_name", [COMMENT_ADD, FORECAST_ADD])
def test_empty_add_form_is_a_validation_error(admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200
    response = admin_client.post(reverse(url_name), {})
    assert response.status_code == 200  # the form again, with errors
    assert "errornote" in response.content.decode()
    assert not DeviationComment.objects.exists() and not ProjectForecast.objects.exists()


def test_comment_added_in_admin_goes_through_the_service(admin_client, org, rnd):
    response = admin_client.post(reverse(COMMENT_ADD), {"round": rnd.pk, "node": org["stab_a"].pk,
                                                        "text": "Vakanser under våren."})
    assert response.status_code == 302, response.content.decode()[:2000]
    comment = DeviationComment.objects.get(round=rnd, node=org["stab_a"])
    assert (comment.text, comment.version, comment.changed_by) == ("Vakanser under våren.", 1, admin_client.user)
    change = EntryChange.objects.get(round=rnd, node=org["stab_a"])
    assert (change.via, change.old_value, change.new_value) == ("admin", "", "Vakanser under våren.")
    # A second comment for the same node and round is refused in the form (unique per round and node).
    again = admin_client.post(reverse(COMMENT_ADD), {"round": rnd.pk, "node": org["stab_a"].pk, "text": "x"})
    assert again.status_code == 200 and DeviationComment.objects.count() == 1


def test_comment_rules_are_form_errors(admin_client, org, users, rnd):
    url = reverse(COMMENT_ADD)
    blank = admin_client.post(url, {"round": rnd.pk, "node": org["stab_a"].pk, "text": ""})
    assert blank.status_code == 200
    services.save_forecast(rnd=rnd, node=org["stab_b"], user=users["admin"], amount=Decimal("5000"),
                           expected_version=0)
    services.change_status(rnd=rnd, node=org["stab_b"], user=users["admin"], action="submit")
    submitted = admin_client.post(url, {"round": rnd.pk, "node": org["stab_b"].pk, "text": "Sent"})
    assert submitted.status_code == 200 and "inskickad" in submitted.content.decode()
    services.close_round(rnd=rnd, user=users["admin"])
    closed = admin_client.post(url, {"round": rnd.pk, "node": org["stab_a"].pk, "text": "Sent"})
    assert closed.status_code == 200 and "stängd" in closed.content.decode()
    assert not DeviationComment.objects.exists()


def test_project_forecast_added_in_admin(admin_client, org, rnd):
    project = InvestmentProject.objects.create(node=org["stab_a"], year=2024, name="Nytt ekonomisystem")
    url = reverse(FORECAST_ADD)
    nothing = admin_client.post(url, {"round": rnd.pk, "project": project.pk})
    assert nothing.status_code == 200 and not ProjectForecast.objects.exists()
    odd_year = admin_client.post(url, {"round": rnd.pk, "project": project.pk, "end_year": 1900})
    assert odd_year.status_code == 200 and not ProjectForecast.objects.exists()
    response = admin_client.post(url, {"round": rnd.pk, "project": project.pk, "year_forecast": "1200.5",
                                       "end_year": 2026})
    assert response.status_code == 302
    pf = ProjectForecast.objects.get(round=rnd, project=project)
    assert (pf.year_forecast, pf.end_year, pf.changed_by) == (Decimal("1200.5"), 2026, admin_client.user)
    assert set(EntryChange.objects.filter(object_id=pf.pk).values_list("via", flat=True)) == {"admin"}
