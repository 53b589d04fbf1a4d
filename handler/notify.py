"""The follow-up mails, one builder per outbox row kind, all threaded on the ticket's Message-ID.

``reply`` the customer's reply to the team · ``agent`` an agent's reply to the customer · ``status`` a
status change to the customer · ``closed`` the answer to a reply on a closed ticket · ``signin`` the
sign-in link. Texts come in the ticket's language (the team's for ``reply``); bodies are escaped in HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_mail import Attachment, Message
from markupsafe import escape
from sqlalchemy import select

from catalog.texts import t

from . import db, tokens
from .lifecycle import events
from .mail import display_name

SIGNIN_LANG = re.compile(r"-signin-0\.(es|en|pt)\.")


def base_url() -> str:
    return str(current_app.config.get("SITE_URL") or "").rstrip("/")


def ticket_url(number: int, lang: str) -> str:
    """The ticket's private page (signed link: anyone holding it may read and answer)."""
    path = current_app.config["TICKETS_PATH"]
    return f"{base_url()}{path}/{lang}/{number}?k={tokens.ticket_token(number)}"


def signin_url(email: str, lang: str) -> str:
    return f"{base_url()}{current_app.config['TICKETS_PATH']}/{lang}/signin/{tokens.signin_token(email)}"


def support_url(lang: str) -> str:
    """The site's Support page in ``lang`` (the folder of its thank-you page)."""
    return base_url() + current_app.config["THANKS_PATHS"][lang].rsplit("thanks/", 1)[0]


def _html(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in text.split("\n\n"))


def _threaded(ticket: Any, message_id: str, auto: bool, **kwargs: Any) -> Message:
    """From the help center, Reply-To the ticket's signed address, In-Reply-To the ticket's mail."""
    headers = {"X-Helpcenter-Ticket": str(ticket.id), "Content-Language": kwargs.pop("lang")}
    if ticket.message_id:
        headers["In-Reply-To"] = headers["References"] = ticket.message_id
    if auto:
        headers["Auto-Submitted"] = "auto-generated"  # no autoresponder answers it (no mail loop)
    fallback = kwargs.pop("fallback_reply_to", None)
    reply_to = tokens.reply_address(ticket.id) or fallback
    msg = Message(html=_html(kwargs["body"]), reply_to=reply_to, extra_headers=headers, **kwargs)
    msg.msgId = message_id
    return msg


def _customer(ticket: Any) -> tuple[dict[str, Any], tuple[str, str]]:
    data = json.loads(ticket.data)
    return data, (display_name(data.get("name", "")), data["email"])


def _files(conn: Any, event: Any) -> list[Attachment]:
    query = select(events).where(events.c.parent_id == event.id, events.c.kind == "attachment")
    return [Attachment(f.filename, f.mime, f.data) for f in conn.execute(query) if f.data is not None]


def _reply(conn: Any, ticket: Any, event: Any, row: Any) -> Message:
    lang, data = current_app.config["TEAM_LANGUAGE"], json.loads(ticket.data)
    body = t(
        "mail.team_reply", lang, ticket=ticket.id, status=t(f"status.{event.status}", lang), body=event.body
    )
    return _threaded(
        ticket,
        row.message_id,
        False,
        lang=lang,
        subject=f"Re: [{ticket.id}] [{ticket.type.capitalize()}] {data.get('title', '')}",
        recipients=[current_app.config["RECIPIENTS"][ticket.type]],
        body=body,
        fallback_reply_to=(display_name(data.get("name", "")), data["email"]),
        attachments=_files(conn, event),
    )


def _to_customer(conn: Any, ticket: Any, event: Any, row: Any) -> Message:
    lang, (data, to) = ticket.lang, _customer(ticket)
    status = event.status
    fmt = {"name": data.get("name", ""), "ticket": ticket.id, "status": t(f"status.{status}", lang)}
    fmt["url"], fmt["title"] = ticket_url(ticket.id, lang), data.get("title", "")
    if row.kind == "agent":
        body = t("mail.agent_body", lang, body=event.body, **fmt)
    else:
        body = t("mail.status_body", lang, hint=t(f"hint.{status}", lang, ticket=ticket.id), **fmt)
    return _threaded(
        ticket,
        row.message_id,
        row.kind == "status",
        lang=lang,
        subject=t("mail.update_subject", lang, ticket=ticket.id, title=fmt["title"]),
        recipients=[to],
        body=body,
        fallback_reply_to=current_app.config["RECIPIENTS"][ticket.type],
        attachments=_files(conn, event) if row.kind == "agent" else [],
    )


def _closed(conn: Any, ticket: Any, event: Any, row: Any) -> Message:
    lang = ticket.lang
    return _threaded(
        ticket,
        row.message_id,
        True,
        lang=lang,
        subject=t("mail.closed_subject", lang, ticket=ticket.id),
        recipients=[event.sender],
        body=t("mail.closed_body", lang, ticket=ticket.id, url=support_url(lang)),
    )


def _signin(conn: Any, ticket: Any, event: Any, row: Any) -> Message:
    """Signed when sent: a retry after an outage still gives the customer a fresh 30 minutes."""
    found = SIGNIN_LANG.search(row.message_id)
    lang, (_, to) = (found.group(1) if found else ticket.lang), _customer(ticket)
    minutes = int(current_app.config["SIGNIN_LINK_MAX_AGE"]) // 60
    msg = Message(
        subject=t("mail.signin_subject", lang),
        recipients=[to],
        body=t("mail.signin_body", lang, minutes=minutes, url=signin_url(to[1], lang)),
        extra_headers={"Auto-Submitted": "auto-generated", "Content-Language": lang},
    )
    msg.html = _html(msg.body)
    msg.msgId = row.message_id
    return msg


BUILDERS: dict[str, Callable[[Any, Any, Any, Any], Message]] = {
    "reply": _reply,
    "agent": _to_customer,
    "status": _to_customer,
    "closed": _closed,
    "signin": _signin,
}


def build(row: Any) -> Message:
    """The message for an outbox row of one of the kinds above."""
    with db.engine().connect() as conn:
        ticket = conn.execute(select(db.tickets).where(db.tickets.c.id == row.ticket_id)).one()
        event = conn.execute(select(events).where(events.c.out_message_id == row.message_id)).first()
        return BUILDERS[row.kind](conn, ticket, event, row)
