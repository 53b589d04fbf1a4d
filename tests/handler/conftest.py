"""Handler fixtures: ``app`` on a real SQLite file (or PostgreSQL), ``client``, ``runner``, a real
aiosmtpd ``smtp``, and throwaway ``postgres`` / ``redis_server`` processes.

A module runs its tests on both databases with
``pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)``: one PostgreSQL cluster per
session, a fresh database per app.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests/ -> ``import stack`` (after the root)

from handler import create_app, db  # noqa: E402
from handler.sink import SmtpSink  # noqa: E402
from handler.testing import INSTALL_HINT, PostgresCluster, RedisServer, in_ci, postgres_bindir  # noqa: E402

JSON = {"Accept": "application/json"}
BACKENDS = ["sqlite", "postgresql"]
_databases = itertools.count()


def missing(what: str) -> None:
    """Skip with the install hint; under CI a missing server is a failure."""
    if in_ci():
        pytest.fail(INSTALL_HINT[what])
    pytest.skip(INSTALL_HINT[what])


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the session (databases are created per app); fsync off,
    since these tests check behaviour, not durability against power loss."""
    bindir = postgres_bindir()
    if bindir is None:
        missing("postgresql")
    cluster = PostgresCluster(bindir, durable=False).start()  # type: ignore[arg-type]
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    import shutil

    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis")
    server = RedisServer(binary).start()  # type: ignore[arg-type]
    yield server
    server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` unless a module parametrizes it (see the module docstring)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def new_database_url(backend: str, request: pytest.FixtureRequest) -> Callable[[Path], str]:
    """A fresh empty database on the test's backend, as a URL (``path``: a folder for SQLite)."""

    def make(path: Path) -> str:
        if backend == "postgresql":
            cluster: PostgresCluster = request.getfixturevalue("postgres")
            return cluster.create_database(f"test_{next(_databases)}")
        return f"sqlite:///{path / 'tickets.sqlite'}"

    return make


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


def config_for(
    tmp_path: Path, sink: SmtpSink, database_url: str | None = None, **extra: Any
) -> dict[str, Any]:
    """Test settings: real SQLite file, the sink, short timeouts and backoff, no in-process worker."""
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'tickets.sqlite'}",
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
def make_app(
    tmp_path: Path, smtp: SmtpSink, new_database_url: Callable[[Path], str]
) -> Iterator[Callable[..., Flask]]:
    """Build an app with extra settings (each call: its own database on the test's backend)."""
    count = iter(range(1000))
    apps: list[Flask] = []

    def build(**extra: Any) -> Flask:
        path = tmp_path / f"app{next(count)}"
        path.mkdir()
        apps.append(create_app(config_for(path, smtp, new_database_url(path), **extra)))
        return apps[-1]

    yield build
    for app in apps:
        with app.app_context():
            db.engine().dispose()  # PostgreSQL: give the connections back to the session's cluster


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
