"""Helpers of the widget tests: the hostile host page, the widget's parts, axe and screenshots."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
PANEL = "dialog.hcw-panel"
BUTTON = "[data-help-center-widget] .hcw-button"

# A host application that fights the widget: CSS resetting everything, hiding every button and changing
# the root font size; a DOM library that patches Element.prototype; its own custom properties.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Admin: orders</title>
<style>
* { all: unset }
button { display: none }
head, script, style { display: none }
html { font-size: 9px; color: #333; --md-primary-fg-color: #f0f; --md-default-bg-color: #000 }
p, h1, a { display: block; margin: 8px 16px; font-family: serif }
h1 { font-size: 24px }
</style>
<script>
  // A DOM library of the host: its own remove() and helpers on every element, and a counting attachShadow.
  Element.prototype.remove = function () { throw new Error("host library: use $.remove()"); };
  Element.prototype.hide = function () { this.style.display = "none"; };
  const originalAttach = Element.prototype.attachShadow;
  window.hostShadowRoots = 0;
  Element.prototype.attachShadow = function (init) {
    window.hostShadowRoots += 1;
    return originalAttach.call(this, init);
  };
  window.hostEvents = [];
</script>
</head><body>
<main><h1>Orders</h1><p id="host-text">Order 1042 is waiting for payment.</p>
<button id="host-button" type="button">Host button</button>
<a id="host-link" href="#top">Back to top</a></main>
<script src="{HC}/widget.js" defer data-lang="en" data-account="acme-store" data-user-email="ana@acme.example"
  data-user-name="Ana Lima" data-position="bottom-right" data-color="#00695c"></script>
<script>
  const probe = () => ["host-text", "host-link"].map((id) => {
    const s = getComputedStyle(document.getElementById(id));
    return [s.display, s.color, s.fontFamily, s.fontSize, s.margin, s.background].join("|");
  }).concat(getComputedStyle(document.getElementById("host-button")).display).join(";");
  window.hostProbe = probe;
  window.hostStyleBefore = probe();
  window.hostGlobalsBefore = Object.keys(window);
  window.hostElementsBefore = document.getElementsByTagName("*").length;
  addEventListener("DOMContentLoaded", () => {
    const names = ["open", "close", "copilot:step", "copilot:handoff", "copilot:search", "ticket-form:sent",
      "ticket-form:offline"];
    for (const name of names) HelpCenterWidget.on(name, (e) => hostEvents.push([name, e.detail]));
  });
</script>
</body></html>
"""


def write_host_page(folder: Path, help_center: str) -> Path:
    path = folder / "app" / "orders.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HOST_PAGE.replace("{HC}", help_center.rstrip("/")), encoding="utf-8")
    return path


def axe_violations(page) -> list[str]:
    """axe-core on the whole page, the widget's open shadow root included."""
    result = AXE.run(page)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]


def check_step(page, artifacts: Path, name: str) -> None:
    """axe clean, and screenshots at 1280 and 390 px; the panel never scrolls sideways."""
    found = axe_violations(page)
    assert found == [], f"{name}: {found}"
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
        page.wait_for_timeout(50)  # one frame for the media queries
        page.screenshot(path=str(artifacts / f"widget-{name}-{width}.png"))
        overflow = page.locator(PANEL).evaluate("d => d.open ? d.scrollWidth - d.clientWidth : 0")
        assert overflow <= 0, f"the panel scrolls sideways at {width} px ({name})"
    page.set_viewport_size(size)


def active_in_widget(page) -> str:
    """What has the focus inside the widget's shadow root: 'tag#id.class[role]' ('' if outside)."""
    return page.evaluate(
        """() => { const host = document.querySelector('[data-help-center-widget]');
        if (document.activeElement !== host) return '';
        const el = host.shadowRoot.activeElement; if (!el) return '';
        return `${el.tagName.toLowerCase()}#${el.id}.${el.className}[${el.getAttribute('role') || ''}]`; }"""
    )
