"""A page's `<meta name="description">`: what search engines show under its title.

The front matter's own summary when it has one (`description`, an announcement's
`announcementSynopsis<LOC>`, `synopsis`), else the page's first paragraph of text, else the site's
description in the page's language (home and form pages may have no paragraph). Trimmed to what a
result page shows, on a word boundary.
"""

from __future__ import annotations

import html
import re
from typing import Any

LIMIT = 155
_PARAGRAPH = re.compile(r"<p\b(?P<attrs>[^>]*)>(?P<body>.*?)</p>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SKIPPED = re.compile(r"^(?:tags?|etiquetas?)\s*:", re.I)  # a troubleshooting article's tag line


def summary_field(meta: dict[str, Any], locale: str) -> str | None:
    """The front matter's summary, in the page's language."""
    for key in ("description", f"announcementSynopsis{locale.upper()}", "synopsis"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def first_paragraph(content: str) -> str | None:
    """The first paragraph with words in it (not an admonition title, not a tag line)."""
    for match in _PARAGRAPH.finditer(content):
        if "admonition-title" in match.group("attrs"):
            continue
        text = plain_text(match.group("body"))
        if re.search(r"\w{2,}", text) and not _SKIPPED.match(text):
            return text
    return None


def trim(text: str, limit: int = LIMIT) -> str:
    """At most `limit` characters, cut at the last word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def page_description(meta: dict[str, Any], content: str, locale: str, site_description: str | None) -> str:
    """The description of a page as plain text ('' when there is nothing to say)."""
    found = summary_field(meta, locale)
    text = plain_text(found) if found else first_paragraph(content)
    return trim(text or site_description or "")
