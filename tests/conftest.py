"""Shared fixtures. Browser fixtures start Debian's Chromium through Playwright (no download)."""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium saknas i CI; .ci/run ska installera Debians chromium.")
        pytest.skip("Chromium saknas på den här maskinen")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Run Celery tasks in-process except in tests that start a real worker (marked celery_worker).

    CI sets CELERY_BROKER_URL to Redis for those tests; every other test must not wait for a worker.
    """
    from budgetapp.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    old = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = old


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: cached public pages must not leak between tests."""
    from django.core.cache import cache

    from budgetapp.dashboards.cache import forget_public_data_version

    cache.clear()
    forget_public_data_version()
    yield
    cache.clear()
    forget_public_data_version()


@pytest.fixture
def kommun(db):
    """The small dashboard kommun (tests/dashboards/builders.py) with investments and goals."""
    from tests.dashboards.builders import add_goals, add_investments, build_kommun

    nodes = build_kommun()
    nodes["projects"] = add_investments(nodes)
    nodes["goals"] = add_goals(nodes)
    return nodes
