"""WTForms validators whose messages come in the form's language (``form.lang``).

Own validators rather than WTForms' built-ins so that every message is in our es/en/pt table, the
schema can read limits off them (``maxlength``, ``required``, ``show_if``) and files are checked by
content, not by name.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from typing import Any

from wtforms.validators import StopValidation, ValidationError

from .texts import t
from .uploads import FILE_ACCEPT, MAX_FILE_BYTES, MAX_FILES, TEXT_FACTS, refusal, sniff

__all__ = ["FILE_ACCEPT", "MAX_FILES", "sniff"]  # re-exported: the forms and the API read them here

# Character classes and patterns are written so that Python's `re` and ECMA-262 (JSON Schema's `pattern`,
# read by API clients) agree on them: the OpenAPI description quotes these very strings.
MULTI_LINE_BAD = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029"  # tab, LF and CR allowed
SINGLE_LINE_BAD = r"\x00-\x1f\x7f\u0085\u2028\u2029"
CONTROL = re.compile(f"[{MULTI_LINE_BAD}]")
CONTROL_OR_NEWLINE = re.compile(f"[{SINGLE_LINE_BAD}]")
EMAIL = re.compile(
    rf'^[^@\s"<>(),;:\\\[\]{SINGLE_LINE_BAD}]{{1,64}}@[A-Za-z0-9](?:[A-Za-z0-9-]{{0,62}}[A-Za-z0-9])?'
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$"
)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
PAGE = re.compile(rf'^(/|https?://)[^\s<>"{SINGLE_LINE_BAD}]*$')
KEY = re.compile(r"^[A-Za-z0-9_-]{8,100}$")


def _lang(form: Any) -> str:
    return getattr(form, "lang", "es")


def _text(field: Any) -> str:
    return field.data if isinstance(field.data, str) else ""


class Required:
    """Non-blank value required; stops the chain so only one message shows."""

    field_flags = {"required": True}

    def __call__(self, form: Any, field: Any) -> None:
        data = field.data
        empty = (not data.strip()) if isinstance(data, str) else (not data)
        if field.type == "MultipleFileField":
            empty = not [f for f in (data or []) if getattr(f, "filename", "")]
        if empty:
            field.errors[:] = []
            raise StopValidation(t("msg.required", _lang(form)))


class RequiredIf:
    """Required when ``need`` has one of ``values``; otherwise skipped (the API drops its value)."""

    def __init__(self, field: str, values: Sequence[str]) -> None:
        self.field, self.values = field, list(values)

    def __call__(self, form: Any, field: Any) -> None:
        if form[self.field].data in self.values:
            Required()(form, field)
            return
        field.errors[:] = []
        raise StopValidation()


class Optional:
    """Blank is fine: stop the chain without error."""

    def __call__(self, form: Any, field: Any) -> None:
        if not _text(field).strip():
            field.errors[:] = []
            raise StopValidation()


class MaxLength:
    """Length limit, read by the schema as ``maxlength``."""

    def __init__(self, max: int) -> None:
        self.max = max

    def __call__(self, form: Any, field: Any) -> None:
        if len(_text(field)) > self.max:
            raise ValidationError(t("msg.max_length", _lang(form), max=self.max))


def lines_pattern(bad: str, non_blank: bool) -> str:
    """The JSON Schema ``pattern`` of text free of ``bad`` characters (with one non-space one if asked)."""
    return f"^[^{bad}]*[^\\s{bad}][^{bad}]*$" if non_blank else f"^[^{bad}]*$"


class SingleLine:
    """No CR/LF or control characters: these values reach mail headers or the subject."""

    bad = SINGLE_LINE_BAD

    def __call__(self, form: Any, field: Any) -> None:
        if CONTROL_OR_NEWLINE.search(_text(field)):
            raise StopValidation(t("msg.crlf", _lang(form)))


class NoControl:
    """Multi-line text: newlines and tabs allowed, other control characters not."""

    bad = MULTI_LINE_BAD

    def __call__(self, form: Any, field: Any) -> None:
        if CONTROL.search(_text(field)):
            raise ValidationError(t("msg.crlf", _lang(form)))


class Email:
    """A plain ``local@domain.tld`` address: it becomes a Reply-To header."""

    regex = EMAIL

    def __call__(self, form: Any, field: Any) -> None:
        value = _text(field)
        if len(value) > 254 or not EMAIL.match(value):
            raise ValidationError(t("msg.email", _lang(form)))


class Pattern:
    """A regex check with one of our message codes."""

    def __init__(self, regex: re.Pattern[str], code: str) -> None:
        self.regex, self.code = regex, code

    def __call__(self, form: Any, field: Any) -> None:
        if not self.regex.match(_text(field)):
            raise ValidationError(t(self.code, _lang(form)))


class Trail:
    """Copilot trail: checked by the form's ``trail_validator`` (the handler sets one: handler/trail.py)."""

    def __call__(self, form: Any, field: Any) -> None:
        check: Callable[[str], bool] | None = getattr(form, "trail_validator", None)
        value = _text(field)
        if check is None:
            return
        try:
            if "ticket_type" in inspect.signature(check).parameters:
                ok = bool(check(value, ticket_type=getattr(form, "ticket_type", None)))
            else:
                ok = bool(check(value))
        except Exception:  # a broken validator must not turn a customer's ticket into a 500
            ok = False
        if not ok:
            raise ValidationError(t("msg.trail", _lang(form)))


class Files:
    """Count, then each file's name, size and content against the allowed list (``uploads.refusal``)."""

    def __init__(self, max_files: int = MAX_FILES) -> None:
        self.max_files = max_files

    def __call__(self, form: Any, field: Any) -> None:
        lang = _lang(form)
        files = [f for f in (field.data or []) if getattr(f, "filename", "")]
        if len(files) > self.max_files:
            raise StopValidation(t("msg.too_many_files", lang, max=self.max_files))
        for storage in files:
            stream = storage.stream
            stream.seek(0)
            content = stream.read(MAX_FILE_BYTES + 1)
            stream.seek(0)
            if code := refusal(storage.filename, content):
                raise ValidationError(t(code, lang, name=storage.filename, **TEXT_FACTS))


def newlines(value: object) -> object:
    """Browsers send textarea line breaks as CRLF; store plain LF (filter for multi-line fields)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
