"""SMTP on a 587-style set-up: STARTTLS with a verified certificate and AUTH, against a real aiosmtpd on
loopback with a throwaway self-signed certificate; one connection (one login) across many mails."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import JSON
from flask import Flask
from handler_samples import VALID

from handler import outbox
from handler.courier import Courier
from handler.sink import free_port

USER, PASSWORD = "helpcenter", "s3cret-for-tests"


def _certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class TlsAuthServer:
    """Accepts mail only after STARTTLS and a valid login; counts logins and keeps what it received."""

    def __init__(self) -> None:
        self.logins: list[str] = []
        self.received: list[dict[str, Any]] = []

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth: Any) -> AuthResult:
        ok = auth.login == USER.encode() and auth.password == PASSWORD.encode()
        self.logins.append(f"{mechanism}:{'ok' if ok else 'refused'}")
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append({"tls": session.ssl is not None, "data": envelope.content})
        return "250 OK"


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[TlsAuthServer, int, Path]]:
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler, port = TlsAuthServer(), free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        auth_require_tls=True,
        authenticator=handler.authenticate,
        ready_timeout=10,
    )
    controller.start()
    yield handler, port, cert
    controller.stop()


def _app(make_app, port: int, **extra: Any) -> Flask:  # type: ignore[no-untyped-def]
    settings = {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": True,
        "MAIL_USERNAME": USER,
        "MAIL_PASSWORD": PASSWORD,
        "MAIL_TIMEOUT": 5.0,
    }
    return make_app(**{**settings, **extra})


def _tickets(app: Flask, count: int) -> None:
    client = app.test_client()
    for _ in range(count):
        assert client.post("/api/tickets/financial", data=VALID["financial"], headers=JSON).status_code == 201


def test_starttls_and_auth_one_login_for_many_mails(make_app, tls_server) -> None:  # type: ignore[no-untyped-def]
    server, port, cert = tls_server
    app = _app(make_app, port, MAIL_TLS_CA_FILE=str(cert))
    _tickets(app, 3)
    with app.app_context():
        courier = Courier()
        assert outbox.drain(courier=courier) == (6, 0)
        _tickets(app, 1)
        assert outbox.drain(courier=courier) == (2, 0)  # the next drain reuses the connection
        courier.close()
    assert len(server.received) == 8 and all(m["tls"] for m in server.received)
    assert server.logins == ["PLAIN:ok"] or server.logins == ["LOGIN:ok"]
    assert courier.connections == 1


def test_wrong_password_is_a_retry_not_a_send(make_app, tls_server) -> None:  # type: ignore[no-untyped-def]
    server, port, cert = tls_server
    app = _app(make_app, port, MAIL_TLS_CA_FILE=str(cert), MAIL_PASSWORD="wrong")
    _tickets(app, 1)
    with app.app_context():
        assert outbox.drain() == (0, 1)
        assert "535" in _last_error(app)
    assert server.received == [] and server.logins[-1].endswith(":refused")


def test_unverified_certificate_never_gets_the_password(make_app, tls_server) -> None:  # type: ignore[no-untyped-def]
    server, port, _cert = tls_server
    app = _app(make_app, port)  # system CAs only: the self-signed certificate is refused
    _tickets(app, 1)
    with app.app_context():
        assert outbox.drain() == (0, 1)
        assert "CERTIFICATE_VERIFY_FAILED" in _last_error(app)
    assert server.logins == [] and server.received == []


def _last_error(app: Flask) -> str:
    from sqlalchemy import select

    from handler import db

    with db.engine().connect() as conn:
        return str(
            conn.execute(select(db.outbox.c.last_error).where(db.outbox.c.last_error.is_not(None))).scalar()
        )
