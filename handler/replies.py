"""One reply on a ticket, from the customer (ticket page or email) or from an agent (email).

A customer's reply is mailed to the team and sets ``open``; an agent's is mailed to the customer and sets
``awaiting_reply``, or the status named on its first line (``#solved``, ``#open``, ``#closed``; that line
is not forwarded). Nothing is added to a ``closed`` ticket: the sender gets a polite answer instead.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from . import db, lifecycle
from .lifecycle import events
from .tickets import Upload

COMMAND = re.compile(r"\A[ \t]*#(solved|open|closed)[ \t]*(?:\n|\Z)", re.IGNORECASE)


@dataclass
class Reply:
    """What arrived: who (``customer``/``agent``), the text as shown, files, and the full original."""

    actor: str
    body: str
    sender: str
    files: list[Upload] = field(default_factory=list)
    raw: bytes | None = None
    in_message_id: str | None = None


def split_command(body: str) -> tuple[str | None, str]:
    """``("solved", rest)`` for a body starting with ``#solved``; ``(None, body)`` otherwise."""
    found = COMMAND.match(body)
    if not found:
        return None, body
    return found.group(1).lower(), body[found.end() :].strip("\n")


def apply(number: int, reply: Reply, now: float | None = None) -> str:
    """Store the reply, its status change and its mails in one transaction.

    Returns ``stored``, ``closed`` (not added; the sender is answered), ``duplicate`` (this Message-ID
    was stored already: an MTA retrying after we committed) or ``unknown`` (no such ticket).
    """
    now = time.time() if now is None else now
    with db.write() as conn:
        current = lifecycle.state(conn, number)
        if current is None:
            return "unknown"
        if (
            reply.in_message_id
            and conn.execute(
                select(events.c.id).where(
                    events.c.ticket_id == number, events.c.in_message_id == reply.in_message_id
                )
            ).first()
        ):
            return "duplicate"
        kept = {"sender": reply.sender.lower(), "raw": reply.raw, "in_message_id": reply.in_message_id}
        if current.status == "closed":
            event = lifecycle._add(conn, number, now, reply.actor, "closed_reply", body=reply.body, **kept)
            lifecycle.queue(conn, number, "closed", now, event)
            return "closed"
        command, body = split_command(reply.body) if reply.actor == "agent" else (None, reply.body)
        new = command or ("awaiting_reply" if reply.actor == "agent" else "open")
        body = body.strip()
        if not body and not reply.files:  # a bare "#solved": the status change is the whole message
            lifecycle.set_status(conn, number, new, reply.actor, now)
            lifecycle._add(conn, number, now, reply.actor, "command", status=new, **kept)
            lifecycle.touch(conn, number, now)
            return "stored"
        event = lifecycle._add(conn, number, now, reply.actor, "message", body=body, status=new, **kept)
        for upload in reply.files:
            lifecycle._add(
                conn,
                number,
                now,
                reply.actor,
                "attachment",
                parent_id=event,
                filename=upload.filename,
                mime=upload.mime,
                data=upload.data,
            )
        lifecycle.queue(conn, number, "agent" if reply.actor == "agent" else "reply", now, event)
        # The forwarded agent reply already tells the customer the new status: no second mail.
        lifecycle.set_status(conn, number, new, reply.actor, now, mail=reply.actor != "agent")
        lifecycle.touch(conn, number, now)
        return "stored"
