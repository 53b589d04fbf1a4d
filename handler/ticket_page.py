"""A ticket's page: status, history and the reply form (text + files, the same checks as new tickets).

Opened with the ticket's signed link (``?k=``) or by the signed-in requester; anything else, including
another customer's ticket number, is the same 404 as a ticket that does not exist.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, redirect, request, session, url_for
from sqlalchemy import select
from werkzeug.datastructures import CombinedMultiDict
from wtforms import Form, MultipleFileField, TextAreaField

from catalog import checks as v
from catalog.texts import t
from catalog.uploads import FILE_ACCEPT, TEXT_FACTS

from . import db, lifecycle, tokens
from .dashboard import _form_ok, bp, render
from .lifecycle import HIDDEN_KINDS, events
from .replies import Reply, apply
from .tickets import Upload

MAX_REPLY = 20000


class ReplyForm(Form):
    """The reply form; ``lang`` picks the language of its messages (read by our validators)."""

    body = TextAreaField(
        validators=[v.Required(), v.NoControl(), v.MaxLength(MAX_REPLY)], filters=[v.newlines]
    )
    attachments = MultipleFileField(validators=[v.Files()])

    def __init__(self, formdata: Any, lang: str) -> None:
        super().__init__(formdata)
        self.lang = lang


def _load(number: int) -> tuple[Any, Any] | None:
    """(ticket, state) if this request may see the ticket."""
    with db.engine().connect() as conn:
        found = conn.execute(
            select(db.tickets, lifecycle.ticket_state.c.status, lifecycle.ticket_state.c.email)
            .join(lifecycle.ticket_state, lifecycle.ticket_state.c.ticket_id == db.tickets.c.id)
            .where(db.tickets.c.id == number)
        ).first()
    if found is None:
        return None
    key = request.values.get("k", "")
    if tokens.ticket_from_token(key) == number or session.get("email") == found.email:
        return found, found.status
    return None


def _history(number: int) -> list[Any]:
    query = (
        select(events.c.at, events.c.actor, events.c.kind, events.c.status, events.c.body, events.c.filename)
        .where(events.c.ticket_id == number, events.c.kind.not_in(HIDDEN_KINDS))
        .order_by(events.c.id)
    )
    with db.engine().connect() as conn:
        return list(conn.execute(query))


def _show(lang: str, number: int, found: Any, form: ReplyForm | None = None, status: int = 200) -> Response:
    ticket, state = found
    key = request.values.get("k", "")
    return render(
        "ticket_page.html",
        lang,
        status,
        number=number,
        title=json.loads(ticket.data).get("title", ""),
        ticket_type=ticket.type,
        state=state,
        history=_history(number),
        form=form or ReplyForm(None, lang),
        action=url_for("dashboard.ticket", lang=lang, number=number),
        key=key if tokens.ticket_from_token(key) == number else "",
        token=tokens.form_token(f"reply:{number}"),
        sent=request.args.get("sent") == "1",
        signed_in=bool(session.get("email")),
        support=_support(lang),
        file_facts=TEXT_FACTS,  # the limits the file help quotes, as the site's forms quote them
        file_accept=FILE_ACCEPT,
    )


def _support(lang: str) -> str:
    from .notify import support_url

    return support_url(lang)


def _not_found(lang: str) -> Response:
    return render(
        "ticket_error.html", lang, 404, title=t("site.my_tickets", lang), message=t("ticket.not_found", lang)
    )


@bp.get("/<lang>/<int:number>")
def ticket(lang: str, number: int) -> Response:
    found = _load(number)
    return _show(lang, number, found) if found else _not_found(lang)


@bp.post("/<lang>/<int:number>")
def ticket_reply(lang: str, number: int) -> Response:
    """Store the reply (mailed to the team, status ``open``) and come back to the page (303)."""
    found = _load(number)
    if not found:
        return _not_found(lang)
    form = ReplyForm(CombinedMultiDict([request.files, request.form]), lang)
    if not _form_ok(f"reply:{number}"):
        form.body.errors = [t("msg.form_expired", lang)]
        return _show(lang, number, found, form, 400)
    if found[1] == "closed" or not form.validate():
        return _show(lang, number, found, form, 422)
    files = []
    for storage in form.attachments.data or []:
        if getattr(storage, "filename", ""):
            storage.stream.seek(0)
            content = storage.stream.read()
            files.append(Upload("attachments", storage.filename, v.sniff(content[:4096]) or "", content))
    apply(number, Reply("customer", form.body.data, _email(found), files))
    from .api import _wake

    _wake()
    args = {"k": request.values["k"]} if request.values.get("k") else {}
    return redirect(url_for("dashboard.ticket", lang=lang, number=number, sent=1, **args), code=303)


def _email(found: tuple[Any, Any]) -> str:
    return json.loads(found[0].data).get("email", "")
