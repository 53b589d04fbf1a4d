"""Help-center link forms -> the built page of the right article in the right language.

Forms (help-center-content format): `/<loc>/tracks/<trackSlug>--<trackId>/<articleId>`,
`/<loc>/<form>/<slug>--<id>`
(tutorial, faq, known-issues, announcements...), `/<loc>/docs/<kind>/<slug>`, `/<loc>` and `/<loc>/`;
also a built page's own path (`/en/faq/Billing/x/`). A `#anchor` (and `?query`) is kept.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from catalog.languages import LANGUAGES
from helpcenter.articles import Article
from helpcenter.content.index import ContentIndex

_LOCALES = "|".join(LANGUAGES)
_URL = rf"/(?:{_LOCALES})(?:[/#?][^\s)>\"']*)?"
# One pass over the Markdown: code (kept as is) or a link target in one of three syntaxes.
_MARKDOWN = re.compile(
    r"(?P<fence>^[ \t]*(?P<fc>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=fc)[`~]*[ \t]*$|\Z))"
    r"|(?P<code>`+)(?:[^`\n]|\n(?![ \t]*\n))+?(?P=code)"
    rf"|(?P<inl>\]\([ \t]*<?)(?P<iurl>{_URL})(?=>?(?:[ \t]+[\"'(][^\n]*)?\))"
    rf"|(?P<ref>^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?)(?P<rurl>{_URL})(?=>?(?:[ \t]|$))"
    rf"|(?P<href>\b(?:href|src)=[\"'])(?P<hurl>{_URL})(?=[\"'])",
    re.M | re.S,
)


@dataclass
class Rewrite:
    """The rewritten Markdown and the link targets that resolved to nothing."""

    markdown: str
    unresolved: list[str] = field(default_factory=list)
    resolved: int = 0


def split_target(target: str) -> tuple[str, str]:
    """`/en/x?y#z` -> (`/en/x`, `?y#z`): the path, and the query and anchor to keep."""
    cut = len(target)
    for mark in "?#":
        pos = target.find(mark)
        if pos != -1:
            cut = min(cut, pos)
    return target[:cut], target[cut:]


def resolve(path: str, index: ContentIndex) -> Article | None:
    """The published article a help-center path (without anchor) points at, or None."""
    parts = [unquote(p) for p in path.split("/") if p]
    if not parts:
        return None
    locale, rest = parts[0], parts[1:]
    if not rest:
        return index.homes.get(locale)
    head = rest[0]
    if head == "tracks" and len(rest) in (2, 3) and "--" in rest[1]:
        if len(rest) == 3:
            return index.articles.translation(rest[2], locale)
        track = index.tracks.get((rest[1].rsplit("--", 1)[1], locale))
        return track[0] if track else None
    if head == "docs" and len(rest) == 3:
        return index.slug(locale, rest[2], rest[1])
    if len(rest) == 2 and "--" in rest[1]:
        return index.articles.translation(rest[1].rsplit("--", 1)[1], locale)
    return index.by_path.get("/".join(parts)) or index.by_path.get("/".join([*parts, "index"]))


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link between two site-root-relative directory URLs ("" is the site root)."""
    base = from_url if not from_url or from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + base)
    if to_url == "" or to_url.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def relative_src(from_src: str, to_src: str) -> str:
    """Relative path between two source files (what MkDocs turns into the target's URL)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def rewrite_links(markdown: str, src: str, url: str, locale: str, index: ContentIndex) -> Rewrite:
    """Point every help-center link of a page (source `src`, built at `url`) at the built page.

    Markdown links to a page of the same language become relative `.md` paths (MkDocs checks and
    converts them); raw HTML links and links to another language become relative URLs.
    """
    result = Rewrite(markdown)

    def replace(match: re.Match[str]) -> str:
        if match.group("fence") or match.group("code"):
            return match.group(0)
        prefix_group, url_group = next(
            pair for pair in (("inl", "iurl"), ("ref", "rurl"), ("href", "hurl")) if match.group(pair[0])
        )
        target = match.group(url_group)
        path, keep = split_target(target)
        article = resolve(path, index)
        if article is None:
            result.unresolved.append(target)
            return match.group(0)
        result.resolved += 1
        if url_group != "hurl" and article.locale == locale:
            new = relative_src(src, article.src)
        else:
            new = relative_url(url, article.url)
        return match.group(prefix_group) + new + keep

    if "/" in markdown:
        result.markdown = _MARKDOWN.sub(replace, markdown)
    return result
