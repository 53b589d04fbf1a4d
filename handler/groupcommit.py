"""Group commit: requests that arrive together share one transaction, so one fsync acknowledges many.

Each request hands its payload in and waits. The first one in becomes the leader: it takes everything
queued (up to ``max_batch``), writes it in one durable transaction and wakes the others; whoever is
still waiting then leads the next batch, so a commit is always in flight while work is queued. Nobody
returns before the commit that holds its payload succeeded: a 201 still means "on disk".

A batch that fails is written again one payload per transaction, so a single bad payload (a duplicate
idempotency key) fails alone. A lost connection before the commit (a database restart) is retried
for a few seconds; a failure during the commit is not, because the batch may have been written.
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

log = logging.getLogger("handler.groupcommit")
BatchWriter = Callable[[Connection, Sequence[Any]], list[Any]]
RETRY_SECONDS = 10.0


class _Job:
    __slots__ = ("payload", "result", "error", "finished")

    def __init__(self, payload: Any) -> None:
        self.payload, self.result, self.error, self.finished = payload, None, None, False


class GroupCommit:
    """One per process and database (kept on the app by ``db.init_app``)."""

    def __init__(self, max_batch: int = 64) -> None:
        self.max_batch = max(1, max_batch)
        self._cond = threading.Condition()
        self._queue: list[_Job] = []
        self._busy = False
        self.commits = 0  # for tests and benchmarks: how many transactions carried the payloads

    def submit(self, writer: BatchWriter, payload: Any) -> Any:
        """Write ``payload`` with ``writer(conn, payloads) -> results`` (one result per payload, in
        order) and return its result once committed; raise what writing it raised."""
        job = _Job(payload)
        with self._cond:
            self._queue.append(job)
            while True:
                while self._busy and not job.finished:
                    self._cond.wait()
                if job.finished:
                    break
                self._busy = True
                batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
                self._cond.release()
                try:
                    self._write(writer, batch)
                finally:
                    self._cond.acquire()
                    self._busy = False
                    self._cond.notify_all()
        if job.error is not None:
            raise job.error
        return job.result

    def _write(self, writer: BatchWriter, batch: list[_Job]) -> None:
        try:
            results = self._commit(writer, [job.payload for job in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
            else:  # find the culprit: each payload on its own
                for job in batch:
                    self._write(writer, [job])
                return
        else:
            for job, result in zip(batch, results, strict=True):
                job.result = result
        for job in batch:
            job.finished = True

    def _commit(self, writer: BatchWriter, payloads: list[Any]) -> list[Any]:
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            committing = False
            try:
                with db.write(exclusive=False) as conn:
                    results = writer(conn, payloads)
                    committing = True
                self.commits += 1
                return results
            except DBAPIError as exc:
                retryable = exc.connection_invalidated or isinstance(exc, OperationalError)
                if committing or not retryable or time.monotonic() > deadline:
                    raise
                log.warning("database unavailable, writing the batch again: %s", exc.orig)
                time.sleep(0.2)
