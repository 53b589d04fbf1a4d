"""Signed, unguessable links and addresses: a ticket's private link, the 30-minute sign-in link, the
token in the reply and sign-in forms, and the per-ticket reply address ``support+t123.<mac>@domain``.

Everything is signed with ``SECRET_KEY`` (itsdangerous, HMAC-SHA256 for the address): rotating the key
revokes every link and address at once. Without a configured key, one is made and kept in the instance
folder, so the web processes, the worker and the inbound listener share it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from flask import Flask, current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

FORM_MAX_AGE = 6 * 3600  # a form left open this long must be reloaded
MAC_LENGTH = 20  # hex digits of the address signature (80 bits)


def init_app(app: Flask) -> None:
    """Make sure there is a secret key (never one from the repository)."""
    if app.secret_key:
        return
    path = Path(app.instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    except FileExistsError:
        pass  # another process made it first
    app.secret_key = path.read_text().strip()


def _secret() -> bytes:
    return str(current_app.secret_key).encode()


def ticket_token(number: int) -> str:
    """The private link's token for a ticket (no expiry: revoked by rotating the key)."""
    return URLSafeSerializer(_secret(), salt="ticket-link").dumps(number)


def ticket_from_token(token: str) -> int | None:
    try:
        value = URLSafeSerializer(_secret(), salt="ticket-link").loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def signin_token(email: str) -> str:
    return URLSafeTimedSerializer(_secret(), salt="sign-in").dumps(email.lower())


def email_from_signin(token: str) -> str | None:
    """The address a sign-in link was mailed to, if the link is genuine and not expired."""
    max_age = int(current_app.config["SIGNIN_LINK_MAX_AGE"])
    try:
        value = URLSafeTimedSerializer(_secret(), salt="sign-in").loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    return value if isinstance(value, str) else None


def form_token(purpose: str) -> str:
    """A hidden field proving the form came from us (with the origin check: no cross-site posts)."""
    return URLSafeTimedSerializer(_secret(), salt="form").dumps(purpose)


def form_token_ok(token: str, purpose: str) -> bool:
    try:
        return URLSafeTimedSerializer(_secret(), salt="form").loads(token, max_age=FORM_MAX_AGE) == purpose
    except (BadSignature, SignatureExpired):
        return False


def _mac(number: int) -> str:
    digest = hmac.new(_secret(), f"reply-address:{number}".encode(), hashlib.sha256).hexdigest()
    return digest[:MAC_LENGTH]


def reply_address(number: int) -> str | None:
    """``support+t123.<mac>@domain`` from ``INBOUND_ADDRESS``, or None when replies by email are off."""
    base = current_app.config.get("INBOUND_ADDRESS")
    if not base:
        return None
    local, domain = str(base).rsplit("@", 1)
    return f"{local}+t{number}.{_mac(number)}@{domain}"


def ticket_from_address(address: str) -> int | None:
    """The ticket number of a genuine reply address (case-insensitive, as MTAs may fold it)."""
    base = current_app.config.get("INBOUND_ADDRESS")
    if not base or not isinstance(address, str):
        return None
    local, domain = str(base).lower().rsplit("@", 1)
    pattern = rf"{re.escape(local)}\+t(\d{{1,12}})\.([0-9a-f]{{{MAC_LENGTH}}})@{re.escape(domain)}"
    found = re.fullmatch(pattern, address.strip().strip("<>").lower())
    if not found:
        return None
    number = int(found.group(1))
    return number if hmac.compare_digest(found.group(2), _mac(number)) else None
