"""Handler fixtures: ``app`` on a real SQLite file, ``client``, ``runner``, a real aiosmtpd ``smtp``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests/ -> ``import stack`` (after the root)

from handler import create_app  # noqa: E402
from handler.sink import SmtpSink  # noqa: E402

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp(smtp_sink: SmtpSink) -> Iterator[SmtpSink]:
    """The session's sink, emptied and well-behaved at the start of each test."""
    smtp_sink.clear()
    smtp_sink.mode, smtp_sink.delay, smtp_sink.hang_seconds = "ok", 0.0, 30.0
    if smtp_sink._controller is None:
        smtp_sink.start()
    yield smtp_sink
    smtp_sink.mode = "ok"
    if smtp_sink._controller is None:
        smtp_sink.start()


def config_for(tmp_path: Path, sink: SmtpSink, **extra: Any) -> dict[str, Any]:
    """Test settings: real SQLite file, the sink, short timeouts and backoff, no in-process worker."""
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tickets.sqlite'}",
        "MAIL_SERVER": sink.host,
        "MAIL_PORT": sink.port,
        "MAIL_TIMEOUT": 1.0,
        "OUTBOX_BACKOFF_BASE": 0.001,
        "OUTBOX_BACKOFF_MAX": 0.01,
        "OUTBOX_LEASE_SECONDS": 30.0,
        "RATELIMIT_ENABLED": False,
        **extra,
    }


@pytest.fixture
def make_app(tmp_path: Path, smtp: SmtpSink) -> Callable[..., Flask]:
    """Build an app with extra settings (each call: its own database file)."""
    count = iter(range(1000))

    def build(**extra: Any) -> Flask:
        path = tmp_path / f"app{next(count)}"
        path.mkdir()
        return create_app(config_for(path, smtp, **extra))

    return build


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
