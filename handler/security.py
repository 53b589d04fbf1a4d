"""Request checks before validation: origin, content type, unknown fields, language, rate limit."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import Request, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from catalog.texts import LANGUAGES, norm_lang
from catalog.tickets import TicketForm


def init_limiter(app: Any) -> Limiter:
    """One limiter per app (its own storage: memory by default, ``RATELIMIT_STORAGE_URI`` for Redis).

    When the shared storage (Redis) is down, a contact form should still take tickets: each process
    then counts in its own memory with the same limit (one warning in the log, and the limits hold per
    process instead of across them) and goes back to Redis when it answers again. Never a 5xx. Only
    the ticket route is limited (``auto_check`` off), so health checks are never throttled.
    """
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK", app.config["TICKET_RATE_LIMIT"])
    limiter = Limiter(key_func=get_remote_address, app=app, auto_check=False)
    app.extensions["helpcenter_limiter"] = limiter
    return limiter


def check_rate_limit() -> None:
    """Count this ticket post against the client's limit; raises a 429 when it is exceeded."""
    limiter: Limiter = current_app.extensions["helpcenter_limiter"]
    if not limiter.enabled:  # skip Flask-Limiter's per-call stack inspection
        return
    with limiter.limit(ticket_rate_limit):
        pass


FILE_FIELDS = ("evidence", "attachments")


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed_origins(request: Request) -> set[str]:
    """The handler's own origin, the site's, and the configured extra ones."""
    cfg = current_app.config
    found = {_origin_of(request.host_url), _origin_of(cfg.get("SITE_URL") or "")}
    found.update(_origin_of(o) for o in cfg.get("ALLOWED_ORIGINS") or [])
    return found - {""}


def origin_ok(request: Request) -> bool:
    """Refuse browser requests from other sites (a form on evil.example posting here)."""
    origin = request.headers.get("Origin")
    if origin is None:
        # Non-browser clients send no Origin; a browser that omits it still marks cross-site requests.
        return request.headers.get("Sec-Fetch-Site", "same-origin") != "cross-site"
    return origin.lower() in allowed_origins(request)


def read_formdata(request: Request) -> MultiDict[str, Any]:
    """Form fields (+ files) from a form-encoded, multipart or JSON body; BadRequest otherwise."""
    mimetype = request.mimetype
    if mimetype != "multipart/form-data" and (request.content_length or 0) > int(
        current_app.config["MAX_FORM_MEMORY_SIZE"]
    ):
        raise RequestEntityTooLarge()  # text-only bodies get the text limit, not the file limit
    if mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not all(isinstance(v, str) for v in body.values()):
            raise BadRequest("JSON body must be an object of strings")
        return MultiDict(body)
    if mimetype == "application/x-www-form-urlencoded":
        return _urlencoded(request)
    if mimetype == "multipart/form-data":
        return CombinedMultiDict([request.files, request.form])
    raise BadRequest("unsupported content type")


def _urlencoded(request: Request) -> MultiDict[str, str]:
    """The fields of a form-encoded body, read the way Werkzeug's form parser reads them (the body is
    limited by ``MAX_CONTENT_LENGTH``; a body that is not UTF-8 has no fields), without the file and
    combined-dictionary layers a body that cannot hold files does not need."""
    try:
        items = parse_qsl(request.get_data().decode(), keep_blank_values=True, errors="werkzeug.url_quote")
    except ValueError:
        return MultiDict()
    return MultiDict(items)


def unknown_fields(form_cls: type[TicketForm], formdata: MultiDict[str, Any], request: Request) -> list[str]:
    """Names that are not this type's fields (recipients, other types' fields), or files in text fields."""
    known = set(form_cls.field_names())
    bad = {key for key in formdata.keys() if key not in known}
    if request.mimetype == "multipart/form-data":  # only multipart bodies carry files
        bad.update(key for key in request.files.keys() if key not in FILE_FIELDS)
    return sorted(bad)


def request_lang(formdata: MultiDict[str, Any] | None, request: Request) -> str:
    """The form's ``language`` field, else the browser's preference, else Spanish."""
    value = formdata.get("language") if formdata is not None else None
    if isinstance(value, str) and value in LANGUAGES:
        return value
    if "Accept-Language" not in request.headers:  # API clients often send none: nothing to parse
        return norm_lang(None)
    return norm_lang(request.accept_languages.best_match(LANGUAGES))


def ticket_rate_limit() -> str:
    """Configured per-client limit for ticket posts."""
    return str(current_app.config["TICKET_RATE_LIMIT"])


PREFLIGHT_METHODS = ("POST",)
PREFLIGHT_HEADERS = ("accept", "content-type")
PREFLIGHT_MAX_AGE = 600  # seconds a browser may reuse a preflight's answer


def _widget_file(path: str) -> bool:
    """The public files the embedded widget fetches from other origins (what `make run` serves)."""
    return path == "/widget.js" or path.startswith("/assets/") or path.endswith("/search/search_index.json")


def _preflight_ok(request: Request) -> bool:
    method = request.headers.get("Access-Control-Request-Method", "")
    asked = request.headers.get("Access-Control-Request-Headers", "")
    headers = {h.strip().lower() for h in asked.split(",") if h.strip()}
    return method in PREFLIGHT_METHODS and headers <= set(PREFLIGHT_HEADERS)


def add_cors(response: Any) -> Any:
    """CORS: the API answers its own origin, the site's and the configured embedding origins; anything else
    gets no CORS headers, and a preflight from it (or asking for more than a ticket post) a 403. The
    widget's public files may be read from any origin (they are the same for everyone)."""
    from flask import request

    origin = request.headers.get("Origin")
    if not origin:
        return response
    if not request.path.startswith("/api/"):
        if request.method in ("GET", "HEAD") and _widget_file(request.path) and response.status_code < 400:
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    allowed = origin.lower() in allowed_origins(request)
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.set_data(b"")
        response.headers.pop("Allow", None)
        if not (allowed and _preflight_ok(request)):
            response.status_code = 403
            return response
        response.status_code = 204
        response.headers["Access-Control-Allow-Methods"] = ", ".join(PREFLIGHT_METHODS)
        response.headers["Access-Control-Allow-Headers"] = ", ".join(PREFLIGHT_HEADERS)
        response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    if allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers.add("Vary", "Origin")
    return response
