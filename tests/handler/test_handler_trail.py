"""The Copilot trail check: the tree source by default, or a callable / "module:function" from config."""

from __future__ import annotations

import json

import pytest
from conftest import JSON
from handler_samples import VALID

TRAIL = "start>unexpected>checkout>ticket"


def known_trail(trail: str) -> bool:
    """A deployment's own check."""
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


REAL = "start>bug-env>bug-impact>bug-critical>ticket-bug"  # a path of copilot/tree.yml


@pytest.mark.parametrize(
    ("trail", "ticket_type", "status"),
    [
        ("", "technical", 201),  # no trail: not sent through Copilot
        (REAL, "technical", 201),
        (REAL, "financial", 422),  # the technical tree's path on a financial ticket
        ("start>ticket-bug", "technical", 422),  # skips steps
        ("a>b", "technical", 422),  # made up
        ("a\nb", "technical", 422),
    ],
)
def test_default_checks_the_tree_source(client, trail, ticket_type, status) -> None:  # type: ignore[no-untyped-def]
    data = dict(VALID[ticket_type], copilot_trail=trail)
    assert client.post(f"/api/tickets/{ticket_type}", data=data, headers=JSON).status_code == status


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


def test_tree_file_setting(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tree = tmp_path / "tree.yml"
    nodes = {
        "root": {"kind": "choice", "options": [{"next": "tech"}]},
        "tech": {"kind": "ticket", "type": "technical"},
    }
    tree.write_text(json.dumps({"root": "root", "nodes": nodes}))  # JSON is YAML
    client = make_app(COPILOT_TREE_FILE=str(tree)).test_client()
    ok = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail="root>tech"), headers=JSON
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/tickets/technical", data=dict(VALID["technical"], copilot_trail=REAL), headers=JSON
    )
    assert bad.status_code == 422


def test_missing_tree_fails_at_startup(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError, match="COPILOT_TREE_FILE"):
        make_app(COPILOT_TREE_FILE=str(tmp_path / "nowhere.yml"))
