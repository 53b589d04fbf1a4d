"""Every bad input the issue lists: each one refused (or, for the honeypot, silently dropped)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from conftest import JSON
from flask import Flask
from flask.testing import FlaskClient
from handler_samples import PNG, VALID
from sqlalchemy import select

from handler import db, outbox
from handler.sink import SmtpSink


def _count(app: Flask, table: str) -> int:
    with app.app_context(), db.engine().connect() as conn:
        return len(conn.execute(select(getattr(db, table))).all())


@pytest.mark.parametrize(
    "field", ["to", "recipients", "cc", "bcc", "recipient", "from", "sender", "reply_to"]
)
def test_choosing_recipients_rejected(client: FlaskClient, app: Flask, field: str) -> None:
    data = dict(VALID["technical"], **{field: "attacker@evil.example"})
    response = client.post("/api/tickets/technical", data=data, headers=JSON)
    assert response.status_code == 400
    assert response.get_json()["fields"] == [field]
    assert _count(app, "tickets") == 0


def test_fields_of_another_type_rejected(client: FlaskClient) -> None:
    data = dict(VALID["technical"], subject="admin_blocked", need="trade_policy")
    response = client.post("/api/tickets/technical", data=data, headers={**JSON, "Accept-Language": "en"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["fields"] == ["need", "subject"] and "need, subject" in body["message"]
    html = client.post("/api/tickets/technical", data=data, headers={"Accept-Language": "pt"})
    assert html.status_code == 400 and "campos desconhecidos" in html.get_data(as_text=True)


def test_file_in_text_field_rejected(client: FlaskClient) -> None:
    data = dict(VALID["technical"])
    del data["title"]
    data["title"] = (io.BytesIO(PNG), "t.png")
    response = client.post(
        "/api/tickets/technical", data=data, headers=JSON, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and response.get_json()["fields"] == ["title"]


@pytest.mark.parametrize("field", ["name", "title", "email", "account"])
def test_crlf_in_header_values_rejected(client: FlaskClient, field: str) -> None:
    value = (
        "x@example.com\r\nBcc: victim@example.com" if field == "email" else "Hi\r\nBcc: victim@example.com"
    )
    response = client.post(
        "/api/tickets/financial", data=dict(VALID["financial"], **{field: value}), headers=JSON
    )
    assert response.status_code == 422 and field in response.get_json()["errors"]


def _multipart(fields: dict[str, str], disposition: str, content: bytes) -> tuple[bytes, str]:
    boundary = "XyZb0undary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: image/png\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_crlf_in_filename_rejected(client: FlaskClient) -> None:
    # RFC 2231/5987 lets a client smuggle CR/LF into a filename; it would reach the attachment header.
    disposition = "form-data; name=\"evidence\"; filename*=UTF-8''a%0D%0ABcc%3A%20x%40evil.example.png"
    body, ctype = _multipart(VALID["technical"], disposition, PNG)
    response = client.post("/api/tickets/technical", data=body, content_type=ctype, headers=JSON)
    assert response.status_code == 422 and "evidence" in response.get_json()["errors"]
    body, ctype = _multipart(VALID["technical"], 'form-data; name="evidence"; filename="ok.png"', PNG)
    assert (
        client.post("/api/tickets/technical", data=body, content_type=ctype, headers=JSON).status_code == 201
    )


def test_attachment_type_by_content_not_name(client: FlaskClient) -> None:
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    data = dict(VALID["financial"], attachments=(io.BytesIO(exe), "receipt.pdf"))
    response = client.post(
        "/api/tickets/financial",
        data=data,
        content_type="multipart/form-data",
        headers={**JSON, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["attachments"] == [
        "The content of “receipt.pdf” does not match its extension. HTML pages, SVG and XML, scripts,"
        " archives and executables are not accepted."
    ]


def test_attachment_count_and_size(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app().test_client()
    files = [(io.BytesIO(PNG), f"{i}.png") for i in range(6)]
    response = client.post(
        "/api/tickets/technical",
        data=dict(VALID["technical"], evidence=files),
        content_type="multipart/form-data",
        headers=JSON,
    )
    assert response.status_code == 422 and "evidence" in response.get_json()["errors"]
    big = PNG + b"\x00" * (5 * 1024 * 1024)
    response = client.post(
        "/api/tickets/technical",
        data=dict(VALID["technical"], evidence=(io.BytesIO(big), "big.png")),
        content_type="multipart/form-data",
        headers=JSON,
    )
    assert response.status_code == 422 and "MB" in response.get_json()["errors"]["evidence"][0]


def test_max_content_length_413(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(MAX_CONTENT_LENGTH=64 * 1024).test_client()

    def data() -> dict:
        return dict(VALID["technical"], evidence=(io.BytesIO(PNG + b"\x00" * 100_000), "a.png"))

    response = client.post(
        "/api/tickets/technical",
        data=data(),
        content_type="multipart/form-data",
        headers={**JSON, "Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "too_large", "message": "The request is too large."}
    html = client.post("/api/tickets/technical", data=data(), content_type="multipart/form-data")
    assert html.status_code == 413 and "demasiado grande" in html.get_data(as_text=True)


def test_form_part_limits_413(client: FlaskClient) -> None:
    many_parts = {f"x{i}": "1" for i in range(200)}
    response = client.post(
        "/api/tickets/technical", data=many_parts, headers=JSON, content_type="multipart/form-data"
    )
    assert response.status_code == 413
    huge_text = dict(VALID["technical"], description="a" * 200_000)
    assert client.post("/api/tickets/technical", data=huge_text, headers=JSON).status_code == 413


def test_long_text_422(client: FlaskClient) -> None:
    response = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], description="a" * 5001), headers=JSON
    )
    assert response.status_code == 422 and "5000" in response.get_json()["errors"]["description"][0]


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        ("{not json", "application/json"),
        ('["a"]', "application/json"),
        ('{"name": 3}', "application/json"),
        ("hello", "text/plain"),
    ],
)
def test_bad_bodies_400(client: FlaskClient, body: str, ctype: str) -> None:
    response = client.post("/api/tickets/technical", data=body, content_type=ctype, headers=JSON)
    assert response.status_code == 400 and response.get_json()["error"] == "bad_request"


def test_honeypot_looks_accepted_nothing_sent(
    client: FlaskClient, app: Flask, smtp: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="handler.api"):
        response = client.post(
            "/api/tickets/technical", data=dict(VALID["technical"], website="http://spam"), headers=JSON
        )
    assert response.status_code == 201 and response.get_json()["status"] == "queued"
    assert "honeypot" in caplog.text
    with app.app_context():
        assert outbox.drain() == (0, 0)
    assert smtp.messages == [] and _count(app, "outbox") == 0


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("https://evil.example", 403),
        ("null", 403),
        ("http://localhost", 201),
        ("https://help.example.com", 201),
        ("https://partner.example", 201),
    ],
)
def test_origins(make_app, origin: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = make_app(
        SITE_URL="https://help.example.com", ALLOWED_ORIGINS=["https://partner.example"]
    ).test_client()
    response = client.post(
        "/api/tickets/technical",
        data=VALID["technical"],
        headers={**JSON, "Origin": origin, "Accept-Language": "en"},
    )
    assert response.status_code == status
    if status == 403:
        assert response.get_json()["message"] == "Origin not allowed."


def test_cross_site_without_origin_refused(client: FlaskClient) -> None:
    response = client.post(
        "/api/tickets/technical", data=VALID["technical"], headers={**JSON, "Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_rate_limit_429(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(RATELIMIT_ENABLED=True, TICKET_RATE_LIMIT="3 per minute").test_client()
    headers = {**JSON, "Accept-Language": "pt"}
    codes = [
        client.post("/api/tickets/financial", data=VALID["financial"], headers=headers).status_code
        for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    response = client.post("/api/tickets/financial", data=VALID["financial"], headers=headers)
    assert response.get_json()["message"].startswith("Muitas solicitações")
    other = client.post(
        "/api/tickets/financial",
        data=VALID["financial"],
        headers=JSON,
        environ_overrides={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert other.status_code == 201  # per client


def test_idempotency_same_ticket_one_mail(client: FlaskClient, app: Flask, smtp: SmtpSink) -> None:
    data = dict(VALID["technical"], idempotency_key="k-0123456789abcdef")
    first = client.post("/api/tickets/technical", data=data, headers=JSON).get_json()
    second = client.post("/api/tickets/technical", data=data, headers=JSON).get_json()
    assert first == second
    with app.app_context():
        assert outbox.drain() == (2, 0)
    assert len(smtp.messages) == 2  # team + confirmation, once
    other_type = client.post(
        "/api/tickets/financial",
        data=dict(VALID["financial"], idempotency_key=data["idempotency_key"]),
        headers=JSON,
    )
    assert other_type.status_code == 422 and "idempotency_key" in other_type.get_json()["errors"]
    bad_key = client.post("/api/tickets/technical", data=dict(data, idempotency_key="a b"), headers=JSON)
    assert bad_key.status_code == 422


def test_submitter_never_from_and_recipient_from_config(
    client: FlaskClient, app: Flask, smtp: SmtpSink
) -> None:
    client.post(
        "/api/tickets/commercial",
        data=json.dumps(VALID["commercial"]),
        content_type="application/json",
        headers=JSON,
    )
    with app.app_context():
        outbox.drain()
    team = next(m for m in smtp.messages if m["To"] == "commercial@localhost")
    assert "ana@example.com" not in team["From"] and "ana@example.com" in team["Reply-To"]
    assert [rcpts for _, rcpts in smtp.envelopes] == [["commercial@localhost"], ["ana@example.com"]]


def test_idempotency_under_concurrency(client: FlaskClient, app: Flask) -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = dict(VALID["financial"], idempotency_key="race-0123456789")

    def send(_: int) -> str:
        response = app.test_client().post("/api/tickets/financial", data=data, headers=JSON)
        assert response.status_code == 201
        return response.get_json()["ticket"]

    with ThreadPoolExecutor(8) as pool:
        numbers = set(pool.map(send, range(16)))
    assert len(numbers) == 1
    assert _count(app, "tickets") == 1 and _count(app, "outbox") == 2


def test_cors_only_for_allowed_origins(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(ALLOWED_ORIGINS=["https://partner.example"]).test_client()
    ok = client.options("/api/tickets/technical", headers={"Origin": "https://partner.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://partner.example"
    evil = client.options("/api/tickets/technical", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in evil.headers
