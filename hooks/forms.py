"""MkDocs hook: the ticket forms, type picker and thank-you slot on the Support pages (issue 5).

Thin: the work is in `helpcenter.forms_page`; the forms come from the handler's own definitions
(`handler.forms.form_schema`), so the page and the handler's validation cannot disagree.
Runs on the finished page (`on_post_page`) so that the search index does not fill with form labels.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from catalog.languages import locale_of
from helpcenter.forms_page import (
    DEFAULT_API,
    MarkerError,
    has_markers,
    hide_from_nav,
    is_thanks_page,
    render_markers,
)


@event_priority(-50)  # after mkdocs-static-i18n has rebuilt the navigation of the language
def on_nav(nav, config, files):
    """The thank-you page is built but is not a sidebar entry nor a previous/next link."""
    return hide_from_nav(nav, lambda page: is_thanks_page(page.file.src_uri))


def on_post_page(output: str, page, config) -> str:
    if not has_markers(output):
        return output
    from catalog.tickets import LANGUAGES, TICKET_TYPES, form_schema  # the one definition

    lang = locale_of(page.file.src_uri)
    if lang not in LANGUAGES:
        return output
    api = str(config["extra"].get("helpcenter_api") or DEFAULT_API)
    try:
        return render_markers(
            output,
            lang=lang,
            page_url=page.url,
            schema=form_schema,
            types=TICKET_TYPES,
            api=api,
            site_url=config.get("site_url"),
        )
    except MarkerError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
