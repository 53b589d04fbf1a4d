"""Hypothesis over the form fields: whatever a client sends, the handler never answers 500."""

from __future__ import annotations

import json

from conftest import JSON
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.tickets import TICKET_TYPES, form_schema

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
NAMES = sorted({f["name"] for t in TICKET_TYPES for f in form_schema(t, "en")} | {"to", "bcc", "x"})
CHOICES = sorted({c[0] for t in TICKET_TYPES for f in form_schema(t, "en") for c in (f["choices"] or [])})
VALUE = st.one_of(
    TEXT, st.sampled_from(CHOICES), st.just(""), st.just("a@b.co"), st.sampled_from(["es", "en", "pt"])
)
ALLOWED = {201, 400, 403, 404, 413, 422, 429}

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(
    ticket_type=st.sampled_from([*TICKET_TYPES, "other"]),
    fields=st.dictionaries(st.sampled_from(NAMES), VALUE, max_size=14),
    as_json=st.booleans(),
    accept_json=st.booleans(),
)
def test_never_500(
    client: FlaskClient, ticket_type: str, fields: dict[str, str], as_json: bool, accept_json: bool
) -> None:
    headers = JSON if accept_json else {"Accept": "text/html"}
    if as_json:
        response = client.post(
            f"/api/tickets/{ticket_type}",
            data=json.dumps(fields),
            content_type="application/json",
            headers=headers,
        )
    else:
        response = client.post(f"/api/tickets/{ticket_type}", data=fields, headers=headers)
    status = 303 if not accept_json else 201
    assert response.status_code in ALLOWED | {status}, response.get_data(as_text=True)[:500]


@FUZZ
@given(
    body=st.binary(max_size=400),
    ctype=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "multipart/form-data",
            "text/plain",
            "",
        ]
    ),
)
def test_raw_bodies_never_500(client: FlaskClient, body: bytes, ctype: str) -> None:
    response = client.post("/api/tickets/technical", data=body, content_type=ctype, headers=JSON)
    assert response.status_code in ALLOWED, response.get_data(as_text=True)[:500]


@FUZZ
@given(content=st.binary(max_size=2000), filename=TEXT, count=st.integers(0, 7))
def test_random_files_never_500(client: FlaskClient, content: bytes, filename: str, count: int) -> None:
    import io

    from handler_samples import VALID

    files = [(io.BytesIO(content), filename or "f") for _ in range(count)]
    response = client.post(
        "/api/tickets/financial",
        data=dict(VALID["financial"], attachments=files),
        content_type="multipart/form-data",
        headers=JSON,
    )
    assert response.status_code in ALLOWED, response.get_data(as_text=True)[:500]
