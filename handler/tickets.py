"""Storing a validated ticket with its attachments and outbox rows in one (group) commit."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from . import db, lifecycle


@dataclass(frozen=True)
class Upload:
    """A checked file: the MIME type comes from its content, never from the client."""

    field: str
    filename: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class Stored:
    """Result of a store: the ticket number, whether it is new, and its type (for idempotency)."""

    number: int
    created: bool
    ticket_type: str


def _message_id(number: int, kind: str) -> str:
    domain = current_app.config["MESSAGE_ID_DOMAIN"]
    return f"<ticket-{number}-{kind}.{secrets.token_hex(6)}@{domain}>"


def _existing(key: str) -> Stored | None:
    with db.engine().connect() as conn:
        row = conn.execute(
            select(db.tickets.c.id, db.tickets.c.type).where(db.tickets.c.idempotency_key == key)
        ).first()
    return Stored(row.id, False, row.type) if row else None


@dataclass(frozen=True)
class _New:
    """A ticket waiting for the group commit."""

    ticket_type: str
    lang: str
    data: dict[str, str]
    uploads: list[Upload]
    idempotency_key: str | None
    spam: bool
    created_at: float


def store(
    ticket_type: str,
    lang: str,
    data: dict[str, str],
    uploads: list[Upload],
    idempotency_key: str | None,
    spam: bool = False,
) -> Stored:
    """Commit the ticket (sharing the commit with concurrent requests); the same idempotency key
    returns the first ticket and queues nothing."""
    if idempotency_key and (found := _existing(idempotency_key)):
        return found
    new = _New(ticket_type, lang, data, uploads, idempotency_key or None, spam, time.time())
    try:
        number = current_app.extensions["helpcenter_group_commit"].submit(_write_batch, new)
    except IntegrityError:
        # Two requests with the same key raced: the other one won; answer with its ticket.
        if idempotency_key and (found := _existing(idempotency_key)):
            return found
        raise
    return Stored(number, True, ticket_type)


def _write_batch(conn: Connection, batch: Sequence[_New]) -> list[int]:
    """Tickets (numbered first, so each carries its Message-ID), attachments, history and outbox rows:
    one statement per table for the whole batch."""
    numbers = db.next_ids(conn, db.tickets, len(batch))
    team_ids = [_message_id(number, "team") for number in numbers]
    db.insert_rows(
        conn,
        db.tickets,
        [
            {
                "id": number,
                "type": n.ticket_type,
                "lang": n.lang,
                "data": json.dumps(n.data, ensure_ascii=False),
                "idempotency_key": n.idempotency_key,
                "message_id": team_id,
                "spam": int(n.spam),
                "created_at": n.created_at,
            }
            for number, team_id, n in zip(numbers, team_ids, batch, strict=True)
        ],
    )
    files = [
        {"ticket_id": number, "field": u.field, "filename": u.filename, "mime": u.mime, "data": u.data}
        for number, new in zip(numbers, batch, strict=True)
        for u in new.uploads
    ]
    db.insert_rows(conn, db.attachments, files)
    confirm = bool(current_app.config["CONFIRMATION_EMAIL"])
    mails, history = [], []
    for number, team_id, new in zip(numbers, team_ids, batch, strict=True):
        if new.spam:
            continue
        filenames = tuple(u.filename for u in new.uploads)
        history.append(lifecycle.Created(number, new.data.get("email", ""), new.created_at, filenames))
        kinds = [("team", team_id)] + ([("confirm", _message_id(number, "confirm"))] if confirm else [])
        mails += [
            {
                "ticket_id": number,
                "kind": kind,
                "message_id": mid,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": new.created_at,
                "created_at": new.created_at,
            }
            for kind, mid in kinds
        ]
    lifecycle.created(conn, history)
    db.insert_rows(conn, db.outbox, mails)
    return numbers
