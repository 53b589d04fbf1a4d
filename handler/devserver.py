"""``python -m handler.devserver --site site --port 8000``: the whole thing on one origin, for development.

One process: the built static site, the ticket API, the outbox worker (a thread) and an aiosmtpd sink
on loopback whose messages are listed, escaped, at ``/dev/mail``. Never use this in production.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import mimetypes
import threading
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, send_file
from werkzeug.security import safe_join
from werkzeug.serving import BaseWSGIServer, make_server

from . import create_app
from .devreply import reply_as, reply_target
from .inbox_server import InboxServer
from .precompressed import choose
from .responses import page
from .sink import SmtpSink

dev = Blueprint("dev", __name__)


@dev.get("/dev/mail")
def dev_mail() -> Any:
    """The messages the sink received, newest first (a tiny mail catcher)."""
    folder = Path(current_app.config["DEV_MAIL_DIR"])
    mails = []
    for path in sorted(folder.glob("*.eml"), reverse=True)[:200]:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        mails.append(
            {
                "headers": [
                    (h, str(msg.get(h, "")))
                    for h in ("Date", "From", "To", "Reply-To", "Subject", "Message-ID")
                ],
                "text": body.get_content() if body else "",
                "files": [p.get_filename() for p in msg.iter_attachments()],
                "reply": reply_target(msg),
            }
        )  # type: ignore[attr-defined]
    return page(render_template("dev_mail.html", mails=mails, lang="en", title="Dev mail"))


@dev.post("/dev/mail/reply")
def dev_mail_reply() -> Any:
    """Send a real mail to the inbound listener, as the ticket's agent or its customer."""
    form = request.form
    error = reply_as(
        form.get("as", ""), form.get("ticket", ""), form.get("in_reply_to", ""), form.get("body", "")
    )
    if error:
        return page(render_template("ticket_error.html", lang="en", title="Dev mail", message=error), 502)
    return redirect("/dev/mail", code=303)


@dev.get("/", defaults={"path": ""})
@dev.get("/<path:path>")
def site(path: str) -> Any:
    """Serve the built MkDocs site like a static host: directory index, 404 page."""
    root = Path(current_app.config["SITE_DIR"])
    target = safe_join(str(root), path) if path else str(root)
    if target is None:
        abort(404)
    found = Path(target)
    if found.is_dir():
        if path and not path.endswith("/"):
            return redirect(f"/{path}/", code=301)
        found = found / "index.html"
    if found.is_file():
        return _send_static(found, 200)
    page = root / "404.html"
    if page.is_file():
        return _send_static(page, 404)
    abort(404)


def _send_static(path: Path, status: int) -> Any:
    """The file, or its precompressed copy when the browser accepts that encoding."""
    choice = choose(path, request.headers.get("Accept-Encoding"))
    mimetype = mimetypes.guess_type(path.name)[0]
    response = send_file(choice.path, mimetype=mimetype, max_age=0, conditional=status == 200)
    response.status_code = status
    if choice.encoding:
        response.headers["Content-Encoding"] = choice.encoding
    if choice.varies:
        response.vary.add("Accept-Encoding")
    return response


class DevStack:
    """Sink + app + HTTP server threads; ``start()``/``stop()``, used by ``main()`` and tests/stack.py."""

    def __init__(
        self,
        site: Path,
        instance: Path,
        port: int = 8000,
        host: str = "127.0.0.1",
        config: dict[str, Any] | None = None,
    ) -> None:
        self.site, self.instance, self.host, self.port = Path(site), Path(instance), host, port
        self.sink = SmtpSink(host, folder=self.instance / "devmail")
        self.inbox: InboxServer | None = None
        self.config = config or {}
        self.app: Flask | None = None
        self._server: BaseWSGIServer | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> DevStack:
        self.sink.start()
        settings = {
            "INSTANCE_PATH": str(self.instance),
            "MAIL_SERVER": self.host,
            "MAIL_PORT": self.sink.port,
            "MAIL_TIMEOUT": 5.0,
            "OUTBOX_WORKER_IN_PROCESS": True,
            "OUTBOX_POLL_SECONDS": 0.5,
            "OUTBOX_BACKOFF_BASE": 1.0,
            "SITE_DIR": str(self.site),
            "DEV_MAIL_DIR": str(self.sink.folder),
            "TICKET_RATE_LIMIT": "600 per minute",
            "INBOUND_ADDRESS": "support@helpcenter.localhost",  # replies by email, to the listener below
            **self.config,
        }
        self.app = app = create_app(settings)
        app.register_blueprint(dev)
        self._server = make_server(self.host, self.port, app, threaded=True)
        self.port = self._server.server_port
        app.config["SITE_URL"] = app.config["SITE_URL"] or self.base_url  # absolute links in mails
        self.inbox = InboxServer(app, self.host).start()
        app.config["DEV_INBOX_PORT"] = self.inbox.port
        threading.Thread(target=self._server.serve_forever, name="devserver", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self.app is not None and (worker := self.app.extensions.get("helpcenter_worker")):
            worker.stop()
        if self.inbox is not None:
            self.inbox.stop()
        self.sink.stop()


def main(argv: list[str] | None = None) -> None:
    """Command line entry point for ``make run``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built MkDocs site directory")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--instance", type=Path, default=Path("instance"), help="database and dev mail")
    args = parser.parse_args(argv)
    stack = DevStack(args.site.resolve(), args.instance.resolve(), port=args.port).start()
    print(
        f"Help center on {stack.base_url}/  (mail received: {stack.base_url}/dev/mail,"
        f" SMTP sink on {stack.host}:{stack.sink.port}, replies by email to {stack.host}:{stack.inbox.port})",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
