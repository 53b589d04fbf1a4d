"""Legacy URLs: every article is also reachable at the paths the old help center used.

`/<loc>/tracks/<trackSlug>--<trackId>/<id>`, `/<loc>/tutorial|faq|known-issues|announcements/<slug>--<id>`
and `/<loc>/docs/<kind>/<slug>`, each a small static page (meta refresh + canonical, relative target).
"""

from __future__ import annotations

import html
from pathlib import Path

from catalog.languages import DEFAULT_LANGUAGE
from helpcenter.articles import Article
from helpcenter.content.index import LEGACY_FORMS, ContentIndex, article_slugs
from helpcenter.content.links import relative_url

MARKER = "<!-- hc-redirect -->"
KIND_OF_TYPE = {
    "trackArticle": "tracks",
    "tutorial": "tutorials",
    "frequentlyAskedQuestion": "faq",
    "knownIssue": "known-issues",
    "updates": "announcements",
}
_UNSAFE = set("<>\"'\\?#%") | {" "}


def _safe(segment: str) -> bool:
    return (
        bool(segment) and segment not in (".", "..") and "/" not in segment and not (_UNSAFE & set(segment))
    )


def legacy_paths(article: Article) -> list[str]:
    """The site-root-relative directory paths (`en/faq/x--id/`) that should lead to `article`."""
    meta, loc = article.meta, article.locale
    kind = meta.get("contentType")
    # The old site served one URL per form: with the locale's slug (legacySlug, else slugEN, else file
    # name). Links inside articles may use any of the slugs: those are rewritten at build time instead.
    slugs = [slug for slug in article_slugs(article) if _safe(slug)][:1]
    paths: list[str] = []
    if kind == "trackArticle" and meta.get("trackId") and article.id:
        track_slug = str(meta.get("trackSlugEN") or "")
        if _safe(track_slug):
            paths.append(f"{loc}/tracks/{track_slug}--{meta['trackId']}/{article.id}/")
    form = LEGACY_FORMS.get(str(kind))
    if form and article.id:
        paths += [f"{loc}/{form}/{slug}--{article.id}/" for slug in slugs]
    docs_kind = KIND_OF_TYPE.get(str(kind))
    if docs_kind:
        paths += [f"{loc}/docs/{docs_kind}/{slug}/" for slug in slugs]
    return [p for p in dict.fromkeys(paths) if all(_safe(s) for s in p.strip("/").split("/"))]


def redirect_page(target: str) -> str:
    """A tiny page that sends the reader (and search engines) to `target`, a relative URL."""
    url = html.escape(target, quote=True)
    return (
        f'<!doctype html>\n{MARKER}\n<html><head><meta charset="utf-8"><title>Redirect</title>'
        f'<meta name="robots" content="noindex"><link rel="canonical" href="{url}">'
        f'<meta http-equiv="refresh" content="0; url={url}"></head>'
        f'<body><a href="{url}">{url}</a></body></html>\n'
    )


def redirects_for(index: ContentIndex, locale: str) -> dict[str, str]:
    """Legacy directory path -> relative target URL, for the published articles of one locale.

    The first article to claim a path keeps it (articles are in source order), so the result is stable.
    """
    result: dict[str, str] = {}
    for article in index.articles.articles:
        if article.locale != locale or not article.published or "status" not in article.meta:
            continue
        for path in legacy_paths(article):
            if path not in result:
                result[path] = relative_url(path, article.url)
    if locale == DEFAULT_LANGUAGE and locale in index.homes:  # `/es/` of the old site: the site root
        result.setdefault(f"{locale}/", relative_url(f"{locale}/", index.homes[locale].url))
    return result


def write_redirects(site_dir: str | Path, redirects: dict[str, str]) -> int:
    """Write the redirect pages; a real page already at that path is never overwritten."""
    root = Path(site_dir)
    written = 0
    for path, target in redirects.items():
        dest = root / path / "index.html"
        if dest.exists() and MARKER not in dest.read_text(encoding="utf-8", errors="replace")[:200]:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(redirect_page(target), encoding="utf-8")
        written += 1
    return written
