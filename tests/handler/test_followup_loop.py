"""The whole follow-up loop in each language, with real SMTP both ways and a real SQLite file:
ticket -> agent reply by SMTP -> customer signs in and sees it -> replies on the page -> the team gets it
threaded -> ``#solved`` -> customer mailed -> timeout -> closed -> a late reply is not added."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from conftest import JSON
from flask import Flask
from followup_support import (
    AGENT,
    CUSTOMER,
    FOLLOW_UP,
    drain,
    event_count,
    form_token,
    link_in,
    mail,
    send,
    status,
    text_of,
)
from handler_samples import PNG, VALID

from catalog.texts import t
from catalog.uploads import FILE_ACCEPT, TEXT_FACTS
from handler import lifecycle, tokens
from handler.inbox_server import InboxServer
from handler.sink import SmtpSink

QUOTE = {
    "es": "El mié, 20 dic 2023 a las 13:37, Soporte <s@x.org> escribió:\n> texto citado\n",
    "en": "On Wed, Dec 20, 2023 at 13:37, Support <s@x.org> wrote:\n> quoted text\n",
    "pt": "Em qua., 20 de dez. de 2023 às 13:37, Suporte <s@x.org> escreveu:\n> texto citado\n",
}


@pytest.fixture
def loop_app(make_app: Callable[..., Flask]) -> Iterator[tuple[Flask, InboxServer]]:
    app = make_app(**FOLLOW_UP)
    server = InboxServer(app).start()
    yield app, server
    server.stop()


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_whole_loop(loop_app: tuple[Flask, InboxServer], smtp: SmtpSink, lang: str) -> None:
    app, server = loop_app
    client = app.test_client()
    answer = client.post(
        "/api/tickets/technical", data={**VALID["technical"], "language": lang}, headers=JSON
    )
    number = int(answer.get_json()["ticket"])
    drain(app)
    team, confirm = smtp.wait_for(2)
    root = team["Message-ID"]
    with app.app_context():
        address = tokens.reply_address(number)
    assert team["Reply-To"].addresses[0].addr_spec == address
    assert confirm["Reply-To"] == address and confirm["Content-Language"] == lang
    assert client.get(link_in(confirm)).status_code == 200  # the private link opens the ticket

    # The agent answers from a mail client: quoted history and signature trimmed, the original kept.
    send(
        server.port,
        mail(AGENT, address, f"Can you send a screenshot?\n\n-- \nBob\nAcme\n\n{QUOTE[lang]}"),
        address,
    )
    assert status(app, number) == "awaiting_reply"
    drain(app)
    forwarded = smtp.wait_for(3)[2]
    assert forwarded["To"].addresses[0].addr_spec == CUSTOMER
    assert forwarded["In-Reply-To"] == root and forwarded["References"] == root
    assert forwarded["Reply-To"] == address and "Auto-Submitted" not in forwarded
    body = text_of(forwarded)
    assert "Can you send a screenshot?" in body and "quoted" not in body and "citado" not in body
    assert t("status.awaiting_reply", lang) in body

    # The customer asks for a sign-in link on "My tickets" and opens it.
    page = f"/tickets/{lang}/"
    sent = client.post(
        f"/tickets/{lang}/signin", data={"email": CUSTOMER, "form_token": form_token(client, page)}
    )
    assert sent.status_code == 200 and t("my.sent_title", lang) in sent.get_data(as_text=True)
    drain(app)
    signin = smtp.wait_for(4)[3]
    assert signin["Subject"] == t("mail.signin_subject", lang)
    assert client.get(link_in(signin)).status_code == 303
    listing = client.get(page).get_data(as_text=True)
    assert f">{number}</a>" in listing and t("status.awaiting_reply", lang) in listing
    ticket_page = f"/tickets/{lang}/{number}"
    html = client.get(ticket_page).get_data(as_text=True)
    assert "Can you send a screenshot?" in html and "Bob" not in html
    # The reply form's file help quotes the real limits, and its file input takes the same files.
    assert t("help.evidence", lang, **TEXT_FACTS) in html and "{max_files}" not in html
    assert f'accept="{FILE_ACCEPT}"' in html

    # The customer replies on the page with a file: the team gets it threaded, the status is open.
    reply = {
        "body": "Here it is.",
        "form_token": form_token(client, ticket_page),
        "attachments": (__import__("io").BytesIO(PNG), "shot.png"),
    }
    done = client.post(ticket_page, data=reply, content_type="multipart/form-data")
    assert done.status_code == 303 and status(app, number) == "open"
    drain(app)
    messages = smtp.wait_for(6)
    to_team = next(m for m in messages[4:] if m["To"] == "technical-support@localhost")
    to_customer = next(m for m in messages[4:] if m is not to_team)
    assert to_team["In-Reply-To"] == root and "Here it is." in text_of(to_team)
    assert [p.get_filename() for p in to_team.iter_attachments()] == ["shot.png"]
    assert t("status.open", lang) in text_of(to_customer)  # every status change is mailed

    # "#solved" on the first line: that status, the line itself not forwarded.
    send(server.port, mail(AGENT, address, "#solved\nFixed in version 2.3."), address)
    assert status(app, number) == "solved"
    drain(app)
    solved = smtp.wait_for(7)[6]
    assert "Fixed in version 2.3." in text_of(solved) and "#solved" not in text_of(solved)
    assert t("status.solved", lang) in text_of(solved)

    # Nobody answers for M days: closed, and the customer is told.
    with app.app_context():
        assert lifecycle.due_moves(time.time() + 8 * 86400) == 1
    assert status(app, number) == "closed"
    drain(app)
    closed = smtp.wait_for(8)[7]
    assert t("status.closed", lang) in text_of(closed) and closed["Auto-Submitted"] == "auto-generated"

    # A late reply by email: accepted, not added, answered politely with the way to a new ticket.
    before = event_count(app)
    send(server.port, mail(CUSTOMER, address, "It broke again"), address, frm=CUSTOMER)
    drain(app)
    polite = smtp.wait_for(9)[8]
    assert polite["To"] == CUSTOMER and str(number) in text_of(polite)
    assert event_count(app) == before + 1  # the kept original only, hidden from the history
    html = client.get(ticket_page).get_data(as_text=True)
    assert "It broke again" not in html and t("ticket.closed", lang, ticket=number) in html.replace(
        "&#39;", "'"
    )


def test_reply_on_solved_reopens_and_awaiting_moves_to_solved(loop_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app, server = loop_app
    client = app.test_client()
    number = int(
        client.post("/api/tickets/financial", data=VALID["financial"], headers=JSON).get_json()["ticket"]
    )
    with app.app_context():
        address = tokens.reply_address(number)
    send(server.port, mail(AGENT, address, "Which invoice?"), address)
    with app.app_context():
        assert lifecycle.due_moves(time.time() + 3 * 86400) == 0  # not yet N days
        assert lifecycle.due_moves(time.time() + 5 * 86400) == 1
    assert status(app, number) == "solved"
    send(server.port, mail(CUSTOMER, address, "Still no invoice."), address, frm=CUSTOMER)
    assert status(app, number) == "open"
    drain(app)
    to_team = [m for m in smtp.messages if m["To"] == "financial-support@localhost" and "Re:" in m["Subject"]]
    assert len(to_team) == 1 and "Still no invoice." in to_team[0].get_body().get_content()
