"""Browser-side helpers of the Copilot tests: axe, screenshots, event capture, serving a variant site."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from helpcenter.testing import next_frames

AXE = Axe()
SHOT: set[str] = set()
RECORD_EVENTS = """() => {
  window.__copilotEvents = [];
  for (const name of ["open", "close", "step", "language", "resolved", "handoff", "search", "restart"])
    document.addEventListener("copilot:" + name, (e) => window.__copilotEvents.push([name, e.detail]));
}"""


AXE_CONTEXT = None  # the whole page: Material header, tabs and content included


def axe_violations(page) -> list[str]:
    """axe-core on the page, the header with our button and the panel included."""
    result = AXE.run(page, context=AXE_CONTEXT)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]


def shoot(page, artifacts_dir: Path, name: str) -> None:
    """The page at 1280 and 390 px, once per name per session; the panel must not scroll sideways."""
    if name in SHOT:
        return
    SHOT.add(name)
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
        next_frames(page)  # the media queries apply before the next frame is rendered
        page.screenshot(path=str(artifacts_dir / f"copilot-{name}-{width}.png"))
        overflow = page.evaluate(
            "(() => { const d = document.querySelector('#hc-copilot');"
            " return d && d.open ? d.scrollWidth - d.clientWidth : 0; })()"
        )
        assert overflow <= 0, f"the panel scrolls sideways at {width} px ({name})"
    page.set_viewport_size(size)


def events(page) -> list[list]:
    return page.evaluate("window.__copilotEvents")
