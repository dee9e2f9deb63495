"""Playwright in Chromium: a politician's journey, the public's view, and axe-core on every page."""

import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.factories import TEST_PASSWORD, UserFactory

from .builders import add_closed_year, add_goals, add_investments, add_previous_year, build_kommun

pytestmark = [pytest.mark.browser]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def site(transactional_db):
    nodes = build_kommun(2024)
    nodes["projects"] = add_investments(nodes)
    nodes["goals"] = add_goals(nodes)
    prev = add_previous_year(nodes, published=False)
    add_closed_year(prev)
    UserFactory(username="pia", first_name="Pia", last_name="Politiker")
    return nodes


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/axe-core saknas: kör npm ci (package.json i repots rot).")
        pytest.skip("axe-core saknas; kör npm ci")
    return AXE.read_text(encoding="utf-8")


def _wait_for_charts(page) -> None:
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.chart-canvas')).every(c => c.dataset.rendered === '1')",
        timeout=20000,
    )


def test_politician_journey(page, live_server, site):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/konto/logga-in/?next=/oversikt/")
    page.fill("input[name=username]", "pia")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_url("**/oversikt/**")
    assert "Översikt 2024" in page.inner_text("h1")
    assert "Delår (31 augusti)" in page.inner_text("main")
    _wait_for_charts(page)
    assert page.locator("#chart-deviation .main-svg").count() >= 1  # Plotly drew under the CSP
    # drill: Demokommun → Kommunstyrelsen → Kommunledningsförvaltningen → Ekonomistaben
    page.locator("table.summary").get_by_role("link", name="Kommunstyrelsen").click()
    page.wait_for_url(f"**node={site['ks'].pk}**")
    page.locator("table.summary").get_by_role("link", name="Kommunledningsförvaltningen").click()
    page.wait_for_url(f"**node={site['klf'].pk}**")
    page.locator("table.summary").get_by_role("link", name="Ekonomistaben").click()
    page.wait_for_url(f"**node={site['stab_a'].pk}**")
    assert "Ekonomistaben" in page.inner_text("h1")
    assert page.get_by_role("navigation", name="Brödsmulor").get_by_role("link", name="Kommunstyrelsen").count() == 1
    # a goal's chart
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Måluppfyllelse").click()
    page.get_by_role("link", name="God trygghet och säkerhet").click()
    _wait_for_charts(page)
    legend = page.locator(".chart-canvas .legend").first.text_content()
    assert "Kvinnor" in legend and "Män" in legend and "Målvärde" in legend
    # Excel export of the driftsammandrag
    page.goto(f"{live_server.url}/driftsammandrag/?node={site['klf'].pk}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel").click()
    path = download_info.value.path()
    wb = load_workbook(io.BytesIO(Path(path).read_bytes()))
    values = [row for row in wb.worksheets[0].iter_rows(values_only=True) if row and row[0] == "Ekonomistaben"]
    assert values and values[0][1] == 10000
    # no script was blocked by the CSP (plotly.js makes one blocked inline-style attempt, harmless)
    assert not [e for e in errors if "script-src" in e], errors


def test_anonymous_sees_only_published_years(page, live_server, site):
    page.goto(f"{live_server.url}/driftsammandrag/")
    options = page.locator("#id_year option").all_inner_texts()
    assert options == ["2024"]
    page.goto(f"{live_server.url}/driftsammandrag/?year=2023")
    assert "/konto/logga-in/" in page.url
    response = page.goto(f"{live_server.url}/api/v1/org/2023")
    assert response.status == 401


def _pages(site) -> list[str]:
    ks, klf = site["ks"].pk, site["klf"].pk
    return [
        f"/oversikt/?node={ks}",
        f"/driftsammandrag/?node={ks}",
        f"/driftsammandrag/?node={klf}&view=budget",
        f"/driftsammandrag/?node={klf}&view=followup&sort=-variance",
        f"/investeringar/?node={ks}",
        f"/maluppfyllelse/?node={ks}",
        f"/maluppfyllelse/mal/{site['goals']['safe'].pk}/",
        f"/jamforelse/?node={klf}",
        "/jamforelse/?year=2023",
    ]


def test_axe_reports_no_violations(browser, live_server, site, axe_source):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.fill("input[name=username]", "pia")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_load_state()
    failures = {}
    try:
        for url in _pages(site):
            page.goto(live_server.url + url)
            _wait_for_charts(page)
            page.evaluate(axe_source)  # evaluated through DevTools, so the page's CSP stays untouched
            violations = page.evaluate("""async () => {
                const r = await axe.run(document);
                return r.violations.map(v => `${v.id}: ${v.help} → ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }""")
            if violations:
                failures[url] = violations
    finally:
        context.close()
    assert failures == {}


def test_rows_open_in_place_by_keyboard(browser, live_server, site, axe_source):
    """Driftsammandrag: a unit's rows open under its row and close again, by keyboard, under the CSP."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    try:
        page.goto(f"{live_server.url}/driftsammandrag/?year=2024&node={site['ks'].pk}&view=followup")
        toggle = page.get_by_role("button", name="Enheter under Kommunledningsförvaltningen")
        toggle.focus()
        assert toggle.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        opened = page.locator(f'tr[data-ancestors~="{site["klf"].pk}"]')
        opened.first.wait_for()
        assert toggle.get_attribute("aria-expanded") == "true"
        names = [text.strip() for text in opened.locator("th").all_inner_texts()]
        assert "Ekonomistaben" in names and "HR-staben" in names
        row = page.locator(f'tr[data-node="{site["stab_a"].pk}"]')
        assert "depth-1" in (row.locator("th").get_attribute("class") or "")
        # figures as on the unit's own driftsammandrag: budget 10 000, delår 10 800
        cells = row.locator("td").all_inner_texts()
        assert cells[0].startswith("10\u00a0000") and cells[1].startswith("10\u00a0800")
        assert "rader visas under Kommunledningsförvaltningen" in page.locator("[role=status]").inner_text()
        page.evaluate(axe_source)
        violations = page.evaluate("""async () => (await axe.run(document)).violations.map(v => v.id)""")
        assert violations == []
        page.keyboard.press("Space")  # focus stayed on the button
        page.wait_for_function(f"document.querySelectorAll('tr[data-ancestors~=\"{site['klf'].pk}\"]').length === 0")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert problems == []
    finally:
        context.close()
