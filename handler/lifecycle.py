"""A ticket's status and its append-only history, and the outbox rows each change queues.

Statuses: ``open`` -> ``awaiting_reply`` (an agent answered) -> ``open`` (the customer answered) ->
``solved`` -> ``closed``. Every write here happens inside the caller's transaction, together with the
outbox rows of the mails it causes, so a change is never recorded without its mail or the reverse.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    select,
)

from . import db

STATUSES = ("open", "awaiting_reply", "solved", "closed")
HIDDEN_KINDS = ("closed_reply", "command")  # kept with the full original, not shown in the history

ticket_state = Table(
    "ticket_state",
    db.metadata,
    Column("ticket_id", ForeignKey("tickets.id"), primary_key=True),
    Column("email", String(254), nullable=False),  # the requester, lower case: "My tickets" looks it up
    Column("status", String(20), nullable=False),
    Column("changed_at", Float, nullable=False),  # last status change: automatic moves count from it
    Column("updated_at", Float, nullable=False),  # last event of any kind: "last change" on the dashboard
    Index("ix_ticket_state_email", "email", "ticket_id"),
    Index("ix_ticket_state_due", "status", "changed_at"),
)

events = Table(
    "ticket_events",
    db.metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", ForeignKey("tickets.id"), nullable=False, index=True),
    Column("at", Float, nullable=False),
    Column("actor", String(10), nullable=False),  # customer | agent | system
    Column("kind", String(20), nullable=False),  # created | message | status | attachment | closed_reply
    Column("status", String(20)),  # a status event's new status; a message's status after it
    Column("body", Text),  # the message as shown (quotes and signature trimmed)
    Column("sender", String(254)),
    Column("parent_id", Integer),  # an attachment's message
    Column("in_message_id", String(250), index=True),  # an inbound mail's Message-ID (MTA retries)
    Column("out_message_id", String(200), unique=True),  # the mail this event sends (outbox row)
    Column("raw", LargeBinary),  # the full original of an inbound mail
    Column("filename", String(200)),
    Column("mime", String(60)),
    Column("data", LargeBinary),
)


def _add(conn: Connection, ticket_id: int, now: float, actor: str, kind: str, **values: Any) -> int:
    row = {"ticket_id": ticket_id, "at": now, "actor": actor, "kind": kind, **values}
    return conn.execute(events.insert(), row).inserted_primary_key[0]


@dataclass(frozen=True)
class Created:
    """A new ticket as its history starts it: who asked, when, and the names of the files it came with."""

    number: int
    email: str
    at: float
    filenames: tuple[str, ...] = ()


def created(conn: Connection, new: Sequence[Created]) -> None:
    """New tickets: state ``open``, a "created" event and one event per attached file. One statement
    per table for the whole group commit; a ticket with files needs its event's id, so it goes alone."""
    if not new:
        return
    db.insert_rows(
        conn,
        ticket_state,
        [
            {
                "ticket_id": n.number,
                "email": n.email.lower(),
                "status": "open",
                "changed_at": n.at,
                "updated_at": n.at,
            }
            for n in new
        ],
    )
    db.insert_rows(conn, events, [_created_event(n) for n in new if not n.filenames])
    for n in new:
        if n.filenames:
            event = conn.execute(events.insert(), _created_event(n)).inserted_primary_key[0]
            for name in n.filenames:
                _add(conn, n.number, n.at, "customer", "attachment", parent_id=event, filename=name)


def _created_event(n: Created) -> dict[str, Any]:
    return {
        "ticket_id": n.number,
        "at": n.at,
        "actor": "customer",
        "kind": "created",
        "status": "open",
        "sender": n.email.lower(),
    }


def state(conn: Connection, number: int) -> Any:
    return conn.execute(select(ticket_state).where(ticket_state.c.ticket_id == number)).first()


def queue(
    conn: Connection, number: int, kind: str, now: float, event_id: int | None = None, tag: str = ""
) -> str:
    """An outbox row for a mail about this ticket; its Message-ID is tied to the event it tells
    (``tag``: a short word the builder reads back, e.g. the language of a sign-in mail)."""
    domain, tag = current_app.config["MESSAGE_ID_DOMAIN"], f"{tag}." if tag else ""
    message_id = f"<ticket-{number}-{kind}-{event_id or 0}.{tag}{secrets.token_hex(6)}@{domain}>"
    conn.execute(
        db.outbox.insert(),
        {
            "ticket_id": number,
            "kind": kind,
            "message_id": message_id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        },
    )
    if event_id is not None:
        conn.execute(events.update().where(events.c.id == event_id).values(out_message_id=message_id))
    return message_id


def set_status(conn: Connection, number: int, new: str, actor: str, now: float, mail: bool = True) -> bool:
    """Record a status change (and mail the customer about it); False when it is already ``new``."""
    current = state(conn, number)
    if current is None or current.status == new:
        return False
    conn.execute(
        ticket_state.update()
        .where(ticket_state.c.ticket_id == number)
        .values(status=new, changed_at=now, updated_at=now)
    )
    event = _add(conn, number, now, actor, "status", status=new)
    if mail:
        queue(conn, number, "status", now, event)
    return True


def touch(conn: Connection, number: int, now: float) -> None:
    conn.execute(ticket_state.update().where(ticket_state.c.ticket_id == number).values(updated_at=now))


def due_moves(now: float) -> int:
    """``awaiting_reply`` for N days -> ``solved``; ``solved`` for M days -> ``closed``. Returns moves."""
    cfg, s = current_app.config, ticket_state.c
    rules = (
        ("awaiting_reply", "solved", float(cfg["AWAITING_REPLY_DAYS"])),
        ("solved", "closed", float(cfg["SOLVED_DAYS"])),
    )
    moved = 0
    with db.write() as conn:
        for old, new, days in rules:
            query = select(s.ticket_id).where(s.status == old, s.changed_at <= now - days * 86400)
            for number in conn.execute(query.order_by(s.ticket_id).limit(500)).scalars().all():
                moved += set_status(conn, number, new, "system", now)
    return moved


def maybe_due_moves() -> None:
    """Called by the outbox worker on each round; runs ``due_moves`` every LIFECYCLE_CHECK_SECONDS."""
    app, now = current_app, time.time()
    if now - app.extensions.get("helpcenter_lifecycle_at", 0.0) < float(
        app.config["LIFECYCLE_CHECK_SECONDS"]
    ):
        return
    app.extensions["helpcenter_lifecycle_at"] = now
    due_moves(now)
