"""MkDocs hook: the embeddable help widget (`widget.js` and what it loads). Logic: `helpcenter.widget`.

Written once per build, in the outer pass (every language is built by then), next to the site's bundles.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from helpcenter.forms_page import DEFAULT_API
from helpcenter.passes import AFTER_ALL_LANGUAGES, PASSES
from helpcenter.widget import build_folder


@event_priority(AFTER_ALL_LANGUAGES)
def on_post_build(config) -> None:
    if not PASSES.outer:
        return
    assets = Path(config["theme"].custom_dir) / "assets"
    files = build_folder(assets, config["extra"].get("helpcenter_api") or DEFAULT_API)
    for path, content in files.items():
        target = Path(config["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
