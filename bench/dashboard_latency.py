"""The signed-in "My tickets" page and a ticket page: p99 at 50 concurrent with 10,000 tickets in the
database, vs ``GET /healthz`` (one database query) on the same gunicorn in the same run.

Usage: ``python bench/dashboard_latency.py`` (loopback only, bounded by ``--seconds`` per run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from handler_throughput import free_port, summary, wait_ready  # noqa: E402
from handler_throughput import load as load_with  # noqa: E402

from handler import create_app, db, tokens  # noqa: E402
from handler.lifecycle import events, ticket_state  # noqa: E402

CUSTOMER = "bench@example.com"


def seed(url: str, instance: str, count: int) -> str:
    """``count`` tickets (every 200th the customer's), each with state and a created event; a cookie."""
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance, "RATELIMIT_ENABLED": False})
    now = time.time()
    with app.app_context(), db.write() as conn:
        for start in range(1, count + 1, 1000):
            ids = range(start, min(start + 1000, count + 1))
            email = {i: CUSTOMER if i % 200 == 0 else f"user{i}@example.com" for i in ids}
            conn.execute(
                db.tickets.insert(),
                [
                    {
                        "id": i,
                        "type": "technical",
                        "lang": "en",
                        "spam": 0,
                        "created_at": now - i,
                        "data": json.dumps({"email": email[i], "name": "Bench", "title": f"Ticket {i}"}),
                    }
                    for i in ids
                ],
            )
            conn.execute(
                ticket_state.insert(),
                [
                    {
                        "ticket_id": i,
                        "email": email[i],
                        "status": "open",
                        "changed_at": now,
                        "updated_at": now,
                    }
                    for i in ids
                ],
            )
            conn.execute(
                events.insert(),
                [
                    {"ticket_id": i, "at": now, "actor": "customer", "kind": "created", "status": "open"}
                    for i in ids
                ],
            )
        client = app.test_client()
        client.get(f"/tickets/en/signin/{tokens.signin_token(CUSTOMER)}")
        return f"session={client.get_cookie('session').value}"


def load(port: int, path: str, cookie: str, concurrency: int, seconds: float) -> dict[str, float]:
    """The intake bench's load loop, as GETs of a signed-in customer."""
    result = summary(
        *load_with(port, path, concurrency, seconds, 200, method="GET", headers={"Cookie": cookie})
    )
    return {
        "rps": result["rps"],
        "p99_ms": result["p99_ms"],
        "ok": result.get("ok", 0),
        "errors": result["errors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite"
        cookie = seed(url, tmp, args.tickets)
        env = {
            **os.environ,
            "HELPCENTER_INSTANCE_PATH": tmp,
            "HELPCENTER_DATABASE_URL": url,
            "HELPCENTER_RATELIMIT_ENABLED": "false",
            "PYTHONPATH": str(ROOT),
        }
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "-k",
            "gthread",
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
            "handler:create_app()",
        ]
        server = subprocess.Popen(cmd, env=env, cwd=ROOT)
        try:
            wait_ready(port)
            load(port, "/tickets/en/", cookie, 4, 1.0)  # warm up
            runs = {
                "GET /healthz": load(port, "/healthz", cookie, args.concurrency, args.seconds),
                "My tickets": load(port, "/tickets/en/", cookie, args.concurrency, args.seconds),
                "ticket page": load(port, "/tickets/en/200", cookie, args.concurrency, args.seconds),
            }
        finally:
            server.terminate()
            server.wait(20)
    print(
        f"{args.tickets} tickets, gunicorn {args.workers}x{args.threads} gthread, "
        f"{args.concurrency} concurrent"
    )
    for name, r in runs.items():
        print(
            f"{name:>14}: {r['rps']:8.1f} req/s  p99 {r['p99_ms']:7.1f} ms  "
            f"({r['ok']} ok, {r['errors']} errors)"
        )
    base = runs["GET /healthz"]["p99_ms"]
    print(
        f"p99 ratio vs /healthz: My tickets x{runs['My tickets']['p99_ms'] / base:.2f}, "
        f"ticket page x{runs['ticket page']['p99_ms'] / base:.2f}"
    )


if __name__ == "__main__":
    main()
