"""MkDocs hook: a `<meta name="description">` on every page, in its language. Logic: `helpcenter.description`.

Material writes `page.meta.description` into the tag (without escaping it: MkDocs' Jinja does not
autoescape), so the hook stores it escaped.
"""

from __future__ import annotations

import html

from catalog.languages import DEFAULT_LANGUAGE, locale_of
from helpcenter.description import page_description


def on_page_content(content, page, config, files):
    locale = locale_of(page.file.src_uri) or DEFAULT_LANGUAGE
    text = page_description(page.meta, content, locale, config.get("site_description"))
    if text:
        page.meta["description"] = html.escape(text)
    return content
