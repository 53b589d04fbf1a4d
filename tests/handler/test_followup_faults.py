"""Faults: hostile raw messages (hypothesis) never raise nor lose an accepted mail nor break the ticket
page; a worker killed between storing an agent's reply and forwarding it forwards it exactly once."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from conftest import JSON
from flask import Flask
from followup_support import AGENT, FOLLOW_UP, mail
from handler_samples import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_handler_worker_kill import _wait, _worker

from handler import db, inbox, outbox, tokens
from handler.lifecycle import events
from handler.sink import SmtpSink

HEADER = st.sampled_from(
    [
        b'Content-Type: multipart/mixed; boundary="b"',
        b"Content-Type: multipart/alternative; boundary=",
        b'Content-Type: text/html; charset="x-unknown"',
        b"Content-Transfer-Encoding: base64",
        b"Content-Transfer-Encoding: quoted-printable",
        b'Content-Disposition: attachment; filename="../../etc/passwd"',
        b"Subject: =?utf-8?b?invalid?=",
        b"Message-ID: <a@b>\r\n\tcontinued",
        b'From: "Ana" <ana@example.com>',
        b"Auto-Submitted: no",
    ]
)
RAW = st.tuples(
    st.lists(HEADER, max_size=5), st.binary(max_size=3000), st.sampled_from([b"", b"--b\r\n", b"--b--"])
)


def _app(make_app) -> tuple[Flask, int, str]:  # type: ignore[no-untyped-def]
    app = make_app(**FOLLOW_UP)
    response = app.test_client().post("/api/tickets/technical", data=VALID["technical"], headers=JSON)
    number = int(response.get_json()["ticket"])
    with app.app_context():
        return app, number, tokens.reply_address(number)


def test_hostile_mime_never_raises_nor_loses_mail(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app, number, address = _app(make_app)
    client = app.test_client()
    with app.app_context():
        page = f"/tickets/en/{number}?k={tokens.ticket_token(number)}"

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(RAW)
    def check(parts: tuple[list[bytes], bytes, bytes]) -> None:
        headers, body, tail = parts
        raw = b"\r\n".join([f"From: {AGENT}".encode(), f"To: {address}".encode(), *headers]) + b"\r\n\r\n"
        raw += body + tail
        with app.app_context():
            outcome = inbox.ingest(raw, [address], AGENT)
            assert outcome.smtp[0] in "25", outcome  # stored, dropped or refused as a sender: never 4xx
            if outcome is inbox.ACCEPTED:
                with db.engine().connect() as conn:
                    kept = conn.execute(select(events.c.raw).where(events.c.raw == raw)).first()
                assert kept is not None, "accepted but not kept"
        assert client.get(page).status_code == 200

    check()
    big = b"From: " + AGENT.encode() + b"\r\n\r\n" + b"x" * (int(app.config["INBOX_MAX_BYTES"]) + 1)
    with app.app_context():
        assert inbox.ingest(big, [address], AGENT) is inbox.TOO_BIG


def test_worker_killed_between_storing_and_forwarding(make_app, smtp: SmtpSink, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, number, address = _app(make_app)
    with app.app_context():
        outbox.drain()  # team + confirmation out of the way
        assert (
            inbox.ingest(mail(AGENT, address, "Please try again now.").as_bytes(), [address], AGENT).exit_code
            == 0
        )
    smtp.clear()
    smtp.mode, smtp.hang_seconds = "hang", 3.0  # the server never answers DATA: the kill lands mid-send
    o = db.outbox.c

    def claimed() -> bool:
        with app.app_context(), db.engine().connect() as conn:
            return conn.execute(select(o.lease_until).where(o.kind == "agent")).scalar() is not None

    env = {"HELPCENTER_INBOUND_ADDRESS": FOLLOW_UP["INBOUND_ADDRESS"]}
    first = _worker(app, smtp, tmp_path / "w1.log", env)
    try:
        _wait(claimed, 60, "the worker never claimed the forward")
        time.sleep(0.3)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert smtp.messages == []
    smtp.mode = "ok"
    second = _worker(app, smtp, tmp_path / "w2.log", env)
    try:
        _wait(lambda: len(smtp.messages) >= 1, 60, "not forwarded after the restart")
        time.sleep(1.5)  # a second delivery, if there were one, would arrive now
    finally:
        second.terminate()
        second.wait(10)
    forwarded = [m for m in smtp.messages if "Please try again now." in m.get_body().get_content()]
    assert len(forwarded) == len(smtp.messages) == 1
    with app.app_context(), db.engine().connect() as conn:
        assert conn.execute(select(o.status).where(o.kind == "agent")).scalar() == "sent"
