"""Which attachments the handler takes: one table read by the validator, the forms' ``accept`` attribute,
the help texts and the OpenAPI description, so none of them can promise what another refuses.

A file must pass on both counts: its name ends in an allowed extension AND its bytes are that kind of
file. Everything else is refused (never renamed), whatever it is called: HTML, SVG and XML (which a mail
client hands to a browser), scripts, archives and executables. A refused file means a clear message
beside the field and no ticket, so the sender can attach a screenshot or a PDF instead.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

ALLOWED: dict[str, str] = {  # extension -> the content type its bytes must have
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/plain",
}
MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
SAMPLE_BYTES = 4096  # what is sniffed: browsers decide on the first 512 bytes, mail clients on less
FILE_ACCEPT = ",".join(ALLOWED)  # the file inputs' `accept`: exactly the extensions checked here
TEXT_FACTS = {  # the numbers and names the help texts and messages quote
    "max_files": MAX_FILES,
    "max_mb": MAX_FILE_BYTES // 2**20,
    "extensions": ", ".join(ALLOWED),
}

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
# Text a browser or mail client would run or render as a page: markup (HTML's sniffing patterns, SVG,
# XML) at the start or any tag that carries script anywhere in the sample, and scripts (`#!`).
_MARKUP_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<(?:!doctype|html|head|body|script|iframe|svg|style|title|table|div|font|"
    rb"a|b|p|br|h1|\?xml|!--)(?:[\s>/]|$)|<!doctype|<\?xml|#!)",
    re.IGNORECASE,
)
_MARKUP_ANYWHERE = re.compile(
    rb"<\s*(?:script|svg|html|iframe|object|embed|\?xml|!doctype|body|meta|base|form)\b", re.IGNORECASE
)
NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def extension(name: str) -> str:
    """The lower-case extension of a file name ("" if none)."""
    return PurePosixPath(name.lower()).suffix


def sniff(head: bytes) -> str | None:
    """The allowed content type ``head`` (the file's first bytes) shows, or None (markup and scripts too)."""
    for magic, mime in MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if b"\x00" in head or _MARKUP_START.match(head) or _MARKUP_ANYWHERE.search(head):
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end of the sample is fine
        if not (exc.start >= len(head) - 3 and exc.reason.startswith("unexpected end")):
            return None
    return "text/plain"


def refusal(name: str, content: bytes) -> str | None:
    """Why a file is refused (a message code), or None when it is taken."""
    if NAME_CONTROL.search(name) or len(name) > 200 or "/" in name or "\\" in name:
        return "msg.file_name"
    if len(content) > MAX_FILE_BYTES:
        return "msg.file_too_large"
    if not content:
        return "msg.file_empty"
    expected = ALLOWED.get(extension(name))
    if expected is None:
        return "msg.file_type"
    if sniff(content[:SAMPLE_BYTES]) != expected:
        return "msg.file_content"
    return None
