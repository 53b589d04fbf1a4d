"""OpenAPI 3.1 description of the ticket API, generated from the form definitions (no second copy).

It says exactly what the handler takes, so that a client generated from it sends tickets that pass and a
fuzzer reaches the accepted path: non-blank required text, single-line patterns, choices, lengths, file
limits, the fields each commercial need requires, and every answer with its media types.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from catalog import uploads
from catalog.tickets import NEEDS, TICKET_TYPES, form_schema

from .openapi_answers import healthz_path, ticket_responses
from .trail_paths import trails


def _file_property(field: dict[str, Any]) -> dict[str, Any]:
    kinds = ", ".join(uploads.ALLOWED)
    return {
        "type": "array",
        "maxItems": uploads.MAX_FILES,
        "items": {
            "type": "string",
            "format": "binary",
            "description": f"At most {uploads.TEXT_FACTS['max_mb']} MB; the file name ends in one of {kinds}"
            " and the content is that kind of file (HTML, SVG, XML, scripts, archives, executables refused).",
        },
        "description": field["label"],
    }


def _property(field: dict[str, Any], ticket_type: str, tree: str | None = None) -> dict[str, Any]:
    """The field's schema as it is checked (for a commercial need's field: when that need is chosen)."""
    if field["kind"] == "file":
        return _file_property(field)
    prop: dict[str, Any] = {"type": "string", "description": field["label"]}
    if field["kind"] == "honeypot":
        return {**prop, "maxLength": 0, "description": "Honeypot: must be empty."}
    if field["name"] == "copilot_trail":
        return {**prop, "enum": ["", *trails(ticket_type, tree)]}
    if field["choices"]:
        prop["enum"] = [value for value, _ in field["choices"]]
    for key, schema_key in (("minlength", "minLength"), ("maxlength", "maxLength"), ("pattern", "pattern")):
        if field[key] is not None:
            prop[schema_key] = field[key]
    if field["kind"] == "email":
        prop["format"] = "email"
    return prop


def _conditions(fields: list[dict[str, Any]], ticket_type: str, tree: str | None) -> list[dict[str, Any]]:
    """``if need == X then X's fields are required and checked``; other needs' fields are dropped unread."""
    rules = []
    for need in NEEDS:
        own = [f for f in fields if f["show_if"] and need in f["show_if"]["values"]]
        if own:
            rules.append(
                {
                    "if": {"properties": {"need": {"const": need}}, "required": ["need"]},
                    "then": {
                        "required": [f["name"] for f in own],
                        "properties": {f["name"]: _property(f, ticket_type, tree) for f in own},
                    },
                }
            )
    return rules


def _loose(field: dict[str, Any]) -> dict[str, Any]:
    """A need's field when another need is chosen: ignored, bounded only by the request size."""
    return {"type": "string", "maxLength": field["maxlength"] or 60, "description": field["label"]}


@cache
def _schema(ticket_type: str, files: bool, tree: str | None) -> dict[str, Any]:
    fields = [f for f in form_schema(ticket_type, "en") if files or f["kind"] != "file"]
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            f["name"]: _loose(f) if f["show_if"] else _property(f, ticket_type, tree) for f in fields
        },
        "required": [f["name"] for f in fields if f["required"]],
    }
    if rules := _conditions(fields, ticket_type, tree):
        schema["allOf"] = rules
    return schema


def _operation(ticket_type: str, tree: str | None) -> dict[str, Any]:
    return {
        "summary": f"Create a {ticket_type} ticket",
        "operationId": f"create_{ticket_type}_ticket",
        "description": "Answers in JSON when the request's Accept header prefers application/json; "
        "otherwise as a plain form post does (303 to the thank-you page, or an HTML page). Messages come "
        "in the `language` field's language, else Accept-Language's, else Spanish.",
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": _schema(ticket_type, True, tree)},
                "application/x-www-form-urlencoded": {"schema": _schema(ticket_type, False, tree)},
                "application/json": {"schema": _schema(ticket_type, False, tree)},
            },
        },
        "responses": ticket_responses(),
    }


def openapi(tree: str | None = None) -> dict[str, Any]:
    """The whole document; ``tree``: the Copilot tree file the trail check reads (default: the repo's)."""
    paths: dict[str, Any] = {f"/api/tickets/{t}": {"post": _operation(t, tree)} for t in TICKET_TYPES}
    paths["/healthz"] = healthz_path()
    return {
        "openapi": "3.1.0",
        "info": {"title": "Help center ticket API", "version": "1.1.0"},
        "paths": paths,
    }
