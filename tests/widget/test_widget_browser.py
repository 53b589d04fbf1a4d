"""The widget on a host page of another loopback origin, in Chromium, against hostile CSS and a patched
Element.prototype: search, the Copilot walk to a hand-off, the prefilled ticket posted cross-origin and its
mail; axe and screenshots at every step; isolation both ways; keyboard only."""

from __future__ import annotations

import re
from pathlib import Path

from widget_helpers import BUTTON, PANEL, active_in_widget, check_step

UNEXPECTED = ([1, 0, 0, "next"], "start>bug-env>bug-impact>bug-critical>ticket-bug")


def help_center_requests(seen: list[str], base: str) -> list[str]:
    return [u[len(base) :] for u in seen if u.startswith(base)]


def test_nothing_but_the_button_before_the_first_click(
    host_page, host_url, widget_stack, requests_seen
) -> None:
    host_page.goto(host_url)
    host_page.locator(BUTTON).wait_for()
    host_page.wait_for_load_state("networkidle")
    assert help_center_requests(requests_seen, widget_stack.base_url) == ["/widget.js"]
    assert host_page.locator(BUTTON).get_attribute("aria-label") == "Help"
    assert host_page.evaluate("hostShadowRoots") == 1  # one shadow host, attached through the page's own API


def test_isolation_both_ways(host_page, host_url, artifacts_dir: Path) -> None:
    host_page.goto(host_url)
    button = host_page.locator(BUTTON)
    assert button.is_visible()  # `button { display: none }` and `* { all: unset }` stay outside
    box = button.bounding_box()
    assert box["width"] == 56 and box["x"] > 1100 and box["y"] > 780  # the host's 9px root changes nothing
    button.click()
    panel = host_page.locator(PANEL)
    panel.wait_for()
    assert panel.evaluate("d => getComputedStyle(d).fontSize") == "16px"
    assert (
        panel.evaluate("d => getComputedStyle(d).getPropertyValue('--md-primary-fg-color').trim()")
        == "#00695c"
    )
    check_step(host_page, artifacts_dir, "open")
    assert host_page.evaluate("hostProbe() === hostStyleBefore"), "the widget changed the host page's styles"
    added = host_page.evaluate(
        "Object.keys(window).filter((k) => !hostGlobalsBefore.includes(k) && !/^(host|axe$)/.test(k))"
    )
    assert added == ["HelpCenterWidget"]
    assert host_page.evaluate("document.getElementsByTagName('*').length - hostElementsBefore") == 1
    assert host_page.evaluate("document.cookie") == ""


def test_search_opens_the_article_in_a_new_tab(
    host_page, host_url, widget_stack, requests_seen, artifacts_dir
) -> None:
    host_page.goto(host_url)
    host_page.locator(BUTTON).click()
    box = host_page.locator("#hcw-s-q")
    box.wait_for()
    assert not [u for u in requests_seen if "search_index" in u], "the index loads on the first search only"
    box.fill("ticket")
    box.press("Enter")
    results = host_page.locator("#hcw-search .hc-copilot__results a")
    results.first.wait_for()
    assert [u for u in requests_seen if "search_index" in u]
    check_step(host_page, artifacts_dir, "search")
    first = results.first
    assert first.get_attribute("target") == "_blank" and first.get_attribute("rel") == "noopener"
    with host_page.context.expect_page() as opened:
        first.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.url.startswith(widget_stack.base_url) and "ticket" in article.content().lower()
    assert host_page.locator(PANEL).evaluate("d => d.open")  # the panel stays open on the host page


def walk_to_handoff(page, artifacts: Path | None) -> None:
    """The Copilot tab from its first screen to the hand-off, axe and screenshots at every step."""
    page.locator("#hcw-tab-copilot").click()
    step = page.locator("#hcw-c .hc-copilot__step")
    step.locator("[data-act=ask]").click()
    step.locator("[data-act=lang][data-lang=en]").click()
    for i, action in enumerate(UNEXPECTED[0]):
        if artifacts:
            check_step(page, artifacts, f"copilot-{i}")
        if isinstance(action, int):
            step.locator(f"[data-act=pick][data-i='{action}']").click()
        else:
            step.locator("[data-act=next]").click()
    page.locator("#hcw-c .hc-copilot__handoff").wait_for()
    if artifacts:
        check_step(page, artifacts, "handoff")


def fill_rest_of_technical(page) -> None:
    form = page.locator("#hcw-contact form.hc-form")
    form.locator("input[name=users_affected][value=shoppers]").check()
    form.locator("input[name=experience][value=job]").check()
    form.locator("input[name=title]").fill("Checkout fails in the app")
    form.locator("textarea[name=description]").fill("Paying shows an error 500.\nSteps: 1, 2, 3.")


def test_copilot_handoff_posts_a_prefilled_ticket_cross_origin(
    host_page, host_url, widget_stack, artifacts_dir
) -> None:
    widget_stack.clear_mails()
    host_page.goto(host_url)
    host_page.locator(BUTTON).click()
    walk_to_handoff(host_page, artifacts_dir)
    host_page.locator("#hcw-c .hc-copilot__handoff").click()
    form = host_page.locator("#hcw-contact form.hc-form")
    form.wait_for()
    assert host_page.locator("#hcw-type").input_value() == "technical"
    values = form.evaluate("f => Object.fromEntries(new FormData(f))")
    assert (
        values["email"] == "ana@acme.example"
        and values["account"] == "acme-store"
        and values["name"] == "Ana Lima"
    )
    assert values["page"] == host_url and values["copilot_trail"] == UNEXPECTED[1]
    assert (values["problem_type"], values["impact"], values["environment"]) == (
        "problem",
        "critical",
        "production",
    )
    check_step(host_page, artifacts_dir, "contact")
    fill_rest_of_technical(host_page)
    form.locator(".hc-submit").click()
    result = host_page.locator("#hcw-contact .hc-result strong")
    result.wait_for()
    ticket = result.inner_text()
    check_step(host_page, artifacts_dir, "sent")
    team, *_ = widget_stack.mails_for_ticket(ticket)
    body = team.get_body(("plain",)).get_content()
    for expected in ("acme-store", "ana@acme.example", host_url, "ticket-bug", "Checkout fails in the app"):
        assert expected in body, expected
    names = [n for n, _ in host_page.evaluate("hostEvents")]
    assert names[0] == "open" and "copilot:handoff" in names and names[-1] == "ticket-form:sent"


def test_identify_and_the_api(host_page, host_url) -> None:
    host_page.goto(host_url)
    host_page.locator(BUTTON).wait_for()
    host_page.evaluate("HelpCenterWidget.identify({email: 'bo@acme.example', name: 'Bo'})")
    host_page.evaluate("HelpCenterWidget.open()")
    host_page.locator("#hcw-tab-contact").click()
    form = host_page.locator("#hcw-contact form.hc-form")
    assert form.locator("input[name=email]").input_value() == "bo@acme.example"
    assert form.locator("input[name=account]").input_value() == "acme-store"
    host_page.evaluate("HelpCenterWidget.close()")
    host_page.locator(PANEL).wait_for(state="hidden")
    names = [n for n, _ in host_page.evaluate("hostEvents")]
    assert names == ["open", "close"]


def test_keyboard_only(host_page, host_url, widget_stack) -> None:
    host_page.goto(host_url)
    host_page.locator(BUTTON).wait_for()
    for _ in range(5):  # the host's link, then the widget's button
        host_page.keyboard.press("Tab")
        if active_in_widget(host_page).startswith("button"):
            break
    assert "hcw-button" in active_in_widget(host_page)
    host_page.keyboard.press("Enter")
    host_page.locator(PANEL).wait_for()
    assert active_in_widget(host_page).startswith("input#hcw-s-q")
    host_page.keyboard.type("ticket")
    host_page.keyboard.press("Enter")
    host_page.locator("#hcw-search .hc-copilot__results a").first.wait_for()
    host_page.keyboard.press("Shift+Tab")  # back through the search form to the tab list
    for _ in range(6):
        if "[tab]" in active_in_widget(host_page):
            break
        host_page.keyboard.press("Shift+Tab")
    assert active_in_widget(host_page).startswith("button#hcw-tab-search")
    host_page.keyboard.press("ArrowRight")
    assert active_in_widget(host_page).startswith("button#hcw-tab-copilot")
    assert host_page.locator("#hcw-copilot").is_visible()
    host_page.keyboard.press("Tab")  # into the Copilot step: "Ask a question"
    host_page.locator("#hcw-c [data-act=ask]").wait_for()
    for _ in range(8):
        if "hc-copilot__primary" in active_in_widget(host_page):
            break
        host_page.keyboard.press("Tab")
    host_page.keyboard.press("Enter")  # the language step; the page's language first, focused
    host_page.locator("#hcw-c [data-act=lang]").first.wait_for()
    assert active_in_widget(host_page).startswith("button#.hc-copilot__opt")
    host_page.keyboard.press("Enter")  # English: the tree's root, its first option focused
    for _ in range(40):  # focus never leaves the panel while it is open
        host_page.keyboard.press("Tab")
        assert active_in_widget(host_page), "the focus left the panel"
    host_page.keyboard.press("Escape")
    host_page.locator(PANEL).wait_for(state="hidden")
    assert "hcw-button" in active_in_widget(host_page)  # the focus is back on the button
    assert host_page.locator(BUTTON).get_attribute("aria-expanded") == "false"
    assert re.fullmatch(
        r"start(>[\w-]+)*", host_page.evaluate("JSON.parse(sessionStorage['hcw-copilot']).trail.join('>')")
    )


def test_a_search_sent_before_the_tree_arrives_waits_for_it(host_page, host_url) -> None:
    """A fast typist: the query goes out while Copilot's tree is still on its way; the results come."""
    held = []
    host_page.route("**/assets/copilot/*.json", lambda route: held.append(route))  # answered below
    host_page.goto(host_url)
    host_page.locator(BUTTON).click()
    box = host_page.locator("#hcw-s-q")
    box.wait_for()
    box.fill("ticket")
    box.press("Enter")  # a search that does not wait for the tree has failed by now
    assert held, "the tree was requested"
    for route in held:
        route.continue_()
    host_page.locator("#hcw-search .hc-copilot__results a").first.wait_for()
