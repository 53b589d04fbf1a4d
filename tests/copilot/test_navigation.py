"""State across page changes, with Material's instant loading and without it (a variant build)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from copilot_helpers import ROOT, build, click, open_at_scenarios, open_panel, trail, variant_project

from helpcenter.testing import serving, static_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def no_instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same project built without `navigation.instant`, served on its own port."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.instant\n" in config
    tmp = tmp_path_factory.mktemp("no-instant")
    project = variant_project(tmp / "project", config.replace("    - navigation.instant\n", ""))
    server = static_server(tmp / "site")  # bound first: the build names a port this server holds
    result = build(project, tmp / "site", site_url=f"http://127.0.0.1:{server.server_address[1]}/")
    assert result.returncode == 0, result.stderr[-3000:]
    with serving(server) as url:
        yield url


@pytest.fixture(scope="module")
def instant_url(site_url: str) -> str:
    """The repository's site as conftest serves it: on the port its build's site_url names, so Material's
    instant loading engages (it follows only links whose origin matches the sitemap's)."""
    return site_url


@pytest.fixture(params=["instant", "no-instant"])
def base(request) -> tuple[str, bool]:
    if request.param == "instant":
        return request.getfixturevalue("instant_url"), True
    return request.getfixturevalue("no_instant_url"), False


def test_state_survives_page_changes_reload_and_back(page, base: tuple[str, bool]) -> None:
    url, instant = base
    page.goto(url + "en/")
    page.evaluate("window.__samePage = true")
    open_at_scenarios(page)
    click(page, 0)
    click(page, 0)
    assert trail(page) == "start>q-topic>q-support"
    article = page.locator("#hc-copilot .hc-copilot__step ul a").first
    target = article.get_attribute("href")
    article.click()
    page.wait_for_url(target)
    page.locator("article h1").first.wait_for()
    # Instant loading swaps the page in place (scripts stay); without it the browser loads a new page.
    assert page.evaluate("window.__samePage === true") is instant
    assert page.evaluate("!document.querySelector('#hc-copilot')?.open")
    open_panel(page)
    assert trail(page) == "start>q-topic>q-support"
    assert page.locator("#hc-copilot .hc-copilot__crumbs li").count() == 5  # first screen, language, 3 nodes
    click(page, "next")
    page.reload()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()  # it was open: it opens again
    assert trail(page) == "start>q-topic>q-support>q-ok"
    page.keyboard.press("Escape")
    page.go_back()
    page.wait_for_url(url + "en/")
    open_panel(page)
    assert trail(page) == "start>q-topic>q-support>q-ok"
    click(page, "yes")
    assert trail(page).endswith(">resolved")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "en/support/technical/",
        "pt/suporte/",
        "en/tracks/getting-started/support-at-acme/ticket-statuses/",
    ],
)
def test_button_is_at_the_top_right_of_every_kind_of_page(page, site_url: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + path)
    button = page.locator("button[data-copilot-button]")
    box = button.bounding_box()
    assert box is not None
    rights = page.locator(".md-header__inner > *").evaluate_all(
        "els => els.filter(e => e.offsetParent && getComputedStyle(e).position !== 'fixed')"
        ".map(e => e.getBoundingClientRect().right)"
    )
    assert box["x"] + box["width"] >= max(rights) - 0.5
    assert box["y"] < 60


def test_chosen_language_survives_a_page_change(page, site_url: str) -> None:
    """Chosen on an English page, Portuguese stays Copilot's language on the (Portuguese) article it opens."""
    page.goto(site_url + "en/")
    open_at_scenarios(page, "pt")
    click(page, 0)
    click(page, 0)
    article = page.locator("#hc-copilot .hc-copilot__step ul a").first
    target = article.get_attribute("href")
    assert target.startswith(site_url + "pt/")  # the suggested article is in the chosen language
    article.click()
    page.wait_for_url(target)
    open_panel(page)
    assert trail(page) == "start>q-topic>q-support"
    assert page.evaluate("window.copilot.state().lang") == "pt"
    assert page.locator("#hc-copilot").get_attribute("lang") == "pt"
