"""Shared fixtures: a site built once per session, a static server for it, and Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter.testing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    PageProblems,
    build_site,
    free_port,
    guard_page,
    serve_static,
)

IN_CI = os.environ.get("CI") == "true"


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


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int) -> Iterator[str]:
    """The built site served as static files on `site_port` (no handler); instant loading works here."""
    with serve_static(built_site, site_port) as url:
        yield url


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
