"""The site as a reader uses it: Support tab, Contact link, language switcher, search, narrow screens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpcenter.articles import article_index

ROOT = Path(__file__).resolve().parents[2]

LANGUAGES = {
    "es": {"root": "", "support": "Soporte", "contact": "Entrar en contacto", "support_path": "soporte/"},
    "en": {"root": "en/", "support": "Support", "contact": "Contact us", "support_path": "en/support/"},
    "pt": {"root": "pt/", "support": "Suporte", "contact": "Entre em contato", "support_path": "pt/suporte/"},
}
NAMES = {"es": "Español", "en": "English", "pt": "Português"}


def translated_article() -> dict[str, str]:
    """URLs of one published track article that exists in all three languages (else the support form)."""
    index = article_index(ROOT / "docs")
    for translations in index.by_id.values():
        first = next(iter(translations.values()))
        if first.meta.get("contentType") == "trackArticle" and set(translations) >= set(LANGUAGES):
            return {locale: article.url for locale, article in translations.items()}
    return {locale: index.translation("support-technical", locale).url for locale in LANGUAGES}


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_support_tab_leads_to_the_support_page(page, site_url: str, locale: str) -> None:
    texts = LANGUAGES[locale]
    page.goto(site_url + texts["root"])
    tab = page.locator(".md-tabs__link", has_text=texts["support"])
    assert tab.is_visible()
    tab.click()
    page.wait_for_url(site_url + texts["support_path"])
    expect(page.locator("h1").first).to_contain_text(texts["support"])  # instant loading swaps it in
    # the page explains the three ticket types and links each form
    for form in ("technical", "financial", "commercial"):
        assert page.locator(f"article a[href$='{form}/']").count() >= 1


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_contact_link_in_footer_leads_to_the_contact_page(page, site_url: str, locale: str) -> None:
    texts = LANGUAGES[locale]
    page.goto(site_url + translated_article()[locale])
    link = page.locator("footer .hc-contact-link")
    assert link.inner_text() == texts["contact"]
    assert link.is_visible()
    link.click()
    page.wait_for_url(site_url + texts["support_path"] + "contact/")
    expect(page.locator("h1").first).to_contain_text(texts["contact"])


@pytest.mark.browser
@pytest.mark.parametrize(("source", "target"), [("es", "en"), ("en", "pt"), ("pt", "es")])
def test_language_switcher_keeps_the_article(page, site_url: str, source: str, target: str) -> None:
    urls = translated_article()
    page.goto(site_url + urls[source])
    page.hover(".md-header .md-select")
    page.locator(f".md-select__link[hreflang='{target}']").click()
    page.wait_for_url(site_url + urls[target])
    assert page.evaluate("document.documentElement.lang") == target


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_search_returns_the_current_language_only(page, site_url: str, locale: str) -> None:
    page.goto(site_url + LANGUAGES[locale]["root"])
    results = page.locator(".md-search-result__item > .md-search-result__link")
    box = page.locator(".md-search__input")  # visible in the header at desktop width
    for _attempt in range(3):  # a query typed before the worker has its index gets no answer: type again
        box.fill("")
        box.press_sequentially("ticket", delay=30)  # keystrokes: Material reads the query on keyup
        try:
            results.first.wait_for(state="attached", timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; retried a bounded number of times
            continue
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs
    others = [LANGUAGES[o]["root"] for o in LANGUAGES if o != locale and LANGUAGES[o]["root"]]
    for href in hrefs:
        path = href.removeprefix(site_url)
        assert path.startswith(LANGUAGES[locale]["root"]), href
        assert not any(path.startswith(other) for other in others), href


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_narrow_screen_moves_tabs_into_the_drawer(page, site_url: str, locale: str) -> None:
    texts = LANGUAGES[locale]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + texts["root"])
    assert not page.locator(".md-tabs").is_visible()
    page.locator(".md-header label[for=__drawer]").click()
    drawer_link = page.locator(".md-nav--primary .md-nav__link", has_text=texts["support"]).first
    drawer_link.wait_for(state="visible")
    assert page.locator("footer .hc-contact-link").inner_text() == texts["contact"]


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_home_and_article(
    page, site_url: str, artifacts_dir: Path, locale: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in (("home", LANGUAGES[locale]["root"]), ("article", translated_article()[locale])):
        page.goto(site_url + path)
        page.locator("h1").first.wait_for()
        target = artifacts_dir / f"site-{name}-{locale}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


@pytest.mark.browser
def test_switcher_follows_the_page_after_instant_loading(page, site_url: str) -> None:
    """Instant loading swaps the content, not the header: the switcher must name this page's translations."""
    urls = translated_article()
    page.goto(site_url + "en/")
    page.evaluate("window.__notReloaded = true")
    page.locator(".md-tabs__link", has_text="Support").click()
    page.wait_for_url(site_url + "en/support/")
    assert page.evaluate("window.__notReloaded") is True, "instant loading did not take over the click"
    page.goto(site_url + urls["en"])
    page.evaluate("window.__notReloaded = true")
    page.locator(".md-tabs__link", has_text="Support").click()
    page.wait_for_url(site_url + "en/support/")
    page.hover(".md-header .md-select")
    # the switcher is updated after the swap, asynchronously: wait for it (bounded) rather than read once
    expect(page.locator(".md-select__link[hreflang=pt]")).to_have_attribute(
        "href", re.compile(r"/pt/suporte/$")
    )
    assert page.evaluate("window.__notReloaded") is True


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_home_and_article(page, site_url: str, locale: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    for path in (LANGUAGES[locale]["root"], translated_article()[locale], LANGUAGES[locale]["support_path"]):
        page.goto(site_url + path)
        page.locator("h1").first.wait_for()
        results = Axe().run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"


FIRST_FRAME = """requestAnimationFrame(() => {
  window.hcFirstFrame = {
    header: !!document.querySelector(".md-header"),
    title: !!document.querySelector("article h1"),
    contentEnd: !!document.querySelector(".md-content [data-hc-alternates]"),
  };
});"""


@pytest.mark.browser
@pytest.mark.parametrize("which", ["article", "form"])
def test_the_first_frame_shows_the_content_not_the_header_alone(page, site_url: str, which: str) -> None:
    """On a slow phone the parser pauses, and Chromium would paint what it has: the header alone."""
    path = translated_article()["en"] if which == "article" else "en/support/technical/"
    page.add_init_script(FIRST_FRAME)  # runs before the page's own parsing
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": 20, "downloadThroughput": 40_000, "uploadThroughput": 40_000}
    cdp.send("Network.emulateNetworkConditions", conditions)
    page.goto(site_url + path)
    page.wait_for_function("window.hcFirstFrame !== undefined")
    assert page.evaluate("window.hcFirstFrame") == {"header": True, "title": True, "contentEnd": True}
