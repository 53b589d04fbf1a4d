"""MkDocs hook: language switcher by article id, per-language search index and sitemap, footer texts."""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from catalog.languages import DEFAULT_LANGUAGE, LANGUAGES, locale_of, locale_root
from helpcenter.articles import article_index
from helpcenter.i18n import alternates, chrome
from helpcenter.passes import AFTER_ALL_LANGUAGES, PASSES
from helpcenter.site_files import config_problems, finish_page, write_language_files

log = logging.getLogger("mkdocs.hooks.site")  # under "mkdocs": counted by --strict


class _InstantIsHandled(logging.Filter):
    """mkdocs-static-i18n warns that its switcher goes stale under navigation.instant; site.js
    (syncLanguageLinks) keeps it current, so the warning would only fail `--strict` for a solved problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


# Its logger is named after the running tool: MkDocs, or ProperDocs (which builds this site too).
for _tool in ("mkdocs", "properdocs"):
    logging.getLogger(f"{_tool}.plugins.mkdocs_static_i18n.reconfigure").addFilter(_InstantIsHandled())


def on_config(config):
    """Once per build: mkdocs.yml and the catalogue must agree (a warning fails `--strict`)."""
    if PASSES.outer:
        plugins = config["plugins"]
        i18n = plugins["i18n"].config
        search = next(plugin.config for name, plugin in plugins.items() if name.endswith("search"))
        for problem in config_problems([lang.locale for lang in i18n.languages], search.lang or []):
            log.warning(problem)
    return config


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
    """Every language pass writes the one /404.html: keep the outer (default language's) rendering."""
    if template_name != "404.html":
        return output
    if PASSES.outer or "html" not in _not_found_page:
        _not_found_page["html"] = finish_page(output, DEFAULT_LANGUAGE)
    return _not_found_page["html"]


def on_post_page(output: str, page, config) -> str:
    return finish_page(output, locale_of(page.file.src_uri) or DEFAULT_LANGUAGE)


@event_priority(AFTER_ALL_LANGUAGES - 50)  # after hooks/content.py; runs in every pass (idempotent)
def on_post_build(config):
    write_language_files(config["site_dir"], config["docs_dir"], config.get("site_url"))
