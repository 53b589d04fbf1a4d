"""A local SMTP sink (aiosmtpd on loopback) that keeps every message, for development and tests.

``mode`` lets tests make it misbehave like real servers do: ``"421"``/``"451"`` answer DATA with that
temporary failure, ``"hang"`` never answers DATA (the client must time out). Nothing is kept then.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import errno
import socket
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

REPLIES = {
    "421": "421 4.3.2 Service not available, closing channel",
    "451": "451 4.3.0 Temporary local problem, try again later",
}


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free now (aiosmtpd needs a number up front)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mode = self.sink.mode
        if mode in REPLIES:
            return REPLIES[mode]
        if mode == "hang":
            await asyncio.sleep(self.sink.hang_seconds)
            return REPLIES["451"]
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        self.sink.keep(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        return "250 2.0.0 OK: queued"


class SmtpSink:
    """Start/stop-able sink; messages in ``self.messages`` and, if ``folder`` is set, as ``.eml`` files."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, folder: Path | None = None) -> None:
        self.host, self.port = host, port or free_port(host)
        self._pick_port = not port  # until the first start succeeds
        self.folder = folder
        self.mode = "ok"
        self.hang_seconds = 30.0
        self.delay = 0.0  # seconds before accepting each message (a slow server)
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.raw: list[bytes] = []  # the bytes as received
        self._lock = threading.Condition()
        self._controller: Controller | None = None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)

    def start(self) -> SmtpSink:
        """Listen. A port picked here that another process took before aiosmtpd bound it (aiosmtpd needs
        the number up front) is replaced by a new one; a restart keeps the port the app was told."""
        for attempt in range(5):
            controller = Controller(
                _Handler(self),
                hostname=self.host,
                port=self.port,
                ready_timeout=10,
                server_hostname="sink.localhost",
            )
            try:
                controller.start()
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE or not self._pick_port or attempt == 4:
                    raise
                self.port = free_port(self.host)
                continue
            self._controller, self._pick_port = controller, False
            return self
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """Stop listening: clients now get 'connection refused'."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def keep(self, mail_from: str, rcpt_tos: list[str], content: bytes) -> None:
        message = email.message_from_bytes(content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]
            self.envelopes.append((mail_from, rcpt_tos))
            self.raw.append(content)
            if self.folder:
                name = f"{time.time_ns()}-{len(self.messages):05d}.eml"
                (self.folder / name).write_bytes(content)
            self._lock.notify_all()

    def wait_for(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        """Block until ``count`` messages arrived (AssertionError after ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} mails, got {len(self.messages)}")
                self._lock.wait(left)
            return list(self.messages)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()
            self.raw.clear()
