"""Attachments: taken only when the name's extension AND the bytes are an allowed kind; everything a mail
client could open in a browser or run is refused in the sender's language, with no ticket and no mail."""

from __future__ import annotations

import io

import pytest
from conftest import JSON
from flask import Flask
from handler_samples import PDF, PNG, VALID
from sqlalchemy import func, select

from catalog.tickets import LANGUAGES, form_schema
from catalog.uploads import ALLOWED, FILE_ACCEPT, MAX_FILES, sniff
from handler import db, outbox
from handler.sink import SmtpSink

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0e\x00\x00\x00/\x00\x00\x00\x00\x07\x10\x11\xfd\x0f"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
LOG = "2024-05-01 12:00:03 ERROR checkout: timeout após 30 s — pedido 123\n".encode()

REFUSED = [
    ("report.html", HTML),
    ("report.txt", HTML),  # HTML named as text
    ("notes.log", b"\n\n  <html><p>hi</p></html>"),
    ("image.svg", SVG),
    ("image.png", SVG),  # SVG named as a PNG
    ("image.txt", SVG),
    ("data.csv", b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>'),
    ("page.txt", b"Dear team,\n<iframe src=https://evil.example></iframe>"),
    ("run.sh", b"#!/bin/sh\nrm -rf ~\n"),
    ("run.txt", b"#!/bin/sh\nrm -rf ~\n"),
    ("backup.zip", ZIP),
    ("backup.pdf", ZIP),
    ("setup.exe", EXE),
    ("setup.txt", EXE),
    ("tool.png", ELF),
    ("photo.jpg", PNG),  # a real PNG, but named .jpg: content and name must agree
    ("README", b"plain text without an extension"),
    ("invoice.pdf.exe", PDF),
    ("invoice\u202etxt.exe", b"text"),  # right-to-left override hides the real extension
]
TAKEN = [
    ("screen.png", PNG),
    ("SCREEN.PNG", PNG),
    ("photo.jpg", JPEG),
    ("photo.jpeg", JPEG),
    ("anim.gif", GIF),
    ("shot.webp", WEBP),
    ("receipt.pdf", PDF),
    ("server.log", LOG),
    ("notes.txt", b"a < b and c > d; see <https://example.com>"),  # angle brackets alone are text
    ("items.csv", b"sku,qty\nA-1,2\n"),
]
REFUSED_WORDS = {"es": "No se aceptan", "en": "not accepted", "pt": "não são aceitos"}


def _post(client, files: list[tuple[str, bytes]], lang: str = "en", accept: dict | None = None):  # type: ignore[no-untyped-def]
    data = dict(VALID["financial"], language=lang, attachments=[(io.BytesIO(b), n) for n, b in files])
    return client.post(
        "/api/tickets/financial", data=data, content_type="multipart/form-data", headers=accept or JSON
    )


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context(), db.engine().connect() as conn:
        tickets = conn.execute(select(func.count()).select_from(db.tickets)).scalar_one()
        queued = conn.execute(select(func.count()).select_from(db.outbox)).scalar_one()
    return tickets, queued


@pytest.mark.parametrize(("name", "content"), REFUSED, ids=[n for n, _ in REFUSED])
def test_refused_whatever_the_name(client, app: Flask, smtp: SmtpSink, name: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    response = _post(client, [("ok.png", PNG), (name, content)])
    assert response.status_code == 422, response.get_json()
    assert list(response.get_json()["errors"]) == ["attachments"]
    message = response.get_json()["errors"]["attachments"][0]
    assert name in message or message == "The file name is not valid."  # a deceptive name is not echoed
    assert _counts(app) == (0, 0)
    with app.app_context():
        assert outbox.drain(include_future=True) == (0, 0)
    assert smtp.messages == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusal_in_the_senders_language_beside_the_field(client, app: Flask, lang: str) -> None:  # type: ignore[no-untyped-def]
    message = _post(client, [("report.txt", HTML)], lang).get_json()["errors"]["attachments"][0]
    assert REFUSED_WORDS[lang] in message and "report.txt" in message
    page = _post(client, [("report.html", HTML)], lang, {"Accept": "text/html"})
    assert page.status_code == 422 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    field = html.index('data-hc-field="attachments"')
    error = html.index('id="hc-financial-attachments-error"')
    assert (
        field < error < html.index("</div>", field)
        and "report.html" in html[error : html.index("</p>", error)]
    )
    assert 'aria-describedby="hc-financial-attachments-help hc-financial-attachments-error"' in html
    assert _counts(app) == (0, 0)


def test_allowed_files_reach_the_team(client, app: Flask, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(TAKEN), MAX_FILES):
        batch = TAKEN[start : start + MAX_FILES]
        response = _post(client, batch)
        assert response.status_code == 201, response.get_json()
    with app.app_context():
        outbox.drain(include_future=True)
    team = [m for m in smtp.wait_for(4) if "Auto-Submitted" not in m]
    sent = {(p.get_filename(), p.get_content_type()) for m in team for p in m.iter_attachments()}
    assert sent == {(name, ALLOWED[f".{name.rsplit('.', 1)[1].lower()}"]) for name, _ in TAKEN}


def test_accept_attribute_and_help_say_what_the_validator_takes() -> None:
    assert FILE_ACCEPT.split(",") == list(ALLOWED)
    for ticket_type, name in (("technical", "evidence"), ("financial", "attachments")):
        for lang in LANGUAGES:
            field = next(f for f in form_schema(ticket_type, lang) if f["name"] == name)
            assert field["accept"] == FILE_ACCEPT
            assert all(ext in field["help"] for ext in ALLOWED) and str(MAX_FILES) in field["help"]


def test_sniff_names_only_allowed_kinds() -> None:
    assert sniff(PNG) == "image/png" and sniff(WEBP) == "image/webp" and sniff(LOG) == "text/plain"
    assert sniff("é".encode()[:1]) == "text/plain"  # a character cut at the end of the sample
    for content in (HTML, SVG, ZIP, EXE, ELF, b"\xff\xfe\x00x", b"\xc3\x28 bad utf-8 in the middle"):
        assert sniff(content) is None
