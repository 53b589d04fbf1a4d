"""Group commit: requests that arrive together share one transaction, so one fsync acknowledges many.

Each request hands its payload in and waits. The first one in becomes the leader: once its transaction
is open (on SQLite, once the write lock, which other processes may hold, is its own) it takes everything
queued (up to ``max_batch``), writes it in one durable transaction and wakes the others; the oldest
one still waiting then leads the next batch, so a commit is always in flight while work is queued. Nobody
returns before the commit that holds its payload succeeded: a 201 still means "on disk". Under
gunicorn's gevent worker the leader first lets the process's other requests run until they wait
(``cooperative.after_the_others``): the tickets they were validating then ride in its batch.

A batch that fails before its commit is written again one payload per transaction, so a single bad
payload (a duplicate idempotency key) fails alone. A lost connection before the commit (a database
restart) is retried for a few seconds; a failure during the commit is not, and the batch is not written
again, because it may have been written.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from . import db
from .cooperative import after_the_others

log = logging.getLogger("handler.groupcommit")
BatchWriter = Callable[[Connection, Sequence[Any]], list[Any]]
RETRY_SECONDS = 10.0


class CommitFailed(Exception):
    """The commit (or the sync after it) failed: the batch may be on disk, so it is not written again;
    its requests get an error and the clients retry with their idempotency keys."""


class _Job:
    """A payload waiting for its commit; its lock is released when it is written or must lead."""

    __slots__ = ("payload", "result", "error", "leads", "_wake")

    def __init__(self, payload: Any) -> None:
        self.payload, self.result, self.error, self.leads = payload, None, None, False
        self._wake = threading.Lock()
        self._wake.acquire()

    def wait(self) -> None:
        self._wake.acquire()

    def wake(self, leads: bool = False) -> None:
        self.leads = leads
        self._wake.release()


class GroupCommit:
    """One per process and database (kept on the app by ``db.init_app``).

    Each waiting request is woken once, by name: when its payload is written, or when it is the oldest
    one queued and must lead the next batch (waking every waiter at each commit cost more CPU than the
    commit itself under load)."""

    def __init__(self, max_batch: int = 64) -> None:
        self.max_batch = max(1, max_batch)
        self._lock = threading.Lock()
        self._queue: list[_Job] = []
        self._busy = False
        self.commits = 0  # for tests and benchmarks: how many transactions carried the payloads

    def submit(self, writer: BatchWriter, payload: Any) -> Any:
        """Write ``payload`` with ``writer(conn, payloads) -> results`` (one result per payload, in
        order) and return its result once committed; raise what writing it raised."""
        job = _Job(payload)
        with self._lock:
            self._queue.append(job)
            job.leads, self._busy = not self._busy, True
        if not job.leads:
            job.wait()
        if job.leads:
            self._lead(writer)
        if job.error is not None:
            raise job.error
        return job.result

    def _lead(self, writer: BatchWriter) -> None:
        """Write the oldest queued payloads (the leader's own first), wake them, hand the lead on."""
        after_the_others()
        with self._lock:
            batch = [self._queue.pop(0)]
        try:
            self._write(writer, batch, top_up=True)
        except BaseException:  # not a database error (those are the payloads' results): no answer
            for job in batch:
                if job.result is None and job.error is None:
                    job.error = RuntimeError("the group commit stopped before writing this payload")
            raise
        finally:
            for job in batch[1:]:
                job.wake()
            with self._lock:
                if self._queue:
                    self._queue[0].wake(leads=True)
                else:
                    self._busy = False

    def _top_up(self, batch: list[_Job]) -> None:
        """Add the payloads queued meanwhile: called once the transaction is open (the write turn is
        ours), so everyone who arrived while the leader waited for it rides in this commit."""
        with self._lock:
            room = self.max_batch - len(batch)
            batch += self._queue[:room]
            del self._queue[:room]

    def _write(self, writer: BatchWriter, batch: list[_Job], top_up: bool = False) -> None:
        try:
            results = self._commit(writer, batch, top_up)
        except Exception as exc:
            if len(batch) == 1 or isinstance(exc, CommitFailed):
                for job in batch:  # a commit that failed may have been written: never write it again
                    job.error = exc
            else:  # find the culprit: each payload on its own
                for job in batch:
                    self._write(writer, [job])
                return
        else:
            for job, result in zip(batch, results, strict=True):
                job.result = result

    def _commit(self, writer: BatchWriter, batch: list[_Job], top_up: bool) -> list[Any]:
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            committing = False
            try:
                with db.write(exclusive=False) as conn:
                    if top_up:
                        self._top_up(batch)
                    results = writer(conn, [job.payload for job in batch])
                    committing = True
                self.commits += 1
                return results
            except Exception as exc:
                if committing:
                    raise CommitFailed(str(exc)) from exc
                retryable = isinstance(exc, DBAPIError) and (
                    exc.connection_invalidated or isinstance(exc, OperationalError)
                )
                if not retryable or time.monotonic() > deadline:
                    raise
                log.warning("database unavailable, writing the batch again: %s", exc)
                time.sleep(0.2)
