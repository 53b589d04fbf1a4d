"""Lookups over the articles of one build: by slug, by track, home pages, folder metadata.

Built once per build on top of `helpcenter.articles.ArticleIndex` (itself scanned once), so that every
link, nav entry and redirect is a dict lookup: never a scan of the tree per page or per link.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpcenter.articles import Article, ArticleIndex

# `/<loc>/docs/<kind>/<slug>` and legacy `/<loc>/<form>/<slug>--<id>`: kind <-> contentType.
DOCS_KINDS = {
    "tutorials": "tutorial",
    "tracks": "trackArticle",
    "faq": "frequentlyAskedQuestion",
    "known-issues": "knownIssue",
    "announcements": "updates",
    "troubleshooting": "tutorial",
}
LEGACY_FORMS = {
    "tutorial": "tutorial",
    "frequentlyAskedQuestion": "faq",
    "knownIssue": "known-issues",
    "updates": "announcements",
}
FOLDER_FILES = ("metadata.json", "order.json")


def article_slugs(article: Article) -> list[str]:
    """The slugs an article answers to, best first: legacySlug, slugEN (or slug), file name."""
    meta = article.meta
    stem = article.src.rsplit("/", 1)[-1][: -len(".md")]
    slugs: list[str] = []
    for value in (meta.get("legacySlug"), meta.get("slugEN") or meta.get("slug"), stem):
        if value and str(value) not in slugs:
            slugs.append(str(value))
    return slugs


def read_folder_meta(docs_dir: str | Path) -> dict[str, dict[str, Any]]:
    """`metadata.json` / `order.json` of every folder, keyed by folder path relative to docs_dir."""
    root = Path(docs_dir)
    folders: dict[str, dict[str, Any]] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in FOLDER_FILES:
            if name in files:
                rel = Path(dirpath).relative_to(root).as_posix()
                try:
                    data = json.loads(Path(dirpath, name).read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = {}
                if isinstance(data, dict):
                    folders.setdefault(rel, {}).update(data)
    return folders


@dataclass
class ContentIndex:
    """What link resolution, navigation and redirects look up."""

    articles: ArticleIndex
    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], list[Article]] = field(default_factory=dict)
    by_path: dict[str, Article] = field(default_factory=dict)  # "en/faq/x/y" (no slash) -> article
    homes: dict[str, Article] = field(default_factory=dict)
    tracks: dict[tuple[str, str], list[Article]] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: ArticleIndex, folders: dict[str, dict[str, Any]] | None = None) -> ContentIndex:
        index = cls(articles=articles, folders=folders or {})
        ranked: dict[tuple[str, str], list[tuple[int, Article]]] = {}
        for article in articles.articles:
            if not article.published:
                continue
            src = article.src
            if src == f"{article.locale}/index.md":
                index.homes[article.locale] = article
            index.by_path[src[: -len(".md")]] = article
            for rank, slug in enumerate(article_slugs(article)):
                ranked.setdefault((article.locale, slug), []).append((rank, article))
            track = article.meta.get("trackId")
            if track:
                index.tracks.setdefault((str(track), article.locale), []).append(article)
        for key, items in ranked.items():
            index.by_slug[key] = [a for _rank, a in sorted(items, key=lambda item: (item[0], item[1].src))]
        for items in index.tracks.values():
            items.sort(key=lambda a: (order_of(a.meta), a.src))
        return index

    def slug(self, locale: str, slug: str, kind: str | None = None) -> Article | None:
        """The article of `locale` answering to `slug`, preferring the content type of `kind`."""
        candidates = self.by_slug.get((locale, slug))
        if not candidates:
            return None
        wanted = DOCS_KINDS.get(kind or "")
        for article in candidates:
            if article.meta.get("contentType") == wanted:
                return article
        return candidates[0]


def order_of(meta: dict[str, Any]) -> float:
    """An article's or folder's `order` as a number (missing or invalid: after every ordered one)."""
    try:
        return float(meta.get("order"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")


_cache: dict[str, ContentIndex] = {}


def content_index(articles: ArticleIndex, docs_dir: str | Path) -> ContentIndex:
    """The ContentIndex of this build: folder metadata re-read (cheap), the rest reused per ArticleIndex."""
    folders = read_folder_meta(docs_dir)
    key = str(Path(docs_dir).resolve())
    cached = _cache.get(key)
    if cached is not None and cached.articles is articles and cached.folders == folders:
        return cached
    index = ContentIndex.build(articles, folders)
    _cache[key] = index
    return index
