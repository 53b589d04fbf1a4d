"""Shared by the widget benchmarks: the built site and the handler on one loopback origin, and a plain host
page embedding the widget on another."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from handler.devserver import DevStack
from helpcenter.testing import serve_static

HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host app</title></head>
<body><main><h1>Host app</h1></main><script src="{HC}/widget.js" defer data-lang="en"
data-account="acme" data-user-email="ana@acme.example"></script></body></html>"""
BUTTON = "[data-help-center-widget] .hcw-button"
# The panel is shown: its dialog is open and the search tab is ready (the tree's texts are in).
PANEL_SHOWN = (
    "(() => { const r = document.querySelector('[data-help-center-widget]').shadowRoot;"
    " const d = r.querySelector('dialog'); return !!d && d.open"
    " && r.querySelector('#hcw-s .hc-copilot__ask label').textContent !== ''; })()"
)


@contextmanager
def help_center_and_host(site: Path) -> Iterator[tuple[str, str]]:
    """(help center base URL, host page URL); the handler serves the site with the widget's CORS headers."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    work = Path(tempfile.mkdtemp(prefix="widget-bench-"))
    stack = DevStack(site, work / "instance", port=0).start()
    try:
        (work / "host").mkdir()
        (work / "host" / "index.html").write_text(HOST.replace("{HC}", stack.base_url), encoding="utf-8")
        with serve_static(work / "host") as host:
            yield stack.base_url, host
    finally:
        stack.stop()
