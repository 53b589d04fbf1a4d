"""``flask --app handler inbox serve|ingest``: receive replies by SMTP/LMTP, or one mail from a pipe."""

from __future__ import annotations

import os
import sys
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from . import inbox

group = AppGroup("inbox", help="Receive replies to tickets (agents and customers) by email.")


@group.command("ingest")
@click.option(
    "--recipient", "recipients", multiple=True, help="Envelope recipient (default: $ORIGINAL_RECIPIENT)."
)
@click.option("--sender", default=None, help="Envelope sender (default: $SENDER); empty means a bounce.")
def ingest_cmd(recipients: tuple[str, ...], sender: str | None) -> None:
    """Read one message from stdin; the exit status tells the MTA (Postfix pipe): 0 accepted (or an
    auto-reply dropped), 67 no such ticket address, 77 sender refused or too big, 75 try again later.

    Postfix master.cf: ``helpcenter unix - n n - - pipe flags=Rq user=helpcenter argv=/srv/venv/bin/flask
    --app handler inbox ingest --recipient ${original_recipient} --sender ${sender}``
    """
    limit = int(current_app.config["INBOX_MAX_BYTES"])
    raw = sys.stdin.buffer.read(limit + 1)
    rcpts = list(recipients) or [os.environ.get("ORIGINAL_RECIPIENT", "")]
    outcome = inbox.ingest(raw, rcpts, sender if sender is not None else os.environ.get("SENDER"))
    click.echo(outcome.smtp, err=True)
    sys.exit(outcome.exit_code)


@group.command("serve")
@click.option("--host", default=None, help="Default: INBOX_HOST.")
@click.option("--port", type=int, default=None, help="Default: INBOX_PORT.")
@click.option("--lmtp", is_flag=True, help="Speak LMTP instead of SMTP (e.g. Postfix lmtp: transport).")
def serve_cmd(host: str | None, port: int | None, lmtp: bool) -> None:
    """Listen for the MTA's forwarded replies until SIGTERM/Ctrl-C."""
    from .inbox_server import InboxServer

    cfg = current_app.config
    server = InboxServer(
        current_app._get_current_object(),  # type: ignore[attr-defined]
        host or cfg["INBOX_HOST"],
        port or int(cfg["INBOX_PORT"]),
        lmtp=lmtp,
    ).start()
    click.echo(f"inbox listening on {server.host}:{server.port} ({'LMTP' if lmtp else 'SMTP'})")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
