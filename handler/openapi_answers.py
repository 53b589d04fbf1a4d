"""The answers of the ticket API for its OpenAPI description: every status with its media types and body.

A client that prefers JSON gets JSON; anything else (a browser's plain form post) gets a 303 or an HTML
page, so each status lists both, as the handler really answers.
"""

from __future__ import annotations

from typing import Any

from . import ERRORS

HTML = {"text/html": {"schema": {"type": "string"}}}
ERROR_CODES = sorted({*ERRORS.values(), "unknown_type", "origin", "unknown_fields"})
ERROR_BODY = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"enum": ERROR_CODES, "description": "Stable code"},
        "message": {"type": "string", "description": "For people, in the request's language"},
        "fields": {"type": "array", "items": {"type": "string"}, "description": "The unknown field names"},
    },
}
FIELD_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages per field name, in the request's language",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        }
    },
}
CREATED = {
    "type": "object",
    "required": ["ticket", "status"],
    "properties": {"ticket": {"type": "string", "pattern": "^[0-9]+$"}, "status": {"const": "queued"}},
}
RATE_HEADERS = {
    name: {"schema": {"type": "string"}, "description": text}
    for name, text in (
        ("Retry-After", "Seconds to wait"),
        ("X-RateLimit-Limit", "Requests allowed in the window"),
        ("X-RateLimit-Remaining", "Requests left in the window"),
        ("X-RateLimit-Reset", "When the window resets (Unix time)"),
    )
}


def _error(description: str, body: dict[str, Any] = ERROR_BODY) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": body}, **HTML}}


def ticket_responses() -> dict[str, Any]:
    """The answers to ``POST /api/tickets/<type>``."""
    return {
        "201": {
            "description": "Stored and queued for the support team (the client prefers JSON)",
            "content": {"application/json": {"schema": CREATED}},
        },
        "303": {
            "description": "Stored and queued (plain form post): go to the thank-you page with the number",
            "headers": {
                "Location": {
                    "required": True,
                    "schema": {"type": "string", "format": "uri-reference", "pattern": r"\?ticket=[0-9]+$"},
                }
            },
            "content": HTML,
        },
        "400": _error("Malformed body, unsupported content type or unknown fields"),
        "403": _error("The Origin is not this site's"),
        "404": _error("Unknown ticket type"),
        "413": _error("The request is too large"),
        "422": _error("Invalid fields: the form again with the messages beside the fields", FIELD_ERRORS),
        "429": {**_error("Too many tickets from this client: try later"), "headers": RATE_HEADERS},
        "500": _error("Internal error: the ticket was not stored"),
    }


def healthz_path() -> dict[str, Any]:
    """``GET /healthz``."""
    count = {"type": "integer", "minimum": 0}
    healthy = {
        "type": "object",
        "required": ["status", "database", "outbox"],
        "properties": {
            "status": {"const": "ok"},
            "database": {"const": True},
            "latency_ms": {"type": "number"},
            "outbox": {
                "type": "object",
                "properties": {
                    "pending": count,
                    "sent": count,
                    "dead": count,
                    "oldest_unsent_age_seconds": {"type": "number", "minimum": 0},
                },
            },
        },
    }
    down = {
        "type": "object",
        "required": ["status", "database"],
        "properties": {
            "status": {"const": "error"},
            "database": {"const": False},
            "error": {"type": "string"},
        },
    }
    return {
        "get": {
            "summary": "Database reachable, outbox depth, oldest unsent age",
            "operationId": "healthz",
            "responses": {
                "200": {"description": "Healthy", "content": {"application/json": {"schema": healthy}}},
                "503": {
                    "description": "Database unreachable",
                    "content": {"application/json": {"schema": down}},
                },
            },
        }
    }
