"""OpenAPI 3.1 description of the ticket API, generated from the form definitions (no second copy)."""

from __future__ import annotations

from typing import Any

from catalog.tickets import TICKET_TYPES, form_schema


def _property(field: dict[str, Any]) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": "string", "description": field["label"]}
    if field["choices"]:
        prop["enum"] = [value for value, _ in field["choices"]]
    if field["maxlength"]:
        prop["maxLength"] = field["maxlength"]
    if field["kind"] == "email":
        prop["format"] = "email"
    if field["kind"] == "file":
        return {
            "type": "array",
            "maxItems": 5,
            "items": {"type": "string", "format": "binary"},
            "description": field["label"],
        }
    if field["kind"] == "honeypot":
        prop["description"] = "Honeypot: must be empty."
    return prop


def _schema(ticket_type: str, files: bool) -> dict[str, Any]:
    fields = [f for f in form_schema(ticket_type, "en") if files or f["kind"] != "file"]
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {f["name"]: _property(f) for f in fields},
        "required": [f["name"] for f in fields if f["required"]],
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                }
            }
        },
    }


def openapi() -> dict[str, Any]:
    """The whole document."""
    paths = {}
    for ticket_type in TICKET_TYPES:
        paths[f"/api/tickets/{ticket_type}"] = {
            "post": {
                "summary": f"Create a {ticket_type} ticket",
                "operationId": f"create_{ticket_type}_ticket",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {"schema": _schema(ticket_type, True)},
                        "application/x-www-form-urlencoded": {"schema": _schema(ticket_type, False)},
                        "application/json": {"schema": _schema(ticket_type, False)},
                    },
                },
                "responses": {
                    "201": {
                        "description": "Queued (with Accept: application/json)",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "ticket": {"type": "string"},
                                        "status": {"const": "queued"},
                                    },
                                }
                            }
                        },
                    },
                    "303": {"description": "Plain form post: redirect to the thank-you page"},
                    "422": {
                        "description": "Invalid fields, messages in the request's language",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "errors": {
                                            "type": "object",
                                            "additionalProperties": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                            },
                                        }
                                    },
                                }
                            }
                        },
                    },
                    "400": _error("Malformed body or unknown fields"),
                    "403": _error("Origin not allowed"),
                    "404": _error("Unknown ticket type"),
                    "413": _error("Request too large"),
                    "429": _error("Rate limited"),
                },
            }
        }
    paths["/healthz"] = {
        "get": {
            "summary": "Database reachable, outbox depth, oldest unsent age",
            "responses": {"200": {"description": "Healthy"}, "503": {"description": "Database unreachable"}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Help center ticket API", "version": "1.0.0"},
        "paths": paths,
    }
