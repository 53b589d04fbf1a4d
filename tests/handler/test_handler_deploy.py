"""README's "Deploying" recipe, run for real: gunicorn nodes (``deploy/gunicorn.conf.py``), outbox worker
processes, one PostgreSQL, one Redis, health checks; then the same under load with a worker SIGKILLed and
PostgreSQL restarted."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import missing
from deployment import NODE_COMMAND, ROOT, WORKER_COMMAND, Deployment, Load, health
from sqlalchemy import create_engine, select

from handler import db
from handler.sink import SmtpSink
from handler.testing import MessageIdServer, PostgresCluster, RedisServer, postgres_bindir


def _env(database_url: str, redis_url: str, smtp: SmtpSink | MessageIdServer, **extra: str) -> dict[str, str]:
    return {
        "HELPCENTER_DATABASE_URL": database_url,
        "HELPCENTER_RATELIMIT_STORAGE_URI": redis_url,
        "HELPCENTER_PROXY_FIX_X_FOR": "1",  # the web server in front sets X-Forwarded-For
        "HELPCENTER_MAIL_SERVER": "127.0.0.1",
        "HELPCENTER_MAIL_PORT": str(smtp.port),
        "HELPCENTER_MAIL_TIMEOUT": "60",
        "HELPCENTER_OUTBOX_POLL_SECONDS": "0.2",
        **extra,
    }


def _wait(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what()
        time.sleep(0.2)


def _outbox(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                select(db.outbox.c.ticket_id, db.outbox.c.message_id, db.outbox.c.status)
            ).all()
    finally:
        engine.dispose()


def test_recipe_nodes_workers_health_and_shared_rate_limit(tmp_path: Path, postgres, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text()
    assert NODE_COMMAND in readme and WORKER_COMMAND in readme  # the test runs what the README says
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis")
    redis = RedisServer(binary).start()
    url = postgres.create_database("recipe")
    deployment = Deployment(tmp_path, _env(url, redis.url, smtp, HELPCENTER_TICKET_RATE_LIMIT="3 per minute"))
    try:
        ports = [deployment.start_node(workers=1), deployment.start_node(workers=1)]
        deployment.start_worker()
        deployment.start_worker()
        deployment.wait_healthy()
        assert all(health(p)["outbox"]["dead"] == 0 for p in ports)
        same_client = Load(ports * 2, 4, 1, client_ip=lambda i: "203.0.113.7").run()
        assert same_client.statuses == Counter({201: 3, 429: 1})  # one count across both nodes
        _wait(lambda: len(smtp.messages) >= 6, 60, lambda: f"{len(smtp.messages)} of 6 mails")
        delivered = {int(m["X-Helpcenter-Ticket"]) for m in smtp.messages}
        assert delivered == set(same_client.tickets)

        redis.stop()  # documented: fail open per process, a warning, never a 5xx
        down = Load(ports, 4, 2, client_ip=lambda i: "198.51.100.9").run()
        assert set(down.statuses) <= {201, 429} and down.statuses[201] >= 3, down.statuses
        logs = "".join(deployment.log(f"node{i}") for i in range(2))
        assert "Rate limit storage unreachable" in logs
        assert all(health(p).get("status") == "ok" for p in ports)
    finally:
        deployment.stop()
        redis.stop()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_two_nodes_three_workers_kill_and_database_restart_lose_nothing(  # type: ignore[no-untyped-def]
    tmp_path: Path, redis_server: RedisServer
) -> None:
    bindir = postgres_bindir()
    if bindir is None:
        missing("postgresql")
    cluster = PostgresCluster(bindir, durable=True).start()  # type: ignore[arg-type]
    url = cluster.create_database("helpcenter")
    mail = MessageIdServer(tmp_path).start()  # its own process, like a real mail server
    total, events = 2000, []
    # The lease outlives the restart, so a worker waiting to record a send keeps its claim.
    # One mail per ticket (the team's) keeps the test near a minute; the outbox tests cover both kinds.
    env = _env(
        url,
        redis_server.url,
        mail,
        HELPCENTER_OUTBOX_LEASE_SECONDS="30",
        HELPCENTER_CONFIRMATION_EMAIL="false",
    )
    deployment = Deployment(tmp_path, env)
    try:
        ports = [deployment.start_node(), deployment.start_node()]
        for _ in range(3):
            deployment.start_worker()
        deployment.wait_healthy()
        load = Load(ports, total, 50)

        def chaos() -> None:  # bounded: each step waits for progress or gives up with the load
            for at, step in ((total // 3, "kill"), (2 * total // 3, "restart")):
                while sum(load.statuses.values()) < at and runner.is_alive():
                    time.sleep(0.05)
                if step == "kill":
                    deployment.workers[0].send_signal(signal.SIGKILL)
                else:
                    cluster.restart()
                events.append((step, sum(load.statuses.values()), len(mail.ids())))

        runner = threading.Thread(target=load.run)
        runner.start()
        chaos()
        runner.join()
        print("statuses", dict(load.statuses), "events", events)
        assert [e[0] for e in events] == ["kill", "restart"]
        assert deployment.workers[0].wait(10) == -signal.SIGKILL
        # Only requests in flight while PostgreSQL restarted may fail, and only with a 500.
        assert set(load.statuses) <= {201, 500} and load.statuses[500] <= 50, load.statuses
        assert len(set(load.tickets)) == len(load.tickets) == load.statuses[201]

        def delivered() -> bool:
            rows = _outbox(url)
            return all(r.status == "sent" for r in rows) and len(mail.ids()) >= len(rows)

        def state() -> str:
            return f"{len(mail.ids())} mails, outbox {Counter(r.status for r in _outbox(url))}"

        _wait(delivered, 400, lambda: f"not delivered: {state()}")
        rows = _outbox(url)
        assert set(load.tickets) <= {r.ticket_id for r in rows}  # every 201 is in the database
        expected = {r.message_id for r in rows}
        received = Counter(mail.ids())
        assert set(received) == expected  # delivered, nothing foreign
        repeated = {mid: n for mid, n in received.items() if n > 1}
        print("mails", sum(received.values()), "unique", len(received), "repeated", repeated)
        assert len(repeated) <= 1 and all(n == 2 for n in repeated.values())  # the one in flight at the kill
    finally:
        deployment.stop()
        mail.stop()
        cluster.stop()
