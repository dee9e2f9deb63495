"""Cache of rendered public dashboard pages, invalidated by a data version.

Anonymous visitors only ever see published years, and on deadline day they are most of the load,
so their rendered pages are cached (Django's cache framework) under the URL, query string, language
and a *data version*. The version changes whenever anything a dashboard shows is written:

* on PostgreSQL, statement-level triggers on the data tables (migration 0001) record the writing
  transaction and bump a sequence when it commits, so bulk_create, update(), raw SQL, other
  processes and `psql` all count; reading it is one tiny query per signed-in request, and at most
  one per `PAGE_CACHE_VERSION_TTL` seconds and process for public hits (`public_data_version`);
* everywhere, post_save/post_delete signals of the same models bump a counter in the cache after
  commit (this is what SQLite test runs rely on).

A hit never reuses a CSP nonce: the pages have no inline scripts, a page whose rendering created a
nonce is never stored, and the CSP middleware writes a fresh header for every response. Signed-in
users, requests carrying a session or messages cookie, and anything but a plain 200 HTML page are
passed through uncached. `Vary: Cookie` tells shared caches the same. Hits are answered by
`PublicPageCacheMiddleware` near the top of the stack, so they cost about as much as a static file.
"""

from __future__ import annotations

import hashlib
import time
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
from django.utils import translation
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
    """May this request be answered from, or stored in, the public page cache?

    Decided from the request alone (method, query string, cookies), so the middleware can decide
    before sessions and authentication run: without a session cookie nobody is signed in.
    """
    if request.method not in ("GET", "HEAD") or "export" in request.GET:
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


#: [monotonic deadline, value] of the database part of the version, see `public_data_version`.
_DB_VERSION_MEMO: list[float] = [0.0, 0.0]


def public_data_version(request: HttpRequest | None = None) -> str:
    """The data version as the public page cache sees it: the database part re-read at most every
    `PAGE_CACHE_VERSION_TTL` seconds per process.

    A cache hit then costs no query at all. Writes through the ORM bump the cache counter at once,
    so they are seen by the next request; only writes the ORM never sees (raw SQL, `update()`,
    `bulk_create` in another process with another cache) may be served up to that many seconds late
    — the usual micro-caching trade for public pages. Signed-in pages always use `data_version`.
    """
    ttl = float(getattr(settings, "PAGE_CACHE_VERSION_TTL", 1.0))
    now = time.monotonic()
    fresh = ttl <= 0 or _DB_VERSION_MEMO[0] <= now
    if fresh:
        _DB_VERSION_MEMO[:] = [now + ttl, float(_db_version())]
    version = f"{int(_DB_VERSION_MEMO[1])}.{cache.get(COUNTER_KEY, 0)}"
    if fresh and request is not None:
        request._dashboards_data_version = version  # type: ignore[attr-defined]  # exact: read just now
    return version


def forget_public_data_version() -> None:
    """Make the next public request re-read the database version (tests, after a cleared cache)."""
    _DB_VERSION_MEMO[:] = [0.0, 0.0]


def page_key(request: HttpRequest, language: str, version: str) -> str:
    raw = "|".join((request.scheme, request.get_host(), request.get_full_path(), language, version))
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


#: Response headers never copied into a stored page (set per response by the outer middleware).
_UNSTORED_HEADERS = {"set-cookie", "x-page-cache", "content-security-policy", "date"}


def stored_page(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
    """What the cache keeps of a page: its bytes and the headers the inner middleware gave it."""
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _UNSTORED_HEADERS]
    return response.content, headers


def page_from_cache(hit: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = hit
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Disposition") or not response.get("Content-Type", "").startswith("text/html"):
        return False
    nonce = getattr(request, "_csp_nonce", None)
    return not (isinstance(nonce, str) and nonce.encode() in response.content)


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark the view's pages for anonymous visitors as storable in the public page cache.

    `PublicPageCacheMiddleware` answers hits before sessions, authentication and the URL resolver
    run, and stores what this marks; the view itself only adds `Vary: Cookie`.
    """
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        if _cacheable_request(request) and not request.user.is_authenticated:
            # anonymous visitors reach a 200 only for published years (see views._scope)
            response.public_page = True  # type: ignore[attr-defined]
        return response
    return wrapper


class PublicPageCacheMiddleware:
    """Serve anonymous visitors cached dashboard pages right after WhiteNoise, as static files are.

    Placed after the security, CSP and WhiteNoise middleware (so a hit still gets a fresh CSP header
    and every security header) and before sessions, locale, CSRF, authentication, axes and the URL
    resolver, which a hit skips. The language is taken from the request as LocaleMiddleware would.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = page_key(request, translation.get_language_from_request(request), public_data_version(request))
        hit = cache.get(key)
        if hit is not None:
            return page_from_cache(hit)
        response = self.get_response(request)
        if getattr(response, "public_page", False) and _storable(request, response):
            cache.set(key, stored_page(response), page_seconds())
            response["X-Page-Cache"] = "miss"
        return response
