"""Time from a click on the widget's button (host page on another origin) to its panel shown, in Chromium,
against a click on Material's search button to its search dialog on the site's own page, same run.

Each sample is a fresh page load left to settle: the click then loads the panel's modules, stylesheet,
data and the tree (a cold open; the HTTP cache is off). Median of N samples (default 15).
Usage: .venv/bin/python bench/widget_open.py [N] [--site DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copilot_common import CHROMIUM_ARGS, build_site  # noqa: E402
from copilot_open import SEARCH, SHOWN  # noqa: E402
from widget_common import BUTTON, PANEL_SHOWN, help_center_and_host  # noqa: E402

# SHOWN clicks `document.querySelector(click)`: the widget's button is in a shadow root.
WIDGET_CLICK = """async ([ready]) => {
  const frame = () => new Promise(requestAnimationFrame);
  const t0 = performance.now();
  document.querySelector('[data-help-center-widget]').shadowRoot.querySelector('button').click();
  for (let i = 0; i < 600 && !eval(ready); i++) await frame();  // bounded: 600 frames
  await frame();
  return performance.now() - t0;
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=15)
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    args = parser.parse_args()
    site = args.site or build_site()
    with help_center_and_host(site) as (hc, host), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})  # Material search button shown
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_())  # routing on: the HTTP cache is bypassed
        widget, search = [], []
        for _ in range(args.n):
            page.goto(host)
            page.locator(BUTTON).wait_for()
            page.wait_for_load_state("networkidle")
            widget.append(page.evaluate(WIDGET_CLICK, [PANEL_SHOWN]))
            page.goto(hc + "/en/")
            page.wait_for_load_state("networkidle")
            search.append(page.evaluate(SHOWN, SEARCH))
        browser.close()
    w, s = statistics.median(widget), statistics.median(search)
    print(
        f"click -> panel shown, median of {args.n}: widget {w:.1f} ms (cold: modules, CSS, data, tree), "
        f"Material search {s:.1f} ms; ratio widget/search = {w / s:.2f}"
    )


if __name__ == "__main__":
    main()
