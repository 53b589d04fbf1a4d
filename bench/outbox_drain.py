"""Mails/s drained from the outbox vs raw smtplib on one connection; and 3 worker processes vs 1 on
PostgreSQL.

Part 1 (same run, same messages): raw smtplib sending the bytes of the team mails over one connection
against ``outbox.drain`` on SQLite (claim, read the tickets, compose, send, mark); first to aiosmtpd
in its own process (as a real server is another machine), then to the in-process ``SmtpSink`` that
parses every mail (how this figure was first measured). They take turns on chunks of the mails, so a
load change on a shared machine does not favour one. Raw smtplib gets the bytes ready-made; a second
line shows smtplib with Flask-Mail serializing each message (no database), what sending costs without
an outbox.
Part 2 (if PostgreSQL is installed): ``flask --app handler outbox worker`` processes draining the same
number of mails from one PostgreSQL, 1 worker then 3.
Usage: ``python bench/outbox_drain.py [--mails 400]``.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flask_mail import Message

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "handler"))

from handler_samples import VALID  # noqa: E402

from handler import create_app, db, outbox  # noqa: E402
from handler.compose import Composer  # noqa: E402
from handler.courier import Courier  # noqa: E402
from handler.sink import SmtpSink  # noqa: E402
from handler.testing import PostgresCluster, free_port, postgres_bindir  # noqa: E402
from handler.tickets import _new, _write_batch  # noqa: E402

SERVER = """
import asyncio, sys
from aiosmtpd.controller import Controller
class Count:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1])).start()
asyncio.get_event_loop().run_forever()
"""


def smtp_server(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            smtplib.SMTP("127.0.0.1", port, timeout=2).quit()
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("SMTP server did not start")


def config(url: str, folder: str, port: int) -> dict[str, object]:
    return {
        "INSTANCE_PATH": folder,
        "DATABASE_URL": url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "CONFIRMATION_EMAIL": False,
    }


def store_all(count: int) -> None:
    """``count`` tickets (one team mail each) in one transaction: the outbox sees them all at once."""
    new = _new("technical", "es", dict(VALID["technical"]), [], None, False)
    with db.write() as conn:
        _write_batch(conn, [new] * count)


def fill(app: object, count: int) -> tuple[list[bytes], list[Message]]:
    """Store ``count`` tickets; returns the mails' bytes as the outbox sends them, and their Flask-Mail
    messages."""
    with app.app_context():  # type: ignore[attr-defined]
        store_all(count)
        rows = outbox.claim(time.time(), count)
        outbox.release(rows)
        compose = Composer(rows)
        return [compose(row).result().data for row in rows], [compose.message(row) for row in rows]


def raw_and_drain(port: int, mails: int, rounds: int = ROUNDS) -> dict[str, float]:
    """Mails/s of each way of sending the same mails. They take turns on chunks of them (each on one
    connection for the whole run), so a load change on a shared machine falls on all of them."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(config(f"sqlite:///{tmp}/drain.sqlite", tmp, port))
        raw, messages = fill(app, mails)
        chunk = -(-mails // rounds)
        seconds = dict.fromkeys(("raw", "flask_mail", "drain"), 0.0)
        smtp = {name: smtplib.SMTP() for name in ("raw", "flask_mail")}
        courier = Courier()
        envelope = ("helpcenter@localhost", ["technical-support@localhost"])

        def send_raw(start: int) -> None:
            for data in raw[start : start + chunk]:
                smtp["raw"].sendmail(*envelope, data)

        def send_flask_mail(start: int) -> None:
            for message in messages[start : start + chunk]:
                smtp["flask_mail"].sendmail(*envelope, message.as_bytes())

        def send_drain(start: int) -> None:
            assert outbox.drain(limit=chunk, courier=courier) == (len(raw[start : start + chunk]), 0)

        ways = {"raw": send_raw, "flask_mail": send_flask_mail, "drain": send_drain}
        with app.app_context():
            for number, start in enumerate(range(0, mails, chunk)):
                for name in sorted(ways, reverse=number % 2 == 1):  # alternate who goes first
                    started = time.perf_counter()
                    if start == 0 and name in smtp:
                        smtp[name].connect("127.0.0.1", port)
                    ways[name](start)
                    if start + chunk >= mails and name in smtp:
                        smtp[name].quit()
                    elif start + chunk >= mails:
                        courier.close()
                    seconds[name] += time.perf_counter() - started
    return {name: mails / spent for name, spent in seconds.items()}


def workers_on_postgres(port: int, mails: int, counts: tuple[int, ...]) -> dict[int, float]:
    bindir = postgres_bindir()
    if bindir is None:
        print("PostgreSQL not installed (apt-get install postgresql): skipping the worker comparison")
        return {}
    cluster = PostgresCluster(bindir).start()
    rates: dict[int, float] = {}
    try:
        for n in counts:
            url = cluster.create_database(f"drain{n}")
            with tempfile.TemporaryDirectory() as tmp:
                app = create_app(config(url, tmp, port))
                env = {
                    **os.environ,
                    "PYTHONPATH": str(ROOT),
                    "HELPCENTER_DATABASE_URL": url,
                    "HELPCENTER_INSTANCE_PATH": tmp,
                    "HELPCENTER_MAIL_PORT": str(port),
                    "HELPCENTER_OUTBOX_POLL_SECONDS": "0.05",
                }
                command = [sys.executable, "-m", "flask", "--app", "handler", "outbox", "worker"]
                workers = [
                    subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE) for _ in range(n)
                ]
                try:
                    for worker in workers:  # booted: each prints one line, then polls the empty outbox
                        worker.stdout.readline()  # type: ignore[union-attr]
                    time.sleep(1)
                    with app.app_context():
                        store_all(mails)
                        started = time.perf_counter()
                        while outbox.stats()["sent"] < mails:
                            time.sleep(0.05)
                        rates[n] = mails / (time.perf_counter() - started)
                        db.engine().dispose()
                finally:
                    for worker in workers:
                        worker.terminate()
                        worker.wait(20)
            print(f"  {n} worker(s): {rates[n]:8.1f} mails/s")
    finally:
        cluster.stop()
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=400)
    args = parser.parse_args()
    port = free_port()
    server = smtp_server(port)
    try:
        for where, target in (("its own process", port), ("this process, parsing each mail", None)):
            sink = SmtpSink().start() if target is None else None
            try:
                rates = raw_and_drain(target or sink.port, args.mails)  # type: ignore[union-attr]
            finally:
                if sink is not None:
                    sink.stop()
            print(
                f"{args.mails} team mails to aiosmtpd on loopback, in {where} ({ROUNDS} rounds, taking turns)"
            )
            print(f"  raw smtplib, one connection, the bytes ready: {rates['raw']:8.1f} mails/s")
            print(f"  smtplib, Flask-Mail serializing each mail:   {rates['flask_mail']:8.1f} mails/s")
            print(f"  outbox drain (claim, compose, send, mark):   {rates['drain']:8.1f} mails/s  (SQLite)")
            print(f"ratio outbox/raw: {rates['drain'] / rates['raw']:.3f}")
            print(f"ratio outbox/(smtplib + Flask-Mail): {rates['drain'] / rates['flask_mail']:.3f}")
        print(f"{args.mails} mails drained by `outbox worker` processes from one PostgreSQL:")
        rates = workers_on_postgres(port, args.mails, (1, 3))
        if rates:
            print(f"ratio 3 workers / 1 worker: {rates[3] / rates[1]:.3f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
