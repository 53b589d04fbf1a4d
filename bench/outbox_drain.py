"""Mails/s drained from the outbox to a loopback SMTP server vs raw smtplib on one connection.

Both send the same messages (the team mails the outbox builds) to the same aiosmtpd sink; the outbox
also reads each row, builds the message and commits its state. Prints both rates and the ratio.
Usage: ``python bench/outbox_drain.py [--mails 400]``.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "handler"))

from handler_samples import VALID  # noqa: E402

from handler import create_app, outbox  # noqa: E402
from handler.sink import SmtpSink  # noqa: E402
from handler.tickets import store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=400)
    args = parser.parse_args()
    sink = SmtpSink().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app(
                {
                    "INSTANCE_PATH": tmp,
                    "DATABASE_URL": f"sqlite:///{tmp}/drain.sqlite",
                    "MAIL_SERVER": sink.host,
                    "MAIL_PORT": sink.port,
                    "CONFIRMATION_EMAIL": False,
                }
            )
            with app.app_context():
                for _ in range(args.mails):
                    store("technical", "es", dict(VALID["technical"]), [], None)
                started = time.perf_counter()
                sent, failed = outbox.drain(limit=args.mails)
                drained = time.perf_counter() - started
                assert (sent, failed) == (args.mails, 0) and len(sink.messages) == args.mails
                raw = list(sink.raw)
            sink.clear()
            started = time.perf_counter()
            with smtplib.SMTP(sink.host, sink.port, timeout=10) as smtp:
                for message in raw:
                    smtp.sendmail("helpcenter@localhost", ["technical-support@localhost"], message)
            baseline = time.perf_counter() - started
            assert len(sink.messages) == args.mails
    finally:
        sink.stop()
    out_rate, raw_rate = args.mails / drained, args.mails / baseline
    size = sum(map(len, raw)) // len(raw)
    print(f"{args.mails} mails of ~{size} bytes to aiosmtpd on loopback (same process)")
    print(f"  outbox drain (claim, build, send, mark): {out_rate:8.1f} mails/s")
    print(f"  raw smtplib, one connection:             {raw_rate:8.1f} mails/s")
    print(f"ratio outbox/raw: {out_rate / raw_rate:.3f}")


if __name__ == "__main__":
    main()
