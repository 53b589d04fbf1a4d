"""Time from a click on the Copilot button to the panel shown (its first step painted), in Chromium.

Baseline in the same browser and page: a click on Material's search button to its search dialog shown.
Each sample is a fresh page load in a new browser context (empty cache), left to settle: the click then
fetches the panel's module and the tree (first use), so this is the first open a new reader gets.
Median of N samples (default 15). Usage: .venv/bin/python bench/copilot_open.py [N]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copilot_common import CHROMIUM_ARGS, build_site, serve  # noqa: E402

SHOWN = """async ([click, ready]) => {
  const frame = () => new Promise(requestAnimationFrame);
  const t0 = performance.now();
  document.querySelector(click).click();
  for (let i = 0; i < 600 && !eval(ready); i++) await frame();  // bounded: 600 frames
  await frame();  // the frame that paints it
  return performance.now() - t0;
}"""
COPILOT = [
    "button[data-copilot-button]",
    "document.querySelector('#hc-copilot')?.open && !!document.querySelector('#hc-copilot h3')",
]
SEARCH = [
    "label.md-header__button[for=__search]",
    "document.querySelector('.md-search__inner').getBoundingClientRect().width > 0"
    " && document.querySelector('#__search').checked",
]


def sample(page, url: str, what: list[str]) -> float:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.locator("button[data-copilot-button]").wait_for()  # site.js has turned the link into the button
    return page.evaluate(SHOWN, what)


def main() -> None:
    from playwright.sync_api import sync_playwright

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    site = build_site()
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        url = base + "en/"
        copilot, search = [], []
        for _ in range(n):
            for samples, what in ((copilot, COPILOT), (search, SEARCH)):
                # a new context each time: an empty cache, so the click fetches the panel's code and tree
                context = browser.new_context(viewport={"width": 390, "height": 844})  # search button shown
                samples.append(sample(context.new_page(), url, what))
                context.close()
        browser.close()
    c, s = statistics.median(copilot), statistics.median(search)
    print(
        f"click -> panel shown, median of {n}: Copilot {c:.1f} ms, Material search {s:.1f} ms;"
        f" ratio {c / s:.2f}"
    )
    print(f"Copilot samples (ms): {', '.join(f'{x:.1f}' for x in copilot)}")


if __name__ == "__main__":
    main()
