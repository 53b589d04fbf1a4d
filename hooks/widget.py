"""MkDocs hook: the embeddable help widget (`widget.js` and what it loads). Logic: `helpcenter.widget`.

Written once per build, in the outer pass (every language is built by then), next to the site's bundles.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from helpcenter.bundle import CSS_DIR, JS_DIR
from helpcenter.forms_page import DEFAULT_API
from helpcenter.passes import AFTER_ALL_LANGUAGES, PASSES
from helpcenter.widget import build


def _read(folder: Path, suffix: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob(f"*{suffix}"))}


@event_priority(AFTER_ALL_LANGUAGES)
def on_post_build(config) -> None:
    if not PASSES.outer:
        return
    assets = Path(config["theme"].custom_dir) / "assets"
    files = build(
        _read(assets / Path(JS_DIR).name, ".js"),
        _read(assets / Path(CSS_DIR).name, ".css"),
        api=config["extra"].get("helpcenter_api") or DEFAULT_API,
    )
    site = Path(config["site_dir"])
    for path, content in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
