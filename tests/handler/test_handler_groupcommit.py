"""Group commit: requests waiting together share one transaction, each gets its own answer, a bad
payload fails alone, and a ticket is answered only once it is committed (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from conftest import BACKENDS, JSON
from flask import Flask
from handler_samples import VALID
from sqlalchemy import Connection, func, select

from handler import db
from handler.groupcommit import GroupCommit

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def _submit_all(
    app: Flask, group: GroupCommit, writer: Callable[..., list[Any]], payloads: list[Any]
) -> list[Any]:
    """Each payload from its own thread; the answers (results or exceptions) in payload order."""
    answers: list[Any] = [None] * len(payloads)

    def one(i: int) -> None:
        with app.app_context():
            try:
                answers[i] = group.submit(writer, payloads[i])
            except Exception as exc:
                answers[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


def _writer(seen: list[Sequence[Any]]) -> Callable[..., list[Any]]:
    """Records each batch; a batch holding "bad" fails."""

    def write(conn: Connection, payloads: Sequence[Any]) -> list[Any]:
        seen.append(list(payloads))
        if "bad" in payloads:
            raise ValueError("bad payload")
        return [f"done {p}" for p in payloads]

    return write


class HeldTurn:
    """Stands for the write turn (the app's write lock); the first writer gets it once ``queued``
    payloads wait, so that what each batch holds does not depend on thread timing."""

    def __init__(self, group: GroupCommit, queued: int) -> None:
        self.group, self.queued = group, queued

    @contextmanager
    def __call__(self) -> Iterator[None]:
        deadline = time.monotonic() + 10
        while len(self.group._queue) < self.queued and time.monotonic() < deadline:
            time.sleep(0.005)
        self.queued = 0
        yield


@pytest.mark.parametrize(
    ("max_batch", "count", "batches"),
    [
        (64, 12, [12]),  # everyone queued while the leader waited for its turn rides in its commit
        (4, 9, [4, 4, 1]),  # batches are capped
    ],
)
def test_waiting_payloads_share_commits_and_get_their_own_results(
    make_app: Callable[..., Flask], max_batch: int, count: int, batches: list[int]
) -> None:
    app = make_app()
    group = GroupCommit(max_batch=max_batch)
    app.extensions["helpcenter_db_lock"] = HeldTurn(group, count - 1)
    seen: list[Sequence[Any]] = []
    payloads = [f"p{i}" for i in range(count)]
    answers = _submit_all(app, group, _writer(seen), payloads)
    assert answers == [f"done {p}" for p in payloads]
    assert [len(batch) for batch in seen] == batches
    assert sorted(p for batch in seen for p in batch) == sorted(payloads)  # each written once
    assert group.commits == len(batches)


def test_a_bad_payload_fails_alone(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    group = GroupCommit()
    app.extensions["helpcenter_db_lock"] = HeldTurn(group, 4)
    seen: list[Sequence[Any]] = []
    payloads = ["first", "a", "bad", "b", "c"]
    answers = _submit_all(app, group, _writer(seen), payloads)
    assert isinstance(answers[2], ValueError)
    assert [a for i, a in enumerate(answers) if i != 2] == ["done first", "done a", "done b", "done c"]
    assert sorted(seen[0]) == sorted(payloads)  # one batch, then each payload alone to find the culprit
    assert sorted(map(tuple, seen[1:])) == sorted((p,) for p in payloads)


def test_concurrent_tickets_are_all_stored_with_their_mails(make_app: Callable[..., Flask]) -> None:
    """Thirty customers at once: thirty 201s, thirty distinct tickets, each with its two mails queued."""
    app = make_app()
    numbers: list[str] = []
    start = threading.Barrier(30)

    def post() -> None:
        client = app.test_client()
        start.wait(10)
        response = client.post("/api/tickets/technical", data=VALID["technical"], headers=JSON)
        assert response.status_code == 201, response.get_data(as_text=True)
        numbers.append(response.get_json()["ticket"])

    threads = [threading.Thread(target=post) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(set(numbers)) == 30
    with app.app_context(), db.engine().connect() as conn:
        stored = {str(n) for n in conn.execute(select(db.tickets.c.id)).scalars()}
        mails = conn.execute(select(func.count()).select_from(db.outbox)).scalar_one()
    assert stored == set(numbers)
    assert mails == 60
