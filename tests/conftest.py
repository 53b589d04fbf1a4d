"""Shared fixtures: a site built once per session, a static server for it, and Debian's Chromium."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter.testing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    PageProblems,
    build_site,
    guard_page,
    in_ci,
    serving,
    static_server,
)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = ROOT / "tests" / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[http.server.ThreadingHTTPServer]:
    """The static server of `site_url`, bound before the build so the sitemap names a port it holds."""
    server = static_server(site_dir)
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def site_port(site_server: http.server.ThreadingHTTPServer) -> int:
    return site_server.server_address[1]


@pytest.fixture(scope="session")
def built_site(site_dir: Path, site_port: int) -> Path:
    """The repository's site, built once per test session with `--strict`, for `site_url`."""
    result = build_site(site_dir, site_url=f"http://127.0.0.1:{site_port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """The built site served as static files on `site_port` (no handler); instant loading works here."""
    with serving(site_server) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped (failed under CI) when it is missing."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser, page_problems: PageProblems):
    """A fresh 1280x900 page; the test fails if the page logs console errors or calls a non-loopback host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    guard_page(context, page, page_problems)
    yield page
    context.close()
    page_problems.check()
