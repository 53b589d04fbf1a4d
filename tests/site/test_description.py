"""`<meta name="description">`: front matter, else first paragraph, else the site's, in the page language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpcenter.description import LIMIT, first_paragraph, page_description, trim

SITE = {
    "es": "Respuestas para las tiendas en Acme Commerce",
    "en": "Answers for Acme Commerce store owners",
    "pt": "Respostas para as lojas na Acme Commerce",
}


def test_front_matter_summary_in_the_page_language_wins() -> None:
    meta = {
        "announcementSynopsisEN": "Tickets start in Copilot.",
        "announcementSynopsisPT": "Começam no Copilot.",
    }
    assert page_description(meta, "<p>Body text here.</p>", "pt", "Site") == "Começam no Copilot."
    assert page_description({"description": "Own *words*"}, "<p>Body</p>", "en", None) == "Own *words*"


def test_first_paragraph_skips_titles_tag_lines_and_empty_paragraphs() -> None:
    content = (
        '<div class="admonition note"><p class="admonition-title">Note</p>'
        '<p><img alt="" src="x.png"></p></div><p><strong>Tags</strong>: billing, invoices</p>'
        "<p>Your <a href='x'>invoice</a> &amp; receipts,\n  explained.</p><p>Second.</p>"
    )
    assert first_paragraph(content) == "Your invoice & receipts, explained."


def test_no_text_falls_back_to_the_site_description() -> None:
    assert (
        page_description({}, "<h1>Home</h1><!-- ticket-form: technical -->", "en", "Site words")
        == "Site words"
    )


def test_trim_cuts_on_a_word_boundary() -> None:
    text = "word " * 60
    cut = trim(text)
    assert len(cut) <= LIMIT and cut.endswith("word…")
    assert trim("Short sentence.") == "Short sentence."


def _description(page: Path) -> str | None:
    found = re.findall(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
    assert len(found) <= 1, page
    return html.unescape(found[0]) if found else None


def test_every_built_page_has_a_description_in_its_language(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if "md-header" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 21
    for page in pages:
        text = _description(page)
        assert text and 20 <= len(text) <= LIMIT, page
    for root in (built_site, built_site / "en", built_site / "pt"):
        assert not _description(root / "index.html").startswith(tuple(SITE.values()))  # the home's own text
    assert _description(built_site / "en/support/technical/index.html") == (
        "Problems or unexpected behaviour on the platform, and technical questions about Acme products."
    )
    assert _description(built_site / "404.html").startswith(SITE["es"])


@pytest.mark.parametrize(
    ("page", "words"),
    [("index.html", "bienvenida"), ("en/index.html", "Welcome"), ("pt/index.html", "Boas-vindas")],
)
def test_home_descriptions_are_in_the_home_language(built_site: Path, page: str, words: str) -> None:
    assert words in _description(built_site / page)
