"""The durable outbox: claim a due row with a lease, send it, mark it; retry with backoff; dead letter.

Delivery is at-least-once: a row is marked sent right after the SMTP server accepted it, so only a
crash in that instant can repeat a mail, and it repeats with the same Message-ID (receivers dedupe).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any

from flask import Flask, current_app
from sqlalchemy import and_, func, or_, select

from . import db
from .mail import confirmation_message, connect, team_message

log = logging.getLogger("handler.outbox")


def _due(now: float, include_future: bool = False) -> Any:
    o = db.outbox.c
    cond = [o.status == "pending", or_(o.lease_until.is_(None), o.lease_until < now)]
    if not include_future:
        cond.append(o.next_attempt_at <= now)
    return and_(*cond)


def claim(now: float, include_future: bool = False) -> Any | None:
    """Take the oldest due row for this worker (optimistic update: two workers never share one)."""
    o, lease = db.outbox.c, float(current_app.config["OUTBOX_LEASE_SECONDS"])
    with db.engine().begin() as conn:
        for row in conn.execute(select(db.outbox).where(_due(now, include_future)).order_by(o.id).limit(5)):
            claimed = conn.execute(db.outbox.update().where(and_(o.id == row.id, _due(now, True)))
                                   .values(lease_until=now + lease, attempts=o.attempts + 1))
            if claimed.rowcount == 1:
                return conn.execute(select(db.outbox).where(o.id == row.id)).first()
    return None


def _message(row: Any) -> Any:
    with db.engine().connect() as conn:
        ticket = conn.execute(select(db.tickets).where(db.tickets.c.id == row.ticket_id)).one()
        if row.kind == "confirm":
            return confirmation_message(ticket, row.message_id, ticket.message_id)
        files = conn.execute(select(db.attachments).where(db.attachments.c.ticket_id == ticket.id)
                             .order_by(db.attachments.c.id)).all()
    return team_message(ticket, files, row.message_id)


def mark_sent(row: Any) -> None:
    """Record a delivery."""
    with db.engine().begin() as conn:
        conn.execute(db.outbox.update().where(db.outbox.c.id == row.id)
                     .values(status="sent", sent_at=time.time(), lease_until=None, last_error=None))


def mark_failed(row: Any, error: BaseException) -> None:
    """Schedule a retry with exponential backoff and jitter, or dead-letter after the last attempt."""
    cfg = current_app.config
    delay = min(cfg["OUTBOX_BACKOFF_BASE"] * 2 ** (row.attempts - 1), cfg["OUTBOX_BACKOFF_MAX"])
    delay *= random.uniform(0.8, 1.2)
    dead = row.attempts >= cfg["OUTBOX_MAX_ATTEMPTS"]
    text = f"{type(error).__name__}: {error}"[:1000]
    with db.engine().begin() as conn:
        conn.execute(db.outbox.update().where(db.outbox.c.id == row.id).values(
            status="dead" if dead else "pending", next_attempt_at=time.time() + delay,
            lease_until=None, last_error=text))
    (log.error if dead else log.warning)("outbox %s %s (attempt %s): %s", row.id,
                                         "dead" if dead else "retry", row.attempts, text)


def drain(limit: int = 1000, include_future: bool = False) -> tuple[int, int]:
    """Send due rows over one SMTP connection; stop at the first failure. Returns (sent, failed)."""
    sent = failed = 0
    conn = None
    try:
        while sent + failed < limit:
            row = claim(time.time(), include_future)
            if row is None:
                break
            try:
                message = _message(row)
                if conn is None:
                    conn = connect().__enter__()
                conn.send(message)
            except Exception as exc:  # any SMTP/socket/compose failure: retry later
                mark_failed(row, exc)
                failed += 1
                _close(conn, quit_=False)
                conn = None
                break
            mark_sent(row)
            sent += 1
    finally:
        _close(conn)
    return sent, failed


def _close(conn: Any, quit_: bool = True) -> None:
    if conn is None or conn.host is None:
        return
    try:
        conn.host.quit() if quit_ else conn.host.close()
    except Exception:
        conn.host.close()


def stats() -> dict[str, Any]:
    """Outbox depth by status and the age of the oldest unsent row (for /healthz and the CLI)."""
    o = db.outbox.c
    with db.engine().connect() as conn:
        counts = dict(conn.execute(select(o.status, func.count()).group_by(o.status)).all())
        oldest = conn.execute(select(func.min(o.created_at)).where(o.status == "pending")).scalar()
    return {"pending": counts.get("pending", 0), "sent": counts.get("sent", 0),
            "dead": counts.get("dead", 0),
            "oldest_unsent_age_seconds": round(time.time() - oldest, 3) if oldest else 0.0}


class Worker(threading.Thread):
    """Drains the outbox in the background; ``wake()`` after a commit sends without waiting a poll."""

    def __init__(self, app: Flask) -> None:
        super().__init__(name="outbox-worker", daemon=True)
        self.app, self._wake, self._halt = app, threading.Event(), threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._halt.set()
        self._wake.set()
        self.join(timeout)

    def run(self) -> None:
        poll = float(self.app.config["OUTBOX_POLL_SECONDS"])
        while not self._halt.is_set():
            self._wake.clear()
            try:
                with self.app.app_context():
                    drain()
            except Exception:  # the database may be briefly locked; never let the thread die
                log.exception("outbox drain failed")
            self._wake.wait(poll)


def run_forever(app: Flask) -> None:
    """The production worker process: ``flask --app handler outbox worker``."""
    worker = Worker(app)
    worker.run()
