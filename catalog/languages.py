"""The help center's languages: the one list every part (site build, handler, Copilot, tests) reads.

The default language is served at the site root; the others under ``/<code>/``.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("es", "en", "pt")
DEFAULT_LANGUAGE = "es"
LANGUAGE_NAMES = {"es": "Español", "en": "English", "pt": "Português"}  # each in its own language


def norm_lang(lang: str | None) -> str:
    """A supported language code from anything a client sends (``pt-BR`` -> ``pt``), else the default."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def locale_root(lang: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The site-root-relative folder of a language: "" for the default one, "en/" for the others."""
    return "" if lang == default else f"{lang}/"


def locale_of(path: str) -> str | None:
    """The language of a docs path or URL path ("en/faq/x.md" -> "en"), None outside the language folders."""
    head = path.lstrip("/").split("/", 1)[0]
    return head if head in LANGUAGES else None
