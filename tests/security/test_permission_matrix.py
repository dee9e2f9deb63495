"""Permission matrix: every role × every URL pattern × GET/POST × own/other org unit.

Generic on purpose: new pages are covered the moment their URL pattern exists. Rules asserted:

* nobody ever gets a 5xx (a crash on odd input is a bug, and often an information leak);
* anonymous visitors get 2xx only on the explicit public allow-list below, never on anything else,
  and never see data of an unpublished year (a sentinel node name must not appear in any response);
* viewers (politicians) never get 2xx on a POST, except the endpoints listed as writing nothing;
* controllers never get 2xx on a POST that names an org unit outside their assigned subtree;
* the API/pages a role can't use answer 302 (to login), 401, 403, 404 or 405 — never 2xx.

Admins may do everything; for them only "no 5xx" is asserted.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import SENTINEL, UNPUBLISHED_YEAR, client_for
from tests.security.crawl import build_url, iter_routes

pytestmark = pytest.mark.django_db

#: URL names anyone may GET with a 2xx. Dashboards and the read API show published years publicly.
PUBLIC_GET_NAMES = {"home", "login", "logout", "ops:health", "admin:login", "admin:jsi18n"}
PUBLIC_GET_NAMESPACES = {"dashboards", "api", "api-1.0.0", "api-v1", "api_v1"}
#: POST endpoints that succeed for any visitor and write no budget data.
#: "home" only reads, but being a plain function view it answers POST like GET (it should be
#: @require_safe; reported to the owner of core) — it writes nothing, so it is tolerated here.
PUBLIC_POST_NAMES = {"login", "admin:login", "logout", "home"}
#: POST endpoints a signed-in reader may use: they change nothing but the reader's own session.
READER_POST_NAMES = PUBLIC_POST_NAMES | {"ops:noop", "admin:logout", "set_language"}
DENIED = {301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 409, 422, 429}


def _is_public_get(name: str | None) -> bool:
    if name is None:
        return False
    namespace = name.partition(":")[0] if ":" in name else ""
    return name in PUBLIC_GET_NAMES or namespace in PUBLIC_GET_NAMESPACES


def _crawl(site, role: str):
    """Yield (route, variant, method, url, response) for the role over every buildable URL."""
    user = site.users[role]
    client = client_for(user)
    for route in iter_routes():
        variants = [("own", site.own_node), ("other", site.other_node)] if route.node_params else [("-", None)]
        for variant, node in variants:
            url = build_url(route, {"node": node or site.own_node, "year": 2024})
            if url is None:
                continue
            for method in ("get", "post"):
                if user is not None:
                    client.force_login(user)  # a previous request may have logged out
                response = getattr(client, method)(url)
                yield route, variant, method, url, response


@pytest.mark.parametrize("role", ["anonymous", "viewer", "controller", "admin"])
def test_permission_matrix(site, role):
    violations: list[str] = []
    requests = 0
    for route, variant, method, url, response in _crawl(site, role):
        requests += 1
        status = response.status_code
        where = f"{role} {method.upper()} {url} ({route.name}, {variant}) → {status}"
        ok = 200 <= status < 300
        if status >= 500:
            violations.append(f"5xx: {where}")
        elif role == "anonymous":
            allowed = _is_public_get(route.name) if method == "get" else route.name in PUBLIC_POST_NAMES
            if ok and not allowed:
                violations.append(f"anonymous 2xx on a non-public page: {where}")
            elif not ok and status not in DENIED:
                violations.append(f"unexpected status: {where}")
        elif role == "viewer":
            if method == "post" and ok and route.name not in READER_POST_NAMES:
                violations.append(f"viewer 2xx on POST: {where}")
        elif role == "controller":
            if method == "post" and ok and variant == "other" and route.name not in READER_POST_NAMES:
                violations.append(f"controller 2xx on POST for another org unit: {where}")
            if (method == "post" and ok and route.name and route.name.startswith("admin:")
                    and route.name not in READER_POST_NAMES):
                violations.append(f"controller 2xx on an admin POST: {where}")
        if role in ("anonymous",) and ok and SENTINEL in response.content.decode(errors="replace"):
            violations.append(f"unpublished data shown to anonymous: {where}")
    assert requests > 20
    assert violations == [], f"{len(violations)} violations in {requests} requests:\n" + "\n".join(violations)


def test_anonymous_never_sees_unpublished_year_via_query_string(site):
    """Pages that take ?year= must fall back to a published year (or refuse) for the public."""
    client = client_for(None)
    leaks = []
    for route in iter_routes():
        if not _is_public_get(route.name):
            continue
        url = build_url(route, {"node": site.own_node, "year": UNPUBLISHED_YEAR})
        if url is None:
            continue
        for query in ("", f"?year={UNPUBLISHED_YEAR}", f"?ar={UNPUBLISHED_YEAR}"):
            response = client.get(url + query)
            if response.status_code < 300 and SENTINEL in response.content.decode(errors="replace"):
                leaks.append(url + query)
    assert leaks == []


def test_unprivileged_roles_are_refused_the_admin_site(site):
    for role in ("anonymous", "viewer", "controller"):
        response = client_for(site.users[role]).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], role
