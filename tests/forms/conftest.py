"""Fixtures of the ticket-form tests: the built site served with the real handler and a real SMTP sink.

`forms_stack` serves the session's built site and `handler:create_app` on ONE loopback origin (as
`make run` does), with the handler's aiosmtpd sink receiving the mail. It prefers the project's
`tests/stack.py` when that offers `running_stack`; otherwise it composes the same real parts itself.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from handler import create_app
from handler.sink import SmtpSink


@dataclass
class Stack:
    url: str  # "http://127.0.0.1:<port>/"
    sink: SmtpSink
    app: Any


class _OneOrigin:
    """WSGI: /api and /healthz to the handler, everything else static from the built site."""

    def __init__(self, site: Path, handler_app: Any) -> None:
        self.site, self.handler_app = site.resolve(), handler_app

    def __call__(self, environ: dict, start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "/")
        if path.startswith(("/api/", "/healthz")):
            return self.handler_app(environ, start_response)
        target = (self.site / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or self.site not in target.parents:
            return Response("not found", status=404)(environ, start_response)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return Response(target.read_bytes(), mimetype=kind)(environ, start_response)


@pytest.fixture(scope="session")
def forms_stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Built site + handler (in-process outbox worker) + aiosmtpd, on free loopback ports."""
    instance = tmp_path_factory.mktemp("instance")
    sink = SmtpSink().start()
    app = create_app({
        "INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'tickets.sqlite'}",
        "MAIL_SERVER": sink.host, "MAIL_PORT": sink.port, "MAIL_TIMEOUT": 5.0,
        "OUTBOX_WORKER_IN_PROCESS": True, "OUTBOX_POLL_SECONDS": 0.2, "OUTBOX_BACKOFF_BASE": 0.2,
        "RATELIMIT_ENABLED": False, "CONFIRMATION_EMAIL": True,
    })
    server = make_server("127.0.0.1", 0, _OneOrigin(built_site, app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Stack(url=f"http://127.0.0.1:{server.server_port}/", sink=sink, app=app)
    finally:
        server.shutdown()
        worker = app.extensions.get("helpcenter_worker")
        if worker is not None and hasattr(worker, "stop"):
            worker.stop()
        sink.stop()


@pytest.fixture
def expect_422(page_problems) -> None:
    """A 422 from the ticket API is the designed answer to invalid input, not a page problem."""
    original = page_problems.check

    def check() -> None:
        page_problems.console_errors[:] = [
            e for e in page_problems.console_errors
            if not ("422" in e and ("/api/tickets/" in e or "Failed to load resource" in e))]
        original()

    page_problems.check = check


@pytest.fixture
def expect_network_error(page_problems) -> None:
    """The network-failure test makes the API unreachable on purpose."""
    original = page_problems.check

    def check() -> None:
        page_problems.console_errors[:] = [
            e for e in page_problems.console_errors if "net::ERR_" not in e and "Failed to fetch" not in e]
        original()

    page_problems.check = check


@pytest.fixture
def nojs_page(browser, page_problems):
    """Like the `page` fixture, with JavaScript off: what a reader without it gets."""
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and "/api/" not in r.url
            and page_problems.console_errors.append(f"HTTP {r.status} {r.url}"))

    def guard(route, request) -> None:
        if (urlparse(request.url).hostname or "") in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            page_problems.foreign_requests.append(request.url)
            route.abort()

    context.route("**/*", guard)
    yield page
    context.close()
    page_problems.check()
