"""Browser-side helpers of the Copilot tests: axe, screenshots, event capture, serving a variant site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

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
        page.wait_for_timeout(50)  # one frame for the media queries
        page.screenshot(path=str(artifacts_dir / f"copilot-{name}-{width}.png"))
        overflow = page.evaluate(
            "(() => { const d = document.querySelector('#hc-copilot');"
            " return d && d.open ? d.scrollWidth - d.clientWidth : 0; })()"
        )
        assert overflow <= 0, f"the panel scrolls sideways at {width} px ({name})"
    page.set_viewport_size(size)


def events(page) -> list[list]:
    return page.evaluate("window.__copilotEvents")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    site_url = ""  # the configured site_url, rewritten to the served origin in sitemaps

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        """Material's instant loading follows only links listed in the sitemap, compared with their port:
        serve sitemaps as if the site were deployed at its configured URL (this origin)."""
        path = Path(self.translate_path(self.path))
        if not (self.site_url and path.name == "sitemap.xml" and path.is_file()):
            return super().do_GET()
        origin = f"http://{self.headers['Host']}/"
        body = path.read_text(encoding="utf-8").replace(self.site_url, origin).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, site_url: str = "") -> Iterator[str]:
    """A built site as static files on a free loopback port (sitemaps rewritten from ``site_url``)."""
    handler = type("Handler", (_Quiet,), {"site_url": site_url})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
