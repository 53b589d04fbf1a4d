"""Every link form of the help-center-content format (../shared/corpus/README.md) resolves to the
right article in the right language."""

from __future__ import annotations

import pytest

from helpcenter.content.index import ContentIndex
from helpcenter.content.links import relative_url, resolve, rewrite_links, split_target

TRACK = "7HkP2sVq9LmNx4TcRb8YdA"


@pytest.mark.parametrize(
    ("path", "src"),
    [
        (
            f"/en/tracks/support-at-acme--{TRACK}/5Gd1mQy0RtWe3LkA9sBn2c",
            "en/tracks/getting-started/support-at-acme/opening-tickets.md",
        ),
        (
            f"/es/tracks/soporte-en-acme--{TRACK}/5Gd1mQy0RtWe3LkA9sBn2c",
            "es/tracks/primeros-pasos/soporte-en-acme/apertura-de-tickets.md",
        ),
        (
            f"/pt/tracks/suporte-na-acme--{TRACK}/2aQ7tRkLm9XcVb3NpWz1Ef",
            "pt/tracks/primeiros-passos/suporte-na-acme/suporte-na-acme.md",
        ),
        # a track without article: its first article by `order`
        (
            f"/en/tracks/support-at-acme--{TRACK}",
            "en/tracks/getting-started/support-at-acme/support-at-acme.md",
        ),
        (
            "/en/tutorial/opening-tickets-to-acme-support--3Fq9WmXk2LpZr7NcYt4HsV",
            "en/tutorials/operational/support/opening-tickets-to-acme-support.md",
        ),
        (
            "/es/tutorial/abrir-tickets-con-el-soporte-acme--3Fq9WmXk2LpZr7NcYt4HsV",
            "es/tutorials/operativo/soporte/abrir-tickets-con-el-soporte-acme.md",
        ),
        (
            "/en/faq/why-is-my-admin-blocked--8Jk3LzXc5VbNm1QwEr7TyU",
            "en/faq/Billing/why-is-my-admin-blocked.md",
        ),
        ("/es/faq/any-slug--8Jk3LzXc5VbNm1QwEr7TyU", "es/faq/Facturación/por-que-esta-bloqueado-mi-admin.md"),
        (
            "/en/known-issues/coupon-not-applied-on-mobile-checkout--6Yt5RdEs4WaQz3XcVb2NmL",
            "en/known-issues/Checkout/coupon-not-applied-on-mobile-checkout.md",
        ),
        (
            "/en/announcements/2025-01-21-new-process-for-opening-tickets--1Qa2Ws3Ed4Rf5Tg6Yh7Uj8",
            "en/announcements/2025/january/2025-01-21-new-process-for-opening-tickets.md",
        ),
        (
            "/en/docs/tutorials/how-acme-support-works",
            "en/tutorials/operational/support/how-acme-support-works.md",
        ),
        (
            "/es/docs/tutorials/como-funciona-el-soporte-acme",
            "es/tutorials/operativo/soporte/como-funciona-el-soporte-acme.md",
        ),  # legacySlug
        (
            "/es/docs/tutorials/how-acme-support-works",
            "es/tutorials/operativo/soporte/como-funciona-el-soporte-acme.md",
        ),  # slugEN
        ("/en/docs/tracks/billing-support", "en/tracks/getting-started/support-at-acme/billing-support.md"),
        ("/en/docs/faq/why-is-my-admin-blocked", "en/faq/Billing/why-is-my-admin-blocked.md"),
        (
            "/pt/docs/tracks/abertura-de-tickets",
            "pt/tracks/primeiros-passos/suporte-na-acme/abertura-de-tickets.md",
        ),
        ("/en", "en/index.md"),
        ("/en/", "en/index.md"),
        ("/es", "es/index.md"),
        ("/pt/", "pt/index.md"),
        (
            "/en/faq/Billing/why-is-my-admin-blocked/",
            "en/faq/Billing/why-is-my-admin-blocked.md",
        ),  # built path
    ],
)
def test_link_form_resolves(corpus_index: ContentIndex, path: str, src: str) -> None:
    article = resolve(path, corpus_index)
    assert article is not None and article.src == src


@pytest.mark.parametrize(
    "path",
    [
        "/en/tracks/no-such-track--0000000000000000000000/1111111111111111111111",
        "/en/docs/tutorials/no-such-tutorial",
        "/pt/tutorial/x--3Fq9WmXk2LpZr7NcYt4HsV",  # exists in en and es, not in pt
        "/en/faq/old-billing-portal--0Pl9OkMn8IjBu7YhVg6TfC",  # ARCHIVED
        "/en/docs/faq/old-billing-portal",  # ARCHIVED
        "/en/nowhere",
    ],
)
def test_link_to_nothing_is_unresolved(corpus_index: ContentIndex, path: str) -> None:
    assert resolve(path, corpus_index) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/en/x", ("/en/x", "")), ("/en/x#a", ("/en/x", "#a")), ("/en/x?q=1#a", ("/en/x", "?q=1#a"))],
)
def test_split_target(target: str, expected: tuple[str, str]) -> None:
    assert split_target(target) == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("en/a/b/", "en/c/", "../../c/"),
        ("en/a/", "en/", "../"),
        ("a/b/", "", "../../"),
        ("", "en/x/", "en/x/"),
        ("en/a/", "en/a/", "./"),
    ],
)
def test_relative_url(source: str, target: str, expected: str) -> None:
    assert relative_url(source, target) == expected


SRC = "en/tracks/getting-started/support-at-acme/opening-tickets.md"
URL = "en/tracks/getting-started/support-at-acme/opening-tickets/"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # same language: a relative .md path that MkDocs checks and turns into the page URL; anchor kept
        (
            "[a](/en/tutorial/x--3Fq9WmXk2LpZr7NcYt4HsV#copilot)",
            "[a](../../../tutorials/operational/support/opening-tickets-to-acme-support.md#copilot)",
        ),
        ('[a](/en/docs/tracks/billing-support "Title")', '[a](billing-support.md "Title")'),
        ("[a](</en/>)", "[a](<../../../index.md>)"),
        (
            "[ref]: /en/docs/faq/why-is-my-admin-blocked",
            "[ref]: ../../../faq/Billing/why-is-my-admin-blocked.md",
        ),
        # raw HTML and other languages: the built page's relative URL
        ('<a href="/en/docs/tracks/billing-support#x">', '<a href="../billing-support/#x">'),
        (
            "[es](/es/docs/tutorials/como-funciona-el-soporte-acme)",
            "[es](../../../../../tutorials/operativo/soporte/como-funciona-el-soporte-acme/)",
        ),
        # code is text, other links are not ours
        ("`[a](/en/docs/tracks/billing-support)`", "`[a](/en/docs/tracks/billing-support)`"),
        ("```\n[a](/en/docs/tracks/billing-support)\n```", "```\n[a](/en/docs/tracks/billing-support)\n```"),
        (
            "[a](https://example.org/en/x) [b](/api/x) [c](/english)",
            "[a](https://example.org/en/x) [b](/api/x) [c](/english)",
        ),
    ],
)
def test_rewrite_links(corpus_index: ContentIndex, markdown: str, expected: str) -> None:
    result = rewrite_links(markdown, SRC, URL, "en", corpus_index)
    assert result.markdown == expected
    assert result.unresolved == []


def test_rewrite_reports_each_unresolved_link(corpus_index: ContentIndex) -> None:
    markdown = "[a](/en/docs/tutorials/nope) and [b](/en/tutorial/x--0000000000000000000000#y) [c](/en/)"
    result = rewrite_links(markdown, SRC, URL, "en", corpus_index)
    assert result.unresolved == ["/en/docs/tutorials/nope", "/en/tutorial/x--0000000000000000000000#y"]
    assert result.resolved == 1
