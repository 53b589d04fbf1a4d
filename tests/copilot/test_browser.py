"""Copilot in Debian's Chromium on the built site: scenarios, state, keyboard, axe, screenshots."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_helpers import RECORD_EVENTS, axe_violations, events, shoot
from copilot_helpers import ANSWERS, HANDOFFS, HOME, LANGS, SUPPORT, click, open_panel, trail

pytestmark = pytest.mark.browser


def walk(page, artifacts_dir: Path, lang: str, clicks: list, name: str) -> None:
    """Open the panel on the language's home and click through; axe and screenshots at every step."""
    page.goto(page.base + HOME[lang])
    page.evaluate(RECORD_EVENTS)
    assert axe_violations(page) == [], "panel closed"
    shoot(page, artifacts_dir, f"{lang}-closed")
    open_panel(page)
    for i, action in enumerate([*clicks, None]):
        node = trail(page).rsplit(">", 1)[-1]
        assert axe_violations(page) == [], f"panel open at {node}"
        shoot(page, artifacts_dir, f"{lang}-{node}")
        if action is not None:
            click(page, action)
            page.wait_for_function(f"window.copilot.state().trail.length === {i + 2}")


@pytest.fixture
def site(page, site_url: str):
    page.base = site_url
    return page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", ANSWERS)
def test_scenario_walked_to_an_answer(site, artifacts_dir: Path, lang: str, scenario: str) -> None:
    clicks, expected = ANSWERS[scenario]
    walk(site, artifacts_dir, lang, clicks, scenario)
    assert trail(site) == expected
    names = [name for name, _ in events(site)]
    assert names[0] == "open" and names.count("step") == len(clicks) + 1 and names[-1] == "resolved"
    assert site.locator("#hc-copilot .hc-copilot__step h3").get_attribute("lang") is None
    assert site.locator("#hc-copilot").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", HANDOFFS)
def test_scenario_walked_to_a_prefilled_form(site, artifacts_dir: Path, lang: str, scenario: str) -> None:
    clicks, expected, ticket_type, fields = HANDOFFS[scenario]
    walk(site, artifacts_dir, lang, clicks, scenario)
    link = site.locator("#hc-copilot .hc-copilot__handoff")
    url = urlparse(link.get_attribute("href"))
    assert url.path == "/" + SUPPORT[lang] + ticket_type + "/"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {**fields, "language": lang, "copilot_trail": expected}
    link.click()
    site.wait_for_url(f"**/{SUPPORT[lang]}{ticket_type}/?*")
    site.wait_for_selector("form.hc-form[data-hc-ready]")
    assert site.evaluate("!document.querySelector('#hc-copilot')?.open")
    assert site.input_value("[name=copilot_trail]") == expected
    for name, value in fields.items():
        control = site.locator(f"[name={name}]")
        if control.first.get_attribute("type") == "radio":
            assert site.locator(f"[name={name}][value={value}]").is_checked()
        else:
            assert control.input_value() == value


def test_handoff_event_carries_type_fields_and_trail(site) -> None:
    clicks, expected, ticket_type, fields = HANDOFFS["unexpected"]
    site.goto(site.base + "en/")
    site.evaluate(RECORD_EVENTS)
    open_panel(site)
    for action in clicks:
        click(site, action)
    site.evaluate("document.addEventListener('click', (e) => e.preventDefault(), {once: true})")
    site.locator(".hc-copilot__handoff").click()
    (detail,) = [d for n, d in events(site) if n == "handoff"]
    assert detail["type"] == ticket_type and detail["fields"] == fields and detail["trail"] == expected


def test_back_restart_and_breadcrumbs(site) -> None:
    site.goto(site.base + "pt/")
    open_panel(site)
    for action in (1, 0, 1):
        click(site, action)
    assert trail(site) == "start>bug-env>bug-impact>bug-articles"
    crumbs = site.locator("#hc-copilot .hc-copilot__crumbs li")
    assert crumbs.count() == 4 and crumbs.nth(3).locator("[aria-current=step]").count() == 1
    site.locator("#hc-copilot [data-act=back]").click()
    assert trail(site) == "start>bug-env>bug-impact"
    crumbs.nth(1).locator("button").click()  # jump back to "Where"
    assert trail(site) == "start>bug-env"
    site.locator("#hc-copilot [data-act=restart]").click()
    assert trail(site) == "start"
    assert site.locator("#hc-copilot [data-act=back]").is_disabled()


def test_deep_link_opens_at_the_node(site) -> None:
    site.goto(site.base + "en/#copilot=bug-impact")
    site.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert trail(site) == "start>bug-env>bug-impact"
    assert "#copilot" not in site.url  # consumed: a reload does not reopen it
    site.keyboard.press("Escape")
    site.evaluate("location.hash = 'copilot=cfg-need'")
    site.wait_for_function("window.copilot.state().trail.join('>') === 'start>cfg-need'")
    assert site.locator("#hc-copilot").evaluate("d => d.open")


def test_unknown_deep_link_opens_at_the_start(site) -> None:
    site.goto(site.base + "en/#copilot=no-such-node")
    site.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert trail(site) == "start"


def test_keyboard_only_and_material_shortcuts(site) -> None:
    site.goto(site.base + "en/")
    for _ in range(60):  # bounded: Tab until the header button has focus
        site.keyboard.press("Tab")
        if site.evaluate("document.activeElement.matches('[data-copilot-button]')"):
            break
    else:
        pytest.fail("the Copilot button is not reachable with Tab")
    site.keyboard.press("Enter")
    site.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert site.evaluate("document.activeElement.dataset.act") == "pick"  # focus moved into the panel
    for key in ("s", "f", "/", "p", "n", "."):  # Material's shortcuts must not fire inside the panel
        site.keyboard.press(key)
    site.wait_for_timeout(300)  # let Material react if it were going to (it reacts within a frame)
    assert not site.locator("#__search").is_checked()
    assert site.evaluate("location.pathname") == "/en/"
    site.keyboard.press("Tab")  # second option: "I see unexpected behaviour"
    site.keyboard.press("Enter")
    site.keyboard.press("Space")  # first option of the next step, already focused
    assert trail(site) == "start>bug-env>bug-impact"
    site.keyboard.press("Escape")
    assert not site.locator("#hc-copilot").evaluate("d => d.open")
    assert site.evaluate("document.activeElement.matches('button[data-copilot-button]')")
    assert site.locator("button[data-copilot-button]").get_attribute("aria-expanded") == "false"
    site.locator("body").click(position={"x": 5, "y": 300})
    site.keyboard.press("s")  # closed panel: Material's own shortcut still opens its search
    site.wait_for_function("document.querySelector('#__search').checked")


def test_new_messages_are_announced(site) -> None:
    site.goto(site.base + HOME["es"])
    open_panel(site)
    live = site.locator("#hc-copilot [aria-live=polite]")
    site.wait_for_function("document.querySelector('#hc-copilot [aria-live]').textContent.length > 0")
    assert "¿En qué te puedo ayudar?" in live.text_content()
    click(site, 2)
    site.wait_for_function("document.querySelector('#hc-copilot [aria-live]').textContent.includes('¿Qué')")
    assert site.locator("#hc-copilot").get_attribute("aria-labelledby") == "hc-copilot-title"
    assert site.locator("#hc-copilot").evaluate("d => d.matches(':modal')")


def test_language_choice_defaults_to_the_page_and_switches(site) -> None:
    site.goto(site.base + "en/")
    open_panel(site)
    assert site.locator("#hc-copilot select").input_value() == "en"
    site.locator("#hc-copilot select").select_option("pt")
    site.wait_for_function("document.querySelector('#hc-copilot h3').textContent === 'Início'")
    for action in HANDOFFS["vendor"][0]:
        click(site, action)
    href = site.locator(".hc-copilot__handoff").get_attribute("href")
    assert urlparse(href).path == "/pt/suporte/commercial/" and "language=pt" in href


@pytest.mark.parametrize(
    ("lang", "query"), [("es", "estado ticket"), ("en", "ticket status"), ("pt", "status ticket")]
)
def test_free_text_suggests_articles_of_that_language(
    site, artifacts_dir: Path, lang: str, query: str
) -> None:
    site.goto(site.base + HOME[lang])
    site.evaluate(RECORD_EVENTS)
    open_panel(site)
    site.fill("#hc-copilot-q", query)
    site.keyboard.press("Enter")
    links = site.locator("#hc-copilot .hc-copilot__results a")
    links.first.wait_for()
    hrefs = [urlparse(h).path for h in links.evaluate_all("as => as.map(a => a.href)")]
    others = [HOME[x] for x in LANGS if x != lang and HOME[x]]
    assert hrefs and all(not h.lstrip("/").startswith(tuple(others)) for h in hrefs)
    assert all(h.startswith("/" + HOME[lang]) for h in hrefs)
    assert not any(h.endswith("/thanks/") for h in hrefs)  # the after-sending page is no answer
    assert axe_violations(site) == []
    shoot(site, artifacts_dir, f"{lang}-search")
    site.fill("#hc-copilot-q", "zzzqqq")
    site.keyboard.press("Enter")
    site.locator("#hc-copilot .hc-copilot__results p").wait_for()
    assert [d["count"] for n, d in events(site) if n == "search"] == [len(hrefs), 0]


def test_a_stale_saved_trail_starts_over(site) -> None:
    """A trail saved before the tree changed (not a path any more) must not reach a ticket form."""
    site.goto(site.base + "en/")
    stale = '{"lang": "en", "trail": ["start", "ticket-bug"], "picks": [null], "open": false}'
    site.evaluate(f"sessionStorage.setItem('hc-copilot', {stale!r})")
    site.reload()
    open_panel(site)
    assert trail(site) == "start"


def test_tree_that_cannot_load_is_said_in_the_page_language(browser, site_url: str) -> None:
    """Own context: the failed request is the point here, so the console-error guard does not apply."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/assets/copilot/*.json", lambda route: route.fulfill(status=503, body="down"))
        page.goto(site_url + "pt/")
        page.locator("button[data-copilot-button]").click()
        alert = page.locator("#hc-copilot [role=alert]")
        alert.wait_for()
        assert alert.text_content() == "O Copilot não pôde carregar. Tente novamente mais tarde."
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.matches('[data-copilot-button]')")
    finally:
        context.close()
