"""MkDocs hook: remote images of articles vendored at build time. Logic: `helpcenter.images`.

Settings: `extra.helpcenter_images` in mkdocs.yml (`vendor: false` keeps remote images as links).
A remote image that cannot be fetched is a warning (so `--strict` fails) and stays a link.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpcenter.images.settings import ImageSettings
from helpcenter.images.vendor import ImageVendor
from helpcenter.passes import AFTER_ALL_LANGUAGES, PASSES

log = logging.getLogger("mkdocs.hooks.images")  # under "mkdocs": counted by --strict


class _Build:
    vendor: ImageVendor | None = None
    site: Path | None = None  # the outer pass' site folder: the site root


def on_config(config):
    """In the outer pass: the settings, and one vendor whose downloads every language pass shares."""
    if PASSES.outer:
        try:
            block = config["extra"].get("helpcenter_images")
            settings = ImageSettings.from_extra(block, Path(config.config_file_path).parent)
        except (TypeError, ValueError) as exc:
            raise PluginError(str(exc)) from exc
        _Build.vendor = ImageVendor(settings) if settings.vendor else None
        _Build.site = Path(config["site_dir"])
    return config


@event_priority(50)  # before hooks/content.py turns the remote images left into links
def on_page_content(html, page, config, files):
    if _Build.vendor is None:
        return html
    result = _Build.vendor.localize(html, page.url)
    for url, reason in result.failures:
        log.warning(f"Doc file '{page.file.src_uri}': remote image '{url}' not vendored ({reason}).")
    return result.html


@event_priority(AFTER_ALL_LANGUAGES)
def on_post_build(config):
    """Once, when every language was built: the images the pages use, into the site root."""
    if PASSES.outer and _Build.vendor is not None and _Build.site is not None:
        _Build.vendor.copy_into(_Build.site)
