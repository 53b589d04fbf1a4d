"""``flask --app handler outbox list|retry|send|worker``: operate the outbox by hand."""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from . import db, outbox

group = AppGroup("outbox", help="Inspect and drive the ticket mail outbox.")


def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M:%S") if ts else "-"


@group.command("list")
@click.option("--status", type=click.Choice(["pending", "sent", "dead", "all"]), default="all")
@click.option("--limit", default=50, show_default=True)
def list_cmd(status: str, limit: int) -> None:
    """List outbox rows, newest first, with attempts and the last error."""
    o = db.outbox.c
    query = select(db.outbox).order_by(o.id.desc()).limit(limit)
    if status != "all":
        query = query.where(o.status == status)
    with db.engine().connect() as conn:
        rows = conn.execute(query).all()
    for r in rows:
        click.echo(
            f"{r.id}\tticket={r.ticket_id}\t{r.kind}\t{r.status}\tattempts={r.attempts}\t"
            f"next={_when(r.next_attempt_at)}\t{r.message_id}\t{r.last_error or ''}"
        )
    stats = outbox.stats()
    click.echo(
        f"pending={stats['pending']} sent={stats['sent']} dead={stats['dead']} "
        f"oldest_unsent_age_seconds={stats['oldest_unsent_age_seconds']}"
    )


@group.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--dead", "all_dead", is_flag=True, help="Requeue every dead-lettered row.")
def retry_cmd(ids: tuple[int, ...], all_dead: bool) -> None:
    """Requeue rows (dead or pending) to be sent now, with a fresh attempt count."""
    if not ids and not all_dead:
        raise click.UsageError("give row ids or --dead")
    o = db.outbox.c
    where = o.status == "dead" if all_dead else o.id.in_(ids)
    with db.write() as conn:
        done = conn.execute(
            db.outbox.update()
            .where(where)
            .where(o.status != "sent")
            .values(status="pending", attempts=0, next_attempt_at=0.0, lease_until=None)
        ).rowcount
    click.echo(f"requeued {done}")


@group.command("send")
@click.option("--all", "include_future", is_flag=True, help="Also rows waiting for their backoff.")
def send_cmd(include_future: bool) -> None:
    """Send due rows now, in this process, and report what happened."""
    sent, failed = outbox.drain(include_future=include_future)
    click.echo(f"sent {sent}, failed {failed}")
    if failed:
        raise SystemExit(1)


@group.command("worker")
def worker_cmd() -> None:
    """Run the worker in the foreground (production: its own process, e.g. a systemd unit)."""
    click.echo(f"outbox worker on {current_app.config['MAIL_SERVER']}:{current_app.config['MAIL_PORT']}")
    outbox.run_forever(current_app._get_current_object())  # type: ignore[attr-defined]
