"""A page with every callout kind, as a reader sees it at desktop and phone widths (screenshots)."""

from __future__ import annotations

from pathlib import Path

import pytest

CALLOUT_PAGE = "en/tutorials/misc/every-callout/"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_every_callout_kind_renders_as_an_admonition(
    page, corpus_url: str, artifacts_dir: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(corpus_url + CALLOUT_PAGE)
    article = page.locator("article.md-content__inner")
    kinds = [article.locator(f".admonition.{kind}") for kind in ("note", "warning", "danger")]
    assert [k.count() for k in kinds] == [2, 2, 2]  # the emoji form and the Bootstrap form of each
    for kind in kinds:
        for i in range(2):
            box = kind.nth(i)
            assert box.is_visible()
            # the theme's admonition look: a coloured border and a title bar with its icon
            assert box.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
            assert box.locator(".admonition-title").is_visible()
            # the icon is markup in the title, where the theme's mask was; the mask is not drawn
            assert box.locator(".admonition-title > svg.hc-admonition-icon").bounding_box()["width"] > 10
            mask = "t => [getComputedStyle(t, '::before').content, getComputedStyle(t, '::before').maskImage]"
            assert box.locator(".admonition-title").evaluate(mask) == ["none", "none"]
    link = article.locator(".admonition.note").first.locator("a").get_attribute("href")
    assert link.endswith("/en/tutorials/operational/support/how-acme-support-works/")
    assert article.locator("svg").count() >= 2  # the Font Awesome icon and the remote-image link's icon
    assert article.locator("img").count() == 0  # the remote image is a link, not a request
    assert article.locator("a.hc-remote-media").get_attribute("href").startswith("https://cdn.example.org/")
    assert "February 11, 2025" in article.locator(".hc-article-meta").inner_text()
    # nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"content-callouts-{width}.png"), full_page=True)


@pytest.mark.browser
def test_known_issue_and_announcement_headers(page, corpus_url: str, artifacts_dir: Path) -> None:
    page.goto(corpus_url + "en/known-issues/Checkout/coupon-not-applied-on-mobile-checkout/")
    meta = page.locator(".hc-article-meta").inner_text()
    assert "Backlog" in meta and "Checkout" in meta and "July 9, 2025" in meta
    page.screenshot(path=str(artifacts_dir / "content-known-issue-1280.png"))
    page.goto(corpus_url + "pt/")
    page.goto(corpus_url + "en/announcements/2025/january/2025-01-21-new-process-for-opening-tickets/")
    assert "January 21, 2025" in page.locator(".hc-article-meta").inner_text()
    assert page.locator(".hc-synopsis").inner_text() == "Technical tickets now start in Copilot."


@pytest.mark.browser
def test_legacy_url_lands_on_the_article(page, corpus_url: str) -> None:
    page.goto(corpus_url + "en/tutorial/opening-tickets-to-acme-support--3Fq9WmXk2LpZr7NcYt4HsV#copilot")
    page.wait_for_url("**/en/tutorials/operational/support/opening-tickets-to-acme-support/**")
    assert page.locator("h1").first.inner_text() == "Opening tickets to Acme support"
