"""MkDocs hook: language switcher by article id, per-language search index and sitemap, footer texts."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from catalog.languages import DEFAULT_LANGUAGE, LANGUAGES, locale_of, locale_root
from helpcenter.articles import article_index
from helpcenter.i18n import (
    alternates,
    chrome,
    name_search_dialog,
    sitemap_xml,
    split_search_index,
    strip_head_alternates,
)


class _InstantSwitcherIsHandled(logging.Filter):
    """mkdocs-static-i18n warns that its switcher goes stale under navigation.instant; language-switch.js
    keeps it current, so the warning would only fail `--strict` for a solved problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_InstantSwitcherIsHandled())


def on_page_context(context, page, config, nav):
    """Runs after the i18n plugin's own switcher, so ours (by `id`) wins."""
    index = article_index(config["docs_dir"])
    locale = locale_of(page.file.src_uri)
    if locale is None:
        return context
    links = alternates(index, page.file.src_uri, LANGUAGES)
    # mkdocs-static-i18n sets an *attribute* on the LegacyConfig, which Jinja reads before the item: set both.
    config["extra"]["alternate"] = links
    config["extra"].alternate = links
    context["hc_locale"] = locale
    context["hc_locale_root"] = locale_root(locale)
    context["hc"] = chrome(locale)
    return context


def on_template_context(context, template_name, config):
    """404.html: the default language's footer and language homes in the switcher, not the last page's."""
    if template_name == "404.html":
        homes = alternates(article_index(config["docs_dir"]), "", LANGUAGES)
        config["extra"]["alternate"] = homes
        config["extra"].alternate = homes
        context.update(hc_locale=DEFAULT_LANGUAGE, hc_locale_root="")
        context["hc"] = chrome(DEFAULT_LANGUAGE)
    return context


_not_found_page: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    """Every language build writes the one /404.html: keep the default language's rendering."""
    if template_name != "404.html":
        return output
    output = name_search_dialog(strip_head_alternates(output), chrome(DEFAULT_LANGUAGE)["search_label"])
    if config["theme"]["language"] == DEFAULT_LANGUAGE or "html" not in _not_found_page:
        _not_found_page["html"] = output
    return _not_found_page["html"]


def on_post_page(output: str, page, config) -> str:
    locale = locale_of(page.file.src_uri) or DEFAULT_LANGUAGE
    return name_search_dialog(strip_head_alternates(output), chrome(locale)["search_label"])


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the stacked index
def on_post_build(config):
    """Rewrite the stacked search index and sitemap as one per language (idempotent: runs per language)."""
    site = Path(config["site_dir"])
    stacked = site / "search" / "search_index.json"
    if not stacked.exists():
        return
    data = json.loads(stacked.read_text(encoding="utf-8"))
    if not any("/" in d["location"] and d["location"].split("/")[0] in LANGUAGES for d in data["docs"]):
        return  # already split, or only the default language so far
    site_url = config.get("site_url") or "/"
    index = article_index(config["docs_dir"])
    by_url = {article.url: article for article in index.articles}

    def translations(url: str) -> dict[str, str]:
        article = by_url.get(url)
        found = index.by_id.get(article.id, {}) if article and article.id else {}
        return {locale: a.url for locale, a in found.items()} if len(found) > 1 else {}

    for locale, part in split_search_index(data, LANGUAGES).items():
        root = site / locale_root(locale)
        (root / "search").mkdir(parents=True, exist_ok=True)
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        (root / "search" / "search_index.json").write_text(text, encoding="utf-8")
        sitemap = sitemap_xml(site_url, locale, part, translations)
        (root / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (site / "sitemap.xml.gz").unlink(missing_ok=True)  # the stacked one would disagree with sitemap.xml
