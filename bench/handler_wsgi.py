"""WSGI factory for bench/handler_throughput.py: the real handler, plus on the same app a bare endpoint
and the ticket path without its store (which shows what the durable store costs)."""

from __future__ import annotations

from flask import Flask, Response, jsonify

from handler import api, create_app
from handler.responses import accepted


def create() -> Flask:
    """The handler configured from HELPCENTER_* env vars, with ``POST /bare`` as the baseline."""
    app = create_app()

    @app.post("/bare")
    def bare():  # type: ignore[no-untyped-def]
        return jsonify(ticket="0", status="queued"), 201

    @app.post("/validated/<ticket_type>")
    def validated(ticket_type: str):  # type: ignore[no-untyped-def]
        """The ticket view without its store: read, validate, collect the values; answer."""
        checked = api.validated(ticket_type)
        if isinstance(checked, Response):
            return checked
        form, lang = checked
        api._data(form)
        return accepted(lang, 0)

    return app
