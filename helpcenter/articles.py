"""One scan of the docs tree: every Markdown file's front matter, locale and built URL.

The index is built once per build (cached on the files' stat signature) so that link resolution and the
language switcher look articles up in a dict instead of scanning the tree per page or per link.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.languages import DEFAULT_LANGUAGE, locale_of

try:  # the C loader is ~10x faster on thousands of files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Article:
    """A Markdown file of the docs tree, as the site will publish it."""

    src: str  # path relative to docs_dir, with forward slashes: "en/faq/Billing/x.md"
    locale: str
    url: str  # site-root-relative URL: "en/faq/Billing/x/" ("" for the default locale's home)
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str | None:
        value = self.meta.get("id")
        return str(value) if value is not None else None

    @property
    def published(self) -> bool:
        """Articles without a status are the project's own pages; with one, only PUBLISHED is published."""
        status = self.meta.get("status")
        return status is None or str(status).upper() == "PUBLISHED"


def read_front_matter(text: str) -> dict[str, Any]:
    """Return the YAML front matter of a Markdown text, or {} when it has none or it is not a mapping."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end == -1:
        return {}
    try:
        data = yaml.load(text[3:end], Loader=_Loader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def page_url(src: str, default_locale: str = DEFAULT_LANGUAGE) -> str:
    """The directory URL MkDocs gives `src` once the i18n plugin drops the default locale's folder."""
    path = src[: -len(".md")] if src.endswith(".md") else src
    parts = path.split("/")
    if parts[0] == default_locale:
        parts = parts[1:]
    if parts and parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


class ArticleIndex:
    """All articles of a docs tree, indexed by source path and by (id, locale)."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.by_src = {a.src: a for a in articles}
        self.by_id: dict[str, dict[str, Article]] = {}
        for article in articles:
            if article.id and article.published:
                self.by_id.setdefault(article.id, {})[article.locale] = article

    @classmethod
    def scan(cls, docs_dir: str | Path) -> ArticleIndex:
        root = Path(docs_dir)
        articles = []
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                if not name.endswith(".md"):
                    continue
                path = Path(dirpath, name)
                src = path.relative_to(root).as_posix()
                locale = locale_of(src)
                if locale is None:
                    continue
                meta = read_front_matter(path.read_text(encoding="utf-8"))
                articles.append(Article(src=src, locale=locale, url=page_url(src), meta=meta))
        articles.sort(key=lambda a: a.src)
        return cls(articles)

    def translation(self, article_id: str | None, locale: str) -> Article | None:
        """The published article with this id in `locale`, if there is one."""
        if not article_id:
            return None
        return self.by_id.get(article_id, {}).get(locale)


_cache: dict[str, tuple[tuple, ArticleIndex]] = {}


def _signature(root: Path) -> tuple:
    entries = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".md"):
                st = os.stat(os.path.join(dirpath, name))
                entries.append((dirpath, name, st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))


_pinned: dict[str, ArticleIndex] = {}


def pin_index(docs_dir: str | Path) -> ArticleIndex:
    """Check the tree once (at the start of a build) and serve that index until `unpin_index`.

    Without a pin every `article_index` call walks and stats the whole tree: per page, that is quadratic.
    """
    root = str(Path(docs_dir).resolve())
    unpin_index(docs_dir)
    index = article_index(root)
    _pinned[root] = _pinned[str(docs_dir)] = index
    return index


def unpin_index(docs_dir: str | Path) -> None:
    """End of a build: the next `article_index` call checks the tree again."""
    _pinned.pop(str(docs_dir), None)
    _pinned.pop(str(Path(docs_dir).resolve()), None)


def article_index(docs_dir: str | Path) -> ArticleIndex:
    """The index of `docs_dir`, scanned again only when a Markdown file was added, removed or changed."""
    pinned = _pinned.get(str(docs_dir))
    if pinned is not None:
        return pinned
    root = Path(docs_dir).resolve()
    pinned = _pinned.get(str(root))
    if pinned is not None:
        return pinned
    signature = _signature(root)
    cached = _cache.get(str(root))
    if cached and cached[0] == signature:
        return cached[1]
    index = ArticleIndex.scan(root)
    _cache[str(root)] = (signature, index)
    return index
