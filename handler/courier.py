"""One SMTP connection reused across mails and drains (a handshake, STARTTLS and AUTH cost more than a
mail): opened on the first send, dropped after any failure (the next send reconnects), and reopened
rather than reused after sitting idle, since servers close idle connections on their side."""

from __future__ import annotations

import time

from flask import current_app

from . import turns
from .mail import TimeoutConnection, connect
from .wire import Outgoing


class Courier:
    """Sends composed mails (``wire.outgoing``); ``close()`` when done (QUIT)."""

    def __init__(self) -> None:
        self._conn: TimeoutConnection | None = None
        self._last_used = 0.0
        self.connections = 0  # opened so far (for tests and benchmarks)

    def send(
        self, mail: Outgoing, on_mail: turns.Work = turns.nothing, on_data: turns.Work = turns.nothing
    ) -> None:
        """Send one mail, with ``on_mail``/``on_data`` run while the server answers (``turns``); an
        exception means it may not have been delivered, and the connection is dropped so the next
        mail gets a fresh one."""
        idle = float(current_app.config["MAIL_REUSE_IDLE_SECONDS"])
        if self._conn is not None and time.monotonic() - self._last_used > idle:
            self.close()
        if self._conn is None:
            self._conn = connect().__enter__()
            self.connections += 1
        try:
            self._conn.deliver(mail, on_mail, on_data)
        except BaseException:
            self.close(quit_=False)
            raise
        self._last_used = time.monotonic()

    def close(self, quit_: bool = True) -> None:
        """QUIT politely after success; just close the socket after a failure."""
        conn, self._conn = self._conn, None
        if conn is None or conn.host is None:
            return
        try:
            conn.host.quit() if quit_ else conn.host.close()
        except Exception:
            conn.host.close()
