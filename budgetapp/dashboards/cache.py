"""Cache of rendered public dashboard pages, invalidated by a data version.

Anonymous visitors only ever see published years, and on deadline day they are most of the load,
so their rendered pages are cached (Django's cache framework) under the URL, query string, language
and a *data version*. The version changes whenever anything a dashboard shows is written:

* on PostgreSQL, statement-level triggers on the data tables (migration 0001) record the writing
  transaction and bump a sequence when it commits, so bulk_create, update(), raw SQL, other
  processes and `psql` all count; reading it is one tiny query per request;
* everywhere, post_save/post_delete signals of the same models bump a counter in the cache after
  commit (this is what SQLite test runs rely on).

A hit never reuses a CSP nonce: the pages have no inline scripts, a page whose rendering created a
nonce is never stored, and the CSP middleware writes a fresh header for every response. Signed-in
users, requests carrying a session or messages cookie, and anything but a plain 200 HTML page are
passed through uncached. `Vary: Cookie` tells shared caches the same.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

#: Models whose rows appear on the dashboards; writes to them change the data version.
DATA_MODELS = (
    "budget.Figure", "budget.BudgetChange", "investments.InvestmentProject", "investments.InvestmentFrame",
    "investments.InvestmentPlanItem", "goals.Goal", "goals.GoalAssessment", "goals.Indicator",
    "goals.IndicatorValue", "goals.GoalArea", "goals.MunicipalGoal", "core.FiscalYear", "core.SourceDocument",
    "organisation.OrgNode", "organisation.OrgLineage",
)
SEQUENCE = "dashboards_data_version"
COUNTER_KEY = "dashboards:data-version"
PAGE_PREFIX = "dashboards:page:"
FRAGMENT_PREFIX = "dashboards:shared:"

T = TypeVar("T")


def page_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 600))


def _db_version() -> int:
    """The PostgreSQL sequence bumped by the triggers (0 on other databases)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value, is_called FROM {SEQUENCE}")  # noqa: S608 - constant name
        last_value, is_called = cursor.fetchone()
    return int(last_value) if is_called else 0


def data_version(request: HttpRequest | None = None) -> str:
    """The current data version; read once per request when a request is given."""
    if request is not None:
        version = getattr(request, "_dashboards_data_version", None)
        if version is None:
            version = request._dashboards_data_version = data_version()
        return version
    return f"{_db_version()}.{cache.get(COUNTER_KEY, 0)}"


def cached_for_data_version(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    """A value that is the same for every visitor, rebuilt only when the data version changes.

    Used for what every signed-in page repeats whatever the user, such as a year's organisation
    tree and the node <select> options built from it: those pages are rendered every time but
    need not rebuild these. Other connections never see uncommitted rows, and the signals bump the
    counter at once for ORM writes, so only bulk writes inside the reading transaction itself (a test)
    could meet a stale value, as with the public page cache.
    """
    key = f"{FRAGMENT_PREFIX}{name}:{data_version(request)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, page_seconds())
    return value


#: name → (token, value) of values shared by the threads of this process, see `shared_in_process`.
_IN_PROCESS: dict[str, tuple[str, object]] = {}


def shared_in_process(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    """Like `cached_for_data_version`, but the value itself stays in this process's memory.

    For large read-only object graphs (a year's ~350 OrgNode objects) unpickling a cached copy
    costs several milliseconds per request; here the cache holds only a token for the data version
    and each process keeps one built value per name. A new data version or a cleared cache gives a
    new token, so the value is rebuilt. Callers must treat the value as read-only: it is shared by
    every request (and thread) of the process.
    """
    token = cached_for_data_version(request, f"token:{name}", lambda: uuid.uuid4().hex)
    held = _IN_PROCESS.get(name)
    if held is not None and held[0] == token:
        return held[1]  # type: ignore[return-value]
    value = build()
    _IN_PROCESS[name] = (token, value)
    return value


def bump_data_version(**_kwargs) -> None:
    """Invalidate every cached page: now and again when the writing transaction commits."""
    def bump() -> None:
        try:
            cache.incr(COUNTER_KEY)
        except ValueError:
            cache.set(COUNTER_KEY, 1, None)

    bump()
    transaction.on_commit(bump)


def connect_signals() -> None:
    for label in DATA_MODELS:
        model = apps.get_model(label)
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"dash-version-save-{label}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"dash-version-delete-{label}")


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "export" in request.GET:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # a session may hold messages or a login: render for this visitor
    return not request.user.is_authenticated


def _key(request: HttpRequest) -> str:
    raw = "|".join((request.scheme, request.get_host(), request.get_full_path(),
                    getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE), data_version(request)))
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Disposition") or not response.get("Content-Type", "").startswith("text/html"):
        return False
    nonce = getattr(request, "_csp_nonce", None)
    return not (isinstance(nonce, str) and nonce.encode() in response.content)


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors a cached copy of the page for the current data version."""
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            # anonymous visitors reach a 200 only for published years (see views._scope)
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), page_seconds())
                response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ["Cookie"])
        return response
    return wrapper
