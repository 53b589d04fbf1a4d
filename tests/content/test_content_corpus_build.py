"""The whole sample corpus built with `--strict`, checked page by page; the broken sample must fail."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from catalog.paths import HANDLER_ROUTES
from tests.content.project import CORPUS, build, make_project

TRACK = "7HkP2sVq9LmNx4TcRb8YdA"
ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def _article_html(site: Path, path: str) -> str:
    return ARTICLE_RE.search((site / path / "index.html").read_text(encoding="utf-8")).group(1)


def _target(site: Path, page: str, href: str) -> Path:
    """The file a relative href of the page at `page` (directory URL) serves."""
    url = urlsplit(urljoin("http://x/" + page, href)).path.lstrip("/")
    return site / url / "index.html" if url.endswith("/") or not url else site / url


@pytest.mark.parametrize(
    ("page", "href", "target"),
    [
        (
            "en/tracks/getting-started/support-at-acme/opening-tickets/",
            "../../../../tutorials/operational/support/opening-tickets-to-acme-support/#copilot",
            "en/tutorials/operational/support/opening-tickets-to-acme-support/",
        ),
        (
            "en/tracks/getting-started/support-at-acme/opening-tickets/",
            "../support-at-acme/",
            "en/tracks/getting-started/support-at-acme/support-at-acme/",
        ),
        ("en/tracks/getting-started/support-at-acme/opening-tickets/", "../../../../", "en/"),
        (
            "en/tracks/getting-started/support-at-acme/support-at-acme/",
            "../../../../tutorials/operational/support/how-acme-support-works/",
            "en/tutorials/operational/support/how-acme-support-works/",
        ),
        (
            "tutorials/operativo/soporte/abrir-tickets-con-el-soporte-acme/",
            "../como-funciona-el-soporte-acme/",
            "tutorials/operativo/soporte/como-funciona-el-soporte-acme/",
        ),
        (
            "faq/Facturación/por-que-esta-bloqueado-mi-admin/",
            "../../../tracks/primeros-pasos/soporte-en-acme/apertura-de-tickets/",
            "tracks/primeros-pasos/soporte-en-acme/apertura-de-tickets/",
        ),
        (
            "pt/tracks/primeiros-passos/suporte-na-acme/suporte-na-acme/",
            "../abertura-de-tickets/",
            "pt/tracks/primeiros-passos/suporte-na-acme/abertura-de-tickets/",
        ),
        (
            "en/troubleshooting/Store operations/i-cannot-open-the-admin/",
            "../../../faq/Billing/why-is-my-admin-blocked/",
            "en/faq/Billing/why-is-my-admin-blocked/",
        ),
    ],
)
def test_links_point_at_the_built_page(corpus_site: Path, page: str, href: str, target: str) -> None:
    html = _article_html(corpus_site, page)
    assert f'href="{href}"' in html.replace("%20", " ").replace("Facturaci%C3%B3n", "Facturación")
    assert _target(corpus_site, page, href).resolve() == (corpus_site / target / "index.html").resolve()


def test_every_internal_link_of_every_page_exists(corpus_site: Path) -> None:
    checked = 0
    for html_file in corpus_site.rglob("index.html"):
        text = html_file.read_text(encoding="utf-8")
        match = ARTICLE_RE.search(text)
        if not match:
            continue  # a redirect page
        page = html_file.parent.relative_to(corpus_site).as_posix() + "/"
        for href in re.findall(r'href="([^"#]+)', match.group(1)):
            if href.startswith(("http:", "https:", "mailto:", "/")):
                assert not href.startswith("/"), f"{page}: site-absolute link {href}"
                continue
            from urllib.parse import unquote

            target = _target(corpus_site, page, unquote(href))
            if target.resolve().relative_to(corpus_site.resolve()).as_posix().startswith(HANDLER_ROUTES):
                continue  # answered by the handler on the same origin, not a file of the site
            assert target.exists(), f"{page}: {href}"
            checked += 1
    assert checked > 20


def test_unpublished_articles_are_nowhere(corpus_site: Path) -> None:
    assert not (corpus_site / "en/faq/Billing/old-billing-portal").exists()
    assert not (corpus_site / "en/faq/old-billing-portal--0Pl9OkMn8IjBu7YhVg6TfC").exists()
    everything = [
        (corpus_site / "en/search/search_index.json"),
        (corpus_site / "en/sitemap.xml"),
        (corpus_site / "en/faq/Billing/why-is-my-admin-blocked/index.html"),
    ]
    for path in everything:
        text = path.read_text(encoding="utf-8")
        assert "old-billing-portal" not in text and "old billing portal" not in text.lower(), path


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("en/faq/Billing/why-is-my-admin-blocked/", "Why is my Admin blocked?"),
        ("faq/Facturación/por-que-esta-bloqueado-mi-admin/", "¿Por qué está bloqueado mi Admin?"),
        ("pt/tracks/primeiros-passos/suporte-na-acme/abertura-de-tickets/", "Abertura de tickets"),
    ],
)
def test_title_comes_from_front_matter(corpus_site: Path, page: str, title: str) -> None:
    html = (corpus_site / page / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in html.replace("&#39;", "'").replace("&quot;", '"')
    assert f"<title>{title} - " in html


def test_search_index_titles_and_languages(corpus_site: Path) -> None:
    data = json.loads((corpus_site / "pt/search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in data["docs"]}
    assert "Suporte na Acme" in titles and "Opening tickets" not in titles
    # the article header (dates, status) is shown on the page, not indexed as text
    assert "Última atualização" not in json.dumps(data, ensure_ascii=False)
    page = corpus_site / "pt/tracks/primeiros-passos/suporte-na-acme/suporte-na-acme/index.html"
    assert "Última atualização:</span> <time" in page.read_text(encoding="utf-8")


def test_track_nav_follows_article_order_and_folder_names(corpus_site: Path) -> None:
    html = (corpus_site / "en/tracks/getting-started/support-at-acme/billing-support/index.html").read_text()
    nav = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)]
    unique = list(dict.fromkeys(titles))  # the current page is listed twice (link and label)
    assert unique == [
        "Home en",
        "Tracks",
        "Getting started",
        "Support at Acme",
        "Opening tickets",
        "Billing support",
    ]  # folder name from metadata.json, articles by `order`
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*(.*?)\s*</a>', html, re.S)
    assert tabs[1:] == [
        "Tracks",
        "Tutorials",
        "FAQ",
        "Known issues",
        "Announcements",
        "Troubleshooting",
        "Support",
    ]
    es_tabs = re.findall(
        r'class="md-tabs__link[^"]*"[^>]*>\s*(.*?)\s*</a>', (corpus_site / "index.html").read_text(), re.S
    )
    assert es_tabs[1:] == ["Recorridos", "Tutoriales", "Preguntas frecuentes", "Soporte"]


@pytest.mark.parametrize(
    ("legacy", "target"),
    [
        (
            f"en/tracks/support-at-acme--{TRACK}/5Gd1mQy0RtWe3LkA9sBn2c/",
            "en/tracks/getting-started/support-at-acme/opening-tickets/",
        ),
        (
            "en/tutorial/opening-tickets-to-acme-support--3Fq9WmXk2LpZr7NcYt4HsV/",
            "en/tutorials/operational/support/opening-tickets-to-acme-support/",
        ),
        (
            "es/tutorial/abrir-tickets-con-el-soporte-acme--3Fq9WmXk2LpZr7NcYt4HsV/",
            "tutorials/operativo/soporte/abrir-tickets-con-el-soporte-acme/",
        ),
        (
            "en/docs/tutorials/how-acme-support-works/",
            "en/tutorials/operational/support/how-acme-support-works/",
        ),
        (
            "en/faq/why-is-my-admin-blocked--8Jk3LzXc5VbNm1QwEr7TyU/",
            "en/faq/Billing/why-is-my-admin-blocked/",
        ),
        (
            "en/known-issues/coupon-not-applied-on-mobile-checkout--6Yt5RdEs4WaQz3XcVb2NmL/",
            "en/known-issues/Checkout/coupon-not-applied-on-mobile-checkout/",
        ),
        ("pt/docs/tracks/support-at-acme/", "pt/tracks/primeiros-passos/suporte-na-acme/suporte-na-acme/"),
        ("es/", ""),
    ],
)
def test_legacy_urls_redirect(corpus_site: Path, legacy: str, target: str) -> None:
    html = (corpus_site / legacy / "index.html").read_text(encoding="utf-8")
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
    assert not refresh.startswith(("/", "http"))
    assert _target(corpus_site, legacy, refresh).resolve() == (corpus_site / target / "index.html").resolve()
    assert f'<link rel="canonical" href="{refresh}">' in html


def test_no_page_loads_a_remote_file(corpus_site: Path) -> None:
    for html_file in corpus_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not re.search(
            r'<(?:img|iframe|script|link)\b[^>]*(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)',
            text.replace('rel="canonical"', ""),
        ), html_file


def test_broken_sample_reports_exactly_its_two_links(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", CORPUS / "broken" / "docs", support=False)
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  Doc file 'en/tutorials/misc/links-to-nowhere.md' links to "
        "'/en/tracks/no-such-track--0000000000000000000000/1111111111111111111111', "
        "which matches no published article.",
        "WARNING -  Doc file 'en/tutorials/misc/links-to-nowhere.md' links to "
        "'/en/docs/tutorials/no-such-tutorial', which matches no published article.",
    ]
    assert "Aborted with 2 warnings in strict mode" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("page", "fragments"),
    [
        (
            "en/tracks/getting-started/support-at-acme/billing-support/",
            [
                '<td rowspan="2">Invoices</td>',
                '<div class="admonition note hc-inline-icon">',
                '<div class="admonition warning hc-inline-icon">',
                '<div class="admonition danger hc-inline-icon">',
                "<strong>30 days</strong>",
            ],
        ),
        (
            "en/tutorials/operational/support/opening-tickets-to-acme-support/",
            [
                "<td>I am learning the basics<br>I know what I need for my job<br>",
                "<figure>",
                "<figcaption>The technical ticket form.</figcaption>",
                'class="hc-remote-media"',
            ],
        ),
        (
            "en/tracks/getting-started/support-at-acme/opening-tickets/",
            ['<span class="twemoji hc-icon" aria-hidden="true"><svg', "Choose a scenario:<ul>"],
        ),
        (
            "tutorials/operativo/soporte/abrir-tickets-con-el-soporte-acme/",
            [
                '<div class="admonition warning hc-inline-icon">\n<p class="admonition-title"><svg',
                "</svg>Atención</p>",
            ],
        ),
        (
            "pt/tracks/primeiros-passos/suporte-na-acme/abertura-de-tickets/",
            [
                '<div class="admonition note hc-inline-icon">\n<p class="admonition-title"><svg',
                "</svg>Nota</p>",
            ],
        ),
    ],
)
def test_markup_survives_the_build(corpus_site: Path, page: str, fragments: list[str]) -> None:
    html = _article_html(corpus_site, page)
    for fragment in fragments:
        assert fragment in html
    assert "<i class=" not in html and "alert-" not in html and "ℹ️" not in html
