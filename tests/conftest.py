"""Shared fixtures: a site built once per session, a static server for it, and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

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
IN_CI = os.environ.get("CI") == "true"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def free_port() -> int:
    """A loopback port that nothing listens on now (the caller binds it soon after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(
    target: Path,
    config: Path = ROOT / "mkdocs.yml",
    strict: bool = True,
    site_url: str | None = None,
) -> subprocess.CompletedProcess:
    """Run `mkdocs build` as an author would; returns the finished process (check its returncode).

    `site_url` must be where the site will be served: Material's instant loading only takes over links
    whose origin (port included) matches the sitemap's absolute addresses.
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(target)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["HELPCENTER_SITE_URL"] = site_url
    return subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = ROOT / "tests" / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def site_port() -> int:
    """The loopback port `site_url` serves on, chosen before the build so the sitemap names it."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The repository's site, built once per test session with `--strict`, for `site_url`."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(site, site_url=f"http://127.0.0.1:{site_port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int) -> Iterator[str]:
    """The built site served as static files on `site_port` (no handler); instant loading works here."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped (failed under CI=true) when it is missing."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What a page did wrong while a test used it: console errors and requests off this machine."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def check(self) -> None:
        assert not self.foreign_requests, f"requests to third-party hosts: {self.foreign_requests}"
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser, page_problems: PageProblems):
    """A fresh 1280x900 page; the test fails if the page logs console errors or calls a non-loopback host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and page_problems.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page_problems.console_errors.append(str(exc)))
    page.on(
        "response",
        lambda r: r.status >= 400 and page_problems.console_errors.append(f"HTTP {r.status} {r.url}"),
    )

    def guard(route, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            page_problems.foreign_requests.append(request.url)
            route.abort()

    context.route("**/*", guard)
    yield page
    context.close()
    page_problems.check()
