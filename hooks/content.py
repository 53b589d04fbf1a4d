"""MkDocs hook: articles in the help-center-content format. Logic: `helpcenter.content`.

mkdocs-static-i18n runs every event once per language within one `mkdocs build` (helpcenter/passes.py):
the indexes are built once, in the outer pass, and served from memory to the nested ones.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from catalog.languages import DEFAULT_LANGUAGE, locale_of
from helpcenter.articles import pin_index, unpin_index
from helpcenter.content.admonition_icons import inline_icons, material_icons
from helpcenter.content.callouts import convert_callouts
from helpcenter.content.index import ContentIndex, content_index
from helpcenter.content.links import rewrite_links
from helpcenter.content.lists import normalize_lists
from helpcenter.content.markup import replace_icons, replace_remote_media
from helpcenter.content.meta import article_header, with_header
from helpcenter.content.nav import arrange_nav
from helpcenter.content.redirects import redirects_for, write_redirects
from helpcenter.content.templates import SHARED
from helpcenter.passes import AFTER_ALL_LANGUAGES, AFTER_I18N_NAV, PASSES

log = logging.getLogger("mkdocs.plugins.helpcenter.content")


class _Build:
    index: ContentIndex | None = None
    docs_dir: str | None = None


def _locale(src: str) -> str:
    return locale_of(src) or DEFAULT_LANGUAGE


def on_config(config):
    """The outer pass checks the tree and builds the indexes; the nested passes reuse them."""
    if PASSES.outer or _Build.index is None:
        _Build.docs_dir = config["docs_dir"]
        _Build.index = content_index(pin_index(config["docs_dir"]), config["docs_dir"])
    return config


def on_files(files: Files, config) -> Files:
    """Leave out every article whose status is not PUBLISHED (so: no page, nav entry, search or sitemap)."""
    by_src = _Build.index.articles.by_src
    kept = [f for f in files if not (f.src_uri in by_src and not by_src[f.src_uri].published)]
    return files if len(kept) == len(files) else Files(kept)


@event_priority(AFTER_I18N_NAV)
def on_nav(nav, config, files):
    return arrange_nav(nav, _Build.index, PASSES.language)


def on_page_markdown(markdown, page, config, files):
    # Material reads `status` as its own page-status feature (an icon in the nav): keep ours apart.
    if "status" in page.meta:
        page.meta["articleStatus"] = page.meta.pop("status")
    src = page.file.src_uri
    locale = _locale(src)
    markdown = convert_callouts(normalize_lists(markdown), locale)
    result = rewrite_links(markdown, src, page.url, locale, _Build.index)
    for target in result.unresolved:
        log.warning(f"Doc file '{src}' links to '{target}', which matches no published article.")
    return result.markdown


def on_env(env, config, files):
    """Compile Material's templates once per process, not once per language; a build never edits them
    (`mkdocs serve` makes a new environment per rebuild), so skip the per-include freshness check."""
    env.bytecode_cache = SHARED
    env.auto_reload = False
    return env


def on_page_content(html, page, config, files):
    missing: list[str] = []
    html = replace_remote_media(replace_icons(html, missing), _locale(page.file.src_uri))
    html = inline_icons(html, material_icons())
    for classes in missing:
        log.info(f"Doc file '{page.file.src_uri}': no bundled icon for <i class=\"{classes}\">, left out.")
    return html


def on_page_context(context, page, config, nav):
    """Runs after the search plugin indexed the page: the header is shown, not indexed."""
    src = page.file.src_uri
    folder = src.rsplit("/", 2)[-2] if src.count("/") >= 2 else None
    header = article_header(page.meta, _locale(src), module=folder)
    page.content = with_header(page.content or "", page.title or "", header)
    return context


@event_priority(AFTER_ALL_LANGUAGES)
def on_post_build(config):
    """Legacy URLs of the language built in this pass; the outer pass, last, releases the pinned index."""
    write_redirects(config["site_dir"], redirects_for(_Build.index, PASSES.language))
    if PASSES.outer:
        unpin_index(config["docs_dir"])
        _Build.index = None


def on_build_error(error):
    _Build.index = None
    if _Build.docs_dir:
        unpin_index(_Build.docs_dir)
