"""The outbox against a real aiosmtpd: failures, recovery, exactly-once, dead letter, CLI, mail content."""

from __future__ import annotations

import io
import time
from collections import Counter

import pytest
from conftest import BACKENDS, JSON
from flask import Flask
from flask.testing import FlaskClient
from handler_samples import PDF, PNG, VALID
from sqlalchemy import select

from handler import db, outbox
from handler.sink import SmtpSink

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def _outbox(app: Flask) -> list:
    with app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(db.outbox).order_by(db.outbox.c.id)).all()


def _post(client: FlaskClient, ticket_type: str, **extra: str) -> str:
    response = client.post(
        f"/api/tickets/{ticket_type}", data=dict(VALID[ticket_type], **extra), headers=JSON
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["ticket"]


def _drain(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return outbox.drain(include_future=True)


def test_smtp_failures_then_recovery_exactly_once(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app = make_app(MAIL_TIMEOUT=0.5, OUTBOX_MAX_ATTEMPTS=50)
    client = app.test_client()
    numbers = [_post(client, t) for t in ("technical", "financial", "commercial", "technical")]
    for mode in ("421", "451", "refused", "hang"):
        if mode == "refused":
            smtp.stop()
        else:
            smtp.mode, smtp.hang_seconds = mode, 2.0
        assert _drain(app) == (0, 1), mode
        assert smtp.messages == []
        if mode == "refused":
            smtp.start()
    smtp.mode = "ok"
    # A client timeout after DATA is ambiguous in SMTP (the server may still accept): only the hang phase
    # should time out, so a loaded test machine cannot turn a slow 250 into a retry and a duplicate.
    app.config["MAIL_TIMEOUT"] = 30.0
    for _ in range(20):  # recover: one drain may stop at a failure; bounded loop
        _drain(app)
        if all(r.status == "sent" for r in _outbox(app)):
            break
    rows = _outbox(app)
    assert [r.status for r in rows] == ["sent"] * 8
    assert rows[0].attempts == 5 and "SMTP" in (rows[0].last_error or "SMTP")
    received = Counter(m["Message-ID"] for m in smtp.messages)
    assert received == Counter({r.message_id: 1 for r in rows})  # each exactly once, with its Message-ID
    team = {m["X-Helpcenter-Ticket"] for m in smtp.messages if m["To"].endswith("@localhost")}
    assert team == set(numbers)


def test_backoff_then_dead_letter_and_cli(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTBOX_MAX_ATTEMPTS=3, CONFIRMATION_EMAIL=False, OUTBOX_BACKOFF_BASE=60.0, OUTBOX_BACKOFF_MAX=3600.0
    )
    client, runner = app.test_client(), app.test_cli_runner()
    _post(client, "financial")
    smtp.mode = "451"
    with app.app_context():
        assert outbox.drain() == (0, 1)
        assert outbox.drain() == (0, 0)  # backing off: not due yet
    row = _outbox(app)[0]
    assert row.status == "pending" and row.next_attempt_at > time.time() + 30
    assert "451" in row.last_error
    for _ in range(2):
        result = runner.invoke(args=["outbox", "send", "--all"])
        assert result.exit_code == 1 and "failed 1" in result.output
    assert _outbox(app)[0].status == "dead"
    listing = runner.invoke(args=["outbox", "list", "--status", "dead"])
    assert "dead" in listing.output and row.message_id in listing.output and "dead=1" in listing.output
    smtp.mode = "ok"
    assert "requeued 1" in runner.invoke(args=["outbox", "retry", "--dead"]).output
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0 and "sent 1, failed 0" in result.output
    assert [m["Message-ID"] for m in smtp.messages] == [row.message_id]
    assert "requeued 0" in runner.invoke(args=["outbox", "retry", str(row.id)]).output  # sent stays sent
    assert runner.invoke(args=["outbox", "retry"]).exit_code != 0


def test_team_mail_content(client: FlaskClient, app: Flask, smtp: SmtpSink) -> None:
    data = dict(
        VALID["technical"],
        title="<script>alert(1)</script> & co",
        language="en",
        page="/en/support/technical/",
        copilot_trail="start>bug-env>bug-impact>bug-critical>ticket-bug",
        evidence=[(io.BytesIO(PNG), "shot.png"), (io.BytesIO(PDF), "informe año.pdf")],
    )
    response = client.post(
        "/api/tickets/technical", data=data, headers=JSON, content_type="multipart/form-data"
    )
    number = response.get_json()["ticket"]
    assert _drain(app) == (2, 0)
    team, confirm = smtp.messages
    rows = _outbox(app)
    assert team["Message-ID"] == rows[0].message_id and confirm["Message-ID"] == rows[1].message_id
    assert team["Subject"] == f"[{number}] [Technical] <script>alert(1)</script> & co"
    assert team["From"] == "Help Center <helpcenter@localhost>"
    assert team["To"] == "technical-support@localhost"
    assert team["Reply-To"].addresses[0].addr_spec == "ana@example.com"
    text = team.get_body(("plain",)).get_content()
    html = team.get_body(("html",)).get_content()
    for expected in (
        "Ana Pérez",
        "mystore",
        "[critical]",
        "[production]",
        "[shoppers]",
        "[job]",
        "[problem]",
        "/en/support/technical/",
        "start>bug-env>bug-impact>bug-critical>ticket-bug",
        "Pasos: 1, 2, 3.",
    ):
        assert expected in text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    files = {p.get_filename(): (p.get_content_type(), p.get_content()) for p in team.iter_attachments()}
    assert files == {"shot.png": ("image/png", PNG), "informe año.pdf": ("application/pdf", PDF)}
    # confirmation: to the requester, in their language, with the number; replies go to the team
    assert confirm["To"].addresses[0].addr_spec == "ana@example.com"
    assert confirm["Subject"] == f"We received your ticket {number}"
    assert confirm["Reply-To"] == "technical-support@localhost"
    assert f"ticket {number}" in confirm.get_body(("plain",)).get_content()
    assert "&lt;script&gt;" in confirm.get_body(("html",)).get_content()


def test_confirmation_language_and_switch(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    for lang, subject in (("es", "Recibimos tu ticket"), ("pt", "Recebemos seu ticket")):
        _post(app.test_client(), "financial", language=lang)
        _drain(app)
        assert smtp.messages[-1]["Subject"].startswith(subject)
    quiet = make_app(CONFIRMATION_EMAIL=False)
    _post(quiet.test_client(), "financial")
    assert [r.kind for r in _outbox(quiet)] == ["team"]


def test_recipients_from_config(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        RECIPIENTS={
            "technical": "t@team.example",
            "financial": "billing@team.example",
            "commercial": "sales@team.example",
        },
        MAIL_DEFAULT_SENDER="noreply@team.example",
    )
    for ticket_type in ("technical", "financial", "commercial"):
        _post(app.test_client(), ticket_type)
    _drain(app)
    team = [m for m in smtp.messages if "Auto-Submitted" not in m]
    assert [m["To"] for m in team] == ["t@team.example", "billing@team.example", "sales@team.example"]
    assert {m["From"] for m in smtp.messages} == {"noreply@team.example"}


def test_in_process_worker_sends_after_commit(make_app, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app = make_app(OUTBOX_WORKER_IN_PROCESS=True, OUTBOX_POLL_SECONDS=30.0)
    try:
        number = _post(app.test_client(), "commercial")
        mails = smtp.wait_for(2, timeout=10)  # woken by the commit, not by the 30 s poll
        assert {m["X-Helpcenter-Ticket"] for m in mails} == {number}
    finally:
        app.extensions["helpcenter_worker"].stop()


def test_hostile_name_stays_one_reply_to_address(client: FlaskClient, app: Flask, smtp: SmtpSink) -> None:
    name = 'Eve <eve@evil.example>, "x" <bcc@evil.example>; Zoë'
    _post(client, "financial", name=name)
    _drain(app)
    team, confirm = smtp.messages
    assert [a.addr_spec for a in team["Reply-To"].addresses] == ["ana@example.com"]
    assert [a.addr_spec for a in confirm["To"].addresses] == ["ana@example.com"]
    assert [rcpts for _, rcpts in smtp.envelopes] == [["financial-support@localhost"], ["ana@example.com"]]
    assert team["Reply-To"].addresses[0].display_name == "Eve eve evil.example x bcc evil.example Zoë"
    assert name in team.get_body(("plain",)).get_content()  # the body keeps what they typed
