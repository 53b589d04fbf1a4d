"""MkDocs hook: the ticket forms, type picker and thank-you slot on the Support pages.

Thin: the work is in `helpcenter.forms_page`; the forms come from the one definition (`catalog.tickets`),
so the page and the handler's validation cannot disagree. Runs on the finished page (`on_post_page`) so
that the search index does not fill with form labels.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpcenter.forms_page import MarkerError, hide_thanks_pages, render_support_page
from helpcenter.passes import AFTER_I18N_NAV


@event_priority(AFTER_I18N_NAV - 10)  # on the language's nav, after hooks/content.py arranged it
def on_nav(nav, config, files):
    return hide_thanks_pages(nav)


def on_post_page(output: str, page, config) -> str:
    api, site_url = config["extra"].get("helpcenter_api"), config.get("site_url")
    try:
        return render_support_page(output, page.file.src_uri, page.url, api, site_url)
    except MarkerError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
