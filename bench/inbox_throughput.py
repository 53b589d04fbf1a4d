"""Inbound replies ingested per second on loopback (SMTP -> stored -> forwarded to the customer) vs the
SMTP sink's raw accept rate for the same messages in the same run.

One process: a real aiosmtpd inbound listener, the handler on a SQLite file (synchronous=FULL), the
outbox worker thread forwarding to a real aiosmtpd sink. Usage: ``python bench/inbox_throughput.py``.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "handler"))
from handler_samples import VALID  # noqa: E402

from handler import create_app, tokens  # noqa: E402
from handler.inbox_server import InboxServer  # noqa: E402
from handler.outbox import Worker  # noqa: E402
from handler.sink import SmtpSink  # noqa: E402

AGENT = "technical-support@localhost"


def reply(to: str, index: int) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = AGENT, to, f"Re: reply {index}"
    message["Message-ID"] = f"<bench-{index}@agent.example>"
    message.set_content(f"Answer number {index}.\n\nOn Mon, Jan 1, 2024, Ana wrote:\n> quoted\n")
    return message


def send_all(port: int, messages: list[EmailMessage], to: str) -> float:
    """Seconds to deliver every message over one SMTP connection."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for message in messages:
            smtp.send_message(message, from_addr=AGENT, to_addrs=[to])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    args = parser.parse_args()
    sink = SmtpSink().start()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "INSTANCE_PATH": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
                "MAIL_SERVER": sink.host,
                "MAIL_PORT": sink.port,
                "INBOUND_ADDRESS": "support@help.example.org",
                "RATELIMIT_ENABLED": False,
                "OUTBOX_POLL_SECONDS": 0.05,
            }
        )
        client = app.test_client()
        answer = client.post(
            "/api/tickets/technical", data=VALID["technical"], headers={"Accept": "application/json"}
        )
        with app.app_context():
            address = tokens.reply_address(int(answer.get_json()["ticket"]))
        worker = Worker(app)
        worker.start()
        sink.wait_for(2)  # the ticket's own two mails
        sink.clear()
        server = InboxServer(app).start()
        try:
            raw_seconds = send_all(sink.port, [reply(address, i) for i in range(args.messages)], address)
            sink.wait_for(args.messages, timeout=120)
            sink.clear()
            started = time.perf_counter()
            send_all(server.port, [reply(address, i) for i in range(args.messages)], address)
            stored = time.perf_counter() - started
            sink.wait_for(args.messages, timeout=300)
            forwarded = time.perf_counter() - started
        finally:
            server.stop()
            worker.stop()
            sink.stop()
    raw_rate, stored_rate, forwarded_rate = (args.messages / s for s in (raw_seconds, stored, forwarded))
    print(f"{args.messages} agent replies over one SMTP connection each, loopback, SQLite synchronous=FULL")
    print(f"   sink raw accept: {raw_rate:8.1f} msg/s")
    print(f" inbox stored (250): {stored_rate:8.1f} msg/s")
    print(f" stored + forwarded: {forwarded_rate:8.1f} msg/s")
    print(f"ratio ingested/sink: {forwarded_rate / raw_rate:.3f} (stored only: {stored_rate / raw_rate:.3f})")


if __name__ == "__main__":
    main()
