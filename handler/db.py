"""Tables and engine (SQLAlchemy Core on a real SQLite file by default, PostgreSQL at scale).

The ticket, its attachments and its outbox rows are written in one transaction: once the client sees
201/303, the ticket exists on disk even if the mail server is down or the process dies.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from flask import Flask, current_app
from sqlalchemy import (
    Column,
    Connection,
    Dialect,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    event,
    text,
)

from .cooperative import waiting

try:
    import fcntl
except ImportError:  # Windows: only the thread lock and SQLite's busy timeout remain
    fcntl = None  # type: ignore[assignment]

metadata = MetaData()

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("data", Text, nullable=False),  # JSON of the validated fields
    Column("idempotency_key", String(100), unique=True),
    Column("message_id", String(200)),
    Column("spam", Integer, nullable=False, default=0),
    Column("created_at", Float, nullable=False),
    sqlite_autoincrement=True,
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", ForeignKey("tickets.id"), nullable=False, index=True),
    Column("field", String(40), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("mime", String(60), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", ForeignKey("tickets.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # "team" | "confirm"
    Column("message_id", String(200), nullable=False, unique=True),
    Column("status", String(10), nullable=False, default="pending", index=True),  # pending|sent|dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),
    Column("lease_until", Float),
    Column("last_error", Text),
    Column("created_at", Float, nullable=False),
    Column("sent_at", Float),
)


def database_url(app: Flask) -> str:
    """The configured URL, or a SQLite file in the instance folder."""
    url = app.config.get("DATABASE_URL")
    if url:
        return str(url)
    os.makedirs(app.instance_path, exist_ok=True)
    return "sqlite:///" + os.path.join(app.instance_path, "helpcenter.sqlite")


def make_engine(url: str, synchronous: str = "FULL") -> Engine:
    """An engine; for SQLite: WAL (readers never block the writer), busy timeout, durable commits."""
    if not url.startswith("sqlite"):
        # pre-ping: a database restart costs the pool its connections, not the next request
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" below emits BEGIN, not pysqlite
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={_synchronous(synchronous)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock up front: a read-then-write transaction could otherwise fail with
        # "database is locked" instead of waiting its turn.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class WriteLock:
    """Writers queue here instead of sleeping in SQLite's busy handler (which polls with growing
    sleeps and made p99 latency jump under load): a thread lock within a process and ``flock`` on a
    file beside the database across processes (gunicorn workers, the outbox worker)."""

    def __init__(self, path: str | None, enabled: bool = True) -> None:
        self.path, self._thread_lock = path, threading.Lock()
        self.enabled = enabled  # PostgreSQL: rows are locked by the server, writers need no turn
        self._fd: int | None = None
        self._pid = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        with self._thread_lock:
            if self.path is None or fcntl is None:
                yield
                return
            if self._pid != os.getpid():  # opened per process: a forked copy must not share it
                self._fd, self._pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
            try:  # free most of the time: taken without a trip to another thread
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting(fcntl.flock, self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


SCHEMA_LOCK_KEY = 0x48454C50  # any constant shared by every process that creates the schema


def init_app(app: Flask) -> None:
    """Create the engine and the tables (idempotent) and keep the engine on the app.

    gunicorn workers and outbox workers, on one machine or several, boot at once, and two processes
    racing `CREATE TABLE` on a fresh database would kill one with "table already exists". SQLite: the
    tables are created under the write lock. PostgreSQL: in one transaction holding an advisory lock,
    so the others wait and then find the tables.
    """
    from .groupcommit import GroupCommit

    engine = make_engine(database_url(app), app.config["SQLITE_SYNCHRONOUS"])
    sqlite = engine.dialect.name == "sqlite"
    database = engine.url.database if sqlite else None
    on_disk = database not in (None, "", ":memory:")
    lock = WriteLock(f"{database}.writelock" if on_disk else None, enabled=sqlite)
    if sqlite:
        with lock():
            metadata.create_all(engine)
    else:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            metadata.create_all(conn)
    app.extensions["helpcenter_db"] = engine
    app.extensions["helpcenter_db_lock"] = lock
    app.extensions["helpcenter_group_commit"] = GroupCommit(int(app.config["GROUP_COMMIT_MAX"]))


WRITE_LOCK_KEY = SCHEMA_LOCK_KEY + 1


@contextmanager
def write(durable: bool = True, exclusive: bool = True) -> Iterator[Connection]:
    """A write transaction, taken in turn (see ``WriteLock``).

    On PostgreSQL, ``exclusive`` transactions also take turns (a transaction-level advisory lock), so
    read-then-write code keeps SQLite's one-writer-at-a-time guarantee on any number of machines. Writers
    that need no turn say ``exclusive=False``: the intake (inserts only) and the outbox (row locks).
    ``durable=False`` commits without waiting for the disk (SQLite ``synchronous=NORMAL``, PostgreSQL
    ``synchronous_commit=off``): still atomic and safe from a process crash, but a power loss may undo
    the last moments. Only for bookkeeping whose loss repeats work (marking a mail sent), never a ticket.
    A durable SQLite write returns once its log is synced (``sync_wal``), after releasing the lock.
    """
    eng = engine()
    full = _synchronous(current_app.config["SQLITE_SYNCHRONOUS"]) == "FULL"
    wal = wal_file(eng) if durable and full else None
    with current_app.extensions["helpcenter_db_lock"](), eng.connect() as conn:
        set_durability(conn, durable and wal is None)
        with conn.begin():
            if exclusive and eng.dialect.name != "sqlite":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield conn
    if wal is not None:
        sync_wal(wal)


def wal_file(eng: Engine) -> str | None:
    """The write-ahead log of a SQLite database file (None for PostgreSQL or an in-memory database).

    A durable SQLite write commits without waiting for the disk, then syncs this file once the write
    lock is released: the commit that waited for the disk held the lock (which every process writes
    through) for the whole sync; now the other processes write while this one waits for the disk.
    The answer still comes only after the sync, so a 201 still means "on disk".
    """
    if eng.dialect.name != "sqlite" or eng.url.database in (None, "", ":memory:"):
        return None
    return f"{eng.url.database}-wal"


def sync_wal(path: str) -> None:
    """Make every transaction committed to the log so far durable (what ``synchronous=FULL`` does at
    each commit). Log frames are appended in order and checksummed in a chain, so syncing after our
    commit covers it and everything before it. If the log is gone, a checkpoint copied it into the
    database file and synced that file first."""
    try:
        fd = os.open(path, os.O_RDWR)  # some systems sync only files open for writing
    except FileNotFoundError:
        return
    try:
        waiting(getattr(os, "fdatasync", os.fsync), fd)
    finally:
        os.close(fd)


def set_durability(conn: Connection, durable: bool) -> None:
    """Switch the connection's commit mode if it is not in the wanted one (remembered per connection,
    so a process doing one kind of write pays nothing). Set outside a transaction, where it applies."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        wanted = _synchronous(current_app.config["SQLITE_SYNCHRONOUS"]) if durable else "NORMAL"
    else:
        wanted = "on" if durable else "off"
    info = conn.connection.info
    if info.get("helpcenter_sync") == wanted:
        return
    raw = conn.connection.driver_connection
    if sqlite:
        raw.execute(f"PRAGMA synchronous={wanted}")
    else:
        with raw.cursor() as cur:
            cur.execute(f"SET synchronous_commit = {wanted}")
        raw.commit()
    info["helpcenter_sync"] = wanted


def _synchronous(setting: str) -> str:
    return "FULL" if setting.upper() == "FULL" else "NORMAL"


def engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["helpcenter_db"]


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys) in one executemany, handed to the driver as they are.

    SQLAlchemy's statement is compiled once per table, columns and dialect; per row, only the values
    are put in the driver's order (with the columns' Python-side defaults for keys a row leaves out).
    Compiling and binding each row was most of the group commit's CPU. Errors come back as
    SQLAlchemy's (``IntegrityError``; a dropped connection is invalidated), as with ``conn.execute``.
    """
    if not rows:
        return
    sql, order, defaults = _insert_sql(table, tuple(rows[0]), conn.dialect)
    params: list[Any]
    if order:
        params = [tuple(row[key] if key in row else defaults[key] for key in order) for row in rows]
    else:
        params = [{**defaults, **row} for row in rows] if defaults else list(rows)
    conn.exec_driver_sql(sql, params)


@lru_cache(maxsize=32)
def _insert_sql(
    table: Table, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
    """The driver's SQL for inserting these columns, its parameter order (positional drivers) and the
    scalar defaults of the columns the keys leave out."""
    defaults = {
        column.key: column.default.arg
        for column in table.columns
        if column.key not in keys and column.default is not None and column.default.is_scalar
    }
    values = {key: bindparam(key) for key in (*keys, *defaults)}
    compiled = table.insert().values(values).compile(dialect=dialect, for_executemany=True)
    return str(compiled), tuple(compiled.positiontup) if compiled.positiontup else None, defaults


def next_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """``count`` new primary keys for ``table``, taken inside the caller's write transaction, so that
    rows can be inserted with their ids (and what refers to them) in one statement each.

    SQLite: the table's AUTOINCREMENT counter, safe because the transaction holds the write lock (ids are
    never reused). PostgreSQL: the column's sequence, which hands out distinct values to every session.
    """
    if conn.dialect.name == "sqlite":
        top = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
        return list(range((top or 0) + 1, (top or 0) + 1 + count))
    sql = "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) FROM generate_series(1, %(count)s)"
    return [row[0] for row in conn.exec_driver_sql(sql, {"table": table.name, "count": count})]
