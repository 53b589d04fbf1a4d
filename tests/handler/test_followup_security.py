"""Refusals of the follow-up: forged senders, bad or tampered addresses, auto-replies, expired or foreign
links, cross-site posts, enumeration and rate limits; the pipe's exit statuses."""

from __future__ import annotations

import smtplib
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import JSON
from flask import Flask
from followup_support import AGENT, CUSTOMER, FOLLOW_UP, drain, event_count, form_token, mail, send, status
from handler_samples import VALID
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from handler import tokens
from handler.inbox_server import InboxServer
from handler.sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(make_app: Callable[..., Flask]) -> Iterator[tuple[Flask, InboxServer, int, str]]:
    app = make_app(**FOLLOW_UP)
    number = int(
        app.test_client()
        .post("/api/tickets/technical", data=VALID["technical"], headers=JSON)
        .get_json()["ticket"]
    )
    with app.app_context():
        address = tokens.reply_address(number)
    server = InboxServer(app).start()
    yield app, server, number, address
    server.stop()


def test_forged_sender_refused_at_data_nothing_stored(served) -> None:  # type: ignore[no-untyped-def]
    app, server, number, address = served
    before = event_count(app)
    for forged in ("mallory@evil.example", f"{CUSTOMER}, mallory@evil.example", "not an address"):
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(server.port, mail(forged, address, "Close it #closed"), address, frm="mallory@evil.example")
        assert refused.value.smtp_code == 550
    assert event_count(app) == before and status(app, number) == "open"


def test_bad_or_tampered_address_refused_at_rcpt(served) -> None:  # type: ignore[no-untyped-def]
    app, server, number, address = served
    mac = address.split(".", 1)[1].split("@")[0]
    with app.app_context():
        other = tokens.reply_address(number + 1)  # genuine signature, no such ticket
    tampered = [
        address.replace(f"+t{number}.", f"+t{number + 1}."),
        address.replace(mac, mac[:-1] + ("0" if mac[-1] != "0" else "1")),
        address.replace("help.example.org", "evil.example"),
        other,
        "support@help.example.org",
    ]
    for bad in tampered:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            send(server.port, mail(AGENT, bad, "hello"), bad)
        assert refused.value.recipients[bad][0] == 550
    assert send(server.port, mail(AGENT, address.upper(), "Case folded by an MTA"), address.upper()) == {}


@pytest.mark.parametrize(
    "header", [("Auto-Submitted", "auto-replied"), ("Precedence", "bulk"), ("X-Autoreply", "yes")]
)
def test_auto_replies_accepted_and_dropped(served, header: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    app, server, number, address = served
    before = event_count(app)
    message = mail(CUSTOMER, address, "I am out of office")
    message[header[0]] = header[1]
    assert send(server.port, message, address, frm=CUSTOMER) == {}
    assert event_count(app) == before and status(app, number) == "open"


def test_bounce_dropped_and_duplicate_message_id_stored_once(served) -> None:  # type: ignore[no-untyped-def]
    app, server, number, address = served
    before = event_count(app)
    assert send(server.port, mail(CUSTOMER, address, "bounce"), address, frm="") == {}
    assert event_count(app) == before
    again = mail(AGENT, address, "Please retry", Message_ID="<same@mta.example>")
    send(server.port, again, address)
    send(server.port, again, address)  # the MTA retried after our 250 was lost
    assert event_count(app) == before + 2  # one message + one status change


def test_expired_signin_link_and_someone_elses_ticket(served, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    app, _server, number, _address = served
    client = app.test_client()
    other = client.post(
        "/api/tickets/financial", data={**VALID["financial"], "email": "bob@example.com"}, headers=JSON
    ).get_json()["ticket"]

    class Past(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 31 * 60  # signed 31 minutes ago

    with app.app_context():
        expired = URLSafeTimedSerializer(str(app.secret_key).encode(), salt="sign-in", signer=Past).dumps(
            CUSTOMER
        )
        fresh = tokens.signin_token("bob@example.com")
        key = tokens.ticket_token(number)
    answer = client.get(f"/tickets/en/signin/{expired}")
    assert answer.status_code == 400 and "expired" in answer.get_data(as_text=True)
    assert "Ana" not in client.get("/tickets/en/").get_data(as_text=True)
    assert client.get(f"/tickets/en/signin/{fresh}").status_code == 303  # signed in as Bob
    assert client.get(f"/tickets/en/{other}").status_code == 200
    assert client.get(f"/tickets/en/{number}").status_code == 404  # Ana's ticket, same 404 as none
    assert client.get(f"/tickets/en/{number}?k={key[:-2]}xx").status_code == 404  # tampered link
    assert client.get(f"/tickets/en/{other}?k={key}").status_code == 200  # Bob's own, any k
    anonymous = app.test_client()
    assert anonymous.get(f"/tickets/en/{other}?k={key}").status_code == 404  # Ana's key, Bob's ticket
    assert anonymous.get(f"/tickets/en/{number}?k={key}").status_code == 200
    assert anonymous.get("/tickets/xx/").status_code == 404


def test_signin_same_answer_csrf_and_rate_limit(make_app: Callable[..., Flask], smtp: SmtpSink) -> None:
    app = make_app(RATELIMIT_ENABLED=True, SIGNIN_EMAIL_RATE_LIMIT="2 per hour", **FOLLOW_UP)
    client = app.test_client()
    client.post("/api/tickets/technical", data=VALID["technical"], headers=JSON)
    pages = {}
    for email in (CUSTOMER, "nobody@example.com"):
        answer = client.post(
            "/tickets/en/signin", data={"email": email, "form_token": form_token(client, "/tickets/en/")}
        )
        pages[email] = (answer.status_code, answer.get_data(as_text=True).replace(email, "EMAIL"))
    assert pages[CUSTOMER] == pages["nobody@example.com"]  # no account enumeration
    drain(app)
    assert [m["To"].addresses[0].addr_spec for m in smtp.messages if "link" in m["Subject"]] == [CUSTOMER]
    token = form_token(client, "/tickets/en/")
    assert client.post("/tickets/en/signin", data={"email": CUSTOMER}).status_code == 400  # no form token
    evil = {"Origin": "https://evil.example"}
    assert (
        client.post(
            "/tickets/en/signin", data={"email": CUSTOMER, "form_token": token}, headers=evil
        ).status_code
        == 400
    )
    assert client.post("/tickets/en/signin", data={"email": CUSTOMER, "form_token": token}).status_code == 200
    limited = client.post("/tickets/en/signin", data={"email": CUSTOMER, "form_token": token})  # third
    assert limited.status_code == 429 and "Too many requests" in limited.get_data(as_text=True)


def test_reply_form_checks(served) -> None:  # type: ignore[no-untyped-def]
    app, _server, number, _address = served
    client = app.test_client()
    with app.app_context():
        page = f"/tickets/pt/{number}?k={tokens.ticket_token(number)}"
    token = form_token(client, page)
    empty = client.post(page, data={"body": "  ", "form_token": token})
    assert empty.status_code == 422 and "Este campo é obrigatório." in empty.get_data(as_text=True)
    hostile = client.post(
        page,
        data={
            "body": "<script>alert(1)</script>",
            "form_token": token,
            "attachments": (__import__("io").BytesIO(b"MZ\x00\x00"), "x.exe"),
        },
        content_type="multipart/form-data",
    )
    html = hostile.get_data(as_text=True)
    assert hostile.status_code == 422 and "<script>alert" not in html and "&lt;script&gt;" in html
    assert client.post(page, data={"body": "hi", "form_token": token.replace("a", "b")}).status_code == 400


def test_pipe_exit_statuses(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, _server, number, address = served
    env = {
        "HELPCENTER_DATABASE_URL": app.config["DATABASE_URL"],
        "HELPCENTER_INSTANCE_PATH": app.instance_path,
        "HELPCENTER_INBOUND_ADDRESS": FOLLOW_UP["INBOUND_ADDRESS"],
        "PATH": "/usr/bin:/bin",
    }

    def pipe(message: bytes, rcpt: str, sender: str = AGENT) -> int:
        command = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "handler",
            "inbox",
            "ingest",
            "--recipient",
            rcpt,
            "--sender",
            sender,
        ]
        return subprocess.run(
            command, input=message, cwd=ROOT, env=env, capture_output=True, timeout=60
        ).returncode

    assert pipe(mail(AGENT, address, "Any logs?").as_bytes(), address) == 0
    assert status(app, number) == "awaiting_reply"
    assert pipe(mail(AGENT, address, "x").as_bytes(), "support+t1.00@help.example.org") == 67
    assert pipe(mail("eve@evil.example", address, "x").as_bytes(), address, "eve@evil.example") == 77
    assert pipe(b"From: " + AGENT.encode() + b"\r\n\r\n" + b"x" * (31 * 2**20), address) == 77
