"""Read-only pages answer GET and HEAD only; POST (or PUT/DELETE) is 405, pages that take forms accept POST."""

import pytest
from django.urls import reverse

from .conftest import client_for

pytestmark = pytest.mark.django_db


def read_only_urls(rnd, org) -> list[str]:
    return [
        reverse("home"),
        reverse("followup:round_detail", args=[rnd.pk]),
        reverse("followup:grid", args=[rnd.pk, org["klf"].pk]),
        reverse("followup:history", args=[rnd.pk, org["stab_a"].pk]),
        reverse("followup:excel_download", args=[rnd.pk, org["klf"].pk]),
        reverse("followup:accuracy"),
    ]


@pytest.mark.parametrize("role", ["viewer", "ctrl_a", "admin"])
def test_read_only_views_refuse_post(client, org, users, rnd, role):
    c = client_for(client, users[role])
    for url in read_only_urls(rnd, org):
        assert c.get(url).status_code == 200, url
        assert c.head(url).status_code == 200, url
        for method in ("post", "put", "delete"):
            response = getattr(c, method)(url)
            assert response.status_code == 405, (method, url)
            assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_home_refuses_post_for_anonymous_visitors(client):
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("home")).status_code == 405


def test_form_pages_still_take_post(client, org, users, rnd):
    c = client_for(client, users["admin"])
    for url in (reverse("followup:round_list"), reverse("followup:investments", args=[rnd.pk, org["klf"].pk]),
                reverse("followup:goals", args=[rnd.pk, org["klf"].pk])):
        assert c.post(url, {}).status_code == 422, url  # a form error, not 405
