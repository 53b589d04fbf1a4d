"""Rate limits shared through a real redis-server, and what happens when Redis is down (fail open)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable

import pytest
from conftest import JSON, missing
from flask import Flask
from handler_samples import VALID

from handler.testing import RedisServer


def _post(app: Flask, addr: str = "10.1.2.3") -> int:
    return (
        app.test_client()
        .post(
            "/api/tickets/financial",
            data=VALID["financial"],
            headers=JSON,
            environ_overrides={"REMOTE_ADDR": addr},
        )
        .status_code
    )


def _limited(make_app: Callable[..., Flask], url: str) -> Flask:
    return make_app(RATELIMIT_ENABLED=True, TICKET_RATE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=url)


def test_limit_holds_across_processes_sharing_redis(make_app, redis_server: RedisServer) -> None:  # type: ignore[no-untyped-def]
    first, second = _limited(make_app, redis_server.url), _limited(make_app, redis_server.url)
    codes = [_post(app) for app in (first, second) * 3]
    assert codes == [201, 201, 201, 429, 429, 429]  # one count for both, as across gunicorn workers
    assert _post(second, "10.9.9.9") == 201  # per client
    separate = [_post(app, "10.7.7.7") for app in (make_app(), make_app())]  # memory://: its own counts
    assert separate == [201, 201]


def test_redis_down_fails_open_per_process_with_a_warning(  # type: ignore[no-untyped-def]
    make_app, caplog: pytest.LogCaptureFixture
) -> None:
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis")
    redis = RedisServer(binary).start()
    app = _limited(make_app, redis.url)
    try:
        assert _post(app, "10.5.5.5") == 201
    finally:
        redis.stop()
    with caplog.at_level(logging.WARNING):
        codes = [_post(app, "10.6.6.6") for _ in range(4)]
    assert codes == [201, 201, 201, 429]  # no 5xx; the limit still holds within this process
    assert "Rate limit storage unreachable" in caplog.text
    assert all(r.levelno < logging.ERROR for r in caplog.records), caplog.text
