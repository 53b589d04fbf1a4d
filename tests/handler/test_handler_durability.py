"""A durable SQLite write: committed under the write lock, its log synced after the lock is released,
answered only after the sync; a failed sync fails the whole batch, which is never written twice."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest
from flask import Flask
from sqlalchemy import Connection, func, select

from handler import db
from handler.groupcommit import CommitFailed, GroupCommit

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _insert(conn: Connection, payloads: Sequence[str]) -> list[int]:
    """A batch writer: one tickets row per payload."""
    numbers = db.next_ids(conn, db.tickets, len(payloads))
    rows = [
        {"id": n, "type": "technical", "lang": "en", "data": p, "created_at": 1.0}
        for n, p in zip(numbers, payloads, strict=True)
    ]
    db.insert_rows(conn, db.tickets, rows)
    return numbers


def _count(app: Flask) -> int:
    with app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(db.tickets)).scalar_one()


@pytest.mark.parametrize(("setting", "syncs"), [("FULL", 1), ("NORMAL", 0)])
def test_the_log_is_synced_after_the_lock_is_released(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, setting: str, syncs: int
) -> None:
    app = make_app(SQLITE_SYNCHRONOUS=setting)
    seen: list[tuple[str, bool, int]] = []
    real_sync = db.sync_wal

    def watched(path: str) -> None:
        lock = app.extensions["helpcenter_db_lock"]._thread_lock
        seen.append((path, lock.locked(), _count(app)))
        real_sync(path)

    monkeypatch.setattr(db, "sync_wal", watched)
    with app.app_context():
        assert GroupCommit().submit(_insert, "{}") == 1
    assert len(seen) == syncs
    if syncs:
        path, locked, committed = seen[0]
        assert path == app.config["DATABASE_URL"].removeprefix("sqlite:///") + "-wal"
        assert not locked  # other writers go on while this one waits for the disk
        assert committed == 1  # the sync comes after the commit


def test_a_failed_sync_fails_the_batch_which_is_not_written_again(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refuses the sync (a fault that cannot be made real here: it is simulated)."""
    app = make_app()
    group = GroupCommit()

    def refuse(path: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(db, "sync_wal", refuse)
    gate = threading.Barrier(3)
    answers: list[object] = []

    def one(payload: str) -> None:
        with app.app_context():
            gate.wait(10)
            try:
                answers.append(group.submit(_insert, payload))
            except Exception as exc:
                answers.append(exc)

    threads = [threading.Thread(target=one, args=(f'{{"n": {i}}}',)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(answers) == 3 and all(isinstance(a, CommitFailed) for a in answers)
    assert _count(app) == 3  # each payload once: a batch that may be on disk is not written again
