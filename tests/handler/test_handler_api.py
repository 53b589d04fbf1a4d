"""POST /api/tickets/<type>: each type valid and invalid in each language, JSON and plain-form answers."""

from __future__ import annotations

import json
import re

import pytest
from conftest import JSON
from flask import Flask
from flask.testing import FlaskClient
from handler_samples import VALID
from sqlalchemy import select

from catalog.texts import t
from catalog.tickets import LANGUAGES, TICKET_TYPES
from handler import db

REQUIRED = {
    "es": "Este campo es obligatorio.",
    "en": "This field is required.",
    "pt": "Este campo é obrigatório.",
}
THANKS = {"es": "/soporte/thanks/", "en": "/en/support/thanks/", "pt": "/pt/suporte/thanks/"}


def _rows(app: Flask, table: str) -> list:
    with app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(getattr(db, table))).all()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_valid_json(client: FlaskClient, app: Flask, ticket_type: str, lang: str) -> None:
    response = client.post(
        f"/api/tickets/{ticket_type}", data=dict(VALID[ticket_type], language=lang), headers=JSON
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "queued" and body["ticket"].isdigit()
    tickets = _rows(app, "tickets")
    assert [(str(t.id), t.type, t.lang) for t in tickets] == [(body["ticket"], ticket_type, lang)]
    assert sorted(r.kind for r in _rows(app, "outbox")) == ["confirm", "team"]  # committed before the 201


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_valid_plain_form_redirects(client: FlaskClient, ticket_type: str, lang: str) -> None:
    response = client.post(
        f"/api/tickets/{ticket_type}",
        data=dict(VALID[ticket_type], language=lang),
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert response.status_code == 303
    assert re.fullmatch(re.escape(THANKS[lang]) + r"\?ticket=\d+", response.headers["Location"])


def test_site_url_prefixes_redirect(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(SITE_URL="https://help.example.com/").test_client()
    response = client.post("/api/tickets/financial", data=dict(VALID["financial"], language="en"))
    assert response.headers["Location"].startswith("https://help.example.com/en/support/thanks/?ticket=")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_invalid_json(client: FlaskClient, app: Flask, ticket_type: str, lang: str) -> None:
    data = dict(VALID[ticket_type], language=lang, description="  ", email="not-an-email")
    response = client.post(f"/api/tickets/{ticket_type}", data=data, headers=JSON)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["description"] == [REQUIRED[lang]]
    assert set(errors) == {"description", "email"}
    assert _rows(app, "tickets") == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_invalid_plain_form_shows_errors_and_keeps_values(
    client: FlaskClient, ticket_type: str, lang: str
) -> None:
    data = dict(VALID[ticket_type], language=lang, title="", name='<b>Zoë</b> "quoted"')
    response = client.post(f"/api/tickets/{ticket_type}", data=data)
    assert response.status_code == 422 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert f'action="/api/tickets/{ticket_type}"' in html
    # the error sits beside the title field, and what the user typed is kept, escaped
    assert re.search(
        rf'<p class="hc-error" id="hc-{ticket_type}-title-error">'
        + re.escape(REQUIRED[lang])
        + rf'</p><input type="text" id="hc-{ticket_type}-title"[^>]*aria-invalid="true"',
        html,
    )
    assert 'value="&lt;b&gt;Zoë&lt;/b&gt; &quot;quoted&quot;"' in html
    assert "<b>Zoë</b>" not in html
    assert f'value="{VALID[ticket_type]["email"]}"' in html
    assert f'name="language" value="{lang}"' in html
    home = {"es": "/", "en": "/en/", "pt": "/pt/"}[lang]  # a way back to the site, in the user's language
    back = {
        "es": "Volver al centro de ayuda",
        "en": "Back to the help center",
        "pt": "Voltar para a central de ajuda",
    }
    assert f'<a href="{home}">{back[lang]}</a>' in html
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_language_from_accept_language_when_field_missing(client: FlaskClient) -> None:
    data = dict(VALID["technical"], title="")
    response = client.post(
        "/api/tickets/technical", data=data, headers={**JSON, "Accept-Language": "pt-BR,pt;q=0.9,en;q=0.5"}
    )
    assert response.get_json()["errors"]["title"] == [REQUIRED["pt"]]
    response = client.post("/api/tickets/technical", data=data, headers=JSON)
    assert response.get_json()["errors"]["title"] == [REQUIRED["es"]]  # Spanish by default


def test_json_body(client: FlaskClient) -> None:
    response = client.post(
        "/api/tickets/commercial",
        data=json.dumps(dict(VALID["commercial"], language="en")),
        content_type="application/json",
        headers=JSON,
    )
    assert response.status_code == 201


def test_commercial_keeps_only_chosen_need_fields(client: FlaskClient, app: Flask) -> None:
    data = dict(VALID["commercial"], trade_policy_name="stale value typed before switching need")
    assert client.post("/api/tickets/commercial", data=data, headers=JSON).status_code == 201
    stored = json.loads(_rows(app, "tickets")[0].data)
    assert "trade_policy_name" not in stored and stored["additional_account_name"] == "mystore-dev"


def test_unknown_type_404(client: FlaskClient) -> None:
    response = client.post("/api/tickets/legal", data=VALID["technical"], headers=JSON)
    assert response.status_code == 404 and response.get_json()["error"] == "unknown_type"
    assert client.post("/api/tickets/legal", data=VALID["technical"]).status_code == 404


def test_healthz(client: FlaskClient) -> None:
    client.post("/api/tickets/financial", data=VALID["financial"], headers=JSON)
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["database"] is True
    assert body["outbox"]["pending"] == 2 and body["outbox"]["oldest_unsent_age_seconds"] >= 0


def test_openapi_lists_every_type_and_field(client: FlaskClient) -> None:
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    for ticket_type, form in TICKET_TYPES.items():
        post = doc["paths"][f"/api/tickets/{ticket_type}"]["post"]
        schema = post["requestBody"]["content"]["multipart/form-data"]["schema"]
        assert set(schema["properties"]) == set(form.field_names())
        assert {"201", "422", "400", "404", "413", "429"} <= set(post["responses"])
    subject = doc["paths"]["/api/tickets/financial"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]["properties"]["subject"]
    assert len(subject["enum"]) == 13


@pytest.mark.parametrize(
    ("body", "lang", "unknown"),
    [
        (b"name=\xff\xfe&title=x", "pt", None),  # not UTF-8: the body has no fields
        (b"%ZZ=%&&==&title", "en", ["", "%ZZ"]),  # broken escapes and empty names are kept as sent
        (b"", "es", None),  # no body at all
    ],
)
def test_a_broken_form_body_is_refused_in_the_users_language(
    client: FlaskClient, app: Flask, body: bytes, lang: str, unknown: list[str] | None
) -> None:
    response = client.post(
        "/api/tickets/technical",
        data=body,
        content_type="application/x-www-form-urlencoded",
        headers={**JSON, "Accept-Language": lang},
    )
    answer = response.get_json()
    if unknown is None:
        assert response.status_code == 422
        assert answer["errors"]["email"] == [REQUIRED[lang]]
    else:
        assert response.status_code == 400
        assert answer["fields"] == unknown
        assert answer["message"] == t("msg.unknown_fields", lang, fields=", ".join(unknown))
    with app.app_context(), db.engine().connect() as conn:
        assert conn.execute(select(db.tickets.c.id)).first() is None  # nothing stored
