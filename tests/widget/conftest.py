"""Widget fixtures: the built site and the handler on one origin, host pages on two other loopback origins
(one allowed to embed, one not), and a guarded Chromium page that also records what the page requested."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests/ -> ``import stack``

from stack import Stack, running_stack  # noqa: E402
from widget_helpers import write_host_page  # noqa: E402

from helpcenter.testing import PageProblems, free_port, guard_page, serve_static  # noqa: E402


@pytest.fixture(scope="session")
def host_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("host")


@pytest.fixture(scope="session")
def allowed_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def widget_stack(built_site: Path, tmp_path_factory, allowed_port: int) -> Iterator[Stack]:
    """Site + handler + mail sink; only the allowed host origin may post tickets from its pages."""
    origin = f"http://127.0.0.1:{allowed_port}"
    with running_stack(built_site, tmp_path_factory.mktemp("widget-instance"), ALLOWED_ORIGINS=[origin]) as s:
        yield s


@pytest.fixture(scope="session")
def host_url(widget_stack: Stack, host_dir: Path, allowed_port: int) -> Iterator[str]:
    """The host application's page on the allowed origin (another port than the help center's)."""
    write_host_page(host_dir, widget_stack.base_url)
    with serve_static(host_dir, allowed_port) as url:
        yield url + "app/orders.html?order=1042"


@pytest.fixture(scope="session")
def stranger_url(widget_stack: Stack, host_dir: Path) -> Iterator[str]:
    """The same page on an origin that is not allowed to embed the widget."""
    write_host_page(host_dir, widget_stack.base_url)
    with serve_static(host_dir) as url:
        yield url + "app/orders.html?order=1042"


@pytest.fixture
def requests_seen() -> list[str]:
    return []


@pytest.fixture
def host_page(browser, page_problems: PageProblems, requests_seen: list[str]):
    """A fresh 1280x900 page that records every request; no console errors, no third-party requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    guard_page(context, page, page_problems)
    page.on("request", lambda r: requests_seen.append(r.url))
    yield page
    assert not context.cookies(), "the widget set cookies"
    context.close()
    page_problems.check()
