"""MkDocs hook: `.gz` and `.br` beside every text file of the site. Logic: `helpcenter.compress`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from helpcenter.compress import compress_site
from helpcenter.passes import CLOSE, PASSES


class _Build:
    site: Path | None = None  # the outer pass' site folder: the site root
    serving = False  # `mkdocs serve` sends files as they are: no need for the copies


def on_startup(command, dirty):
    _Build.serving = command == "serve"


def on_config(config):
    if PASSES.outer:
        _Build.site = Path(config["site_dir"])
    return config


@event_priority(CLOSE + 1)  # the last step: after every other hook and every language pass
def on_post_build(config):
    if PASSES.outer and _Build.site is not None and not _Build.serving:
        compress_site(_Build.site)
