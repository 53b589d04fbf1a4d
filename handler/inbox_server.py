"""The inbound listener: aiosmtpd speaking SMTP or LMTP, for the MTA to forward ticket replies to.

A bad address is refused at RCPT (550), a refused sender or an oversized mail at DATA (550/552); an
accepted mail is committed by ``inbox.ingest`` before the 250, so the MTA deletes only what is stored.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from flask import Flask

from . import inbox
from .sink import free_port


class _Handler:
    def __init__(self, app: Flask) -> None:
        self.app = app

    def _run(self, func: Any, *args: Any) -> Any:
        with self.app.app_context():
            return func(*args)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        loop = asyncio.get_running_loop()
        number = await loop.run_in_executor(None, self._run, inbox.ticket_for, address)
        if number is None:
            return inbox.NO_USER.smtp
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        loop = asyncio.get_running_loop()
        raw = envelope.original_content or envelope.content
        outcome = await loop.run_in_executor(
            None, self._run, inbox.ingest, raw, list(envelope.rcpt_tos), envelope.mail_from
        )
        if isinstance(server, LMTP):  # LMTP answers DATA once per recipient
            return "\r\n".join([outcome.smtp] * max(1, len(envelope.rcpt_tos)))
        return outcome.smtp


class _Controller(Controller):
    def __init__(self, app: Flask, lmtp: bool, **kwargs: Any) -> None:
        self.lmtp = lmtp
        self.size_limit = int(app.config["INBOX_MAX_BYTES"])
        super().__init__(_Handler(app), **kwargs)

    def factory(self) -> SMTP:
        cls = LMTP if self.lmtp else SMTP
        return cls(self.handler, data_size_limit=self.size_limit, hostname=self.hostname, decode_data=False)


class InboxServer:
    """``start()``/``stop()`` a listener on ``host:port`` (0: a free port)."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0, lmtp: bool = False) -> None:
        self.app, self.host, self.port, self.lmtp = app, host, port or free_port(host), lmtp
        self._controller: Controller | None = None

    def start(self) -> InboxServer:
        self._controller = _Controller(
            self.app, self.lmtp, hostname=self.host, port=self.port, ready_timeout=10, server_hostname="inbox"
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
