"""The readable part of an inbound reply: its text without quoted history and signature, and its files.

Trimming uses mail-parser-reply (maintained, multi-language: Spanish and English built in; Portuguese
registered here in its documented table format). Malformed MIME never raises: the worst case is the
whole raw text, and the full original is kept beside it anyway.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from typing import Any

from mailparser_reply import EmailReplyParser
from mailparser_reply.constants import MAIL_LANGUAGES

from catalog.checks import CONTROL, CONTROL_OR_NEWLINE, MAX_FILE_BYTES, MAX_FILES, sniff

from .tickets import Upload

MAX_TEXT = 100_000  # characters of a reply shown and forwarded (the original is kept whole)

MAIL_LANGUAGES.setdefault(
    "pt",
    {
        "wrote_header": r"^(?!Em[.\s]*Em\s(.+?\s?.+?)\sescreveu:)((?:> ?)*Em\s(?:.+?\s?.+?)\s?escreveu:)$",
        "from_header": r"((?:(?:^|\n|\n(?:> ?)*)[* ]*(?:De|Enviada|Enviado|Para|Assunto|Data|Cc):[ *]*"
        r"(?:\s{,2}).*){2,}(?:\n.*){,1})",
        "sent_from": r"Enviado do meu.*",
        "signatures": ["Atenciosamente,", "Abraços,", "Obrigad[oa],", "Cordialmente,"],
        "disclaimers": ["Aviso:", "Confidencial:"],
    },
)
PARSER = EmailReplyParser(languages=["es", "en", "pt"])
TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def parse(raw: bytes) -> Any:
    """The message (policy.default), or None when even that fails."""
    try:
        return _parse(raw)
    except Exception:
        return None


def _parse(raw: bytes) -> Any:
    return email.message_from_bytes(raw, policy=email.policy.default)


def full_text(raw: bytes, parsed: Any = None) -> str:
    """The plain-text body (or the HTML one as text); the raw bytes as text if MIME parsing fails."""
    try:
        part = (parsed or _parse(raw)).get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        text = part.get_content()
        if part.get_content_subtype() == "html":
            text = html.unescape(TAGS.sub(" ", re.sub(r"(?i)<br\s*/?>|</p>", "\n", text)))
    except Exception:
        text = raw.split(b"\r\n\r\n", 1)[-1].split(b"\n\n", 1)[-1].decode("utf-8", "replace")
    return str(text)


def reply_text(raw: bytes, parsed: Any = None) -> str:
    """The new text of a reply: quotes, "On ... wrote:" headers and signatures trimmed."""
    text = CONTROL.sub("", full_text(raw, parsed).replace("\r\n", "\n").replace("\r", "\n"))[:MAX_TEXT]
    try:
        replies = PARSER.read(text).replies
        trimmed = replies[0].body if replies else ""
    except Exception:
        trimmed = ""
    if not trimmed.strip():  # everything looked quoted: keep the unquoted lines
        trimmed = "\n".join(line for line in text.split("\n") if not line.startswith(">"))
    return trimmed.strip()


def attachments(raw: bytes, parsed: Any = None) -> list[Upload]:
    """Files with the same checks as a new ticket's (count, size, type by content); others are skipped
    here and stay in the kept original."""
    found: list[Upload] = []
    try:
        parts = list((parsed or _parse(raw)).iter_attachments())
    except Exception:
        return found
    for part in parts:
        try:
            name = str(part.get_filename() or "")
            data = part.get_payload(decode=True) or b""
        except Exception:
            continue
        if not name or len(name) > 200 or CONTROL_OR_NEWLINE.search(name) or "/" in name or "\\" in name:
            continue
        mime = sniff(data[:4096]) if data else None
        if mime and len(data) <= MAX_FILE_BYTES and len(found) < MAX_FILES:
            found.append(Upload("attachments", name, mime, data))
    return found
