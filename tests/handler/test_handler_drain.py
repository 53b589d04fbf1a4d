"""The fast drain keeps the slow one's promises: the same bytes as Flask-Mail and the email generator
(boundaries aside), and a delivered mail is marked sent before the next one can be delivered."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from conftest import BACKENDS, JSON
from flask import Flask
from flask_mail import Message
from handler_samples import VALID
from sqlalchemy import create_engine, select, text

from catalog.languages import LANGUAGES
from handler import db, outbox
from handler.mail import confirmation_message, team_message
from handler.sink import SmtpSink, free_port
from handler.wire import generator_bytes, wire_bytes

BOUNDARY = re.compile(rb"={15}\d{19}==")
LONG_TITLE = "Não consigo acessar o painel de administração depois da atualização de ontem à noite"


def _same_boundaries(data: bytes) -> bytes:
    """Each random boundary replaced by its order of appearance."""
    seen: dict[bytes, bytes] = {}
    return BOUNDARY.sub(lambda m: seen.setdefault(m.group(), b"BOUNDARY-%d" % len(seen)), data)


def _ticket(ticket_type: str, lang: str, **fields: str) -> Any:
    data = dict(VALID[ticket_type], **fields)
    return SimpleNamespace(
        id=42, type=ticket_type, lang=lang, data=json.dumps(data), created_at=1.7e9, message_id="<t42@x>"
    )


def _messages() -> list[Message]:
    """Every shape the outbox sends: team mails and confirmations of each type and language, hostile
    names, long and non-ASCII subjects, plain-only mails, CR/LF mixes, long threading headers."""
    found = []
    for ticket_type in VALID:
        for lang in LANGUAGES:
            for fields in ({}, {"title": LONG_TITLE, "name": "Zoë O'Brien-Ñúñez " * 4}):
                ticket = _ticket(ticket_type, lang, **fields)
                found.append(team_message(ticket, [], f"<{ticket_type}-{lang}-team@x>"))
                found.append(confirmation_message(ticket, f"<{ticket_type}-{lang}-confirm@x>", "<t@x>"))
    plain = Message(
        subject="Line\tone  two ", recipients=[("Ana", "a@x.example")], body="a\r\nb\rc\n.dot\nFrom x\n"
    )
    threaded = Message(
        subject="Re: " + "x" * 90,
        recipients=["b@x.example"],
        body="ok",
        html="<p>ok</p>",
        extra_headers={"References": "<" + "r" * 60 + "@x> <" + "s" * 60 + "@x>", "Content-Language": "pt"},
    )
    listed = Message(subject="x", sender=["Help", "help@x.example"], recipients=["c@x.example"], body="x")
    listed.reply_to = ["Zoë", "z@x.example"]  # type: ignore[assignment]  # as a JSON setting gives a pair
    return [*found, plain, threaded, listed]


def test_wire_bytes_are_flask_mails(app: Flask) -> None:
    with app.app_context():
        messages = _messages()
        assert len(messages) == 3 * len(LANGUAGES) * 4 + 3
        for message in messages:
            message.date = 1.7e9
            assert _same_boundaries(wire_bytes(message)) == _same_boundaries(generator_bytes(message))


class _Witness:
    """An SMTP server that, when a mail's data arrives, notes which outbox rows are marked sent."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.seen: list[tuple[str, set[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message_id = re.search(rb"Message-ID: (\S+)", envelope.content).group(1).decode()  # type: ignore[union-attr]
        with self.engine.connect() as conn:
            query = select(db.outbox.c.message_id).where(db.outbox.c.status == "sent")
            self.seen.append((message_id, set(conn.execute(query).scalars())))
        return "250 OK"


@contextmanager
def _tickets_to(witness: _Witness, app: Flask, port: int, ticket_types: tuple[str, ...]) -> Iterator[None]:
    """``witness`` serving SMTP on ``port`` while one ticket of each type is posted and then drained."""
    server = Controller(witness, hostname="127.0.0.1", port=port)
    server.start()
    try:
        client = app.test_client()
        for ticket_type in ticket_types:
            response = client.post(f"/api/tickets/{ticket_type}", data=VALID[ticket_type], headers=JSON)
            assert response.status_code == 201
        yield
    finally:
        server.stop()
        witness.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_each_mail_marked_before_the_next_is_delivered(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    app = make_app(MAIL_PORT=port, OUTBOX_BATCH=4)
    witness = _Witness(app.config["DATABASE_URL"])
    types = ("technical", "financial", "commercial", "technical", "financial")
    with _tickets_to(witness, app, port, types), app.app_context():
        assert outbox.drain() == (10, 0)
        with db.engine().connect() as conn:
            order = list(conn.execute(select(db.outbox.c.message_id).order_by(db.outbox.c.id)).scalars())
    assert [message_id for message_id, _ in witness.seen] == order  # in order, each once
    for index, (_, marked) in enumerate(witness.seen):
        assert marked == set(order[:index])  # all earlier ones marked, this one not yet


class _Cutter(_Witness):
    """Drops every other connection to the database when the third mail arrives (a failover)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if len(self.seen) == 2:
            with self.engine.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_marks_survive_a_dropped_connection(make_app, smtp: SmtpSink, caplog) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    app = make_app(MAIL_PORT=port)
    cutter = _Cutter(app.config["DATABASE_URL"])
    with _tickets_to(cutter, app, port, ("technical", "financial", "commercial")), app.app_context():
        assert outbox.drain() == (6, 0)
        with db.engine().connect() as conn:
            rows = conn.execute(select(db.outbox.c.message_id, db.outbox.c.status)).all()
    assert "recording its state again" in caplog.text  # a mark met the dropped connection, and retried
    assert {status for _, status in rows} == {"sent"}
    assert sorted(message_id for message_id, _ in cutter.seen) == sorted(message_id for message_id, _ in rows)
