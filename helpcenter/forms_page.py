"""Replace the Support pages' markers with the ticket forms, the type picker and the thank-you slot.

Markers (HTML comments that Markdown passes through untouched):
  `<!-- ticket-form: <type> -->`  the form of that ticket type, in the page's language;
  `<!-- ticket-type-picker -->`    the list right after it becomes the picker (cards; the module forwards
                                    the query string, e.g. a Copilot trail, to the chosen form);
  `<!-- ticket-thanks -->`         the ticket number slot of the thank-you page.
Plain Python (no MkDocs) so that tests call it with a fixture schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from html import escape
from typing import Any
from urllib.parse import urlsplit

from catalog import paths
from catalog.form_html import render_form, render_thanks
from catalog.languages import locale_of
from catalog.texts import t
from catalog.tickets import TICKET_TYPES, form_schema

FORM_MARKER = re.compile(r"(?:<p>\s*)?<!--\s*ticket-form:\s*([^\s>]*)\s*-->(?:\s*</p>)?")
PICKER_MARKER = re.compile(r"<!--\s*ticket-type-picker\s*-->(\s*<ul)?")
THANKS_MARKER = re.compile(r"(?:<p>\s*)?<!--\s*ticket-thanks\s*-->(?:\s*</p>)?")
ANY_MARKER = re.compile(r"<!--\s*ticket-")


def has_markers(html: str) -> bool:
    """Cheap test run on every page: only the Support pages carry markers."""
    return ANY_MARKER.search(html) is not None


DEFAULT_API = "/api"

SchemaFn = Callable[[str, str], list[dict]]


class MarkerError(ValueError):
    """A marker the build cannot honour (unknown ticket type, picker without a list)."""


def is_absolute(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def action_url(api: str, ticket_type: str, page_url: str) -> str:
    """Where the form posts. `api` is absolute (kept) or relative to the site root, like the default `/api`:
    then the URL is made relative to the page (`page_url` as MkDocs gives it, e.g. "en/support/technical/"),
    so it is right from every depth and under any site prefix."""
    target = f"{api.rstrip('/')}/tickets/{ticket_type}"
    if is_absolute(api):
        return target
    return "../" * page_url.count("/") + target.lstrip("/")


def site_path(site_url: str | None, page_url: str) -> str:
    """The page's path on the site ("/en/support/technical/"), the `page` field's value without JS."""
    prefix = urlsplit(site_url or "/").path.rstrip("/")
    return f"{prefix}/{page_url}"


def render_markers(
    html: str,
    *,
    lang: str,
    page_url: str,
    schema: SchemaFn,
    types: Collection[str],
    api: str = DEFAULT_API,
    site_url: str | None = None,
) -> str:
    """The page's HTML with every marker replaced; raises MarkerError on a marker it cannot honour."""
    if "<!--" not in html:
        return html

    def form(match: re.Match[str]) -> str:
        ticket_type = match.group(1)
        if ticket_type not in types:
            raise MarkerError(f"ticket-form marker: unknown type {ticket_type!r}; known: {sorted(types)}")
        action = action_url(api, ticket_type, page_url)
        defaults = {"page": site_path(site_url, page_url)}
        return render_form(ticket_type, lang, schema(ticket_type, lang), action, defaults)

    def picker(match: re.Match[str]) -> str:
        if not match.group(1):
            raise MarkerError("ticket-type-picker marker must be followed by a list of the form pages")
        return f'<ul class="hc-picker" data-hc-picker aria-label="{escape(t("form.picker", lang))}"'

    html = FORM_MARKER.sub(form, html)
    html = PICKER_MARKER.sub(picker, html)
    return THANKS_MARKER.sub(lambda _m: render_thanks(lang), html)


def is_thanks_page(src_uri: str) -> bool:
    """The thank-you page is reached only after sending a ticket: not a navigation entry."""
    return src_uri in paths.thanks_sources()


def hide_from_nav(nav: Any, hidden: Callable[[Any], bool]) -> Any:
    """Remove pages from the sidebar and the previous/next links; they are still built and reachable.
    `nav` is MkDocs' Navigation (duck-typed: `items`, `pages`, sections with `children`)."""

    def prune(items: list[Any]) -> list[Any]:
        kept = []
        for item in items:
            if getattr(item, "is_page", False) and hidden(item):
                item.previous_page = item.next_page = None
                continue
            if getattr(item, "children", None):
                item.children = prune(item.children)
            kept.append(item)
        return kept

    nav.items = prune(nav.items)
    nav.pages = [p for p in nav.pages if not hidden(p)]
    ends = [None, *nav.pages, None]
    for before, page, after in zip(ends[:-2], nav.pages, ends[2:], strict=True):
        page.previous_page, page.next_page = before, after
    return nav


def render_support_page(html: str, src_uri: str, page_url: str, api: str | None, site_url: str | None) -> str:
    """A built page with its markers replaced, forms from the one definition (``catalog.tickets``)."""
    lang = locale_of(src_uri)
    if lang is None or not has_markers(html):
        return html
    return render_markers(
        html,
        lang=lang,
        page_url=page_url,
        schema=form_schema,
        types=TICKET_TYPES,
        api=api or DEFAULT_API,
        site_url=site_url,
    )


def hide_thanks_pages(nav: Any) -> Any:
    """The thank-you pages are built but are neither sidebar entries nor previous/next links."""
    return hide_from_nav(nav, lambda page: is_thanks_page(page.file.src_uri))
