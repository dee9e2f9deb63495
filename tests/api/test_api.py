"""Open data API: published years for the public, everything for signed-in users, OpenAPI schema."""

import pytest
from django.test import Client

from tests.dashboards.builders import add_goals, add_investments, add_previous_year, build_kommun
from tests.factories import SourceDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    nodes = build_kommun(2024)
    add_investments(nodes)
    add_goals(nodes)
    prev = add_previous_year(nodes, published=False)
    SourceDocumentFactory(title="Hemlig internbudget 2023", year=2023)
    return {"nodes": nodes, "prev": prev}


@pytest.fixture
def anon():
    return Client()


@pytest.fixture
def signed_in():
    client = Client()
    client.force_login(UserFactory(username="api-user"))
    return client


def test_openapi_schema_lists_endpoints(anon):
    response = anon.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "budgetapp – öppna data"
    for path in ("/api/v1/years", "/api/v1/org/{year}", "/api/v1/figures", "/api/v1/investments",
                 "/api/v1/goals", "/api/v1/documents"):
        assert path in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/figures"]["get"]["parameters"]}
    assert {"year", "node", "period", "scenario", "measure", "limit", "offset"} <= params


def test_years(anon, signed_in, data):
    assert anon.get("/api/v1/years").json() == [{"year": 2024, "is_published": True}]
    assert [y["year"] for y in signed_in.get("/api/v1/years").json()] == [2023, 2024]


def test_org_tree(anon, signed_in, data):
    nodes = anon.get("/api/v1/org/2024").json()
    by_name = {n["name"]: n for n in nodes}
    assert by_name["Demokommun"]["depth"] == 0 and by_name["Ekonomistaben"]["depth"] == 3
    assert by_name["Ekonomistaben"]["parent_id"] == by_name["Kommunledningsförvaltningen"]["id"]
    assert "överskott" in by_name["Verksamhetsstöd och service"]["sign_convention"]
    assert anon.get("/api/v1/org/2023").status_code == 401
    assert signed_in.get("/api/v1/org/2023").status_code == 200


def test_figures_filters(anon, signed_in, data):
    stab = data["nodes"]["stab_a"]
    body = anon.get(f"/api/v1/figures?year=2024&node={stab.pk}&scenario=forecast&period=interim").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["amount_tkr"] == 10800.0 and item["node_name"] == "Ekonomistaben" and item["month"] == 8
    budget = anon.get(f"/api/v1/figures?node={stab.pk}&scenario=budget&measure=net_cost").json()["items"]
    assert budget[0]["source"] == "Internbudget 2024, rad 313"
    # the public never sees the unpublished year, even without a year filter
    assert {f["year"] for f in anon.get("/api/v1/figures?limit=1000").json()["items"]} <= {2024, 2025}
    assert anon.get("/api/v1/figures?year=2023").status_code == 401
    assert signed_in.get("/api/v1/figures?year=2023").json()["count"] == 2
    paged = anon.get("/api/v1/figures?limit=3&offset=0").json()
    assert len(paged["items"]) == 3 and paged["count"] > 3


def test_investments(anon, data):
    items = anon.get("/api/v1/investments?year=2024").json()["items"]
    big = next(p for p in items if p["name"] == "Ny simhall")
    assert big["approved_budget_tkr"] == 80000.0 and big["is_large"] and big["year_variance_tkr"] == 8000.0
    part = next(p for p in items if p["name"] == "Modul budget")
    assert part["parent_id"] is not None


def test_goals_with_indicators_and_assessments(anon, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        items = anon.get("/api/v1/goals?year=2024").json()["items"]
    safe = next(g for g in items if g["name"] == "God trygghet och säkerhet")
    assert safe["goal_area"] == "Samhälle" and safe["municipal_goal"] == "Ett tryggt och säkert Linköping"
    assert safe["assessments"][0]["status"] == "partly_fulfilled"
    indicator = next(i for i in safe["indicators"] if i["name"] == "Andel trygga invånare")
    states = [(v["year"], v["state"], v["value"]) for v in indicator["values"] if not v["is_target"]]
    assert states == [(2021, "value", 60.0), (2022, "no_data", None), (2023, "value", 64.0)]
    assert any(v["is_target"] and v["value"] == 70.0 for v in indicator["values"])
    children = [i for i in safe["indicators"] if i["parent_id"] == indicator["id"]]
    assert [c["name"] for c in children] == ["Kvinnor", "Män"]


def test_documents(anon, signed_in, data):
    public = [d["title"] for d in anon.get("/api/v1/documents").json()["items"]]
    assert "Internbudget 2024" in public and "Hemlig internbudget 2023" not in public
    assert anon.get("/api/v1/documents?year=2023").status_code == 401
    private = [d["title"] for d in signed_in.get("/api/v1/documents").json()["items"]]
    assert "Hemlig internbudget 2023" in private


def test_api_is_read_only(anon, data):
    assert anon.post("/api/v1/figures", {}).status_code == 405


@pytest.mark.parametrize("path", ["/api/v1/years", "/api/v1/figures", "/api/v1/investments", "/api/v1/goals",
                                  "/api/v1/documents", "/api/v1/org/2024"])
def test_every_api_endpoint_is_read_only(anon, data, path):
    assert anon.get(path).status_code == 200
    for method in ("post", "put", "patch", "delete"):
        assert getattr(anon, method)(path).status_code == 405


@pytest.mark.parametrize("name", ["api:openapi-json", "api:openapi-view"])
def test_schema_and_docs_answer_get_only(client, name):
    from django.urls import reverse

    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_sign_convention_is_swedish_whatever_the_client_language(anon, data):
    """Open data keep one wording: an English Accept-Language does not change the values."""
    sv = anon.get("/api/v1/org/2024").json()
    en = anon.get("/api/v1/org/2024", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [n["sign_convention"] for n in en] == [n["sign_convention"] for n in sv]
    assert any("överskott" in n["sign_convention"] for n in en)
