"""A running stack for tests: built site + ticket handler + outbox worker + aiosmtpd, on free loopback ports.

Use from any test folder's conftest.py::

    from stack import stack  # noqa: F401  (session fixture; needs the ``built_site`` fixture)

or directly: ``with running_stack(site_dir, tmp_dir) as s: ...``. ``s.base_url`` serves the site and
``/api``; ``s.mails`` are the parsed messages received so far; ``s.wait_for_mails(n)`` blocks until
there are ``n``; ``s.mails_for_ticket("12")`` waits for the team mail and the confirmation of a ticket.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from handler.devserver import DevStack


class Stack:
    """What tests see of a running DevStack."""

    def __init__(self, dev: DevStack) -> None:
        self.dev = dev
        self.sink = dev.sink
        self.app = dev.app

    @property
    def base_url(self) -> str:
        return self.dev.base_url

    @property
    def mails(self) -> list[EmailMessage]:
        return list(self.sink.messages)

    def wait_for_mails(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        """All mails once at least ``count`` arrived since the stack started (or the last clear)."""
        return self.sink.wait_for(count, timeout)

    def mails_for_ticket(
        self, ticket: str | int, count: int = 2, timeout: float = 20.0
    ) -> list[EmailMessage]:
        """The ``count`` mails (team + confirmation by default) carrying ``X-Helpcenter-Ticket``."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.sink.messages if m.get("X-Helpcenter-Ticket") == str(ticket)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"ticket {ticket}: expected {count} mails, got {len(found)}")
            time.sleep(0.05)

    def clear_mails(self) -> None:
        self.sink.clear()


@contextmanager
def running_stack(site: Path, instance: Path, **config: Any) -> Iterator[Stack]:
    """Start on a free port; ``config`` overrides handler settings (e.g. ``CONFIRMATION_EMAIL=False``)."""
    settings = {"MAIL_TIMEOUT": 1.0, **config}  # a stopped or hanging sink becomes a quick retry
    dev = DevStack(site, instance, port=0, config=settings).start()
    try:
        yield Stack(dev)
    finally:
        dev.stop()


@pytest.fixture(scope="session")
def stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """One stack per session over the session's built site."""
    with running_stack(built_site, tmp_path_factory.mktemp("stack-instance")) as running:
        yield running
