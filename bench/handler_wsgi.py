"""WSGI factory for bench/handler_throughput.py: the real handler plus a bare endpoint on the same app."""

from __future__ import annotations

from flask import Flask, jsonify

from handler import create_app


def create() -> Flask:
    """The handler configured from HELPCENTER_* env vars, with ``POST /bare`` as the baseline."""
    app = create_app()

    @app.post("/bare")
    def bare():  # type: ignore[no-untyped-def]
        return jsonify(ticket="0", status="queued"), 201

    return app
