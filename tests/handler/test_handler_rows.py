"""Rows written by the group commit through ``db.insert_rows`` and numbered by ``db.next_ids``
(SQLite and PostgreSQL): every row lands with its values and defaults; ids are never handed out twice;
errors stay SQLAlchemy's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import BACKENDS
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from handler import db

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def _ticket(number: int, key: str | None = None) -> dict[str, object]:
    """A tickets row without ``spam``: the column's default must fill it."""
    return {
        "id": number,
        "type": "technical",
        "lang": "pt",
        "data": f'{{"title": "ação {number}"}}',
        "idempotency_key": key,
        "created_at": 1.5,
    }


@pytest.mark.parametrize("count", [1, 7, 171, 400])
def test_rows_land_with_their_values_and_defaults(make_app: Callable[..., Flask], count: int) -> None:
    app = make_app()
    with app.app_context():
        with db.write() as conn:
            numbers = db.next_ids(conn, db.tickets, count)
            db.insert_rows(conn, db.tickets, [_ticket(n, f"key-{n}") for n in numbers])
        with db.engine().connect() as conn:
            rows = conn.execute(select(db.tickets).order_by(db.tickets.c.id)).all()
    assert numbers == list(range(numbers[0], numbers[0] + count))
    assert [row.id for row in rows] == numbers
    assert [row.data for row in rows] == [f'{{"title": "ação {n}"}}' for n in numbers]
    assert {(row.spam, row.lang, row.created_at) for row in rows} == {(0, "pt", 1.5)}
    assert [row.idempotency_key for row in rows] == [f"key-{n}" for n in numbers]


def test_ids_are_never_handed_out_twice(make_app: Callable[..., Flask]) -> None:
    """Later batches continue after every id taken, also after an insert numbered by the database."""
    app = make_app()
    with app.app_context():
        with db.write() as conn:
            first = db.next_ids(conn, db.tickets, 3)
            db.insert_rows(conn, db.tickets, [_ticket(n) for n in first])
        with db.write() as conn:
            unnumbered = {key: value for key, value in _ticket(0).items() if key != "id"}
            automatic = conn.execute(db.tickets.insert(), unnumbered).inserted_primary_key[0]
            second = db.next_ids(conn, db.tickets, 2)
            db.insert_rows(conn, db.tickets, [_ticket(n) for n in second])
    taken = [*first, automatic, *second]
    assert len(set(taken)) == 6
    assert min(second) > max(first[-1], automatic)


def test_a_duplicate_raises_integrity_error_and_writes_nothing(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    with app.app_context():
        with db.write() as conn:
            db.insert_rows(conn, db.tickets, [_ticket(n, "same") for n in db.next_ids(conn, db.tickets, 1)])
        with pytest.raises(IntegrityError), db.write() as conn:
            numbers = db.next_ids(conn, db.tickets, 2)
            db.insert_rows(conn, db.tickets, [_ticket(numbers[0], "new"), _ticket(numbers[1], "same")])
        with db.engine().connect() as conn:
            keys = conn.execute(select(db.tickets.c.idempotency_key)).scalars().all()
    assert keys == ["same"]
