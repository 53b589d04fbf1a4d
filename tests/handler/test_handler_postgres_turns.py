"""On PostgreSQL, ``db.write()`` keeps SQLite's one-writer-at-a-time guarantee for read-then-write code
(status changes, replies), while the intake and the outbox opt out and run side by side."""

from __future__ import annotations

import threading
import time

import pytest
from flask import Flask

from handler import db

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _order(app: Flask, exclusive: bool) -> list[str]:
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with app.app_context(), db.write():
            inside.set()
            time.sleep(0.5)  # room for the second writer to get in, if nothing stops it
            order.append("first done")

    def second() -> None:
        inside.wait(30)
        with app.app_context(), db.write(exclusive=exclusive):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return order


def test_exclusive_writers_take_turns_others_do_not(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    assert _order(app, exclusive=True) == ["first done", "second in"]
    assert _order(app, exclusive=False) == ["second in", "first done"]
