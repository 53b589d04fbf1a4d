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


def _message_id(number: int, kind: str, tail: str) -> str:
    """A mail's Message-ID: the ticket and the kind of mail, then a random tail (``_tail``)."""
    return f"<ticket-{number}-{kind}.{tail}>"


def _tail() -> str:
    return f"{secrets.token_hex(6)}@{current_app.config['MESSAGE_ID_DOMAIN']}"


def _existing(key: str) -> Stored | None:
    with db.engine().connect() as conn:
        row = conn.execute(
            select(db.tickets.c.id, db.tickets.c.type).where(db.tickets.c.idempotency_key == key)
        ).first()
    return Stored(row.id, False, row.type) if row else None


@dataclass(frozen=True)
class _New:
    """A ticket waiting for the group commit, with everything but its number already worked out: the
    commit holds the write lock, so as little as possible happens inside it."""

    ticket_type: str
    lang: str
    data_json: str
    email: str
    uploads: list[Upload]
    idempotency_key: str | None
    spam: bool
    created_at: float
    mails: tuple[tuple[str, str], ...]  # (kind, Message-ID tail); the team mail's id is the ticket's


def _new(
    ticket_type: str,
    lang: str,
    data: dict[str, str],
    uploads: list[Upload],
    idempotency_key: str | None,
    spam: bool,
) -> _New:
    """The ticket as the group commit writes it (worked out in the request's own thread)."""
    confirm = bool(current_app.config["CONFIRMATION_EMAIL"]) and not spam
    return _New(
        ticket_type,
        lang,
        json.dumps(data, ensure_ascii=False),
        data.get("email", ""),
        uploads,
        idempotency_key or None,
        spam,
        time.time(),
        (("team", _tail()),) + ((("confirm", _tail()),) if confirm else ()),
    )


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
    new = _new(ticket_type, lang, data, uploads, idempotency_key, spam)
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
    tickets, files, history, mails = [], [], [], []
    for number, new in zip(numbers, batch, strict=True):
        ids = [(kind, _message_id(number, kind, tail)) for kind, tail in new.mails]
        tickets.append(
            {
                "id": number,
                "type": new.ticket_type,
                "lang": new.lang,
                "data": new.data_json,
                "idempotency_key": new.idempotency_key,
                "message_id": ids[0][1],
                "spam": int(new.spam),
                "created_at": new.created_at,
            }
        )
        files += [
            {"ticket_id": number, "field": u.field, "filename": u.filename, "mime": u.mime, "data": u.data}
            for u in new.uploads
        ]
        if new.spam:
            continue
        filenames = tuple(u.filename for u in new.uploads)
        history.append(lifecycle.Created(number, new.email, new.created_at, filenames))
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
            for kind, mid in ids
        ]
    db.insert_rows(conn, db.tickets, tickets)
    db.insert_rows(conn, db.attachments, files)
    lifecycle.created(conn, history)
    db.insert_rows(conn, db.outbox, mails)
    return numbers
