"""The durable outbox: claim a due row with a lease, send it, mark it; retry with backoff; dead letter.

Delivery is at-least-once: a row is marked sent right after the SMTP server accepted it, so only a
crash in that instant can repeat a mail, and it repeats with the same Message-ID (receivers dedupe).
Any number of worker processes, on any number of machines, can drain one outbox: a claim locks the rows
it leases (PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite serializes writers anyway), and a worker only
marks a row while its own lease holds, so a row reclaimed after a lease expired is never marked twice.
Leases and marks are committed without waiting for the disk (``db.write(durable=False)``): losing one
to a power cut means a mail is sent again with its Message-ID, the same as a crash mid-send.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Flask, current_app
from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.exc import OperationalError

from . import db, lifecycle
from .compose import Composer
from .courier import Courier
from .marks import SentMarks

log = logging.getLogger("handler.outbox")


def _due(now: float, include_future: bool = False) -> Any:
    o = db.outbox.c
    cond = [o.status == "pending", or_(o.lease_until.is_(None), o.lease_until < now)]
    if not include_future:
        cond.append(o.next_attempt_at <= now)
    return and_(*cond)


def claim(now: float, limit: int = 1, include_future: bool = False) -> list[Any]:
    """Lease up to ``limit`` due rows to this worker in one transaction: rows another worker is
    claiming right now are skipped, not waited for. The lease's end time is also this claim's token
    (see ``_update_held``). A crashed worker's rows come back when the lease expires."""
    o, lease = db.outbox.c, float(current_app.config["OUTBOX_LEASE_SECONDS"])
    due = select(o.id).where(_due(now, include_future)).order_by(o.id).limit(limit)
    with db.write(durable=False, exclusive=False) as conn:
        ids = list(conn.execute(due.with_for_update(skip_locked=True)).scalars())
        if not ids:
            return []
        conn.execute(db.outbox.update().where(o.id.in_(ids)).values(lease_until=now + lease))
        return list(conn.execute(select(db.outbox).where(o.id.in_(ids)).order_by(o.id)))


def release(rows: list[Any]) -> None:
    """Give back leased rows this worker will not try now (after a failure stopped the batch)."""
    if rows:
        with db.write(durable=False, exclusive=False) as conn:
            conn.execute(RELEASED, [{"row_id": row.id, "held_until": row.lease_until} for row in rows])


def _persist(row: Any, write: Callable[[], int]) -> int:
    """Write a leased row's new state. A database that blinks (a restart, a failover) is waited for
    while the lease holds: giving up after a send would have the mail sent again."""
    while True:
        try:
            return write()
        except OperationalError as exc:
            if time.time() + 1.0 > row.lease_until:
                raise
            log.warning("outbox %s: database unavailable, recording its state again: %s", row.id, exc.orig)
            time.sleep(0.25)


def _write_held(row: Any, statement: Any, **params: Any) -> int:
    with db.write(durable=False, exclusive=False) as conn:
        return conn.execute(statement, {"row_id": row.id, "held_until": row.lease_until, **params}).rowcount


def _update_held(**values: Any) -> Any:
    """An UPDATE of a row only while it is still pending and leased by this claim (nobody reclaimed it
    after the lease expired): parameters ``row_id`` and ``held_until`` (the claim's lease end)."""
    o = db.outbox.c
    held = and_(o.id == bindparam("row_id"), o.status == "pending", o.lease_until == bindparam("held_until"))
    return db.outbox.update().where(held).values(**values)


SENT = _update_held(
    status="sent", sent_at=bindparam("sent_time"), lease_until=None, attempts=db.outbox.c.attempts + 1
)
RELEASED = _update_held(lease_until=None)


def mark_sent(row: Any, marks: SentMarks) -> None:
    """Record a delivery (once: only the claim that holds the row may)."""
    if not _persist(row, partial(marks.mark, row, time.time())):
        log.warning(
            "outbox %s: sent, but no longer held by this claim (lease expired, or recorded already)",
            row.id,
        )


def mark_failed(row: Any, error: BaseException) -> None:
    """Schedule a retry with exponential backoff and jitter, or dead-letter after the last attempt."""
    cfg = current_app.config
    attempts = row.attempts + 1
    delay = min(cfg["OUTBOX_BACKOFF_BASE"] * 2 ** (attempts - 1), cfg["OUTBOX_BACKOFF_MAX"])
    delay *= random.uniform(0.8, 1.2)
    dead = attempts >= cfg["OUTBOX_MAX_ATTEMPTS"]
    text = f"{type(error).__name__}: {error}"[:1000]
    failed = _update_held(
        status="dead" if dead else "pending",
        next_attempt_at=time.time() + delay,
        lease_until=None,
        last_error=text,
        attempts=attempts,
    )
    _persist(row, partial(_write_held, row, failed))
    (log.error if dead else log.warning)(
        "outbox %s %s (attempt %s): %s", row.id, "dead" if dead else "retry", attempts, text
    )


def drain(
    limit: int = 1000,
    include_future: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    courier: Courier | None = None,
) -> tuple[int, int]:
    """Send due rows over one SMTP connection; stop at the first failure. Returns (sent, failed).

    `should_stop` is asked between mails, so a shutdown never falls between sending one and marking it.
    A `courier` passed in keeps its connection open for the next drain; otherwise it is closed here.
    """
    sent = failed = 0
    own = courier is None
    smtp = courier or Courier()
    batch_size = int(current_app.config["OUTBOX_BATCH"])
    try:
        while not failed and sent < limit and not should_stop():
            batch = claim(time.time(), min(batch_size, limit - sent), include_future)
            if not batch:
                break
            done, failed = _send_batch(batch, smtp, should_stop)
            sent += done
            if not done:  # stopped, failed, or the lease ran out before anything went: no busy loop
                break
    finally:
        if own:
            smtp.close()
    return sent, failed


def _lease_lasts(row: Any) -> bool:
    """Time enough left on the row's lease to send it: once the lease runs out, another worker may
    claim the row, and both would send it."""
    cfg = current_app.config
    margin = min(float(cfg["MAIL_TIMEOUT"]), float(cfg["OUTBOX_LEASE_SECONDS"]) / 2)
    return time.time() + margin < row.lease_until


def _send_batch(batch: list[Any], smtp: Courier, should_stop: Callable[[], bool]) -> tuple[int, int]:
    """Send a claimed batch in order, doing the client's work while the server answers: the next mail
    is composed while the server takes this one's data, and a mail is marked sent (after ITS 250)
    while the server reads the next one's MAIL FROM, before that one can be delivered. So at most one
    mail is ever delivered and not yet marked: the one a kill can repeat."""
    try:
        compose = Composer(batch)
    except Exception:
        release(batch)
        raise
    unmarked: list[Any] = []  # at most one row: its 250 came, its mark is due before the next dot
    marks = SentMarks(SENT)

    def mark() -> None:
        while unmarked:
            mark_sent(unmarked[0], marks)
            unmarked.pop(0)

    composed = {0: compose(batch[0])}  # by index in the batch: one ahead of its turn

    def compose_ahead(index: int) -> None:
        if index < len(batch):
            composed[index] = compose(batch[index])

    sent = 0
    try:
        for index, row in enumerate(batch):
            if should_stop() or not _lease_lasts(row):
                release(batch[index:])
                return sent, 0
            ready = composed.pop(index, None) or compose(row)
            try:
                smtp.send(ready.result(), on_mail=mark, on_data=partial(compose_ahead, index + 1))
            except Exception as exc:  # any SMTP/socket/compose failure: retry later (reconnecting)
                mark()
                mark_failed(row, exc)
                release(batch[index + 1 :])
                return sent, 1
            unmarked.append(row)
            sent += 1
    finally:
        try:
            mark()
        finally:
            marks.close()
    return sent, 0


def stats() -> dict[str, Any]:
    """Outbox depth by status and the age of the oldest unsent row (for /healthz and the CLI)."""
    o = db.outbox.c
    with db.engine().connect() as conn:
        counts = dict(conn.execute(select(o.status, func.count()).group_by(o.status)).all())
        oldest = conn.execute(select(func.min(o.created_at)).where(o.status == "pending")).scalar()
    return {
        "pending": counts.get("pending", 0),
        "sent": counts.get("sent", 0),
        "dead": counts.get("dead", 0),
        "oldest_unsent_age_seconds": round(time.time() - oldest, 3) if oldest else 0.0,
    }


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
        courier = Courier()  # one SMTP connection across drains while mail keeps coming
        while not self._halt.is_set():
            self._wake.clear()
            try:
                with self.app.app_context():
                    lifecycle.maybe_due_moves()  # awaiting_reply -> solved -> closed after their days
                    drain(should_stop=self._halt.is_set, courier=courier)
            except Exception:  # the database may be briefly down; never let the thread die
                log.exception("outbox drain failed")
            self._wake.wait(poll)
        with self.app.app_context():
            courier.close()


def run_forever(app: Flask) -> None:
    """The production worker process: ``flask --app handler outbox worker``.

    SIGTERM/SIGINT finish the mail in hand (sent and marked) and exit, instead of dying between the two.
    """
    worker = Worker(app)

    def stop(signum: int, frame: Any) -> None:
        log.info("outbox worker stopping on signal %s", signum)
        worker._halt.set()
        worker._wake.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker.run()
