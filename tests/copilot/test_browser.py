"""Copilot in Debian's Chromium on the built site: scenarios, state, keyboard, axe, screenshots."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_helpers import RECORD_EVENTS, axe_violations, events, shoot
from copilot_helpers import (
    ANSWERS,
    ASK,
    HANDOFFS,
    HOME,
    NAMES,
    SCENARIOS,
    SUPPORT,
    ask,
    click,
    open_at_scenarios,
    open_panel,
    stage,
    trail,
)

from catalog.languages import LANGUAGES
from helpcenter.testing import next_frames

pytestmark = pytest.mark.browser
STEP = "#hc-copilot .hc-copilot__step"


def first_steps(page, artifacts_dir: Path, lang: str) -> None:
    """The two steps before the tree, as users see them: `Ask a question`, then the language step with
    the page's language first and marked; axe and screenshots at each; the default language is taken."""
    open_panel(page)
    assert stage(page) == "ask" and trail(page) == ""
    assert page.locator(f"{STEP} [data-act=ask]").text_content() == ASK[lang]
    assert page.locator("#hc-copilot-q").is_visible()  # the free-text box stays on the first screen
    assert axe_violations(page) == [], "panel open at the first screen"
    shoot(page, artifacts_dir, f"{lang}-ask")
    page.locator(f"{STEP} [data-act=ask]").click()
    buttons = page.locator(f"{STEP} [data-act=lang]")
    buttons.first.wait_for()
    codes = buttons.evaluate_all("bs => bs.map(b => b.dataset.lang)")
    assert codes == [lang, *[x for x in LANGUAGES if x != lang]]  # the page's language first
    assert page.locator(f"{STEP} [data-act=lang][data-default]").count() == 1
    assert buttons.first.inner_text() == f"{NAMES[lang]} {THIS_PAGE[lang]}"
    assert page.evaluate("document.activeElement.dataset.lang") == lang  # Enter takes the default
    assert trail(page) == "" and not page.locator("#hc-copilot-q").is_visible()
    assert axe_violations(page) == [], "panel open at the language step"
    shoot(page, artifacts_dir, f"{lang}-language")
    buttons.first.click()
    page.wait_for_function("window.copilot.state().stage === 'tree'")
    labels = texts(page.locator(f"{STEP} [data-act=pick]"))
    assert labels == SCENARIOS[lang]


THIS_PAGE = {"es": "(esta página)", "en": "(this page)", "pt": "(esta página)"}


def texts(locator) -> list[str]:
    return locator.evaluate_all("els => els.map(e => e.textContent)")


def said(page, words: str) -> None:
    """Wait until the live region announces ``words``."""
    page.wait_for_function(
        "w => document.querySelector('#hc-copilot [aria-live]').textContent.includes(w)", arg=words
    )


def walk(page, artifacts_dir: Path, lang: str, clicks: list, name: str) -> None:
    """Open the panel on the language's home and click through; axe and screenshots at every step."""
    page.goto(page.base + HOME[lang])
    page.evaluate(RECORD_EVENTS)
    assert axe_violations(page) == [], "panel closed"
    shoot(page, artifacts_dir, f"{lang}-closed")
    first_steps(page, artifacts_dir, lang)
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


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scenario", ANSWERS)
def test_scenario_walked_to_an_answer(site, artifacts_dir: Path, lang: str, scenario: str) -> None:
    clicks, expected = ANSWERS[scenario]
    walk(site, artifacts_dir, lang, clicks, scenario)
    assert trail(site) == expected
    names = [name for name, _ in events(site)]
    assert names[0] == "open" and names.count("step") == len(clicks) + 3 and names[-1] == "resolved"
    kinds = [d["kind"] for n, d in events(site) if n == "step"]
    assert kinds[:3] == ["ask", "language", "choice"]
    assert [d["page"] for n, d in events(site) if n == "language"] == [lang]
    assert site.locator("#hc-copilot .hc-copilot__step h3").get_attribute("lang") is None
    assert site.locator("#hc-copilot").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
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
    open_at_scenarios(site)
    for action in clicks:
        click(site, action)
    site.evaluate("document.addEventListener('click', (e) => e.preventDefault(), {once: true})")
    site.locator(".hc-copilot__handoff").click()
    (detail,) = [d for n, d in events(site) if n == "handoff"]
    assert detail["type"] == ticket_type and detail["fields"] == fields and detail["trail"] == expected


def test_back_restart_and_breadcrumbs(site) -> None:
    site.goto(site.base + "pt/")
    open_at_scenarios(site)
    for action in (1, 0, 1):
        click(site, action)
    assert trail(site) == "start>bug-env>bug-impact>bug-articles"
    crumbs = site.locator("#hc-copilot .hc-copilot__crumbs li")
    titles = texts(crumbs)
    assert titles == ["Início", "Idioma", "Cenário", "Onde", "Impacto", "O que verificar"]
    assert crumbs.nth(5).locator("[aria-current=step]").count() == 1
    back = site.locator("#hc-copilot [data-act=back]")
    back.click()
    assert trail(site) == "start>bug-env>bug-impact"
    crumbs.nth(3).locator("button").click()  # jump back to "Where"
    assert trail(site) == "start>bug-env"
    back.click()
    assert trail(site) == "start"
    back.click()  # from the scenario step back to the language step: not a node, not in the trail
    assert stage(site) == "lang" and trail(site) == ""
    assert crumbs.count() == 2
    back.click()
    assert stage(site) == "ask" and back.is_disabled()
    ask(site, "en")  # another language than the page's, then a crumb back to the language step
    click(site, 2)
    assert trail(site) == "start>cfg-need"
    crumbs.nth(1).locator("button").click()
    assert stage(site) == "lang" and trail(site) == ""
    site.locator(f"{STEP} [data-act=lang][data-lang=en]").click()
    site.wait_for_function("window.copilot.state().trail.join('>') === 'start'")
    click(site, 1)
    site.locator("#hc-copilot [data-act=restart]").click()  # the first screen, in the language in use
    assert stage(site) == "ask" and trail(site) == ""
    assert site.locator(f"{STEP} [data-act=ask]").text_content() == ASK["en"]
    assert back.is_disabled()


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
    assert stage(site) == "ask" and trail(site) == ""


def test_deep_link_skips_the_first_steps_and_back_reaches_them(site) -> None:
    site.goto(site.base + "pt/#copilot=bug-env")
    site.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert stage(site) == "tree" and trail(site) == "start>bug-env"
    crumbs = site.locator("#hc-copilot .hc-copilot__crumbs li")
    assert texts(crumbs) == ["Início", "Idioma", "Cenário", "Onde"]
    site.locator("#hc-copilot [data-act=back]").click()
    site.locator("#hc-copilot [data-act=back]").click()
    assert stage(site) == "lang" and trail(site) == ""


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
    assert site.evaluate("document.activeElement.dataset.act") == "ask"  # focus moved into the panel
    # Material's shortcuts must not fire inside the panel: they would toggle the search synchronously or
    # click the previous/next link (recorded here); after two rendered frames either would have shown.
    site.evaluate(
        "window.__clicks = []; document.addEventListener('click',"
        " e => window.__clicks.push(e.target.closest('a') ? e.target.closest('a').href : ''), true)"
    )
    for key in ("s", "f", "/", "p", "n", "."):
        site.keyboard.press(key)
    next_frames(site)
    assert site.evaluate("window.__clicks") == []
    assert not site.locator("#__search").is_checked()
    assert site.evaluate("location.pathname") == "/en/"
    site.keyboard.press("Enter")  # "Ask a question": the language step, focus on the default (the page's)
    site.wait_for_function("document.activeElement.dataset.lang === 'en'")
    site.keyboard.press("Tab")
    site.keyboard.press("Tab")
    assert site.evaluate("document.activeElement.dataset.lang") == "pt"
    site.keyboard.press("Shift+Tab")
    assert site.evaluate("document.activeElement.dataset.lang") == "es"
    site.keyboard.press("Enter")  # Español: the scenario step in Spanish, focus on its first option
    site.wait_for_function("document.activeElement.dataset.act === 'pick'")
    assert site.evaluate("document.activeElement.textContent") == SCENARIOS["es"][0]
    site.keyboard.press("Tab")  # second option: "Veo un comportamiento inesperado"
    site.keyboard.press("Enter")
    site.keyboard.press("Space")  # first option of the next step, already focused
    assert trail(site) == "start>bug-env>bug-impact"
    assert site.locator("#hc-copilot").get_attribute("lang") == "es"
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
    assert "Te guío hasta la respuesta" in live.text_content()
    site.locator(f"{STEP} [data-act=ask]").click()
    said(site, "Elige el idioma")
    site.locator(f"{STEP} [data-act=lang][data-lang=es]").click()
    said(site, "escenario")
    click(site, 2)
    said(site, "¿Qué")
    assert site.locator("#hc-copilot").get_attribute("aria-labelledby") == "hc-copilot-title"
    assert site.locator("#hc-copilot").evaluate("d => d.matches(':modal')")


def test_choosing_another_language_switches_texts_articles_and_the_form(site) -> None:
    site.goto(site.base + "en/")
    site.evaluate(RECORD_EVENTS)
    open_panel(site)
    site.locator(f"{STEP} [data-act=ask]").click()
    site.locator(f"{STEP} [data-act=lang][data-lang=pt]").click()
    site.wait_for_function("window.copilot.state().lang === 'pt'")
    assert site.locator(f"{STEP} h3").text_content() == "Cenário"
    assert texts(site.locator(f"{STEP} [data-act=pick]")) == SCENARIOS["pt"]
    assert site.locator("#hc-copilot").get_attribute("lang") == "pt"
    assert site.locator("#hc-copilot [data-act=restart]").text_content() == "↺ Recomeçar"
    assert [d["page"] for n, d in events(site) if n == "language"] == ["en"]
    click(site, 0)
    click(site, 0)  # suggested articles: the Portuguese pages
    hrefs = site.locator(f"{STEP} ul a").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    assert hrefs and all(h.startswith("/pt/") for h in hrefs)
    site.locator("#hc-copilot [data-act=restart]").click()
    ask(site, "pt")
    clicks, expected, ticket_type, fields = HANDOFFS["vendor"]
    for action in clicks:
        click(site, action)
    link = site.locator(".hc-copilot__handoff")
    assert link.text_content() == "Falar com uma pessoa"
    href = link.get_attribute("href")
    assert urlparse(href).path == "/pt/suporte/commercial/" and "language=pt" in href
    link.click()
    site.wait_for_url("**/pt/suporte/commercial/?*")
    site.wait_for_selector("form.hc-form[data-hc-ready]")
    assert site.evaluate("document.documentElement.lang").startswith("pt")
    assert site.input_value("[name=copilot_trail]") == expected
    assert site.locator(f"[name=need][value={fields['need']}]").is_checked()
    assert site.input_value("[name=language]") == "pt"


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
    others = [HOME[x] for x in LANGUAGES if x != lang and HOME[x]]
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
    assert stage(site) == "ask" and trail(site) == ""


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


def test_a_language_that_cannot_load_keeps_the_one_in_use(browser, site_url: str) -> None:
    """Own context (the failed request is the point). The language step stays, with the error said."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/assets/copilot/pt.json", lambda route: route.fulfill(status=503, body="down"))
        page.goto(site_url + "en/")
        open_panel(page)
        page.locator(f"{STEP} [data-act=ask]").click()
        page.locator(f"{STEP} [data-act=lang][data-lang=pt]").click()
        note = page.locator("#hc-copilot .hc-copilot__results p")
        note.wait_for()
        assert note.text_content() == "Copilot could not load. Try again later."
        assert stage(page) == "lang" and page.evaluate("window.copilot.state().lang") == "en"
        page.locator(f"{STEP} [data-act=lang][data-lang=es]").click()  # another language still works
        page.wait_for_function("window.copilot.state().stage === 'tree'")
        assert texts(page.locator(f"{STEP} [data-act=pick]")) == SCENARIOS["es"]
    finally:
        context.close()
