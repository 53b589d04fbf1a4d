"""Lookups of the article texts (section names, callout titles, header labels, months) in the catalogue."""

from __future__ import annotations

from catalog.languages import LANGUAGES
from catalog.texts import has, t

# Top-level sections that have no metadata.json, in their place among the tabs.
SECTIONS = ("tracks", "tutorials", "faq", "known-issues", "announcements", "troubleshooting")
SECTION_ORDER = {name: 10 * (i + 1) for i, name in enumerate(SECTIONS)}

# Month folder names of announcements (any language) -> month number.
MONTH_NUMBER = {t(f"month.{n}", lang).lower(): n for n in range(1, 13) for lang in LANGUAGES}
MONTH_NUMBER.update({"marco": 3, "setiembre": 9})


def text(group: str, key: str, locale: str) -> str:
    """The catalogue's ``<group>.<key>`` in ``locale``; an author's value we have no text for stays as is."""
    name = f"{group}.{key}"
    return t(name, locale) if has(name) else key


def month(number: int, locale: str) -> str:
    """A month's name in ``locale`` (1 = January)."""
    return t(f"month.{number}", locale)
