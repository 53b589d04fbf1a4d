"""A Flask-Mail message's bytes as sent, written directly instead of through ``email``'s generator.

Flask-Mail builds a tree of ``email`` objects and the generator then encodes and refolds every header
and searches every body for each boundary: most of the cost of a mail. Here the same bytes (only the
random boundaries differ) are written from the message's fields: short printable headers as they are,
anything else folded by the same ``compat32`` policy the generator uses; bodies UTF-8, lines CRLF.
Messages with attachments go through Flask-Mail and the generator unchanged (rare; base64 dominates).
"""

from __future__ import annotations

import email.generator
import email.policy
import io
import random
import re
import sys
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache

from flask_mail import BadHeaderError, Message, force_text, sanitize_address, sanitize_subject

POLICY = email.policy.compat32.clone(linesep="\r\n")
PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")  # printable ASCII words, single spaces: the fold keeps it
NEWLINES = re.compile(r"\r\n|\r|\n")
FOLD_AT = 78  # the policy's max_line_length
BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # as ``email.generator`` makes them


def address(addr: str | tuple[str, str] | list[str]) -> str:
    """Flask-Mail's encoded address (senders and team recipients repeat: encoded once). A pair may come
    as a list (a JSON setting such as ``MAIL_DEFAULT_SENDER='["Help", "help@example.com"]'``)."""
    return _address(tuple(addr) if isinstance(addr, list) else addr)  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def _address(addr: str | tuple[str, str]) -> str:
    return sanitize_address(addr, "utf-8")


@dataclass(frozen=True)
class Outgoing:
    """A mail ready to go: its envelope and bytes (so it can be composed ahead of its turn)."""

    sender: str
    recipients: list[str]
    data: bytes
    mail_options: list[str]
    rcpt_options: list[str]


def outgoing(message: Message, envelope_from: str | tuple[str, str] | None = None) -> Outgoing:
    """Flask-Mail's checks (recipients, sender, no line breaks in headers) and envelope."""
    if not message.send_to or not message.sender:
        raise ValueError("a mail needs recipients and a sender")
    if message.has_bad_headers():
        raise BadHeaderError
    return Outgoing(
        address(envelope_from or message.sender),
        [address(to) for to in message.send_to],
        wire_bytes(message),
        message.mail_options,
        message.rcpt_options,
    )


def wire_bytes(message: Message) -> bytes:
    """The message as sent: Flask-Mail's structure and headers, CRLF-terminated."""
    if message.attachments or (message.charset or "utf-8") != "utf-8":
        return generator_bytes(message)
    headers = _headers(message)
    if not message.alts:
        return _text_part(message.body, "plain", headers)
    parts = [_text_part(message.body, "plain")]
    parts += [_text_part(content, subtype) for subtype, content in message.alts.items()]
    alternative = _multipart("alternative", parts)
    return _multipart("mixed", [alternative], headers)


def generator_bytes(message: Message) -> bytes:
    """Flask-Mail's own message serialized by the email generator: the reference for ``wire_bytes``."""
    out = io.BytesIO()
    email.generator.BytesGenerator(out, mangle_from_=False, policy=POLICY).flatten(message._message())
    return out.getvalue()


def _headers(message: Message) -> list[tuple[str, str]]:
    """Flask-Mail's top-level headers in its order (``Message._message``)."""
    headers = []
    if message.subject:
        headers.append(("Subject", sanitize_subject(force_text(message.subject), "utf-8")))
    headers.append(("From", address(message.sender)))
    headers.append(("To", ", ".join(list({address(a) for a in message.recipients}))))
    headers.append(("Date", formatdate(message.date, localtime=True)))
    headers.append(("Message-ID", message.msgId))
    if message.cc:
        headers.append(("Cc", ", ".join(list({address(a) for a in message.cc}))))
    if message.reply_to:
        headers.append(("Reply-To", address(message.reply_to)))
    headers += list((message.extra_headers or {}).items())
    return headers


def _header(name: str, value: str) -> bytes:
    """One header line, folded as the ``compat32`` generator would (it keeps short plain values)."""
    if len(name) + 2 + len(value) <= FOLD_AT and PLAIN.fullmatch(value):
        return f"{name}: {value}\r\n".encode("ascii")
    return POLICY.fold_binary(name, value)


def _head(content_type: str, headers: list[tuple[str, str]] | None, cte: str | None = None) -> bytes:
    """A part's own headers (its Content-Type already folded), then ``headers``, then the blank line."""
    lines = [f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n".encode("ascii")]
    if cte:
        lines.append(b"Content-Transfer-Encoding: " + cte.encode("ascii") + b"\r\n")
    lines += [_header(name, value) for name, value in headers or ()]
    return b"".join(lines) + b"\r\n"


def _text_part(text: str | None, subtype: str, headers: list[tuple[str, str]] | None = None) -> bytes:
    """``MIMEText(text, subtype, "utf-8")`` under Flask-Mail's charset setting (no body encoding: 7bit
    or 8bit), lines CRLF; the top-level headers follow the part's own, as in Flask-Mail."""
    body = NEWLINES.sub("\r\n", text or "").encode("utf-8")
    cte = "7bit" if body.isascii() else "8bit"
    return _head(f'text/{subtype}; charset="utf-8"', headers, cte) + body


def _multipart(subtype: str, parts: list[bytes], headers: list[tuple[str, str]] | None = None) -> bytes:
    boundary = _boundary(parts)
    body = [b"--" + boundary + b"\r\n", (b"\r\n--" + boundary + b"\r\n").join(parts)]
    body.append(b"\r\n--" + boundary + b"--\r\n")
    content_type = f'multipart/{subtype}; boundary="{boundary.decode()}"'
    if len("Content-Type: ") + len(content_type) > FOLD_AT:  # folded at its one space, as the policy does
        content_type = content_type.replace("; ", ";\r\n ")
    return _head(content_type, headers) + b"".join(body)


def _boundary(parts: list[bytes]) -> bytes:
    """A boundary of the generator's form that occurs nowhere in the parts (it would end one early)."""
    while True:
        token = random.randrange(sys.maxsize)
        boundary = b"=" * 15 + b"%0*d" % (BOUNDARY_DIGITS, token) + b"=="
        if not any(boundary in part for part in parts):
            return boundary
