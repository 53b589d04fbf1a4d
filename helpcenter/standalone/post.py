"""Post-build: finish a site that a generator built from the staging folder, without MkDocs hooks.

The ticket forms replace the Support pages' markers, the legacy URLs get their redirect pages, and the
Copilot tree is checked against the articles and compiled into `assets/copilot/`. Same functions as
`hooks/forms.py`, `hooks/content.py` and `hooks/copilot.py`; the pages are found from `docs/` (the
original, with its front matter), each at the URL the MkDocs build gives it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from catalog.languages import LANGUAGES
from helpcenter.articles import ArticleIndex
from helpcenter.content.index import content_index
from helpcenter.content.redirects import redirects_for, write_redirects
from helpcenter.copilot.build import check_and_write
from helpcenter.copilot.validate import Problem
from helpcenter.forms_page import DEFAULT_API, render_support_page


@dataclass
class Finished:
    """What the step did: pages given their forms, redirect pages written, Copilot tree problems."""

    forms: list[str] = field(default_factory=list)
    redirects: int = 0
    copilot_problems: list[Problem] = field(default_factory=list)


def render_forms(site: Path, index: ArticleIndex, api: str, site_url: str | None) -> list[str]:
    """Replace the markers of every built page that has them; returns the pages changed.

    Raises `helpcenter.forms_page.MarkerError` on a marker it cannot honour (the build's failure too).
    """
    changed = []
    for article in index.articles:
        page = site / article.url / "index.html"
        if not article.published or not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        rendered = render_support_page(html, article.src, article.url, api, site_url)
        if rendered != html:
            page.write_text(rendered, encoding="utf-8")
            changed.append(article.url)
    return changed


def finish_site(
    site_dir: str | Path,
    docs_dir: str | Path,
    tree_file: str | Path,
    log: logging.Logger,
    api: str = DEFAULT_API,
    site_url: str | None = None,
) -> Finished:
    """Forms, redirects and Copilot for the site in `site_dir`; Copilot problems are logged as warnings."""
    site, docs = Path(site_dir), Path(docs_dir)
    index = content_index(ArticleIndex.scan(docs), docs)
    finished = Finished(forms=render_forms(site, index.articles, api, site_url))
    finished.redirects = sum(write_redirects(site, redirects_for(index, lang)) for lang in LANGUAGES)
    finished.copilot_problems = check_and_write(Path(tree_file), docs, site, log)
    return finished
