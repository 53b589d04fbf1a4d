"""Fixtures of the ticket-form tests: the built site served with the real handler and a real SMTP sink.

`forms_stack` is the project's stack (tests/stack.py: built site + `handler:create_app` + outbox worker +
aiosmtpd, one loopback origin, as `make run` serves it), with its own instance folder and no rate limit,
since these tests send dozens of tickets from one address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from stack import Stack, running_stack

from helpcenter.testing import guard_page


@pytest.fixture(scope="session")
def forms_stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    instance = tmp_path_factory.mktemp("forms-instance")
    with running_stack(built_site, instance, RATELIMIT_ENABLED=False) as stack:
        yield stack


@pytest.fixture(scope="session")
def stack_url(forms_stack: Stack) -> str:
    """ "http://127.0.0.1:<port>/": the site root, with the handler under /api."""
    return forms_stack.base_url.rstrip("/") + "/"


@pytest.fixture
def expect_422(page_problems) -> None:
    """A 422 from the ticket API is the designed answer to invalid input, not a page problem."""
    original = page_problems.check

    def check() -> None:
        page_problems.console_errors[:] = [
            e
            for e in page_problems.console_errors
            if not ("422" in e and ("/api/tickets/" in e or "Failed to load resource" in e))
        ]
        original()

    page_problems.check = check


@pytest.fixture
def expect_network_error(page_problems) -> None:
    """The network-failure test makes the API unreachable on purpose."""
    original = page_problems.check

    def check() -> None:
        page_problems.console_errors[:] = [
            e for e in page_problems.console_errors if "net::ERR_" not in e and "Failed to fetch" not in e
        ]
        original()

    page_problems.check = check


@pytest.fixture
def nojs_page(browser, page_problems):
    """Like the `page` fixture, with JavaScript off: what a reader without it gets."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    # the handler's 422 error page is the designed answer to invalid input
    guard_page(context, page, page_problems, expected_status=lambda url: "/api/" in url)
    yield page
    context.close()
    page_problems.check()
