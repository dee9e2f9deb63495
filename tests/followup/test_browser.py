"""Chromium end-to-end: a controller enters forecasts with the keyboard, an approver approves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.budget.models import Figure, Scenario
from budgetapp.followup.models import NodeRoundStatus, NodeStatus
from tests.factories import TEST_PASSWORD, NodeAssignmentFactory, UserFactory

NBSP = "\u00a0"


def login(page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "logga-in" not in url)


@pytest.mark.browser
def test_controller_enters_forecasts_and_approver_approves(page, browser, live_server, org, users, rnd):
    from playwright.sync_api import expect

    ctrl = NodeAssignmentFactory(user=UserFactory(username="ekonom", role=Role.CONTROLLER), node=org["klf"]).user
    a, b, klf = org["stab_a"].pk, org["stab_b"].pk, org["klf"].pk
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    login(page, live_server.url, ctrl.username)
    page.goto(live_server.url + reverse("followup:grid", args=[rnd.pk, klf]))
    expect(page.locator("#convention")).to_contain_text("positiv = gynnsam")

    # Type into stab A: the förvaltning's sum and the variance follow while typing.
    page.focus(f"#fc-input-{a}")
    page.keyboard.type("10 800")
    expect(page.locator(f"#fc-{klf} .sum-value")).to_have_text(f"10{NBSP}800{NBSP}tkr")
    expect(page.locator(f"#fc-{klf} .sum-count")).to_have_text("(1 av 2 ifyllda)")
    expect(page.locator(f"#var-{klf}")).to_contain_text(f"\u2212800{NBSP}tkr")  # only units with a forecast
    expect(page.locator(f"#var-{a}")).to_contain_text("800")
    expect(page.locator(f"#creq-{a}")).to_have_text("Kommentar krävs")

    # Enter saves and moves down to stab B in the same column.
    with page.expect_response(lambda r: f"/prognos/{a}/" in r.url) as saved:
        page.keyboard.press("Enter")
    assert saved.value.status == 200
    expect(page.locator(f"#fc-input-{b}")).to_be_focused()

    # Invalid text is marked in place and kept.
    page.keyboard.type("fyra tusen")
    with page.expect_response(lambda r: f"/prognos/{b}/" in r.url) as bad:
        page.keyboard.press("Enter")
    assert bad.value.status == 422
    expect(page.locator(f"#fc-input-{b}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#fc-input-{b}")).to_have_value("fyra tusen")
    expect(page.locator(f"#fc-err-{b}")).to_be_visible()

    page.fill(f"#fc-input-{b}", "")
    page.focus(f"#fc-input-{b}")
    page.keyboard.type("1,5 mnkr")
    expect(page.locator(f"#fc-{klf} .sum-value")).to_have_text(f"12{NBSP}300{NBSP}tkr")
    expect(page.locator(f"#fc-{klf} .sum-count")).to_have_text("")
    with page.expect_response(lambda r: f"/prognos/{b}/" in r.url) as ok:
        page.keyboard.press("Tab")
    assert ok.value.status == 200
    expect(page.locator(f"#fc-input-{b}")).to_have_value(f"1{NBSP}500")
    expect(page.locator(f"#creq-{b}")).to_have_text("Kommentar krävs")  # 3 500 tkr under budget

    # Submitting without the required comments is refused and says why.
    page.get_by_role("button", name="Skicka in mina enheter").press("Enter")
    expect(page.get_by_role("alert").first).to_contain_text("kräver en kommentar")

    for node, text in ((a, "Vikarier för sjukskrivna, 0,8 mnkr."), (b, "Vakanta tjänster, 3,5 mnkr.")):
        page.focus(f"#cm-input-{node}")
        page.keyboard.type(text)
        with page.expect_response(lambda r, n=node: f"/kommentar/{n}/" in r.url) as saved:
            page.keyboard.press("Tab")
        assert saved.value.status == 200
        expect(page.locator(f"#creq-{node}")).to_have_text("Kommentar krävs – ifylld")

    page.get_by_role("button", name="Skicka in mina enheter").press("Enter")
    expect(page.locator(".messages")).to_contain_text("2 enheter fick status inskickad")
    assert Figure.objects.get(node_id=a, scenario=Scenario.FORECAST).amount == Decimal("10800")
    assert Figure.objects.get(node_id=b, scenario=Scenario.FORECAST).amount == Decimal("1500")
    assert page.locator(f"#fc-input-{a}").count() == 0  # read-only once submitted

    # A second user, the förvaltning's approver, approves.
    context = browser.new_context(locale="sv-SE")
    approver_page = context.new_page()
    approver_page.on("pageerror", lambda exc: problems.append(str(exc)))
    login(approver_page, live_server.url, users["approver"].username)
    approver_page.goto(live_server.url + reverse("followup:grid", args=[rnd.pk, klf]))
    approver_page.get_by_role("button", name="Godkänn inskickade").click()
    expect(approver_page.locator(".messages")).to_contain_text("2 enheter fick status godkänd")
    context.close()
    assert set(NodeRoundStatus.objects.filter(node_id__in=[a, b]).values_list("status", flat=True)) == {
        NodeStatus.APPROVED}
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    # 404 favicon and the intended 422 answers are logged as "Failed to load resource"; nothing else
    assert not [p for p in problems if not p.startswith("Failed to load resource")], problems
