"""Ingest one inbound mail (RFC 5322 bytes): a reply to a ticket's signed address.

Checked in this order, and refused before anything is stored: size, a genuine signed recipient of an
existing ticket, a sender who is the requester or an agent. Auto-replies and bounces are accepted and
dropped (no mail loops). An accepted mail is committed (with its full original) before we say so:
the SMTP listener answers 250 and the Postfix pipe exits 0 only after ``replies.apply`` returned.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from dataclasses import dataclass
from email.utils import getaddresses
from typing import Any

from flask import current_app
from sqlalchemy.exc import OperationalError

from catalog.checks import CONTROL_OR_NEWLINE

from . import db, lifecycle, tokens
from .mail_text import attachments, parse, reply_text
from .replies import Reply, apply

log = logging.getLogger("handler.inbox")
# A sender we may answer: one plain address (hosts like "localhost" allowed), nothing header-breaking.
SENDER = re.compile(r"[^@\s<>\"(),;:\\\[\]]{1,64}@[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


@dataclass(frozen=True)
class Outcome:
    """What to tell the MTA: a sysexits code (pipe) and an SMTP reply (listener)."""

    exit_code: int
    smtp: str
    detail: str


ACCEPTED = Outcome(0, "250 2.0.0 Stored", "stored")
DROPPED = Outcome(0, "250 2.0.0 Auto-reply dropped", "auto-reply")
NO_USER = Outcome(67, "550 5.1.1 No such ticket address", "bad address")  # EX_NOUSER
NO_PERM = Outcome(77, "550 5.7.1 Sender not allowed for this ticket", "sender")  # EX_NOPERM
TOO_BIG = Outcome(77, "552 5.3.4 Message too big", "too big")
TRY_LATER = Outcome(75, "451 4.3.0 Temporary failure, try again later", "temporary")  # EX_TEMPFAIL


def ticket_for(address: str) -> int | None:
    """The ticket of a genuine signed address, if that ticket exists."""
    number = tokens.ticket_from_address(address)
    if number is None:
        return None
    with db.engine().connect() as conn:
        return number if lifecycle.state(conn, number) is not None else None


def is_auto(headers: Any, mail_from: str | None) -> bool:
    """RFC 3834 Auto-Submitted, Precedence bulk/junk/list, X-Autoreply, or a bounce (empty sender)."""
    if mail_from is not None and mail_from.strip("<> ") == "":
        return True
    if str(headers.get("Auto-Submitted", "no")).strip().lower() != "no":
        return True
    if str(headers.get("Precedence", "")).strip().lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    return any(headers.get(name) is not None for name in ("X-Autoreply", "X-Autorespond"))


def sender_of(headers: Any) -> str | None:
    """The single From address, lower case, if it is a plain valid address."""
    found = [addr for _, addr in getaddresses([str(v) for v in headers.get_all("From", [])]) if addr]
    if len(found) != 1:
        return None
    address = found[0].strip().lower()
    return address if SENDER.fullmatch(address) and len(address) <= 254 else None


def actor_of(number: int, sender: str) -> str | None:
    """``customer`` for the requester, ``agent`` for a configured agent address or domain."""
    with db.engine().connect() as conn:
        state = lifecycle.state(conn, number)
    if state is not None and sender == state.email:
        return "customer"
    cfg = current_app.config
    agents = cfg.get("AGENT_ADDRESSES") or list(cfg["RECIPIENTS"].values())
    for entry in (str(a).strip().lower() for a in agents):
        if sender == entry or (entry.startswith("@") and sender.endswith(entry)):
            return "agent"
    return None


def ingest(raw: bytes, recipients: list[str], mail_from: str | None = None) -> Outcome:
    """Check, store and queue one mail; never raises (a database hiccup is a "try later")."""
    try:
        return _ingest(raw, recipients, mail_from)
    except OperationalError:
        log.exception("inbound mail: database unavailable")
        return TRY_LATER
    except Exception:
        log.exception("inbound mail: unexpected error")
        return TRY_LATER


def _ingest(raw: bytes, recipients: list[str], mail_from: str | None) -> Outcome:
    if len(raw) > int(current_app.config["INBOX_MAX_BYTES"]):
        log.warning("inbound mail refused: %s bytes", len(raw))
        return TOO_BIG
    number = next((n for n in map(ticket_for, recipients) if n is not None), None)
    if number is None:
        log.warning("inbound mail refused: no genuine ticket address in %r", recipients[:5])
        return NO_USER
    headers = email.message_from_bytes(raw, policy=email.policy.compat32)
    if is_auto(headers, mail_from):
        log.info("inbound mail for ticket %s dropped: auto-reply or bounce", number)
        return DROPPED
    sender = sender_of(headers)
    actor = actor_of(number, sender) if sender else None
    if actor is None:
        log.warning("inbound mail for ticket %s refused: sender %r", number, sender)
        return NO_PERM
    message_id = str(headers.get("Message-ID", "")).strip()[:250]
    if CONTROL_OR_NEWLINE.search(message_id):
        message_id = ""
    parsed = parse(raw)  # once: header parsing is the costly part
    body, files = reply_text(raw, parsed), attachments(raw, parsed)
    reply = Reply(actor, body, sender, files, raw, message_id or None)
    result = apply(number, reply)
    log.info("inbound mail for ticket %s from %s (%s): %s", number, sender, actor, result)
    return ACCEPTED if result != "unknown" else NO_USER
