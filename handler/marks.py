"""Marking a batch's rows sent: one short transaction per row (the mark must follow the row's own 250),
on one connection kept for the batch and run by the driver.

A mark is the one write per mail, and SQLAlchemy's per-statement machinery cost several times the
database's own work. The statement is still SQLAlchemy's (``outbox.SENT``), compiled once for the
engine's dialect; only its execution skips the layers. A driver error on the connection drops it (the
next mark opens another) and is raised as SQLAlchemy's, so callers handle both ways alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import current_app
from sqlalchemy import Connection, exc

from . import db


class SentMarks:
    """``mark(row, sent_time)`` -> rows updated (0: no longer held by this claim); ``close()`` at the end."""

    def __init__(self, statement: Any) -> None:
        self.dialect = db.engine().dialect
        self.sql, self.order, self.params = _compiled(statement, self.dialect)
        self._conn: Connection | None = None

    def mark(self, row: Any, sent_time: float) -> int:
        params = {**self.params, "row_id": row.id, "held_until": row.lease_until, "sent_time": sent_time}
        args = [params[name] for name in self.order] if self.order else params
        with current_app.extensions["helpcenter_db_lock"]():
            raw = self._driver()
            try:
                return self._run(raw, args)
            except self.dialect.loaded_dbapi.Error as error:
                self.close(broken=True)
                wrapper = exc.OperationalError if _is_operational(self.dialect, error) else exc.DBAPIError
                raise wrapper(self.sql, args, error) from error

    def _driver(self) -> Any:
        if self._conn is None:
            self._conn = db.engine().connect()
            db.set_durability(self._conn, False)  # commits need not wait for the disk
        return self._conn.connection.driver_connection

    def _run(self, raw: Any, args: Any) -> int:
        if self.dialect.name == "sqlite":  # autocommit driver: the transaction is ours to open
            raw.execute("BEGIN IMMEDIATE")
            try:
                count = raw.execute(self.sql, args).rowcount
                raw.execute("COMMIT")
            except BaseException:
                _quietly(raw.execute, "ROLLBACK")
                raise
            return int(count)
        try:
            with raw.cursor() as cursor:
                cursor.execute(self.sql, args)
                count = cursor.rowcount
            raw.commit()
        except BaseException:
            _quietly(raw.rollback)
            raise
        return int(count)

    def close(self, broken: bool = False) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            if broken:
                conn.invalidate()
            conn.close()


@lru_cache(maxsize=8)
def _compiled(statement: Any, dialect: Any) -> tuple[str, list[str] | None, dict[str, Any]]:
    """The SQL for the driver, its parameter order (positional drivers) and its fixed values."""
    compiled = statement.compile(dialect=dialect)
    fixed = compiled.construct_params({"row_id": 0, "held_until": 0.0, "sent_time": 0.0})
    return str(compiled), compiled.positiontup, fixed


def _quietly(action: Any, *args: Any) -> None:
    """Undo after a failure; the connection may be gone, and the first error is the one to report."""
    try:
        action(*args)
    except Exception:
        pass


def _is_operational(dialect: Any, error: BaseException) -> bool:
    return isinstance(error, dialect.loaded_dbapi.OperationalError)
