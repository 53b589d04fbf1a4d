"""MkDocs hook for Copilot (issue 6): header button texts, tree validation and the compiled JSON.

Logic lives in ``helpcenter.copilot``; this file only wires MkDocs events to it.
"""

from __future__ import annotations

import logging

from catalog.languages import DEFAULT_LANGUAGE, locale_of
from helpcenter.copilot.build import check_and_write, root_site_dir, tree_path, ui_texts

log = logging.getLogger("mkdocs.hooks.copilot")  # under "mkdocs": counted by --strict


def on_page_context(context, page, config, nav):
    locale = locale_of(page.file.src_uri) or DEFAULT_LANGUAGE
    context["copilot"] = ui_texts(tree_path(config.config_file_path), locale)
    return context


def on_post_build(config):
    """Once per `mkdocs build`: in the default language's pass, which writes to the site root."""
    locale = config["theme"]["language"]
    if locale != DEFAULT_LANGUAGE:
        return
    root = root_site_dir(config["site_dir"], locale)
    check_and_write(tree_path(config.config_file_path), config["docs_dir"], root, log)


def on_serve(server, config, builder):
    server.watch(str(tree_path(config.config_file_path).parent))
    return server
