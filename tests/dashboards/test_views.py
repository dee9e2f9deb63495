"""Pages: access rules, content, accessibility markers and the Plotly/CSP setup."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import FiscalYearFactory, small_municipality

from .builders import add_previous_year

pytestmark = pytest.mark.django_db
PAGES = ["overview", "operating_summary", "investments", "goals", "year_comparison"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_sees_published_year(client, kommun, name):
    response = client.get(reverse(f"dashboards:{name}"))
    assert response.status_code == 200
    assert b"2024" in response.content


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login_for_unpublished_year(client, kommun, name):
    add_previous_year(kommun, published=False)
    response = client.get(reverse(f"dashboards:{name}") + "?year=2023")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _year_options(html: str) -> list[str]:
    """Options of the year <select> only (node ids of the unit select can have four digits too)."""
    select = re.search(r'<select[^>]*name="year"[^>]*>(.*?)</select>', html, re.S)
    assert select, "sidan saknar årsväljare"
    return re.findall(r'<option value="(\d{4})"', select.group(1))


def test_year_selector_lists_only_published_years_for_the_public(politician_client, kommun):
    add_previous_year(kommun, published=False)
    html = Client().get(reverse("dashboards:overview")).content.decode()
    assert _year_options(html) == ["2024"]
    html = politician_client.get(reverse("dashboards:overview")).content.decode()
    assert _year_options(html) == ["2024", "2023"]
    assert politician_client.get(reverse("dashboards:operating_summary") + "?year=2023").status_code == 200


def test_unpublished_only_database_shows_friendly_page(client, db):
    FiscalYearFactory(year=2025, is_published=False)
    small_municipality(2025)
    response = client.get(reverse("dashboards:overview"))
    assert response.status_code == 200
    assert "Inga år att visa" in response.content.decode()


def test_goal_page_of_unpublished_year_needs_login(politician_client, db):
    from .builders import add_goals, build_kommun

    nodes = build_kommun(2022, published=False)
    goals = add_goals(nodes)
    url = reverse("dashboards:goal", args=[goals["safe"].pk])
    assert Client().get(url).status_code == 302
    assert politician_client.get(url).status_code == 200


def test_operating_summary_states_convention_units_and_marks_deviations(client, kommun):
    html = client.get(reverse("dashboards:operating_summary") + f"?node={kommun['ks'].pk}&view=followup").content
    html = html.decode()
    assert "Nettokostnad: positivt = kostnad" in html
    assert "Resultat: positivt = överskott" in html  # VSS row
    assert "tkr" in html
    assert "(gynnsam)" in html  # text, not colour alone
    assert 'scope="row"' in html and 'scope="col"' in html
    # drill-down link into KLF and breadcrumbs
    assert f"node={kommun['klf'].pk}" in html
    html = client.get(reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup")
    html = html.content.decode()
    assert 'aria-label="Brödsmulor"' in html and "Kommunstyrelsen</a>" in html
    assert "−800" in html and "(ogynnsam)" in html  # U+2212 minus sign and the word
    assert "Källa: Internbudget 2024, rad 313" in html


def test_operating_summary_filter_and_sort(client, kommun):
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=followup"
    html = client.get(url + "&q=ekonomi").content.decode()
    assert "Ekonomistaben" in html and "HR-staben" not in html and "Summa visade rader" in html
    html = client.get(url + "&sort=-variance").content.decode()
    assert html.index("HR-staben") < html.index("Ekonomistaben")
    assert 'aria-sort="descending"' in html


def test_budget_view_shows_change_specification(client, kommun):
    html = client.get(reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=budget").content
    html = html.decode()
    assert "Plan 2025" in html and "Effektiviseringskrav" in html and "Förändring: " in html


def test_overview_embeds_figures_as_json_and_plotly_once(client, kommun):
    response = client.get(reverse("dashboards:overview") + f"?node={kommun['ks'].pk}")
    html = response.content.decode()
    assert "Senaste uppföljning: <strong>Delår (31 augusti)</strong>" in html
    assert html.count("vendor/plotly/plotly.min.js") == 1
    assert "cdn" not in html.lower()
    blobs = re.findall(r'<script id="(chart-[\w-]+)" type="application/json">(.*?)</script>', html, re.S)
    assert {b[0] for b in blobs} == {"chart-deviation-data", "chart-development-data"}
    deviation = json.loads(dict(blobs)["chart-deviation-data"])
    assert deviation["data"][0]["type"] == "bar"
    assert "Källa: Summa av underliggande enheter inom ram" in " ".join(deviation["data"][0]["hovertext"])
    # no inline executable script (CSP): every <script> is external or a JSON blob
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert 'style="' not in html
    assert response.headers.get("Content-Security-Policy", "").find("unsafe-inline") == -1


def test_goals_page_and_goal_chart(client, kommun):
    html = client.get(reverse("dashboards:goals") + f"?node={kommun['ks'].pk}").content.decode()
    assert "Målområde: Samhälle" in html and "Kommunövergripande mål: Ett tryggt och säkert Linköping" in html
    assert '<span class="badge partly_fulfilled">' in html and "Delvis uppfyllt" in html
    assert "Tryggheten har ökat" in html
    html = client.get(reverse("dashboards:goal", args=[kommun["goals"]["safe"].pk])).content.decode()
    blob = re.search(r'<script id="chart-ind-\d+-data" type="application/json">(.*?)</script>', html, re.S)
    figure = json.loads(blob.group(1))
    names = [t["name"] for t in figure["data"]]
    assert names == ["Totalt", "Kvinnor", "Män", "Målvärde"]
    total = figure["data"][0]
    assert total["y"] == [60.0, None, 64.0, None] and total["connectgaps"] is False  # I.U. is a gap
    assert any(a["text"] == "I.U." for a in figure["layout"]["annotations"])
    assert "I.U." in html and "ingen uppgift" in html


def test_investments_page(client, kommun):
    html = client.get(reverse("dashboards:investments")).content.decode()
    for text in ("Färdigställda projekt", "Pågående projekt", "Stora investeringsprojekt", "varav Modul budget",
                 "Investeringsram per nämnd", "Investeringsplan 10 år", "60\u00a0000"):
        assert text in html


def test_year_comparison_names_previous_unit(politician_client, kommun):
    add_previous_year(kommun)
    html = politician_client.get(reverse("dashboards:year_comparison") + f"?node={kommun['klf'].pk}").content
    assert "som Personalstaben" in html.decode()


def test_menu_links(client, kommun):
    html = client.get("/").content.decode()
    for name in ("overview", "operating_summary", "investments", "goals"):
        assert reverse(f"dashboards:{name}") in html
