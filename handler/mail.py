"""Composing the team mail and the requester's confirmation (Flask-Mail messages), and sending them.

Every header value is either from config or from a field validated as single-line, and Flask-Mail
refuses bad headers again before sending. The HTML part is built only from escaped values.
"""

from __future__ import annotations

import json
import re
import smtplib
import ssl
from functools import lru_cache
from typing import Any

from flask import current_app
from flask_mail import Attachment, Connection, Message
from markupsafe import escape

from catalog.texts import t
from catalog.tickets import form_schema

from . import turns
from .tokens import reply_address
from .wire import Outgoing

SKIPPED = ("website", "idempotency_key")


class TimeoutConnection(Connection):
    """Flask-Mail's connection with a socket timeout, so a hanging server raises instead of blocking,
    and with the server's certificate verified (smtplib's default STARTTLS does not check it)."""

    def configure_host(self) -> smtplib.SMTP | smtplib.SMTP_SSL:
        mail, timeout = self.mail, float(current_app.config["MAIL_TIMEOUT"])
        context = None
        if mail.use_ssl or mail.use_tls:
            context = ssl.create_default_context(cafile=current_app.config["MAIL_TLS_CA_FILE"])
        if mail.use_ssl:
            host: smtplib.SMTP = smtplib.SMTP_SSL(mail.server, mail.port, timeout=timeout, context=context)
        else:
            host = smtplib.SMTP(mail.server, mail.port, timeout=timeout)
        if mail.use_tls:
            host.starttls(context=context)
        if mail.username and mail.password:
            host.login(mail.username, mail.password)
        return host

    def deliver(
        self, mail: Outgoing, on_mail: turns.Work = turns.nothing, on_data: turns.Work = turns.nothing
    ) -> None:
        """Send a composed mail, doing ``on_mail``/``on_data`` while the server answers (``turns``);
        with sending suppressed, just do them."""
        if self.host is None:
            on_mail()
            on_data()
            return
        turns.sendmail(
            self.host,
            mail.sender,
            mail.recipients,
            mail.data,
            mail.mail_options,
            mail.rcpt_options,
            on_mail=on_mail,
            on_data=on_data,
        )


def connect() -> TimeoutConnection:
    """A new SMTP connection (use as a context manager)."""
    return TimeoutConnection(current_app.extensions["mail"])


def display_name(name: str) -> str:
    """The requester's name for an address header: no address syntax (``<>@,;:"()[]\\``), so a name
    like ``Eve <eve@evil.example>, x`` can never become a second address once a client decodes it."""
    return " ".join(re.sub(r'[<>@,;:"()\[\]\\]', " ", name).split())[:80]


@lru_cache(maxsize=64)
def _fields(ticket_type: str, lang: str) -> tuple[tuple[str, str, dict[str, str]], ...]:
    """(name, label, choice labels) of each field a team mail shows; built once per type and language,
    since a form schema costs more than the rest of a mail."""
    return tuple(
        (field["name"], field["label"], dict(map(tuple, field["choices"] or ())))
        for field in form_schema(ticket_type, lang)
        if field["name"] not in SKIPPED and field["kind"] != "file"
    )


def _rows(ticket: Any) -> list[tuple[str, str, str]]:
    """(label, name, display value) for each filled field, labels in the team's language."""
    data = json.loads(ticket.data)
    rows = []
    for name, label, choices in _fields(ticket.type, current_app.config["TEAM_LANGUAGE"]):
        value = data.get(name, "")
        if not value:
            continue
        if choices:
            value = f"{choices.get(value, value)} [{value}]"
        rows.append((label, name, value))
    return rows


def _bodies(ticket: Any, files: list[Any]) -> tuple[str, str]:
    rows = _rows(ticket)
    text = [f"Ticket {ticket.id} [{ticket.type}]", ""]
    html = [f"<h1>Ticket {ticket.id} [{escape(ticket.type)}]</h1>", "<table>"]
    for label, name, value in rows:
        sep = "\n" if "\n" in value else " "
        text.append(f"{label} ({name}):{sep}{value}")
        html.append(
            f'<tr><th style="text-align:left;vertical-align:top">{escape(label)}</th>'
            f'<td style="white-space:pre-wrap">{escape(value)}</td></tr>'
        )
    html.append("</table>")
    if files:
        text += ["", "Attachments:"] + [f"- {f.filename} ({f.mime}, {len(f.data)} bytes)" for f in files]
        html.append(
            "<ul>" + "".join(f"<li>{escape(f.filename)} ({escape(f.mime)})</li>" for f in files) + "</ul>"
        )
    return "\n".join(text) + "\n", "\n".join(html)


def team_message(ticket: Any, files: list[Any], message_id: str) -> Message:
    """To the type's configured recipient, From the sender, Reply-To the requester."""
    data = json.loads(ticket.data)
    text, html = _bodies(ticket, files)
    msg = Message(
        subject=f"[{ticket.id}] [{ticket.type.capitalize()}] {data.get('title', '')}",
        recipients=[current_app.config["RECIPIENTS"][ticket.type]],
        body=text,
        html=html,
        reply_to=(display_name(data["name"]), reply_address(ticket.id) or data["email"]),
        date=ticket.created_at,
        attachments=[Attachment(f.filename, f.mime, f.data) for f in files],
        extra_headers={
            "X-Helpcenter-Ticket": str(ticket.id),
            "X-Helpcenter-Type": ticket.type,
            "Content-Language": ticket.lang,
        },
    )
    msg.msgId = message_id
    return msg


def confirmation_message(ticket: Any, message_id: str, team_message_id: str | None) -> Message:
    """To the requester in their language, with the ticket number and its private link; replies go to
    the ticket's signed address (or the team when replies by email are off)."""
    from .notify import ticket_url  # notify builds on this module

    data, lang = json.loads(ticket.data), ticket.lang
    fmt = {
        "name": data["name"],
        "ticket": ticket.id,
        "type": t(f"type.{ticket.type}", lang),
        "title": data.get("title", ""),
    }
    body = (
        t("mail.confirm_body", lang, **fmt)
        + "\n"
        + t("mail.follow_link", lang, url=ticket_url(ticket.id, lang))
    )
    headers = {
        "X-Helpcenter-Ticket": str(ticket.id),
        "Auto-Submitted": "auto-replied",
        "Content-Language": lang,
    }
    if team_message_id:
        headers["References"] = team_message_id
    msg = Message(
        subject=t("mail.confirm_subject", lang, ticket=ticket.id),
        recipients=[(display_name(data["name"]), data["email"])],
        body=body,
        html="".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in body.split("\n\n")),
        reply_to=reply_address(ticket.id) or current_app.config["RECIPIENTS"][ticket.type],
        date=ticket.created_at,
        extra_headers=headers,
    )
    msg.msgId = message_id
    return msg
