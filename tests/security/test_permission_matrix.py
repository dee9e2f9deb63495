"""Permission matrix: every role × every URL pattern × GET/POST × own/other org unit.

Generic on purpose: new pages are covered the moment their URL pattern exists. Rules asserted:

* nobody ever gets a 5xx (a crash on odd input is a bug, and often an information leak);
* anonymous visitors get 2xx only on the explicit public allow-list below, never on anything else,
  and never see data of an unpublished year (a sentinel node name must not appear in any response);
* viewers (politicians) never get a 2xx POST that writes to the database (any INSERT/UPDATE/DELETE
  outside the session and axes tables), except the endpoints listed as writing nothing;
* controllers never get such a writing 2xx POST naming an org unit outside their assigned subtree;
* read pages that answer POST like GET write nothing; they are listed as a warning (they should be
  @require_safe) rather than failed, because the property that matters is "no unauthorised write";
* the API/pages a role can't use answer 302 (to login), 401, 403, 404 or 405 — never 2xx.

Admins may do everything; for them only "no 5xx" is asserted.
"""

from __future__ import annotations

import re
import warnings

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
#: Known bugs in other engineers' code, reported to them; each entry is (role, method, URL name).
KNOWN_ISSUES: set[tuple[str, str, str]] = set()
WRITE_RE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
IGNORED_WRITE_TABLES = re.compile(r'"(django_session|axes_\w+)"')
DENIED = {301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 409, 422, 429}


def _is_public_get(name: str | None) -> bool:
    if name is None:
        return False
    namespace = name.partition(":")[0] if ":" in name else ""
    return name in PUBLIC_GET_NAMES or namespace in PUBLIC_GET_NAMESPACES


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITE_RE.match(q["sql"]) and not IGNORED_WRITE_TABLES.search(q["sql"])]


def _crawl(site, role: str):
    """Yield (route, variant, method, url, response, writes) for the role over every buildable URL."""
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
                with CaptureQueriesContext(connection) as queries:
                    response = getattr(client, method)(url)
                yield route, variant, method, url, response, _writes(queries.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "controller", "admin"])
def test_permission_matrix(site, role):
    violations: list[str] = []
    post_as_get: list[str] = []
    requests = 0
    for route, variant, method, url, response, writes in _crawl(site, role):
        requests += 1
        status = response.status_code
        where = f"{role} {method.upper()} {url} ({route.name}, {variant}) → {status}"
        ok = 200 <= status < 300
        if (role, method, route.name) in KNOWN_ISSUES:
            continue
        if status >= 500:
            violations.append(f"5xx: {where}")
            continue
        reader_post = method == "post" and route.name in READER_POST_NAMES
        if role == "anonymous":
            if method == "get":
                if ok and not _is_public_get(route.name):
                    violations.append(f"anonymous 2xx on a non-public page: {where}")
            elif ok and route.name not in PUBLIC_POST_NAMES:
                if writes or not _is_public_get(route.name):
                    violations.append(f"anonymous 2xx on POST: {where} writes={writes[:2]}")
                else:
                    post_as_get.append(where)
            if not ok and status not in DENIED:
                violations.append(f"unexpected status: {where}")
        elif role == "viewer" and method == "post" and ok and not reader_post:
            if writes:
                violations.append(f"viewer POST wrote to the database: {where} {writes[:2]}")
            else:
                post_as_get.append(where)
        elif (role == "controller" and method == "post" and ok and not reader_post and writes
              and (variant == "other" or (route.name or "").startswith("admin:"))):
                violations.append(f"controller POST wrote outside their units: {where} {writes[:2]}")
        if role == "anonymous" and ok and SENTINEL in response.content.decode(errors="replace"):
            violations.append(f"unpublished data shown to anonymous: {where}")
    if post_as_get:
        warnings.warn("read pages answering POST like GET (should be @require_safe):\n" + "\n".join(post_as_get),
                      stacklevel=1)
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
