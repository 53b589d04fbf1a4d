"""The ticket handler: a Flask app factory (``flask --app handler ...``, ``handler:create_app()``)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_mail import Mail
from werkzeug.exceptions import HTTPException

from . import config, db, lifecycle, security, tokens, trail  # noqa: F401  (lifecycle: its tables)

mail_ext = Mail()
ERRORS = {400: "bad_request", 413: "too_large", 429: "rate_limited", 500: "server_error"}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then ``instance/config.py``, then ``HELPCENTER_*`` env vars (or ``test_config``)."""
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("HELPCENTER_INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance or None)
    app.config.from_mapping(config.DEFAULTS)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("HELPCENTER")
    else:
        app.config.from_mapping(test_config)
    if app.config["PROXY_FIX_X_FOR"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["PROXY_FIX_X_FOR"]))  # type: ignore

    tokens.init_app(app)
    db.init_app(app)  # after `lifecycle` is imported: its tables are created too
    mail_ext.init_app(app)
    trail.init_app(app)
    security.init_limiter(app)
    from . import api, cli, dashboard, inbox_cli

    app.register_blueprint(api.bp)
    app.register_blueprint(dashboard.bp, url_prefix=app.config["TICKETS_PATH"])
    app.cli.add_command(cli.group)
    app.cli.add_command(inbox_cli.group)
    app.after_request(security.add_cors)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
    if app.config["OUTBOX_WORKER_IN_PROCESS"]:
        from .outbox import Worker

        worker = Worker(app)
        app.extensions["helpcenter_worker"] = worker
        worker.start()
    return app


def _http_error(exc: HTTPException) -> Any:
    """Known HTTP errors in the user's language, JSON or HTML like every other answer."""
    from flask import request

    from .responses import error

    code = exc.code or 500
    if code not in ERRORS:
        return exc
    return error(code, ERRORS[code], security.request_lang(None, request))


def _server_error(exc: Exception) -> Any:
    """Log the bug; tell the user the ticket was not saved (never a stack trace)."""
    logging.getLogger("handler").exception("unhandled error")
    from flask import request

    from .responses import error

    return error(500, "server_error", security.request_lang(None, request))
