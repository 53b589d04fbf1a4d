"""JSON for API clients (``Accept: application/json``), redirects and escaped HTML pages for plain forms."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import Response, current_app, jsonify, redirect, render_template, request
from markupsafe import Markup
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from catalog.form_html import render_form
from catalog.texts import t
from catalog.tickets import TicketForm, form_schema

# The handler's own pages are static HTML with inline styles: nothing else may load or run.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def page(html: str, status: int = 200) -> Response:
    """An HTML page of the handler (error page, form with errors, dev mail) with a strict CSP."""
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def wants_json() -> bool:
    """JSON only when the client prefers it over HTML (a plain form post prefers HTML)."""
    return _prefers_json(request.headers.get("Accept", ""))


@lru_cache(maxsize=256)
def _prefers_json(accept: str) -> bool:
    """Decided once per ``Accept`` value: clients send the same few, and parsing one each time cost
    as much as answering."""
    best = parse_accept_header(accept, MIMEAccept).best_match(["text/html", "application/json"])
    return best == "application/json"


def thanks_url(lang: str, number: int) -> str:
    """The site's thank-you page in ``lang`` with the ticket number."""
    cfg = current_app.config
    return f"{(cfg['SITE_URL'] or '').rstrip('/')}{cfg['THANKS_PATHS'][lang]}?ticket={number}"


def accepted(lang: str, number: int) -> Response:
    """201 JSON or 303 to the thank-you page."""
    if wants_json():
        response = jsonify(ticket=str(number), status="queued")
        response.status_code = 201
        return response
    return redirect(thanks_url(lang, number), code=303)


def error(status: int, code: str, lang: str, **extra: Any) -> Response:
    """A non-form error (400/403/404/413/429) in the user's language."""
    fmt = {"fields": ", ".join(extra.get("fields", []))} if code == "unknown_fields" else {}
    message = t(f"msg.{code}", lang, **fmt)
    if wants_json():
        response = jsonify(error=code, message=message, **extra)
    else:
        response = page(
            render_template(
                "ticket_error.html",
                lang=lang,
                message=message,
                title=t("msg.error_title", lang),
                back=_back(),
            )
        )
    response.status_code = status
    return response


def site_home(lang: str) -> str:
    """The help center's home in `lang`, so the error page always offers a way back to the site."""
    cfg = current_app.config
    return f"{(cfg['SITE_URL'] or '').rstrip('/')}{cfg['HOME_PATHS'][lang]}"


def _back() -> str | None:
    """A same-site link back to the form, if the Referer is one."""
    referer = request.referrer or ""
    return referer if referer.startswith(request.host_url) or referer.startswith("/") else None


def invalid(form: TicketForm, lang: str) -> Response:
    """422: errors per field as JSON, or the site's own form again with the errors beside the fields and
    the values kept (files cannot be sent back: the user picks them again)."""
    if wants_json():
        response = jsonify(errors=form.errors)
    else:
        schema = form_schema(form.ticket_type, lang)
        values = {f["name"]: _value(form, f["name"]) for f in schema if f["kind"] not in ("file", "honeypot")}
        html = render_form(
            form.ticket_type,
            lang,
            schema,
            action=request.path,
            defaults=values,
            errors=form.errors,
            alert=t("msg.form_errors", lang),
        )
        response = page(
            render_template(
                "ticket_form.html",
                lang=lang,
                form_html=Markup(html),  # escaped by catalog.form_html
                title=t("msg.error_title", lang),
                home=site_home(lang),
                back_home=t("msg.back_home", lang),
            )
        )
    response.status_code = 422
    return response


def _value(form: TicketForm, name: str) -> str:
    data = form[name].data
    return data if isinstance(data, str) else ""
