"""The customer's pages, no passwords: ``/tickets/<lang>/`` asks for an email and mails a sign-in link
(the same answer whether or not tickets exist), then lists that address's tickets; a ticket's page
(signed link, or signed in as its requester) shows status and history and takes replies.

Plain HTML forms (no JavaScript), each with a signed form token and the origin check; escaped output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from limits import parse_many
from sqlalchemy import select
from werkzeug.exceptions import TooManyRequests

from catalog.checks import EMAIL
from catalog.languages import LANGUAGES
from catalog.texts import t

from . import db, lifecycle, security, tokens
from .lifecycle import ticket_state
from .responses import page, site_home

bp = Blueprint("dashboard", __name__)


@bp.app_template_filter("when")
def when(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def render(template: str, lang: str, status: int = 200, **context: Any) -> Response:
    """A page in ``lang`` with its language switcher (same path in the other languages)."""
    context.setdefault("title", t("site.my_tickets", lang))
    others = [
        (code, t(f"choice.language.{code}", code), _in_lang(code)) for code in LANGUAGES if code != lang
    ]
    html = render_template(
        template,
        lang=lang,
        tx=lambda key, **fmt: t(key, lang, **fmt),
        home=site_home(lang),
        others=others,
        my_tickets=url_for("dashboard.start", lang=lang),
        **context,
    )
    response = page(html, status)
    response.headers["Cache-Control"] = "no-store"  # private pages: never kept by a shared cache
    return response


def _in_lang(code: str) -> str:
    args = dict(request.view_args or {}, lang=code)
    if request.endpoint in ("dashboard.signin_link", "dashboard.signin", "dashboard.sign_out", None):
        return url_for("dashboard.start", lang=code)
    return url_for(request.endpoint, **args, **request.args.to_dict())


@bp.url_value_preprocessor
def _check_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is not None and "lang" in values and values["lang"] not in LANGUAGES:
        abort(404)


@bp.get("/")
def index() -> Response:
    return redirect(url_for("dashboard.start", lang=security.request_lang(None, request)))


@bp.get("/<lang>/")
def start(lang: str, error: str | None = None, status: int = 200) -> Response:
    """The email form, or the signed-in customer's tickets, newest first."""
    email = session.get("email")
    if not email:
        minutes = int(current_app.config["SIGNIN_LINK_MAX_AGE"]) // 60
        return render(
            "tickets_start.html",
            lang,
            status,
            minutes=minutes,
            error=error,
            token=tokens.form_token("signin"),
        )
    s, tk = ticket_state.c, db.tickets.c
    query = (
        select(tk.id, tk.type, tk.data, s.status, s.updated_at)
        .join(ticket_state, s.ticket_id == tk.id)
        .where(s.email == email)
        .order_by(s.ticket_id.desc())
        .limit(200)
    )
    with db.engine().connect() as conn:
        rows = [
            {
                "number": r.id,
                "type": r.type,
                "title": json.loads(r.data).get("title", ""),
                "status": r.status,
                "updated_at": r.updated_at,
                "url": url_for("dashboard.ticket", lang=lang, number=r.id),
            }
            for r in conn.execute(query)
        ]
    return render("tickets_list.html", lang, email=email, rows=rows, token=tokens.form_token("signout"))


def _form_ok(purpose: str) -> bool:
    return security.origin_ok(request) and tokens.form_token_ok(request.form.get("form_token", ""), purpose)


def _hit(limit: str, *identity: str) -> bool:
    """Count one try against ``limit`` (the limiter's storage: memory or Redis); False if over it."""
    limiter = current_app.extensions["helpcenter_limiter"]
    if not limiter.enabled:
        return True
    return all(limiter.limiter.hit(item, "signin", *identity) for item in parse_many(limit))


@bp.post("/<lang>/signin")
def signin(lang: str) -> Response:
    """Queue a sign-in link if the address has tickets; the same page either way (no enumeration)."""
    if not _form_ok("signin"):
        return start(lang, t("msg.form_expired", lang), 400)
    email = request.form.get("email", "").strip().lower()
    if len(email) > 254 or not EMAIL.match(email):
        return start(lang, t("msg.email", lang), 422)
    cfg = current_app.config
    digest = hashlib.sha256(email.encode()).hexdigest()
    if not _hit(cfg["SIGNIN_RATE_LIMIT"], "ip", request.remote_addr or "") or not _hit(
        cfg["SIGNIN_EMAIL_RATE_LIMIT"], "email", digest
    ):
        return start(lang, t("msg.rate_limited", lang), TooManyRequests.code)
    s = ticket_state.c
    with db.write() as conn:
        newest = conn.execute(
            select(s.ticket_id).where(s.email == email).order_by(s.ticket_id.desc()).limit(1)
        ).scalar()
        if newest is not None:
            lifecycle.queue(conn, newest, "signin", time.time(), tag=lang)
    worker = current_app.extensions.get("helpcenter_worker")
    if worker is not None:
        worker.wake()
    minutes = int(cfg["SIGNIN_LINK_MAX_AGE"]) // 60
    return render("tickets_sent.html", lang, email=email, minutes=minutes)


@bp.get("/<lang>/signin/<token>")
def signin_link(lang: str, token: str) -> Response:
    email = tokens.email_from_signin(token)
    if email is None:
        return start(lang, t("my.link_bad", lang), 400)
    session.clear()
    session["email"] = email
    return redirect(url_for("dashboard.start", lang=lang), code=303)


@bp.post("/<lang>/signout")
def sign_out(lang: str) -> Response:
    if _form_ok("signout"):
        session.clear()
    return redirect(url_for("dashboard.start", lang=lang), code=303)


from .ticket_page import ticket, ticket_reply  # noqa: E402,F401  (routes of this blueprint)

__all__ = ["bp", "render", "ticket", "ticket_reply"]
