"""Where the site's own pages live, per language: the one place the build, the handler and the
templates take the Support, Contact and thank-you addresses from.

Paths are site-root-relative ("en/support/"); ``url_path`` makes the absolute path a server redirects to.
The Support folder's name is translated: ``docs/<lang>/<SUPPORT_FOLDER[lang]>/``.
"""

from __future__ import annotations

from catalog.languages import LANGUAGES, locale_root

SUPPORT_FOLDER = {"es": "soporte", "en": "support", "pt": "suporte"}
CONTACT_PAGE = "contact"  # the page that picks the ticket type
THANKS_PAGE = "thanks"  # where a ticket sent without JavaScript lands
TICKETS_FOLDER = "tickets"  # the handler's "My tickets" pages: /tickets/<lang>/ (routed to the handler)
HANDLER_ROUTES = ("api/", f"{TICKETS_FOLDER}/")  # site-root-relative paths the handler answers, not files


def home(lang: str) -> str:
    """The language's home page ("" for the default language)."""
    return locale_root(lang)


def support(lang: str) -> str:
    """The Support section of ``lang``: "soporte/", "en/support/"."""
    return f"{locale_root(lang)}{SUPPORT_FOLDER[lang]}/"


def support_page(lang: str, page: str) -> str:
    """A page of the Support section ("contact", "thanks", a ticket type): "en/support/technical/"."""
    return f"{support(lang)}{page}/"


def support_source(lang: str, page: str) -> str:
    """The Markdown source of a Support page, relative to the docs folder: "en/support/thanks.md"."""
    return f"{lang}/{SUPPORT_FOLDER[lang]}/{page}.md"


def my_tickets(lang: str) -> str:
    """The handler's "My tickets" page in ``lang``: "tickets/en/"."""
    return f"{TICKETS_FOLDER}/{lang}/"


def url_path(site_relative: str) -> str:
    """An absolute URL path for a site-root-relative one: "en/support/" -> "/en/support/"."""
    return "/" + site_relative


def thanks_sources() -> tuple[str, ...]:
    """The thank-you pages' sources in every language (built, but kept out of the navigation)."""
    return tuple(support_source(lang, THANKS_PAGE) for lang in LANGUAGES)
