"""MkDocs hook for Copilot: header button texts, tree validation and the compiled JSON.

Logic lives in ``helpcenter.copilot``; this file only wires MkDocs events to it.
"""

from __future__ import annotations

import logging

from catalog.languages import DEFAULT_LANGUAGE, locale_of
from helpcenter.copilot.build import check_and_write, tree_path, ui_texts
from helpcenter.passes import PASSES

log = logging.getLogger("mkdocs.hooks.copilot")  # under "mkdocs": counted by --strict


def on_page_context(context, page, config, nav):
    locale = locale_of(page.file.src_uri) or DEFAULT_LANGUAGE
    context["copilot"] = ui_texts(tree_path(config.config_file_path), locale)
    return context


def on_post_build(config):
    """Once per build, in the outer pass, which writes to the site root."""
    if PASSES.outer:
        check_and_write(tree_path(config.config_file_path), config["docs_dir"], config["site_dir"], log)


def on_serve(server, config, builder):
    server.watch(str(tree_path(config.config_file_path).parent))
    return server
