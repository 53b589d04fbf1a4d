"""Storing a validated ticket with its attachments and outbox rows in one transaction."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam, select
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


_SET_MESSAGE_ID = (
    db.tickets.update()
    .where(db.tickets.c.id == bindparam("number"))
    .values(message_id=bindparam("message_id"))
)


def _message_id(number: int, kind: str) -> str:
    domain = current_app.config["MESSAGE_ID_DOMAIN"]
    return f"<ticket-{number}-{kind}.{secrets.token_hex(6)}@{domain}>"


def _existing(key: str) -> Stored | None:
    with db.engine().connect() as conn:
        row = conn.execute(
            select(db.tickets.c.id, db.tickets.c.type).where(db.tickets.c.idempotency_key == key)
        ).first()
    return Stored(row.id, False, row.type) if row else None


def store(
    ticket_type: str,
    lang: str,
    data: dict[str, str],
    uploads: list[Upload],
    idempotency_key: str | None,
    spam: bool = False,
) -> Stored:
    """Commit the ticket; the same idempotency key returns the first ticket and queues nothing."""
    if idempotency_key and (found := _existing(idempotency_key)):
        return found
    now = time.time()
    try:
        with db.write() as conn:
            # bound parameters, not .values(): the compiled statements are cached
            number = conn.execute(
                db.tickets.insert(),
                {
                    "type": ticket_type,
                    "lang": lang,
                    "data": json.dumps(data, ensure_ascii=False),
                    "idempotency_key": idempotency_key or None,
                    "spam": int(spam),
                    "created_at": now,
                },
            ).inserted_primary_key[0]
            team_id = _message_id(number, "team")
            conn.execute(_SET_MESSAGE_ID, {"number": number, "message_id": team_id})
            if uploads:
                conn.execute(
                    db.attachments.insert(),
                    [
                        {
                            "ticket_id": number,
                            "field": u.field,
                            "filename": u.filename,
                            "mime": u.mime,
                            "data": u.data,
                        }
                        for u in uploads
                    ],
                )
            if not spam:
                lifecycle.created(conn, number, data.get("email", ""), now, [u.filename for u in uploads])
                kinds = [("team", team_id)]
                if current_app.config["CONFIRMATION_EMAIL"]:
                    kinds.append(("confirm", _message_id(number, "confirm")))
                conn.execute(
                    db.outbox.insert(),
                    [
                        {
                            "ticket_id": number,
                            "kind": kind,
                            "message_id": mid,
                            "status": "pending",
                            "attempts": 0,
                            "next_attempt_at": now,
                            "created_at": now,
                        }
                        for kind, mid in kinds
                    ],
                )
    except IntegrityError:
        # Two requests with the same key raced: the other one won; answer with its ticket.
        if idempotency_key and (found := _existing(idempotency_key)):
            return found
        raise
    return Stored(number, True, ticket_type)
