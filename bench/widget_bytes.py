"""Bytes (gzip -9) the embeddable widget costs a host page: before the first click, on opening, on the
first search; against the site's own Copilot (an article page's JS + CSS, then its first open), same build.

Measured in Chromium: the requests a host page on another loopback origin makes to the help center,
each file's size taken from the built site. Target: before the widget is opened, <= 25 KB gzip and
nothing but the button's own code (widget.js).
Usage: .venv/bin/python bench/widget_bytes.py [--site DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copilot_bytes import ARTICLE, MATERIAL, gz, linked  # noqa: E402
from copilot_common import CHROMIUM_ARGS, build_site  # noqa: E402
from widget_common import BUTTON, PANEL_SHOWN, help_center_and_host  # noqa: E402

TARGET = 25 * 1024


def total(site: Path, urls: list[str], label: str) -> int:
    size = 0
    for url in urls:
        path = site / urlsplit(url).path.lstrip("/")
        size += gz(path)
        print(f"  {label}: {path.relative_to(site)} {gz(path)} B gzip")
    return size


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with help_center_and_host(site) as (hc, host), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[str] = []
        page.on("request", lambda r: r.url.startswith(hc) and seen.append(r.url))
        page.goto(host)
        page.locator(BUTTON).wait_for()
        page.wait_for_load_state("networkidle")
        before = list(seen)
        page.locator(BUTTON).click()
        page.wait_for_function(PANEL_SHOWN)
        page.wait_for_load_state("networkidle")
        opened = seen[len(before) :]
        page.locator("#hcw-s-q").fill("ticket")
        page.locator("#hcw-s-q").press("Enter")
        page.locator("#hcw-search .hc-copilot__results a").first.wait_for()
        searched = seen[len(before) + len(opened) :]
        browser.close()
    widget_before = total(site, before, "before the first click")
    widget_open = total(site, opened, "on opening")
    widget_search = total(site, searched, "on the first search")
    page_files = [p for p in linked(site, site / ARTICLE) if not MATERIAL.search(p.name)]
    site_before = sum(gz(p) for p in page_files)
    site_open = gz(next(site.glob("assets/javascripts/copilot.*.js"))) + gz(site / "assets/copilot/en.json")
    print(f"widget before the first click: {widget_before} B gzip ({len(before)} file) (target <= {TARGET})")
    print(f"widget on opening: {widget_open} B gzip ({len(opened)} files); first search: {widget_search} B")
    print(f"site's Copilot, same build: article page {site_before} B, first open {site_open} B gzip")
    print(
        f"ratio widget/site: before {widget_before / site_before:.2f}, "
        f"before + open {(widget_before + widget_open) / (site_before + site_open):.2f}"
    )
    assert [urlsplit(u).path for u in before] == ["/widget.js"], before
    assert widget_before <= TARGET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    args = parser.parse_args()
    measure(args.site or build_site())


if __name__ == "__main__":
    main()
