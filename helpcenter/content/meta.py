"""The header under an article's title: last update (all articles), status and module (known issues),
date and synopsis (announcements), with dates written the way each language writes them."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from catalog.texts import has, t
from helpcenter.content.labels import month, text


def parse_date(value: Any) -> dt.date | None:
    """A front-matter time (YAML datetime or ISO 8601 string) as a date; None when empty or invalid."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def format_date(day: dt.date, locale: str) -> str:
    """`2025-02-11` -> "11 de febrero de 2025" (es), "February 11, 2025" (en), "11 de fevereiro de 2025"."""
    return t("date.long", locale, day=day.day, month=month(day.month, locale), year=day.year)


def _time(day: dt.date, locale: str) -> str:
    return f'<time datetime="{day.isoformat()}">{format_date(day, locale)}</time>'


def _fact(cls: str, label: str, value: str) -> str:
    return (
        f'<span class="hc-fact hc-fact--{cls}"><span class="hc-fact__label">{html.escape(label)}:</span> '
        f"{value}</span>"
    )


def article_header(meta: dict[str, Any], locale: str, module: str | None = None) -> str:
    """HTML shown under the title of an article in the help-center-content format ("" for other pages)."""
    if "status" not in meta and "articleStatus" not in meta:  # the hook renames it away from Material
        return ""
    kind = meta.get("contentType")
    facts: list[str] = []
    synopsis = ""
    if kind == "knownIssue":
        status = str(meta.get("kiStatus") or "").strip()
        if status:
            label = text("ki", status.lower(), locale) if has(f"ki.{status.lower()}") else status
            slug = "".join(c if c.isalnum() else "-" for c in status.lower())
            facts.append(
                _fact(f"status hc-status--{slug}", text("meta", "status", locale), html.escape(label))
            )
        module = str(meta.get("tag") or module or "").strip()
        if module:
            facts.append(_fact("module", text("meta", "module", locale), html.escape(module)))
    if kind == "updates":
        day = parse_date(meta.get("publishedAt")) or parse_date(meta.get("firstPublishedAt"))
        if day:
            facts.append(_fact("published", text("meta", "published", locale), _time(day, locale)))
        value = meta.get(f"announcementSynopsis{locale.upper()}")
        if value:
            synopsis = f'<p class="hc-synopsis">{html.escape(str(value))}</p>'
    updated = parse_date(meta.get("updatedAt")) or parse_date(meta.get("publishedAt"))
    if updated and kind != "updates":
        facts.append(_fact("updated", text("meta", "updated", locale), _time(updated, locale)))
    if not facts and not synopsis:
        return ""
    return f'<div class="hc-article-meta">{"".join(facts)}</div>{synopsis}'


def with_header(content: str, title: str, header: str) -> str:
    """Put the header right under the page's `<h1>` (adding the title as `<h1>` when the body has none)."""
    if not header:
        return content
    end = content.find("</h1>")
    if end == -1:
        return f"<h1>{html.escape(title)}</h1>{header}{content}"
    end += len("</h1>")
    return content[:end] + header + content[end:]
