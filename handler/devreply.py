"""``/dev/mail``'s "reply as the agent / as the customer": a real mail to the inbound listener, so the
whole loop (ticket, answers by email, status changes) can be watched on one machine."""

from __future__ import annotations

import json
import smtplib
from email.message import EmailMessage
from typing import Any

from flask import current_app
from sqlalchemy import select

from . import db, tokens


def reply_target(msg: Any) -> dict[str, str] | None:
    """The ticket and Message-ID a sink mail can be answered on, if it carries a ticket number."""
    number = str(msg.get("X-Helpcenter-Ticket", ""))
    if not number.isdigit() or not tokens.reply_address(int(number)):
        return None
    return {"ticket": number, "in_reply_to": str(msg.get("Message-ID", ""))}


def reply_as(actor: str, number: str, in_reply_to: str, body: str) -> str | None:
    """Send ``body`` From the team's address (agent) or the requester's (customer); an error or None."""
    if actor not in ("agent", "customer") or not number.isdigit():
        return "Choose agent or customer."
    with db.engine().connect() as conn:
        ticket = conn.execute(select(db.tickets).where(db.tickets.c.id == int(number))).first()
    if ticket is None:
        return "No such ticket."
    cfg = current_app.config
    message = EmailMessage()
    message["From"] = cfg["RECIPIENTS"][ticket.type] if actor == "agent" else json.loads(ticket.data)["email"]
    message["To"] = tokens.reply_address(ticket.id)
    message["Subject"] = f"Re: [{ticket.id}]"
    if in_reply_to.startswith("<") and "\n" not in in_reply_to and "\r" not in in_reply_to:
        message["In-Reply-To"] = message["References"] = in_reply_to
    message.set_content(body or "(empty)")
    try:
        with smtplib.SMTP(cfg["MAIL_SERVER"], int(cfg["DEV_INBOX_PORT"]), timeout=10) as smtp:
            smtp.send_message(message)
    except smtplib.SMTPException as exc:
        return f"The inbound listener refused it: {exc}"
    return None
