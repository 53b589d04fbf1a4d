"""What a page loads, from Chromium's request log: Copilot's panel code, styles and tree only on first use;
the form module and CSS only on pages with a form (inline, or its file after an instant-loading swap);
the rest of our CSS and JS is inline."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
ARTICLE = "en/tracks/getting-started/support-at-acme/ticket-statuses/"
PANEL_CODE = re.compile(r"/assets/javascripts/copilot\.[0-9a-f]+\.js$")
TREE = re.compile(r"/assets/copilot/\w+\.json$")
FORM_CODE = re.compile(r"/assets/javascripts/ticket-form\.[0-9a-f]+\.js$")
EVERY_PAGE = re.compile(r"/assets/javascripts/site\.[0-9a-f]+\.js$")
OUR_STYLESHEET = re.compile(r"/assets/stylesheets/(?!main\.|palette\.)[^/]+\.css$")  # Material's two only
PANEL_STYLE = re.compile(r"/assets/stylesheets/copilot\.[0-9a-f]+\.css$")
PANEL_STYLED = "getComputedStyle(document.querySelector('#hc-copilot')).position === 'fixed'"


def requested(log: list[str], pattern: re.Pattern) -> list[str]:
    return [url for url in log if pattern.search(url)]


def logged(page) -> list[str]:
    log: list[str] = []
    page.on("request", lambda request: log.append(request.url.split("?")[0]))
    return log


def test_article_loads_no_form_code_and_no_panel_code_until_the_click(page, site_url: str) -> None:
    log = logged(page)
    page.goto(site_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    page.locator("button[data-copilot-button]").wait_for()  # site.js ran: the link became a button
    assert requested(log, EVERY_PAGE) == [] and requested(log, OUR_STYLESHEET) == []  # both inline
    assert page.locator("head style[data-hc-style=site]").count() == 1
    assert requested(log, PANEL_CODE) == [] and requested(log, TREE) == []
    assert requested(log, FORM_CODE) == []
    page.locator("button[data-copilot-button]").click()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert page.evaluate(PANEL_STYLED)  # opened with its styles applied, not before them
    assert len(requested(log, PANEL_CODE)) == 1 and len(requested(log, PANEL_STYLE)) == 1
    assert requested(log, OUR_STYLESHEET) == requested(log, PANEL_STYLE)
    assert [url.rsplit("/", 1)[1] for url in requested(log, TREE)] == ["en.json"]
    assert requested(log, FORM_CODE) == []


def test_the_panel_keeps_its_styles_across_instant_loading(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.evaluate("window.__samePage = true")
    page.locator("button[data-copilot-button]").click()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    page.keyboard.press("Escape")
    page.locator(".md-tabs__link", has_text="Support").click()
    page.wait_for_url(site_url + "en/support/")
    page.locator("button[data-copilot-button]").click()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert page.evaluate("window.__samePage") is True, "instant loading did not take over the click"
    assert page.evaluate(PANEL_STYLED)


def test_a_panel_stylesheet_that_failed_is_fetched_again_at_the_next_click(
    page, page_problems, site_url: str
) -> None:
    failed = []
    page.route(PANEL_STYLE, lambda route: (failed.append(route.request.url), route.abort()))
    page.goto(site_url + "en/")
    button = page.locator("button[data-copilot-button]")
    button.click()
    page.wait_for_function("!document.querySelector('[data-copilot-button][aria-busy]')")
    assert len(failed) == 1 and page.locator("#hc-copilot[open]").count() == 0  # no unstyled panel
    assert page_problems.console_errors == ["Failed to load resource: net::ERR_FAILED"]  # that download
    page_problems.console_errors.clear()
    page.unroute(PANEL_STYLE)
    button.click()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert page.evaluate(PANEL_STYLED)


def test_a_click_before_the_panel_code_arrived_opens_the_panel(page, site_url: str) -> None:
    held = []
    page.route(PANEL_CODE, lambda route: held.append(route))  # held back until after the click
    page.goto(site_url + "en/")
    button = page.locator("button[data-copilot-button]")
    button.click()
    for _ in range(100):  # bounded: the click asked for the code
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the click did not load the panel's code"
    assert button.get_attribute("aria-busy") == "true" and page.locator("#hc-copilot").count() == 0
    button.click()  # a second impatient click: still one panel
    held[0].continue_()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert page.locator("#hc-copilot").count() == 1
    assert page.locator("#hc-copilot").evaluate("d => d.open")
    assert button.get_attribute("aria-busy") is None and button.get_attribute("aria-expanded") == "true"


def test_form_code_arrives_with_the_form_under_instant_loading(page, site_url: str) -> None:
    log = logged(page)
    page.goto(site_url + ARTICLE)
    page.evaluate("window.__samePage = true")
    page.locator(".md-tabs__link", has_text="Support").click()
    page.wait_for_url(site_url + "en/support/")
    page.locator("article a[href$='technical/']").first.click()
    page.wait_for_url(site_url + "en/support/technical/")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert page.evaluate("window.__samePage") is True, "instant loading did not take over the clicks"
    assert len(requested(log, FORM_CODE)) == 1 and requested(log, OUR_STYLESHEET) == []  # the module, once
    page.wait_for_function("getComputedStyle(document.querySelector('.hc-form')).display === 'grid'")
    page.go_back()
    page.wait_for_url(site_url + "en/support/")
    page.wait_for_function("!document.querySelector('form.hc-form')")  # the Support page swapped in
    assert page.locator("style[data-hc-style=ticket-form]").count() == 0  # the form's CSS left with its page
    assert page.locator("head script[src*='ticket-form.']").count() == 0


def test_form_page_carries_its_code_inline_after_materials_bundle(page, site_url: str) -> None:
    log = logged(page)
    page.goto(site_url + "en/support/contact/")
    page.wait_for_selector("[data-hc-picker][data-hc-ready]")  # the type picker, enhanced
    page.locator("button[data-copilot-button]").wait_for()
    page.wait_for_load_state("networkidle")
    assert requested(log, FORM_CODE) == [] and requested(log, EVERY_PAGE) == []
    assert requested(log, OUR_STYLESHEET) == [] and requested(log, PANEL_CODE) == []
    kinds = page.eval_on_selector_all(
        "body script", "all => all.map((s) => s.src.includes('/javascripts/bundle.') ? 'bundle' : s.type)"
    )
    assert kinds.index("bundle") < kinds.index("module") and kinds.count("module") == 2  # form's, site's
    assert page.locator("head style[data-hc-style=ticket-form]").count() == 1


def test_a_form_swapped_in_after_an_inline_one_is_enhanced_by_the_modules_file(page, site_url: str) -> None:
    """The form page's own copy of the module ran inline; the next form page, swapped in by instant
    loading, gets the module's file (once), resolved from the first page's address."""
    log = logged(page)
    page.goto(site_url + "en/support/technical/")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    page.evaluate("window.__samePage = true")
    page.locator(".md-tabs__link", has_text="Support").click()
    page.wait_for_url(site_url + "en/support/")
    page.locator("article a[href$='financial/']").first.click()
    page.wait_for_url(site_url + "en/support/financial/")
    page.wait_for_selector("form.hc-form[data-hc-ready] [name=subject]")
    assert page.evaluate("window.__samePage") is True, "instant loading did not take over the clicks"
    assert len(requested(log, FORM_CODE)) == 1
    page.locator("button[data-copilot-button]").click()  # site.js's addresses survive the swaps too
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()
    assert len(requested(log, PANEL_CODE)) == 1 and len(requested(log, TREE)) == 1
