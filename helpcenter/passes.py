"""Where a build stands among mkdocs-static-i18n's passes: the one answer every hook uses.

mkdocs-static-i18n builds every language in one ``mkdocs build``: the default language's pass runs first,
and from its ``on_post_build`` (priority -100) the plugin runs one nested pass per other language, each
calling every hook again from ``on_config`` to ``on_post_build``. ``theme.language`` cannot tell them
apart (a nested pass starts with the previous language's value, and the outer pass ends with the last
one's), so ``hooks/passes.py`` keeps this stack: a pass opens at ``on_config``, learns its language from
its navigation, and closes at ``on_post_build``.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.languages import DEFAULT_LANGUAGE, locale_of

# Event priorities, relative to mkdocs-static-i18n's own (-100: it reduces the nav to one language in
# on_nav and runs the nested passes in on_post_build).
OPEN = 100  # on_config: before every other hook
LEARN_LANGUAGE = -105  # on_nav: the language's pages are known
AFTER_I18N_NAV = -110  # on_nav: arrange or prune the language's navigation
AFTER_ALL_LANGUAGES = -150  # on_post_build of the outer pass: every language is built
CLOSE = -1000  # on_post_build: after every other hook


class Passes:
    """The open passes, outermost first, each with its language once known."""

    def __init__(self) -> None:
        self._open: list[str | None] = []

    def open(self) -> None:
        self._open.append(None)

    def learn(self, pages: Iterable[str]) -> None:
        """The pass's language, from the source paths of the pages it builds."""
        first = next(iter(pages), "")
        if self._open:
            self._open[-1] = locale_of(first) or DEFAULT_LANGUAGE

    def close(self) -> None:
        if self._open:
            self._open.pop()

    def reset(self) -> None:
        self._open.clear()

    @property
    def language(self) -> str:
        """The language of the innermost open pass (the default language before its nav is known)."""
        return (self._open[-1] if self._open else None) or DEFAULT_LANGUAGE

    @property
    def outer(self) -> bool:
        """True in the default language's pass, which encloses the others: its on_config starts the
        whole build and its on_post_build below -100 runs after every language was built."""
        return len(self._open) <= 1


PASSES = Passes()
