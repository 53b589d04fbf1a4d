"""Callouts, nested lists, icons and remote media: the Markdown/HTML rewrites, rule by rule."""

from __future__ import annotations

import pytest

from helpcenter.content.admonition_icons import inline_icons, material_icons, theme_icons
from helpcenter.content.callouts import ALERT_KINDS, EMOJI_KINDS, convert_callouts
from helpcenter.content.lists import normalize_lists
from helpcenter.content.markup import is_remote, replace_icons, replace_remote_media


@pytest.mark.parametrize(
    ("markdown", "locale", "expected"),
    [
        ("> ℹ️ Read this.", "en", '\n!!! note "Note"\n    Read this.\n'),
        ("> ⚠️ Careful.", "es", '\n!!! warning "Atención"\n    Careful.\n'),
        ("> ❗ Never.", "pt", '\n!!! danger "Importante"\n    Never.\n'),
        (
            "> ℹ Without the variation selector.",
            "en",
            '\n!!! note "Note"\n    Without the variation selector.\n',
        ),
        ("> ⚠️ One\n> two\nlazy", "en", '\n!!! warning "Warning"\n    One\n    two\n    lazy\n'),
        ("text\n> ℹ️ After text.\n\nNext", "en", 'text\n\n!!! note "Note"\n    After text.\n\n\nNext'),
        ("- item\n\n    > ⚠️ In a list.", "en", '- item\n\n\n    !!! warning "Warning"\n        In a list.\n'),
        (
            '<div class="alert alert-info">\nInfo <strong>x</strong>.\n</div>',
            "en",
            '\n!!! note "Note"\n    Info <strong>x</strong>.\n',
        ),
        ('<div class="alert alert-warning">W</div>', "pt", '\n!!! warning "Atenção"\n    W\n'),
        (
            '<div class="alert alert-danger" role="alert">\n  <div>D</div>\n</div>\nafter',
            "es",
            '\n!!! danger "Importante"\n    <div>D</div>\n\nafter',
        ),
        ("> A plain quote.", "en", "> A plain quote."),
        ("```\n> ℹ️ In code.\n```", "en", "```\n> ℹ️ In code.\n```"),
    ],
)
def test_callouts_become_admonitions(markdown: str, locale: str, expected: str) -> None:
    assert convert_callouts(markdown, locale) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("- a\n   - b\n- c", "- a\n    - b\n- c"),
        ("1. a\n   - b\n      - c\n2. d", "1. a\n    - b\n        - c\n2. d"),
        ("- a\n  - b\n    text", "- a\n    - b\n      text"),
        ("- a\n    - b", "- a\n    - b"),  # already fine: untouched
        ("Text\n   - not nested", "Text\n   - not nested"),
        ("- a\n\n   ```\n   code\n   ```", "- a\n\n   ```\n   code\n   ```"),
    ],
)
def test_nested_lists_get_four_spaces(markdown: str, expected: str) -> None:
    assert normalize_lists(markdown) == expected


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ('<i class="fas fa-question-circle"></i>', "<svg"),
        ('<i class="far fa-file-o"></i>', "<svg"),  # Font Awesome 4 name
        ('<i class="fa-solid fa-circle-info fa-lg"></i>', "<svg"),
        ('<i class="fas fa-external-link-alt"></i>', "<svg"),  # Font Awesome 5 alias
    ],
)
def test_font_awesome_icons_are_inlined(html: str, fragment: str) -> None:
    out = replace_icons(html)
    assert fragment in out and "<i " not in out and 'class="twemoji hc-icon"' in out


def test_unknown_icon_is_dropped_and_reported() -> None:
    missing: list[str] = []
    assert replace_icons('a <i class="fas fa-no-such-icon-here"></i> b', missing) == "a  b"
    assert missing == ["fas fa-no-such-icon-here"]


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("https://cdn.example.org/x.png", True),
        ("http://cdn.example.org/x.png", True),
        ("//cdn.example.org/x.png", True),
        ("../img/x.png", False),
        ("/assets/x.png", False),
        ("data:image/png;base64,AAAA", False),
        ("http://127.0.0.1:8000/x.png", False),
    ],
)
def test_is_remote(url: str, remote: bool) -> None:
    assert is_remote(url) is remote


@pytest.mark.parametrize(
    ("html", "expected_parts", "absent"),
    [
        (
            '<p><img alt="Form" src="https://cdn.example.org/f.png" /></p>',
            ['href="https://cdn.example.org/f.png"', "<span>Form</span>", 'title="View image"'],
            "<img",
        ),
        ('<img src="https://cdn.example.org/f.png">', ["<span>View image</span>"], "<img"),
        (
            '<iframe src="https://www.youtube.com/embed/x"></iframe>',
            ['href="https://www.youtube.com/embed/x"', "View external content"],
            "<iframe",
        ),
        (
            '<img alt="a&quot;b" src="https://x.org/?a=1&amp;b=2">',
            ['href="https://x.org/?a=1&amp;b=2"', "<span>a&quot;b</span>"],
            "<img",
        ),
    ],
)
def test_remote_media_become_links(html: str, expected_parts: list[str], absent: str) -> None:
    out = replace_remote_media(html, "en")
    for part in expected_parts:
        assert part in out
    assert absent not in out


def test_local_images_are_kept() -> None:
    html = '<img alt="x" src="../img/x.png">'
    assert replace_remote_media(html, "en") == html


THEME_CSS = (
    '--md-admonition-icon--note:url("data:image/svg+xml;charset=utf-8,'
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M1 1h2'/></svg>\");"
    ".md-typeset .note>.admonition-title:before,.md-typeset .note>summary:before{background-color:#448aff;}"
)
NOTE_ICON = (
    '<svg class="hc-admonition-icon" aria-hidden="true" focusable="false" fill="#448aff" '
    "xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M1 1h2'/></svg>"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Body</p>\n</div>',
            f'<div class="admonition note hc-inline-icon">\n<p class="admonition-title">{NOTE_ICON}Note</p>'
            "\n<p>Body</p>\n</div>",
        ),
        # a kind the stylesheet draws no icon for, other classes, no title: left to Material's CSS
        ('<div class="admonition warning">\n<p class="admonition-title">W</p>', None),
        ('<div class="admonition note inline">\n<p class="admonition-title">N</p>', None),
        ('<div class="admonition note">\n<p>No title</p>\n</div>', None),
        ("<p>No admonition</p>", None),
    ],
)
def test_admonition_icon_goes_into_its_title(html: str, expected: str | None) -> None:
    assert inline_icons(html, theme_icons(THEME_CSS)) == (expected or html)


def test_the_installed_theme_has_an_icon_and_colour_for_every_callout_kind() -> None:
    icons = material_icons()
    for kind in {*EMOJI_KINDS.values(), *ALERT_KINDS.values()}:
        assert icons[kind].startswith('<svg class="hc-admonition-icon"') and icons[kind].endswith("</svg>")
        assert ' fill="#' in icons[kind] and "<path d=" in icons[kind]
