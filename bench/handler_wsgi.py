"""WSGI factory for bench/handler_throughput.py: the real handler, plus on the same app a bare endpoint
and the ticket path without its store (which shows what the durable store costs)."""

from __future__ import annotations

from flask import Flask, jsonify, request

from catalog.tickets import reused_form
from handler import api, create_app, security
from handler.responses import accepted, invalid
from handler.trail import trail_validator


def create() -> Flask:
    """The handler configured from HELPCENTER_* env vars, with ``POST /bare`` as the baseline."""
    app = create_app()

    @app.post("/bare")
    def bare():  # type: ignore[no-untyped-def]
        return jsonify(ticket="0", status="queued"), 201

    @app.post("/validated/<ticket_type>")
    def validated(ticket_type: str):  # type: ignore[no-untyped-def]
        """The ticket view's steps up to the store: read, validate, collect the values; answer."""
        formdata = security.read_formdata(request)
        lang = security.request_lang(formdata, request)
        form = reused_form(ticket_type, formdata, lang=lang, trail_validator=trail_validator())
        if not form.validate():
            return invalid(form, lang)
        api._data(form)
        return accepted(lang, 0)

    return app
