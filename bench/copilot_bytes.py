"""Bytes (gzip -9) that Copilot adds to a page: its JS, its CSS and one language's tree.

Baseline in the same run: the gzip bytes of Material's own JS bundle and CSS, which every page loads.
Usage: .venv/bin/python bench/copilot_bytes.py
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copilot_common import build_site  # noqa: E402

from catalog.languages import LANGUAGES  # noqa: E402


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def main() -> None:
    site = build_site()
    assets = site / "assets"
    ours = {
        "copilot.js": assets / "javascripts" / "copilot.js",
        "copilot.css": assets / "stylesheets" / "copilot.css",
        **{f"tree {lang}.json": assets / "copilot" / f"{lang}.json" for lang in LANGUAGES},
    }
    material = [*assets.glob("javascripts/bundle.*.min.js"), *assets.glob("stylesheets/main.*.min.css")]
    print(f"{'file':<16}{'raw':>8}{'gzip':>8}")
    for name, path in ours.items():
        print(f"{name:<16}{path.stat().st_size:>8}{gz(path):>8}")
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    button = re.search(r"<a href=[^>]*data-copilot-button.*?</a>", html, re.S).group(0)
    per_page = gz(ours["copilot.js"]) + gz(ours["copilot.css"]) + gz(ours["tree en.json"])
    base = sum(gz(p) for p in material)
    print(f"button markup in each page: {len(button.encode())} bytes raw")
    print(f"per page (JS + CSS + en tree, gzip): {per_page} bytes")
    print(
        f"Material's JS + CSS (gzip), baseline: {base} bytes; ratio Copilot/Material = {per_page / base:.3f}"
    )


if __name__ == "__main__":
    main()
