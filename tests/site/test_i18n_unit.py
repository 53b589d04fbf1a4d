"""Pure-function tests of the language switcher, search split and sitemap helpers."""

from __future__ import annotations

import pytest

from helpcenter.articles import Article, ArticleIndex, page_url, read_front_matter
from helpcenter.i18n import alternates, locale_of_location, sitemap_xml, split_search_index


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("es/index.md", ""),
        ("en/index.md", "en/"),
        ("es/soporte/technical.md", "soporte/technical/"),
        ("pt/suporte/index.md", "pt/suporte/"),
        ("en/faq/Billing/old-billing-portal.md", "en/faq/Billing/old-billing-portal/"),
        ("es/faq/Facturación/x.md", "faq/Facturación/x/"),
    ],
)
def test_page_url(src: str, url: str) -> None:
    assert page_url(src) == url


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("---\ntitle: 'A'\nid: X1\n---\nbody", {"title": "A", "id": "X1"}),
        ("no front matter", {}),
        ("---\n- a list\n---\n", {}),
        ("---\ntitle: [unclosed\n---\n", {}),
    ],
)
def test_read_front_matter(text: str, meta: dict) -> None:
    assert read_front_matter(text) == meta


def _index() -> ArticleIndex:
    def art(src: str, **meta) -> Article:
        return Article(src=src, locale=src.split("/")[0], url=page_url(src), meta=meta)

    return ArticleIndex(
        [
            art("es/a/hola.md", id="A1", status="PUBLISHED"),
            art("en/a/hello.md", id="A1", status="PUBLISHED"),
            art("pt/a/ola.md", id="A1", status="ARCHIVED"),
            art("es/b/solo.md", id="B2", status="PUBLISHED"),
        ]
    )


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        # the translation with the same id, else that language's home; unpublished ones do not count
        ("es/a/hola.md", {"es": "a/hola/", "en": "en/a/hello/", "pt": "pt/"}),
        ("en/a/hello.md", {"es": "a/hola/", "en": "en/a/hello/", "pt": "pt/"}),
        ("es/b/solo.md", {"es": "b/solo/", "en": "en/", "pt": "pt/"}),
        ("es/unknown.md", {"es": ".", "en": "en/", "pt": "pt/"}),
    ],
)
def test_alternates_follow_the_article_id(src: str, expected: dict) -> None:
    links = {entry["lang"]: entry["link"] for entry in alternates(_index(), src, ["es", "en", "pt"])}
    assert links == expected


@pytest.mark.parametrize(
    ("location", "locale"),
    [("", "es"), ("soporte/", "es"), ("en/", "en"), ("pt/suporte/#x", "pt"), ("english/", "es")],
)
def test_locale_of_location(location: str, locale: str) -> None:
    assert locale_of_location(location, ["es", "en", "pt"]) == locale


def test_split_search_index_keeps_each_language_apart() -> None:
    stacked = {
        "config": {"lang": ["es", "en", "pt"]},
        "docs": [
            {"location": "", "title": "Inicio", "text": ""},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/support/#x", "title": "X", "text": ""},
            {"location": "pt/suporte/", "title": "Suporte", "text": ""},
        ],
    }
    parts = split_search_index(stacked, ["es", "en", "pt"])
    assert [d["location"] for d in parts["es"]["docs"]] == [""]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "support/#x"]
    assert [d["location"] for d in parts["pt"]["docs"]] == ["suporte/"]
    assert parts["pt"]["config"]["lang"] == ["pt"]


def test_sitemap_lists_one_language_without_anchors() -> None:
    index = {"docs": [{"location": "support/#a"}, {"location": "support/"}, {"location": "a&b/"}]}
    xml = sitemap_xml("http://example.test/", "en", index)
    assert xml.count("<loc>") == 2
    assert "<loc>http://example.test/en/support/</loc>" in xml
    assert "a&amp;b/" in xml
