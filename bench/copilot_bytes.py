"""Bytes (gzip -9) that our JS and CSS add to an article page before Copilot is opened, and what the
first open then fetches (the panel's module and one language's tree).

Target: what an article page loads of ours before Copilot is opened stays <= 10 KB gzip.
Baseline in the same run: the gzip bytes of Material's own JS bundle and CSS, which every page loads.
Usage: .venv/bin/python bench/copilot_bytes.py [--site DIR]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copilot_common import build_site  # noqa: E402

ARTICLE = "en/tracks/getting-started/support-at-acme/ticket-statuses/index.html"
LINKED = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\shref)="([^"]+)"')
MATERIAL = re.compile(r"\.min\.(js|css)$")  # Material's own files; ours are hashed but not `.min.`
INLINE_CSS = re.compile(r'<style data-hc-style="([\w-]+)">(.*?)</style>', re.S)  # our CSS, in the head
TARGET = 10 * 1024


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def linked(site: Path, page: Path) -> list[Path]:
    """Same-origin scripts, stylesheets and module preloads that `page` links."""
    refs = [r for r in LINKED.findall(page.read_text(encoding="utf-8")) if "://" not in r]
    return [(page.parent / r.split("?")[0]).resolve() for r in refs]


def row(name: str, path: Path) -> int:
    size = gz(path)
    print(f"{name:<34}{path.stat().st_size:>8}{size:>8}")
    return size


def inline_rows(page: Path) -> int:
    """Our CSS inline in the page's head: its bytes, gzip'd on their own (a bound: in the page they share
    the HTML's compression)."""
    total = 0
    for need, css in INLINE_CSS.findall(page.read_text(encoding="utf-8")):
        size = len(gzip.compress(css.encode(), compresslevel=9, mtime=0))
        print(f"{'article page: inline ' + need + ' CSS':<34}{len(css.encode()):>8}{size:>8}")
        total += size
    return total


def measure(site: Path) -> None:
    page = site / ARTICLE
    files = linked(site, page)
    ours = [p for p in files if not MATERIAL.search(p.name)]
    material = [p for p in files if MATERIAL.search(p.name)]
    print(f"{'file':<34}{'raw':>8}{'gzip':>8}")
    before = sum(row(f"article page: {p.name}", p) for p in ours) + inline_rows(page)
    panel = next(site.glob("assets/javascripts/copilot.*.js"))
    first_open = row(f"first open: {panel.name}", panel) + row(
        "first open: tree en.json", site / "assets/copilot/en.json"
    )
    html = page.read_text(encoding="utf-8")
    button = re.search(r"<a href=[^>]*data-copilot-button.*?</a>", html, re.S).group(0)
    base = sum(gz(p) for p in material)
    print(f"button markup in each page: {len(button.encode())} bytes raw")
    print(
        f"our JS + CSS on an article page before Copilot is opened: {before} bytes gzip (target <= {TARGET})"
    )
    print(f"fetched on Copilot's first open (panel module + en tree): {first_open} bytes gzip")
    print(f"Material's JS + CSS (gzip), baseline: {base} bytes; ratio ours/Material = {before / base:.3f}")
    assert panel not in ours, "the article page links Copilot's panel code"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    args = parser.parse_args()
    measure(args.site or build_site())


if __name__ == "__main__":
    main()
