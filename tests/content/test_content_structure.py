"""Article header, navigation order and names, slugs and legacy redirects: rule by rule."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from helpcenter.articles import Article
from helpcenter.content.index import ContentIndex, article_slugs
from helpcenter.content.meta import article_header, format_date, parse_date, with_header
from helpcenter.content.nav import arrange_nav
from helpcenter.content.redirects import legacy_paths, redirect_page, redirects_for, write_redirects


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-11T09:30:02.554Z", dt.date(2025, 2, 11)),
        (dt.datetime(2024, 5, 2, 11, 22, tzinfo=dt.UTC), dt.date(2024, 5, 2)),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 1)),
        ("", None),
        (None, None),
        ("not a date", None),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("es", "11 de febrero de 2025"), ("en", "February 11, 2025"), ("pt", "11 de fevereiro de 2025")],
)
def test_dates_are_localized(locale: str, expected: str) -> None:
    assert format_date(dt.date(2025, 2, 11), locale) == expected


KI = {
    "status": "PUBLISHED",
    "contentType": "knownIssue",
    "kiStatus": "Backlog",
    "tag": "Checkout",
    "updatedAt": "2025-07-09T14:04:38.040Z",
}
NEWS = {
    "status": "PUBLISHED",
    "contentType": "updates",
    "publishedAt": "2025-01-21T12:00:00.000Z",
    "announcementSynopsisEN": "Tickets <now> start in Copilot.",
    "announcementSynopsisES": "Ahora en Copilot.",
}
TUTORIAL = {"status": "PUBLISHED", "contentType": "tutorial", "updatedAt": "2024-11-20T10:00:00.000Z"}


@pytest.mark.parametrize(
    ("meta", "locale", "present", "absent"),
    [
        (KI, "en", ["Status:", "Backlog", "Module:", "Checkout", "Last updated:", "July 9, 2025"], []),
        (KI, "es", ["Estado:", "Pendiente", "Módulo:", "Última actualización:", "9 de julio de 2025"], []),
        ({**KI, "tag": None}, "pt", ["Módulo:</span> Billing"], []),  # module from the folder
        (
            NEWS,
            "en",
            ["Published on:", "January 21, 2025", "Tickets &lt;now&gt; start in Copilot."],
            ["Last updated"],
        ),
        (NEWS, "es", ["Publicado el:", "21 de enero de 2025", "Ahora en Copilot."], []),
        (
            TUTORIAL,
            "pt",
            ["Última atualização:", '<time datetime="2024-11-20">20 de novembro de 2024</time>'],
            ["Status"],
        ),
    ],
)
def test_article_header(meta: dict, locale: str, present: list[str], absent: list[str]) -> None:
    header = article_header(meta, locale, module="Billing")
    for part in present:
        assert part in header
    for part in absent:
        assert part not in header


def test_pages_without_status_get_no_header() -> None:
    assert article_header({"title": "Support"}, "en") == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>x</p>", "<h1>A &amp; B</h1><div>H</div><p>x</p>"),
        ("<h1>Own</h1><p>x</p>", "<h1>Own</h1><div>H</div><p>x</p>"),
    ],
)
def test_header_goes_under_the_title(content: str, expected: str) -> None:
    assert with_header(content, "A & B", "<div>H</div>") == expected


def _article(src: str, **meta) -> Article:
    locale = src.split("/", 1)[0]
    return Article(src=src, locale=locale, url=src[:-3] + "/", meta={"status": "PUBLISHED", **meta})


def _index(articles: list[Article], folders: dict | None = None) -> ContentIndex:
    from helpcenter.articles import ArticleIndex

    return ContentIndex.build(ArticleIndex(articles), folders or {})


def _page(src: str, title: str = "") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), title=title or src, children=None)


def _section(title: str, *children) -> SimpleNamespace:
    return SimpleNamespace(title=title, children=list(children))


def _titles(items) -> list:
    return [(i.title, _titles(i.children)) if i.children else i.title for i in items]


def test_nav_follows_order_files_and_front_matter() -> None:
    articles = [
        _article("en/tracks/g/t/a.md", title="A", order=3),
        _article("en/tracks/g/t/b.md", title="B", order=1),
        _article("en/tracks/g/t/c.md", title="C", order=2),
        _article("en/tracks/g/u/d.md", title="D"),
        _article("en/faq/Billing/x.md", title="X"),
        _article("en/announcements/2024/december/n1.md", title="N1", publishedAt="2024-12-01T00:00:00Z"),
        _article("en/announcements/2025/january/n2.md", title="N2", publishedAt="2025-01-05T00:00:00Z"),
        _article("en/announcements/2025/february/n3.md", title="N3", publishedAt="2025-02-05T00:00:00Z"),
    ]
    folders = {
        "en/tracks/g/t": {"name": "Track T", "order": 2},
        "en/tracks/g/u": {"order": 1},
        "en/support": {"name": "Support", "order": 100},
        "en/misc": {},
    }
    nav = SimpleNamespace(
        items=[
            _page("en/index.md", "Home"),
            _section("Support", _page("en/support/index.md"), _page("en/support/a.md")),
            _section("Misc", _page("en/misc/z.md")),
            _section(
                "Announcements",
                _section("2024", _section("December", _page("en/announcements/2024/december/n1.md"))),
                _section(
                    "2025",
                    _section("January", _page("en/announcements/2025/january/n2.md")),
                    _section("February", _page("en/announcements/2025/february/n3.md")),
                ),
            ),
            _section("Faq", _section("Billing", _page("en/faq/Billing/x.md"))),
            _section(
                "Tracks",
                _section(
                    "G",
                    _section("T", *(_page(f"en/tracks/g/t/{n}.md") for n in "abc")),
                    _section("U", _page("en/tracks/g/u/d.md")),
                ),
            ),
        ],
        pages=[],
    )
    arrange_nav(nav, _index(articles, folders), "es")
    assert _titles(nav.items) == [
        "Home",
        (
            "Recorridos",
            [("G", [("U", ["en/tracks/g/u/d.md"]), ("Track T", [f"en/tracks/g/t/{n}.md" for n in "bca"])])],
        ),
        ("Preguntas frecuentes", [("Billing", ["en/faq/Billing/x.md"])]),
        (
            "Novedades",
            [
                (
                    "2025",
                    [
                        ("Febrero", ["en/announcements/2025/february/n3.md"]),
                        ("Enero", ["en/announcements/2025/january/n2.md"]),
                    ],
                ),
                ("2024", [("Diciembre", ["en/announcements/2024/december/n1.md"])]),
            ],
        ),
        ("Misc", ["en/misc/z.md"]),  # unknown top-level folder: after the known ones, before Support
        ("Support", ["en/support/index.md", "en/support/a.md"]),
    ]
    # previous/next follow the new order
    assert [p.file.src_uri for p in nav.pages][:3] == [
        "en/index.md",
        "en/tracks/g/u/d.md",
        "en/tracks/g/t/b.md",
    ]
    assert nav.pages[1].previous_page is nav.pages[0] and nav.pages[1].next_page is nav.pages[2]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"legacySlug": "old", "slugEN": "new"}, ["old", "new", "file"]),
        ({"slug": "s"}, ["s", "file"]),
        ({"legacySlug": "file", "slugEN": "file"}, ["file"]),
        ({}, ["file"]),
    ],
)
def test_article_slugs(meta: dict, expected: list[str]) -> None:
    assert article_slugs(_article("en/faq/x/file.md", **meta)) == expected


@pytest.mark.parametrize(
    ("src", "meta", "expected"),
    [
        (
            "en/tracks/g/t/a.md",
            {"contentType": "trackArticle", "id": "ID1", "trackId": "T1", "trackSlugEN": "t", "slugEN": "a"},
            ["en/tracks/t--T1/ID1/", "en/docs/tracks/a/"],
        ),
        (
            "es/tutorials/c/s/b.md",
            {"contentType": "tutorial", "id": "ID2", "legacySlug": "bb", "slugEN": "b"},
            ["es/tutorial/bb--ID2/", "es/docs/tutorials/bb/"],  # the locale's slug: the old site's URL
        ),
        (
            "pt/faq/C/f.md",
            {"contentType": "frequentlyAskedQuestion", "id": "ID3"},
            ["pt/faq/f--ID3/", "pt/docs/faq/f/"],
        ),
        (
            "en/known-issues/M/k.md",
            {"contentType": "knownIssue", "id": "ID4"},
            ["en/known-issues/k--ID4/", "en/docs/known-issues/k/"],
        ),
        (
            "en/announcements/2025/january/n.md",
            {"contentType": "updates", "id": "ID5"},
            ["en/announcements/n--ID5/", "en/docs/announcements/n/"],
        ),
        (
            "en/faq/C/bad.md",
            {"contentType": "frequentlyAskedQuestion", "id": "ID6", "slugEN": "../../x"},
            ["en/faq/bad--ID6/", "en/docs/faq/bad/"],
        ),  # an unsafe slug never becomes a path
    ],
)
def test_legacy_paths(src: str, meta: dict, expected: list[str]) -> None:
    assert legacy_paths(_article(src, **meta)) == expected


def test_redirect_pages(tmp_path) -> None:
    articles = [
        _article("en/faq/C/f.md", contentType="frequentlyAskedQuestion", id="ID3"),
        _article("en/faq/C/g.md", contentType="frequentlyAskedQuestion", id="ID4", slugEN="f"),
        _article("en/faq/C/old.md", contentType="frequentlyAskedQuestion", id="ID5", status="ARCHIVED"),
    ]
    redirects = redirects_for(_index(articles), "en")
    assert redirects["en/faq/f--ID3/"] == "../C/f/"
    assert redirects["en/docs/faq/f/"] == "../../../faq/C/f/"  # first claim wins: sorted sources
    assert not any("ID5" in path for path in redirects)  # unpublished: no redirect
    (tmp_path / "en/faq/f--ID4").mkdir(parents=True)
    (tmp_path / "en/faq/f--ID4/index.html").write_text("<p>a real page</p>")
    assert write_redirects(tmp_path, redirects) == len(redirects) - 1
    assert (tmp_path / "en/faq/f--ID4/index.html").read_text() == "<p>a real page</p>"
    page = (tmp_path / "en/faq/f--ID3/index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../C/f/"' in page
    assert '<link rel="canonical" href="../C/f/">' in page


def test_redirect_page_escapes_its_target() -> None:
    assert '"><script>' not in redirect_page('"><script>alert(1)</script>')
