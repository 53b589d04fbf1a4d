"""MkDocs hook: `.gz` and `.br` beside every text file of the site. Logic: `helpcenter.compress`.

mkdocs-static-i18n builds the other languages inside the first build's `on_post_build`, reusing (and
changing) its config: the hook counts the nested builds and compresses once, when the outermost ends.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from helpcenter.compress import compress_site


class _Build:
    depth = 0
    site: Path | None = None
    serving = False  # `mkdocs serve` sends files as they are: no need for the copies


def on_startup(command, dirty):
    _Build.serving = command == "serve"


def on_pre_build(config):
    if _Build.depth == 0:
        _Build.site = Path(config["site_dir"])
    _Build.depth += 1


@event_priority(-1000)  # the last step: after every hook (and, outermost, after the nested builds)
def on_post_build(config):
    _Build.depth -= 1
    if _Build.depth == 0 and _Build.site is not None and not _Build.serving:
        compress_site(_Build.site)


def on_build_error(error):
    _Build.depth = 0
