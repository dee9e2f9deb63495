"""The year's organisation tree and the node <select> options are shared between signed-in requests
until the data changes (dashboards/cache.py `cached_for_data_version`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_tree_is_read_once_and_reread_after_a_rename(politician_client, kommun):
    url = reverse("dashboards:goals") + f"?year=2024&node={kommun['klf'].pk}"
    first, first_sql = _get(politician_client, url)
    assert any("RECURSIVE" in sql for sql in first_sql)
    assert f'<option value="{kommun["klf"].pk}" selected>' in first

    second, second_sql = _get(politician_client, url)
    assert not any("RECURSIVE" in sql for sql in second_sql), "the tree comes from the cache"
    assert second.count(" selected>") == first.count(" selected>")

    klf = kommun["klf"]
    klf.name = "Kommunledningsförvaltningen (ny)"
    klf.save()  # a write changes the data version: tree and options are rebuilt
    third, third_sql = _get(politician_client, url)
    assert any("RECURSIVE" in sql for sql in third_sql)
    assert "Kommunledningsförvaltningen (ny)</option>" in third


def test_selected_option_follows_the_request(politician_client, kommun):
    base = reverse("dashboards:overview") + "?year=2024"
    ks_page, _ = _get(politician_client, f"{base}&node={kommun['ks'].pk}")
    klf_page, _ = _get(politician_client, f"{base}&node={kommun['klf'].pk}")
    assert f'<option value="{kommun["ks"].pk}" selected>' in ks_page
    assert f'<option value="{kommun["klf"].pk}" selected>' not in ks_page
    assert f'<option value="{kommun["klf"].pk}" selected>' in klf_page
    assert f'<option value="{kommun["ks"].pk}" selected>' not in klf_page
