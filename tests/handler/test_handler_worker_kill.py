"""A real worker process (``flask --app handler outbox worker``) SIGKILLed mid-drain, then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BACKENDS, JSON
from flask import Flask
from handler_samples import VALID
from sqlalchemy import select

from handler import db
from handler.sink import SmtpSink

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)

ROOT = Path(__file__).resolve().parents[2]


def _worker(
    app: Flask, smtp: SmtpSink, log: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "HELPCENTER_DATABASE_URL": app.config["DATABASE_URL"],
        "HELPCENTER_INSTANCE_PATH": app.instance_path,
        "HELPCENTER_MAIL_SERVER": smtp.host,
        "HELPCENTER_MAIL_PORT": str(smtp.port),
        "HELPCENTER_OUTBOX_LEASE_SECONDS": "1",
        "HELPCENTER_OUTBOX_POLL_SECONDS": "0.1",
        "HELPCENTER_MAIL_TIMEOUT": "5",
        **(extra or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "handler", "outbox", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_worker_killed_mid_drain_loses_nothing(app: Flask, smtp: SmtpSink, tmp_path: Path) -> None:
    client = app.test_client()
    for i in range(15):
        ticket_type = ("technical", "financial", "commercial")[i % 3]
        assert (
            client.post(f"/api/tickets/{ticket_type}", data=VALID[ticket_type], headers=JSON).status_code
            == 201
        )
    with app.app_context(), db.engine().connect() as conn:
        expected = set(conn.execute(select(db.outbox.c.message_id)).scalars())
    assert len(expected) == 30
    smtp.delay = 0.1  # a slow server, so the kill lands mid-drain

    first = _worker(app, smtp, tmp_path / "worker1.log")
    try:
        _wait(lambda: len(smtp.messages) >= 5, 60, "first worker sent nothing")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    at_kill = len(smtp.messages)
    print("mails at kill:", at_kill)
    assert at_kill < 30, "the worker finished before it was killed"

    second = _worker(app, smtp, tmp_path / "worker2.log")
    try:
        _wait(
            lambda: {m["Message-ID"] for m in smtp.messages} >= expected,
            60,
            f"not all delivered after restart: {len(smtp.messages)} of 30",
        )
    finally:
        second.terminate()
        second.wait(10)
    received = [m["Message-ID"] for m in smtp.messages]
    print("received:", len(received), "unique:", len(set(received)))
    assert set(received) == expected  # nothing lost, nothing foreign
    assert len(received) - len(set(received)) <= 1  # at most the one in flight at the kill, same Message-ID
    with app.app_context(), db.engine().connect() as conn:
        assert set(conn.execute(select(db.outbox.c.status)).scalars()) == {"sent"}
