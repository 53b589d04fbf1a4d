"""The mails of a claimed outbox batch, composed one ahead of their turn: the batch's tickets are read in
one query, and a ticket's attachments only when it has some (they can be large)."""

from __future__ import annotations

from typing import Any

from flask_mail import Message
from sqlalchemy import select

from . import db, notify
from .mail import confirmation_message, team_message
from .wire import Outgoing, outgoing


class Composed:
    """A composed mail, or what stopped it (raised when its turn comes, like any sending failure)."""

    def __init__(self, mail: Outgoing | None = None, error: Exception | None = None) -> None:
        self.mail, self.error = mail, error

    def result(self) -> Outgoing:
        if self.error is not None:
            raise self.error
        assert self.mail is not None
        return self.mail


class Composer:
    """Composes the rows of one batch (read when created)."""

    def __init__(self, batch: list[Any]) -> None:
        tickets, files = db.tickets.c, db.attachments.c
        team = {row.ticket_id for row in batch if row.kind not in notify.BUILDERS}
        with db.engine().connect() as conn:
            found = conn.execute(select(db.tickets).where(tickets.id.in_({row.ticket_id for row in batch})))
            self.tickets = {ticket.id: ticket for ticket in found}
            with_files = select(files.ticket_id).where(files.ticket_id.in_(team)).distinct()
            self.with_files = set(conn.execute(with_files).scalars()) if team else set()

    def message(self, row: Any) -> Message:
        """The Flask-Mail message of an outbox row."""
        if row.kind in notify.BUILDERS:  # the follow-up mails (replies, status changes, sign-in links)
            return notify.build(row)
        ticket = self.tickets[row.ticket_id]
        if row.kind == "confirm":
            return confirmation_message(ticket, row.message_id, ticket.message_id)
        return team_message(ticket, self._files(ticket.id), row.message_id)

    def _files(self, ticket_id: int) -> list[Any]:
        if ticket_id not in self.with_files:
            return []
        files = db.attachments.c
        with db.engine().connect() as conn:
            return conn.execute(
                select(db.attachments).where(files.ticket_id == ticket_id).order_by(files.id)
            ).all()

    def __call__(self, row: Any) -> Composed:
        """The row's mail ready to send; never raises (a failure waits for the row's turn)."""
        try:
            return Composed(outgoing(self.message(row)))
        except Exception as exc:
            return Composed(error=exc)
