"""Language switching by article id, and one search index and sitemap per language.

mkdocs-static-i18n builds every language in one `mkdocs build` but links a page to the *same path* in the
other languages and stacks all languages into one search index. Our articles have translated paths and
share an `id` instead, and a reader searching in Portuguese wants Portuguese results only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from catalog import paths
from catalog.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, locale_root
from catalog.texts import t
from helpcenter.articles import ArticleIndex


def chrome(locale: str) -> dict[str, str]:
    """What the header and footer templates show in ``locale``: Support and Contact links, labels."""
    return {
        "support": paths.support(locale),
        "contact": paths.support_page(locale, paths.CONTACT_PAGE),
        "contact_label": t("site.contact", locale),
        "search_label": t("site.search", locale),
        "my_tickets": paths.my_tickets(locale),
        "my_tickets_label": t("site.my_tickets", locale),
    }


def alternates(index: ArticleIndex, src: str, locales: Iterable[str]) -> list[dict[str, str]]:
    """Language-switcher entries for the page built from `src`: its translation, else that locale's home."""
    article = index.by_src.get(src)
    entries = []
    for locale in locales:
        translation = index.translation(article.id if article else None, locale)
        link = translation.url if translation else locale_root(locale)
        entries.append({"name": LANGUAGE_NAMES.get(locale, locale), "lang": locale, "link": link or "."})
    return entries


def locale_of_location(location: str, locales: Iterable[str], default_locale: str = DEFAULT_LANGUAGE) -> str:
    """Which locale a site-root-relative location belongs to."""
    head = location.split("/", 1)[0]
    return head if head in locales and head != default_locale else default_locale


def split_search_index(index: dict, locales: Iterable[str], default_locale: str = DEFAULT_LANGUAGE) -> dict:
    """Split Material's stacked search index into one per locale, locations relative to that locale's root."""
    locales = list(locales)
    parts = {locale: {**{k: v for k, v in index.items() if k != "docs"}, "docs": []} for locale in locales}
    for doc in index.get("docs", []):
        locale = locale_of_location(doc["location"], locales, default_locale)
        prefix = locale_root(locale, default_locale)
        parts[locale]["docs"].append({**doc, "location": doc["location"][len(prefix) :]})
    for locale, part in parts.items():
        part.setdefault("config", {})
        part["config"] = {**part["config"], "lang": [locale]}
    return parts


def sitemap_xml(
    site_url: str,
    locale: str,
    index: dict,
    translations: Callable[[str], dict[str, str]] = lambda url: {},
    default_locale: str = DEFAULT_LANGUAGE,
) -> str:
    """A sitemap of one locale's pages, from its search index (which lists exactly the published pages).

    One per locale, so that Material's instant loading never swaps a page of another language in place;
    `translations(url)` gives a page's {locale: site-root-relative url}, listed as hreflang alternates.
    """
    root = site_url.rstrip("/") + "/"
    prefix = locale_root(locale, default_locale)
    pages = sorted({doc["location"].split("#", 1)[0] for doc in index.get("docs", [])})
    entries = []
    for page in pages:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(root + url)}"/>'
            for lang, url in sorted(translations(prefix + page).items())
        )
        entries.append(f"  <url><loc>{escape(root + prefix + page)}</loc>{links}</url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n"
    )


_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def name_search_dialog(html: str, label: str) -> str:
    """Give Material's search dialog an accessible name (axe: `aria-dialog-name`)."""
    return html.replace(
        'data-md-component="search" role="dialog">',
        f'data-md-component="search" role="dialog" aria-label="{escape(label, {chr(34): "&quot;"})}">',
        1,
    )


def strip_head_alternates(html: str) -> str:
    """Drop Material's `<link rel="alternate" hreflang>` tags from <head>.

    Material's JS takes each such link for a language *root* and fetches `<link>/sitemap.xml`; ours name
    this page's translations, so every page would log 404s. The sitemaps carry the hreflang alternates.
    """
    head_end = html.find("</head>")
    if head_end == -1:
        return html
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]
