"""Pre-build: docs/ -> a staging folder any Markdown generator can build, with no hook or plugin.

Only PUBLISHED articles are staged; callouts become admonitions, help-center links point at the built
pages, the article header sits under the title, and the front matter keeps only what generators read.
Same functions as `hooks/content.py`; the folder layout is kept, so `<staging>/<lang>/` built into the
site's `<lang>/` folder (the default language at the root) gives the URLs the MkDocs build gives.
Unlike the hooks, the header is in the Markdown, so a generator's search indexes it too.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpcenter.articles import Article, ArticleIndex, read_front_matter
from helpcenter.content.callouts import convert_callouts
from helpcenter.content.index import ContentIndex, content_index
from helpcenter.content.links import rewrite_links
from helpcenter.content.lists import normalize_lists
from helpcenter.content.meta import article_header

# Front-matter keys a generator understands; the format's own keys are used up by this step.
PLAIN_KEYS = ("title", "description", "template", "hide", "icon", "search", "tags")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass
class Staged:
    """What the step did: pages written, articles left out, links that resolved to nothing."""

    written: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def markdown_body(text: str) -> str:
    """The Markdown body after the front matter (the text itself when there is none)."""
    if not read_front_matter(text):
        return text
    end = text.find("\n---", 3)
    newline = text.find("\n", end + 4)
    return "" if newline == -1 else text[newline + 1 :]


def plain_front_matter(meta: dict[str, Any]) -> str:
    plain = {key: meta[key] for key in PLAIN_KEYS if key in meta}
    if not plain:
        return ""
    return "---\n" + yaml.safe_dump(plain, allow_unicode=True, sort_keys=False) + "---\n\n"


def with_markdown_header(markdown: str, title: str, header: str) -> str:
    """The header right under the page's `# ` heading (adding the title as one when the body has none)."""
    if not header:
        return markdown
    lines, fence = markdown.split("\n"), None
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if opened and fence is None:
            fence = opened.group(1)
        elif opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
            fence = None
        elif fence is None and line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", header, "", *lines[number + 1 :]])
    return f"# {title}\n\n{header}\n\n{markdown}"


def module_folder(src: str) -> str | None:
    """The folder holding the file: a known issue's module when it names none (as `hooks/content.py`)."""
    return src.rsplit("/", 2)[-2] if src.count("/") >= 2 else None


def stage_page(text: str, article: Article, index: ContentIndex) -> tuple[str, list[str]]:
    """One article as plain Markdown, and its link targets that resolved to nothing."""
    meta, locale = article.meta, article.locale
    body = convert_callouts(normalize_lists(markdown_body(text).lstrip("\n")), locale)
    result = rewrite_links(body, article.src, article.url, locale, index)
    header = article_header(meta, locale, module=module_folder(article.src))
    title = str(meta.get("title") or "")
    return plain_front_matter(meta) + with_markdown_header(result.markdown, title, header), result.unresolved


def stage_docs(docs_dir: str | Path, out_dir: str | Path) -> Staged:
    """Write the staging copy of `docs_dir` into `out_dir` (emptied first); other files are copied."""
    docs, out = Path(docs_dir), Path(out_dir)
    index = content_index(ArticleIndex.scan(docs), docs)
    if out.exists():
        shutil.rmtree(out)
    staged = Staged()
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        src = path.relative_to(docs).as_posix()
        target = out / src
        article = index.articles.by_src.get(src)
        if article is not None and not article.published:
            staged.left_out.append(src)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if article is None:
            shutil.copy2(path, target)
            continue
        text, unresolved = stage_page(path.read_text(encoding="utf-8"), article, index)
        target.write_text(text, encoding="utf-8")
        staged.written.append(src)
        staged.unresolved += [f"{src}: {link}" for link in unresolved]
    return staged
