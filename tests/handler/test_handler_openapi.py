"""The OpenAPI description says what the validators check: the same patterns, limits and conditions."""

from __future__ import annotations

import re

import pytest
from handler_samples import VALID
from werkzeug.datastructures import MultiDict

from catalog.tickets import NEEDS, make_form
from catalog.uploads import MAX_FILES
from handler.openapi import openapi
from handler.trail_paths import trails

DOC = openapi()


def _body(ticket_type: str, media: str = "application/json") -> dict:
    return DOC["paths"][f"/api/tickets/{ticket_type}"]["post"]["requestBody"]["content"][media]["schema"]


def _accepted(ticket_type: str, **fields: str) -> bool:
    return make_form(ticket_type, MultiDict(dict(VALID[ticket_type], **fields))).validate()


def _matches(prop: dict, value: str) -> bool:
    ok = len(value) >= prop.get("minLength", 0) and len(value) <= prop.get("maxLength", 10**9)
    return ok and ("pattern" not in prop or re.search(prop["pattern"], value) is not None)


VALUES = ["", " ", "\t", "ok", " ok ", "a\nb", "a\rb", "a\tb", "a\x00b", "a\u2028b", "x" * 151, "Zoë 💡"]
VALUES += ["ana@example.com", "ana@example", "a b@example.com", "a\n@example.com", "/ok", "https://x.y/p?q=1"]


@pytest.mark.parametrize("name", ["name", "account", "title", "description", "email", "agency", "page"])
def test_schema_and_validator_agree(name: str) -> None:
    prop = _body("technical")["properties"][name]
    for value in VALUES:
        if _matches(prop, value):  # whatever the schema allows, the handler takes
            assert _accepted("technical", **{name: value}), (name, value)
        elif name in _body("technical")["required"] and value.strip() == "":
            assert not _accepted("technical", **{name: value}), (name, value)


def test_required_text_is_non_blank_and_single_line() -> None:
    props = _body("financial")["properties"]
    assert props["title"]["minLength"] == 1 and not re.search(props["title"]["pattern"], "   ")
    assert not re.search(props["title"]["pattern"], "a\r\nBcc: x@evil.example")
    assert re.search(props["description"]["pattern"], "line 1\nline 2")
    assert props["subject"]["enum"][0] == "admin_blocked" and props["website"]["maxLength"] == 0


def test_files_limited_by_the_validator_constant() -> None:
    evidence = _body("technical", "multipart/form-data")["properties"]["evidence"]
    assert evidence["maxItems"] == MAX_FILES and evidence["items"]["format"] == "binary"
    assert "evidence" not in _body("technical")["properties"]  # JSON and form-encoded bodies carry no file


def test_commercial_needs_are_conditional() -> None:
    schema = _body("commercial")
    rules = {r["if"]["properties"]["need"]["const"]: r["then"] for r in schema["allOf"]}
    assert set(rules) == set(NEEDS)
    assert rules["additional_account"]["required"] == [
        "additional_account_name",
        "additional_account_purpose",
    ]
    assert (
        rules["white_label_franchise"]["properties"]["white_label_franchise_admin_email"]["format"] == "email"
    )
    assert "additional_account_name" not in schema["required"]


def test_trails_are_the_trees_paths_for_the_type() -> None:
    enum = _body("technical")["properties"]["copilot_trail"]["enum"]
    assert enum[0] == "" and set(enum[1:]) == set(trails("technical")) and len(enum) > 1
    assert not set(trails("technical")) & set(trails("financial"))


def test_every_answer_has_its_media_types() -> None:
    responses = DOC["paths"]["/api/tickets/technical"]["post"]["responses"]
    assert set(responses) == {"201", "303", "400", "403", "404", "413", "422", "429", "500"}
    assert responses["303"]["headers"]["Location"]["required"] is True
    for status in ("400", "403", "404", "413", "422", "429", "500"):
        assert set(responses[status]["content"]) == {"application/json", "text/html"}
    assert responses["422"]["content"]["application/json"]["schema"]["required"] == ["errors"]
