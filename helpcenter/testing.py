"""What the tests and benchmarks share: building the site, serving it, and a guarded Chromium page.

Kept in the package (like `flask.testing`) because test folders and `bench/` cannot import each other's
conftest modules.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from testkit import free_port, in_ci  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def build_site(
    target: Path,
    config: Path = ROOT / "mkdocs.yml",
    strict: bool = True,
    site_url: str | None = None,
    tool: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """Run `mkdocs build` as an author would; returns the finished process (check its returncode).

    `site_url` must be where the site will be served: Material's instant loading only takes over links
    whose origin (port included) matches the sitemap's absolute addresses. `tool="properdocs"` builds
    with ProperDocs, the maintained fork of MkDocs 1.x, from the same mkdocs.yml.
    """
    cmd = [sys.executable, "-m", tool, "build", "-f", str(config), "-d", str(target)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["HELPCENTER_SITE_URL"] = site_url
    return subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


def static_server(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A static file server for `site`, bound now (port 0: the OS picks a free one and the socket keeps
    it), so a site can be built for `server.server_address[1]` before `serving(server)` starts answering."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


@contextmanager
def serving(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """Answer requests on an already bound server until the block ends; yields its root URL."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_static(site: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site as static files on loopback; yields its root URL."""
    with serving(static_server(site, port)) as url:
        yield url


class PageProblems:
    """What a page did wrong while a test used it: console errors and requests off this machine."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def check(self) -> None:
        assert not self.foreign_requests, f"requests to third-party hosts: {self.foreign_requests}"
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


def next_frames(page, count: int = 2) -> None:
    """Wait until the browser has rendered `count` more frames: after that, whatever a key press or a
    resize was going to change synchronously or within a frame (Material's shortcuts, media queries) has
    changed, so a "nothing happened" check that follows is a real one, not a guess at a delay."""
    page.evaluate(
        "n => new Promise(done => { const step = k => k ? requestAnimationFrame(() => step(k - 1)) : done();"
        " step(n); })",
        count,
    )


def guard_page(
    context, page, problems: PageProblems, expected_status: Callable[[str], bool] = lambda url: False
) -> None:
    """Record the page's console errors and failed responses; block and record non-loopback requests.

    `expected_status(url)` names responses whose 4xx/5xx is the designed answer (e.g. a 422 form page).
    """

    def console(msg) -> None:
        failed_load = msg.text.startswith("Failed to load resource")
        if msg.type == "error" and not (failed_load and expected_status(msg.location.get("url", ""))):
            problems.console_errors.append(msg.text)

    page.on("console", console)
    page.on("pageerror", lambda exc: problems.console_errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and not expected_status(r.url)
            and problems.console_errors.append(f"HTTP {r.status} {r.url}")
        ),
    )

    def route(route, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            problems.foreign_requests.append(request.url)
            route.abort()

    context.route("**/*", route)
