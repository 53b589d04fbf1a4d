"""Accepted tickets/s and p99 latency under gunicorn at 50 concurrent, vs a bare Flask endpoint.

Same gunicorn server (the repository's ``deploy/gunicorn.conf.py``), same client, same body; loopback
only, bounded (``--seconds`` per run). On SQLite, then on a throwaway PostgreSQL (fsync and
synchronous_commit on), each with its own bare baseline. Prints the figures and the ratios to bare,
also for the ticket path without its store (validated, not stored): the share the durable store takes.
Usage: ``python bench/handler_throughput.py [--backend sqlite|postgresql|both]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "handler"))
from handler_samples import VALID  # noqa: E402

from handler.testing import PostgresCluster, postgres_bindir  # noqa: E402

BODY = urllib.parse.urlencode(VALID["technical"]).encode()
HEADERS = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def load(
    port: int,
    path: str,
    concurrency: int,
    seconds: float,
    expect: int,
    method: str = "POST",
    headers: dict[str, str] | None = None,
) -> tuple[list[float], int, float]:
    """``concurrency`` keep-alive clients sending for ``seconds`` (a ticket by default); only ``expect``
    answers count: their latencies, the other answers, the time taken."""
    body, headers = (BODY, HEADERS) if method == "POST" else (None, headers or {})
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == expect
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return latencies, errors[0], elapsed


def summary(latencies: list[float], errors: int, elapsed: float) -> dict[str, float]:
    """Throughput and latency percentiles of the answers that counted."""
    latencies = sorted(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return {
        "rps": len(latencies) / elapsed,
        "p99_ms": p99 * 1000,
        "ok": len(latencies),
        "errors": errors,
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
    }


def serve(env: dict[str, str], workers: int) -> tuple[int, subprocess.Popen[bytes]]:
    """gunicorn with the repository's settings (deploy/gunicorn.conf.py) and the bench's WSGI app."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--chdir",
        str(ROOT / "bench"),
        "-b",
        f"127.0.0.1:{port}",
        "handler_wsgi:create()",
    ]
    env = {**env, "WEB_CONCURRENCY": str(workers)}
    env["HELPCENTER_LOG_LEVEL"] = "warning"
    return port, subprocess.Popen(cmd, env=env, cwd=ROOT)


def measure(env: dict[str, str], args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Bare endpoint, tickets, then tickets validated but not stored, on one server, taking turns in
    short rounds so that a slow spell of the machine falls on all three alike."""
    targets = {
        "bare Flask endpoint": "/bare",
        "accepted tickets": "/api/tickets/technical",
        "validated, not stored": "/validated/technical",
    }
    totals: dict[str, tuple[list[float], int, float]] = {name: ([], 0, 0.0) for name in targets}
    port, server = serve(env, args.workers)
    try:
        wait_ready(port)
        load(port, "/bare", 4, 1.0, 201)  # warm up both workers
        for _ in range(args.rounds):
            for name, path in targets.items():
                latencies, errors, elapsed = load(
                    port, path, args.concurrency, args.seconds / args.rounds, 201
                )
                seen, bad, took = totals[name]
                totals[name] = (seen + latencies, bad + errors, took + elapsed)
        return {name: summary(*total) for name, total in totals.items()}
    finally:
        server.terminate()
        server.wait(20)


def report(title: str, runs: dict[str, dict[str, float]]) -> None:
    """Each run, then the ratios to the bare endpoint (the last line: what the durable store costs)."""
    print(title)
    for name, r in runs.items():
        print(
            f"{name:>22}: {r['rps']:8.1f} req/s  p50 {r['median_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms"
            f"  ({r['ok']} ok, {r['errors']} errors)"
        )
    bare = runs["bare Flask endpoint"]
    for name in ("accepted tickets", "validated, not stored"):
        r = runs[name]
        print(
            f"ratio {name}/bare: throughput {r['rps'] / bare['rps']:.3f}, "
            f"p99 latency x{r['p99_ms'] / bare['p99_ms']:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=5, help="turns each path takes (seconds split evenly)")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--synchronous",
        choices=["FULL", "NORMAL"],
        default="FULL",
        help="SQLite durability: FULL survives power loss, NORMAL (WAL) a process crash",
    )
    args = parser.parse_args()
    print(
        f"gunicorn -c deploy/gunicorn.conf.py: {args.workers} gevent workers, "
        f"{args.concurrency} concurrent clients, {args.seconds:.0f} s each in {args.rounds} turns, loopback"
    )
    base = {**os.environ, "HELPCENTER_RATELIMIT_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend in ("sqlite", "both"):
            env = {
                **base,
                "HELPCENTER_INSTANCE_PATH": tmp,
                "HELPCENTER_SQLITE_SYNCHRONOUS": args.synchronous,
                "HELPCENTER_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
            }
            report(f"SQLite, synchronous={args.synchronous}", measure(env, args))
        if args.backend in ("postgresql", "both"):
            bindir = postgres_bindir()
            if bindir is None:
                print("PostgreSQL not installed (apt-get install postgresql): skipped")
                return
            cluster = PostgresCluster(bindir).start()
            try:
                url = cluster.create_database("bench")
                env = {**base, "HELPCENTER_INSTANCE_PATH": tmp, "HELPCENTER_DATABASE_URL": url}
                report("PostgreSQL 15, fsync=on, synchronous_commit=on", measure(env, args))
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
