"""``POST /api/tickets/<type>``, ``GET /healthz``, ``GET /api/openapi.json``."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy import text

from catalog.checks import sniff
from catalog.texts import t
from catalog.tickets import NEEDS, TICKET_TYPES, TicketForm, reused_form

from . import db, outbox, security
from .openapi import openapi
from .responses import accepted, error, invalid
from .tickets import Stored, Upload, store
from .trail import trail_validator

bp = Blueprint("api", __name__)
log = logging.getLogger("handler.api")


@bp.route("/api/tickets/<ticket_type>", methods=["POST"])
def create_ticket(ticket_type: str) -> Response:
    """Validate by type, commit ticket + outbox, answer 201/303 (or 4xx in the user's language)."""
    checked = validated(ticket_type)
    if isinstance(checked, Response):
        return checked
    form, lang = checked
    stored = store(ticket_type, lang, _data(form), _uploads(form), form.idempotency_key.data or None)
    if stored.ticket_type != ticket_type:
        form.idempotency_key.errors = [t("msg.idempotency_conflict", lang)]
        return invalid(form, lang)
    _wake()
    return accepted(lang, stored.number)


def validated(ticket_type: str) -> tuple[TicketForm, str] | Response:
    """The request's ticket form, valid, and the user's language; or the answer that ends the request
    (a refusal in that language, or the honeypot's look-alike success)."""
    security.check_rate_limit()
    if ticket_type not in TICKET_TYPES:
        return error(404, "unknown_type", security.request_lang(None, request))
    if not security.origin_ok(request):
        log.warning("refused origin %r", request.headers.get("Origin"))
        return error(403, "origin", security.request_lang(None, request))
    formdata = security.read_formdata(request)
    lang = security.request_lang(formdata, request)
    if bad := security.unknown_fields(TICKET_TYPES[ticket_type], formdata, request):
        return error(400, "unknown_fields", lang, fields=bad)
    form = reused_form(ticket_type, formdata, lang=lang, trail_validator=trail_validator())
    if formdata.get("website"):
        return _honeypot(form, ticket_type, lang)
    if not form.validate():
        return invalid(form, lang)
    return form, lang


# A commercial need's own fields, by name: the need they belong to.
NEED_OF = {
    name: need
    for form_cls in TICKET_TYPES.values()
    for name in form_cls.field_names()
    for need in NEEDS
    if name.startswith(need + "_")
}


def _data(form: TicketForm) -> dict[str, str]:
    """Validated text values; a commercial need's fields only for the chosen need."""
    need = form["need"].data if "need" in form else None
    data: dict[str, str] = {}
    for field in form.ordered():
        value = field.data
        if not isinstance(value, str) or not value or field.name == "website":
            continue
        owner = NEED_OF.get(field.name)
        if owner and owner != need:
            continue
        data[field.name] = value
    return data


def _uploads(form: TicketForm) -> list[Upload]:
    found = []
    for name in ("evidence", "attachments"):
        if name not in form:
            continue
        for storage in form[name].data or []:
            if getattr(storage, "filename", ""):
                storage.stream.seek(0)
                content = storage.stream.read()
                mime = sniff(content[:4096]) or "application/octet-stream"
                found.append(Upload(name, storage.filename, mime, content))
    return found


def _honeypot(form: TicketForm, ticket_type: str, lang: str) -> Response:
    """Looks accepted; stored as spam for the record, nothing queued."""
    data = {f.name: f.data for f in form.ordered() if isinstance(f.data, str) and f.data}
    stored: Stored = store(ticket_type, lang, data, [], None, spam=True)
    log.warning(
        "honeypot filled: ticket %s from %s stored as spam, not sent", stored.number, request.remote_addr
    )
    return accepted(lang, stored.number)


def _wake() -> None:
    worker = current_app.extensions.get("helpcenter_worker")
    if worker is not None:
        worker.wake()


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Database reachable, outbox depth, oldest unsent age."""
    started = time.perf_counter()
    try:
        with db.engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        stats: dict[str, Any] = outbox.stats()
    except Exception as exc:
        return jsonify(status="error", database=False, error=type(exc).__name__), 503
    return jsonify(
        status="ok", database=True, outbox=stats, latency_ms=round((time.perf_counter() - started) * 1000, 2)
    ), 200


@bp.get("/api/openapi.json")
def openapi_json() -> Response:
    """The API description, generated from the form definitions."""
    return jsonify(openapi(current_app.config.get("COPILOT_TREE_FILE")))
