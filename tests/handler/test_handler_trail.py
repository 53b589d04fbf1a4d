"""The pluggable Copilot trail check: a callable or a "module:function" from config."""

from __future__ import annotations

import json

import pytest
from conftest import JSON
from handler_samples import VALID

TRAIL = "start>unexpected>checkout>ticket"


def known_trail(trail: str) -> bool:
    """A stand-in for the Copilot's real check (issue 6)."""
    return trail == TRAIL


@pytest.mark.parametrize("spec", [known_trail, "test_handler_trail:known_trail"])
def test_configured_validator(make_app, spec) -> None:  # type: ignore[no-untyped-def]
    client = make_app(COPILOT_TRAIL_VALIDATOR=spec).test_client()
    ok = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail=TRAIL), headers=JSON
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/tickets/technical",
        data=dict(VALID["technical"], copilot_trail="start>nowhere", language="en"),
        headers=JSON,
    )
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {"copilot_trail": ["The Copilot trail is not valid."]}
    empty = client.post("/api/tickets/technical", data=VALID["technical"], headers=JSON)
    assert empty.status_code == 201  # the trail is optional


def test_without_validator_only_format(client) -> None:  # type: ignore[no-untyped-def]
    ok = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail="a>b"), headers=JSON
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail="a\nb"), headers=JSON
    )
    assert bad.status_code == 422


def test_bad_spec_fails_at_startup(make_app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        make_app(COPILOT_TRAIL_VALIDATOR=42)


def typed_check(trail: str, ticket_type: str | None = None) -> bool:
    """Like the Copilot's checker: a trail must end at a ticket node of the form's type."""
    return trail == TRAIL and ticket_type == "technical"


def test_validator_gets_ticket_type(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(COPILOT_TRAIL_VALIDATOR=typed_check).test_client()
    technical = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail=TRAIL), headers=JSON
    )
    assert technical.status_code == 201
    financial = client.post(
        "/api/tickets/financial", data=dict(VALID["financial"], copilot_trail=TRAIL), headers=JSON
    )
    assert financial.status_code == 422 and "copilot_trail" in financial.get_json()["errors"]


def test_tree_from_built_site(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tree = tmp_path / "site" / "assets" / "copilot"
    tree.mkdir(parents=True)
    nodes = {"root": {"k": "choice", "o": [{"n": "tech"}]}, "tech": {"k": "ticket", "ty": "technical"}}
    (tree / "es.json").write_text(json.dumps({"root": "root", "sep": ">", "nodes": nodes}))
    client = make_app(COPILOT_SITE_DIR=str(tmp_path / "site")).test_client()
    ok = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail="root>tech"), headers=JSON
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail="root>x"), headers=JSON
    )
    assert bad.status_code == 422
