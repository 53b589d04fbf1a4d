"""Helpers of the follow-up tests: an app with replies by email on, its inbound listener, and mail I/O."""

from __future__ import annotations

import re
import smtplib
from email.message import EmailMessage
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from handler import db, outbox
from handler.lifecycle import events, ticket_state
from handler.sink import SmtpSink

AGENT = "technical-support@localhost"
CUSTOMER = "ana@example.com"
FOLLOW_UP = {"INBOUND_ADDRESS": "support@help.example.org", "SITE_URL": "http://127.0.0.1"}
LINK = re.compile(r"http://127\.0\.0\.1(/tickets/\S+)")


def drain(app: Flask) -> None:
    with app.app_context():
        outbox.drain(include_future=True)


def form_token(client: FlaskClient, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def link_in(message: EmailMessage) -> str:
    """The first handler link in a mail's text, as a path for the test client."""
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    return LINK.search(body).group(1)  # type: ignore[union-attr]


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def mail(frm: str, to: str, body: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = frm, to, "Re: ticket"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def send(port: int, message: EmailMessage | bytes, to: str, frm: str = AGENT) -> dict[str, Any]:
    """Deliver over real SMTP to the inbound listener; raises smtplib's errors on 4xx/5xx."""
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        if isinstance(message, bytes):
            return smtp.sendmail(frm, [to], message)
        return smtp.send_message(message, from_addr=frm, to_addrs=[to])


def status(app: Flask, number: int) -> str:
    with app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(ticket_state.c.status).where(ticket_state.c.ticket_id == number)).scalar()


def event_count(app: Flask) -> int:
    with app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(events)).scalar()


def for_ticket(sink: SmtpSink, number: int) -> list[EmailMessage]:
    return [m for m in sink.messages if m.get("X-Helpcenter-Ticket") == str(number)]
