"""Driftsammandrag rows shown in place: the fragment of a unit's rows lines up with the parent table,
shows the same figures as the unit's own driftsammandrag, keeps the year rules and a fixed query count."""

import re

import pytest
from django.urls import reverse

from .builders import add_previous_year, build_kommun

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, list[str]]:
    """Row name → the text of its cells (tags stripped), for the unit rows of a table or fragment."""
    out = {}
    for tr in re.findall(r"<tr class=\"row-(?:node|outside)[^>]*>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        name = re.search(r'<a href="[^"]*node=\d+[^"]*">([^<]+)</a>', cells[0])
        text = [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:]]
        out[name.group(1) if name else re.sub(r"<[^>]+>", "", cells[0]).strip()] = text
    return out


def _toggle_url(html: str, label: str) -> str:
    match = re.search(r'data-rows-url="([^"]+)" hidden>.*?Enheter under ' + re.escape(label) + "<", html, re.S)
    assert match, f"no expand button for {label}"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("view", ["followup", "budget", "closed"])
def test_fragment_lines_up_with_parent_and_matches_the_units_own_table(client, kommun, view):
    base = reverse("dashboards:operating_summary")
    parent = client.get(f"{base}?year=2024&node={kommun['ks'].pk}&view={view}").content.decode()
    url = _toggle_url(parent, "Kommunledningsförvaltningen")
    assert url.startswith(reverse("dashboards:operating_summary_rows"))
    fragment = client.get(url)
    assert fragment.status_code == 200 and fragment["Content-Type"].startswith("text/html")
    html = fragment.content.decode()
    assert "<table" not in html and "Summa" not in html  # rows only: the parent's row is the total
    parent_width = len(re.findall(r"<th [^>]*scope=\"col\"", parent))
    shown = _rows(html)
    assert {"Ekonomistaben", "HR-staben"} <= set(shown)
    for cells in shown.values():
        assert len(cells) + 1 == parent_width  # one cell per column of the parent table
    own = _rows(client.get(f"{base}?year=2024&node={kommun['klf'].pk}&view={view}").content.decode())
    for name in ("Ekonomistaben", "HR-staben"):
        assert shown[name] == own[name][: len(shown[name])]
    assert f'data-node="{kommun["stab_a"].pk}"' in html


def test_figures_in_fragment_come_from_the_documents_builder(client, kommun):
    url = reverse("dashboards:operating_summary_rows") + (
        f"?year=2024&node={kommun['klf'].pk}&view=followup&period=interim&cols=budget,forecast")
    shown = _rows(client.get(url).content.decode())
    assert shown["Ekonomistaben"] == ["10\u00a0000", "10\u00a0800"]
    assert shown["HR-staben"] == ["20\u00a0000", "19\u00a0000"]


def test_rows_with_children_can_be_expanded_again(client, kommun):
    url = reverse("dashboards:operating_summary_rows") + f"?year=2024&node={kommun['ks'].pk}&view=budget"
    html = client.get(url).content.decode()
    assert _toggle_url(html, "Kommunledningsförvaltningen")
    assert 'aria-expanded="false"' in html


def test_fragment_needs_a_node_of_a_visible_year(client, kommun, politician):
    from django.test import Client

    url = reverse("dashboards:operating_summary_rows")
    assert client.get(url + "?year=2024").status_code == 404
    assert client.get(url + "?year=2024&node=999999").status_code == 404
    add_previous_year(kommun, published=False)
    hidden = client.get(url + f"?year=2023&node={kommun['klf'].pk}")
    assert hidden.status_code == 302 and "logga-in" in hidden["Location"]
    signed_in = Client()
    signed_in.force_login(politician)
    assert signed_in.get(url + f"?year=2023&node={kommun['klf'].pk}").status_code == 404  # not that year's unit
    assert signed_in.post(url + f"?year=2024&node={kommun['klf'].pk}").status_code == 405


def test_fragment_is_cached_for_the_public(client, kommun):
    url = reverse("dashboards:operating_summary_rows") + f"?year=2024&node={kommun['klf'].pk}"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_fragment_query_count_does_not_grow_with_rows(client, django_assert_num_queries, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_VERSION_TTL = 0
    small = build_kommun(2024, stabs=2)
    large = build_kommun(2030, stabs=20)
    url = reverse("dashboards:operating_summary_rows")
    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url + f"?year=2024&node={small['klf'].pk}")
    cache.clear()
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(url + f"?year=2030&node={large['klf'].pk}")
    assert len(_rows(response.content.decode())) == 22
