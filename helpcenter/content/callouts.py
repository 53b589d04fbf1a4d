"""Callouts -> Material admonitions: `> ℹ️` note, `> ⚠️` warning, `> ❗` danger, `<div class="alert ...">`.

Works line by line on the Markdown (fenced code is left alone), so the result is ordinary `!!! kind`
admonition syntax that the `admonition` extension renders in the theme's style.
"""

from __future__ import annotations

import re

from helpcenter.content.labels import text

EMOJI_KINDS = {"ℹ": "note", "⚠": "warning", "❗": "danger", "❕": "danger", "‼": "danger"}
ALERT_KINDS = {
    "info": "note",
    "primary": "note",
    "secondary": "note",
    "light": "note",
    "dark": "note",
    "warning": "warning",
    "danger": "danger",
    "success": "success",
}
_QUOTE = re.compile(r"^(?P<indent>[ \t]*)>[ \t]?(?P<emoji>[ℹ⚠❗❕‼])\ufe0f?[ \t]*(?P<rest>.*)$")
_ALERT = re.compile(
    r"^(?P<indent>[ \t]*)<div\s+class=[\"'](?:[^\"']*\s)?alert\s+(?:[^\"']*\s)?"
    r"alert-(?P<kind>[a-z]+)\b[^\"']*[\"'][^>]*>(?P<rest>.*)$"
)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_DIV_TAG = re.compile(r"<div\b|</div\s*>", re.I)


def _admonition(indent: str, kind: str, locale: str, body: list[str]) -> list[str]:
    title = text("callout", kind, locale).replace('"', "'")
    while body and not body[0].strip():
        body = body[1:]
    while body and not body[-1].strip():
        body = body[:-1]
    lines = [f'{indent}!!! {kind} "{title}"']
    lines.extend(f"{indent}    {line}" if line.strip() else "" for line in body)
    return ["", *lines, ""]


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    return [line[cut:] for line in lines]


def _quote_body(lines: list[str], start: int, indent: str, first: str) -> tuple[list[str], int]:
    """The callout's lines without their `>` markers; returns them and the index after the quote."""
    body = [first] if first.strip() else []
    i = start + 1
    prefix = indent + ">"
    while i < len(lines):
        line = lines[i]
        if line.startswith(prefix):
            rest = line[len(prefix) :]
            body.append(rest[1:] if rest.startswith((" ", "\t")) else rest)
        elif line.strip() and body and body[-1].strip() and not line.lstrip().startswith(("#", "!!!", "<")):
            body.append(line.strip())  # lazy continuation of the quoted paragraph
        else:
            break
        i += 1
    return body, i


def _alert_body(lines: list[str], start: int, rest: str) -> tuple[list[str], int]:
    """The lines inside `<div class="alert ...">` up to its matching `</div>`."""
    depth = 1
    body: list[str] = []
    i, line = start, rest
    while True:
        for tag in _DIV_TAG.finditer(line):
            depth += -1 if tag.group(0).startswith("</") else 1
            if depth == 0:
                body.append(line[: tag.start()])
                return body, i + 1
        body.append(line)
        i += 1
        if i >= len(lines):
            return body, i
        line = lines[i]


def convert_callouts(markdown: str, locale: str) -> str:
    """Rewrite emoji and Bootstrap callouts of a page as admonitions (other lines unchanged)."""
    if not any(mark in markdown for mark in ("ℹ", "⚠", "❗", "❕", "‼", "alert-")):
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
            i += 1
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            i += 1
            continue
        quote = _QUOTE.match(line) if ">" in line else None
        if quote:
            body, i = _quote_body(lines, i, quote.group("indent"), quote.group("rest"))
            kind = EMOJI_KINDS[quote.group("emoji")]
            out.extend(_admonition(quote.group("indent"), kind, locale, body))
            continue
        alert = _ALERT.match(line) if "alert-" in line else None
        if alert:
            body, i = _alert_body(lines, i, alert.group("rest"))
            kind = ALERT_KINDS.get(alert.group("kind"), "note")
            out.extend(_admonition(alert.group("indent"), kind, locale, _dedent(body)))
            continue
        out.append(line)
        i += 1
    return "\n".join(out)
