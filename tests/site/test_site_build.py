"""The built site as files: every page carries the Support tab and the Contact link of its language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SUPPORT = {
    "es": ("Soporte", "Entrar en contacto"),
    "en": ("Support", "Contact us"),
    "pt": ("Suporte", "Entre em contato"),
}


def built_pages(site: Path) -> list[Path]:
    """Every page with Material's header (redirect stubs and assets excluded)."""
    return [p for p in site.rglob("index.html") if "md-header" in p.read_text(encoding="utf-8")]


def locale_of(site: Path, page: Path) -> str:
    head = page.relative_to(site).parts[0]
    return head if head in ("en", "pt") else "es"


def test_every_page_has_the_support_tab_and_contact_link(built_site: Path) -> None:
    pages = built_pages(built_site)
    assert len(pages) >= 3 * 7
    for page in pages:
        html = page.read_text(encoding="utf-8")
        support, contact = SUPPORT[locale_of(built_site, page)]
        tabs = html[html.find('class="md-tabs"') :]
        assert tabs and support in tabs[: tabs.find("</nav>")], f"no {support} tab in {page}"
        assert 'class="hc-contact-link" href="' in html and f">{contact}</a>" in html, page


@pytest.mark.parametrize("locale", ["es", "en", "pt"])
def test_each_language_has_its_own_search_index_and_sitemap(built_site: Path, locale: str) -> None:
    root = built_site if locale == "es" else built_site / locale
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], "empty search index"
    assert index["config"]["lang"] == [locale]
    for doc in index["docs"]:
        assert (root / doc["location"].split("#")[0] / "index.html").exists(), doc["location"]
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len({d["location"].split("#")[0] for d in index["docs"]})


def test_not_found_page_speaks_every_language(built_site: Path) -> None:
    """One /404.html answers every language: the default language's chrome, each home linked."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    for lang in ("es", "en", "pt"):
        assert f'<li lang="{lang}">' in html
    assert 'href="/en/" hreflang="en" class="md-select__link"' in html
    assert 'class="hc-contact-link" href="/soporte/contact/">Entrar en contacto</a>' in html
    head = html[: html.find("</head>")]
    assert 'rel="alternate"' not in head  # Material would fetch <alternate>/sitemap.xml from each


def test_article_status_is_not_taken_for_materials_page_status(built_site: Path) -> None:
    """`status: PUBLISHED` is the format's publishing state; Material would show it as a nav icon."""
    for page in built_pages(built_site):
        assert "md-status" not in page.read_text(encoding="utf-8"), page


def test_every_page_holds_its_first_frame_until_its_content_is_parsed(built_site: Path) -> None:
    """The head's `rel=expect` link names an element that each page has once, after its content."""
    pages = [*built_pages(built_site), built_site / "404.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        assert '<link rel="expect" href="#hc-content-end" blocking="render">' in head, page
        assert html.count('id="hc-content-end"') == 1, page
        assert html.find('class="md-content"') < html.find('id="hc-content-end"') < html.find("<footer"), page
