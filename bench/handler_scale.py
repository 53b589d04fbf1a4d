"""10,000 tickets at 50 concurrent on the deployed shape: 2 gunicorn nodes, PostgreSQL, Redis, 2 outbox
workers. Rate limits on (the defaults), clients spread over a pool of addresses (``X-Forwarded-For``
behind the trusted proxy) so that some of them go over their limit: the only errors must be those 429s,
and every accepted ticket must be in the database (persisted / accepted = 1).
Usage: ``python bench/handler_scale.py [--tickets 10000] [--clients 300]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "handler"))

from deployment import Deployment, Load  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from handler import db  # noqa: E402
from handler.testing import MessageIdServer, PostgresCluster, RedisServer, postgres_bindir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--clients", type=int, default=300, help="distinct client addresses")
    args = parser.parse_args()
    bindir, redis_binary = postgres_bindir(), shutil.which("redis-server")
    if bindir is None or redis_binary is None:
        raise SystemExit("needs PostgreSQL and Redis: apt-get install postgresql redis-server")
    with tempfile.TemporaryDirectory() as tmp:
        cluster = PostgresCluster(bindir).start()
        redis = RedisServer(redis_binary).start()
        mail = MessageIdServer(Path(tmp)).start()
        url = cluster.create_database("scale")
        deployment = Deployment(
            Path(tmp),
            {
                "HELPCENTER_DATABASE_URL": url,
                "HELPCENTER_RATELIMIT_STORAGE_URI": redis.url,
                "HELPCENTER_PROXY_FIX_X_FOR": "1",
                "HELPCENTER_MAIL_SERVER": "127.0.0.1",
                "HELPCENTER_MAIL_PORT": str(mail.port),
            },
        )
        try:
            ports = [deployment.start_node(), deployment.start_node()]
            deployment.start_worker()
            deployment.start_worker()
            deployment.wait_healthy()
            started = time.perf_counter()
            load = Load(
                ports,
                args.tickets,
                args.concurrency,
                client_ip=lambda i: f"10.0.{i % args.clients >> 8}.{i % args.clients & 255}",
            ).run()
            elapsed = time.perf_counter() - started
            engine = create_engine(url)
            with engine.connect() as conn:
                accepted = set(load.tickets)
                found = conn.execute(select(db.tickets.c.id)).scalars().all()
                pending = conn.execute(select(func.count()).where(db.outbox.c.status != "sent")).scalar()
            engine.dispose()
        finally:
            deployment.stop()
            mail.stop()
            redis.stop()
            cluster.stop()
    statuses = dict(sorted(load.statuses.items()))
    errors = {code: n for code, n in statuses.items() if code != 201}
    persisted = len(accepted & set(found))
    latencies = sorted(load.latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    print(
        f"{args.tickets} ticket posts, {args.concurrency} concurrent, {args.clients} client addresses, "
        f"2 gunicorn nodes + PostgreSQL + Redis + 2 outbox workers, in {elapsed:.1f} s"
    )
    print(f"  answers: {statuses}  ({len(accepted) / elapsed:.1f} accepted/s, p99 {p99:.0f} ms)")
    print(f"  errors other than 429: {sum(n for code, n in errors.items() if code != 429)}")
    print(
        f"  tickets persisted / accepted: {persisted} / {len(accepted)}  (rows in the database: {len(found)})"
    )
    print(f"  mails still queued when the load ended: {pending} (the workers keep draining)")


if __name__ == "__main__":
    main()
