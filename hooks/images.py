"""MkDocs hook: remote images of articles vendored at build time. Logic: `helpcenter.images`.

Settings: `extra.helpcenter_images` in mkdocs.yml (`vendor: false` keeps remote images as links).
A remote image that cannot be fetched is a warning (so `--strict` fails) and stays a link.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpcenter.articles import DEFAULT_LOCALE
from helpcenter.copilot.build import root_site_dir
from helpcenter.images.settings import ImageSettings
from helpcenter.images.vendor import ImageVendor

log = logging.getLogger("mkdocs.hooks.images")  # under "mkdocs": counted by --strict


class _Build:
    vendor: ImageVendor | None = None


def on_config(config):
    """Once per build (the nested language passes keep the first pass's downloads)."""
    try:
        settings = ImageSettings.from_extra(
            config["extra"].get("helpcenter_images"), Path(config.config_file_path).parent
        )
    except (TypeError, ValueError) as exc:
        raise PluginError(str(exc)) from exc
    if _Build.vendor is None or _Build.vendor.settings != settings:
        _Build.vendor = ImageVendor(settings) if settings.vendor else None
    return config


@event_priority(50)  # before hooks/content.py turns the remote images left into links
def on_page_content(html, page, config, files):
    if _Build.vendor is None:
        return html
    result = _Build.vendor.localize(html, page.url)
    for url, reason in result.failures:
        log.warning(f"Doc file '{page.file.src_uri}': remote image '{url}' not vendored ({reason}).")
    return result.html


def on_post_build(config):
    if _Build.vendor is not None:
        locale = config["theme"]["language"]
        _Build.vendor.copy_into(root_site_dir(config["site_dir"], locale or DEFAULT_LOCALE))
