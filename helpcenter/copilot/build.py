"""What the MkDocs hook does, as plain functions: find the tree, check it against the site, write it out."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalog import paths
from catalog.copilot import Tree, TreeError, load_tree
from catalog.languages import LANGUAGES
from catalog.tickets import TICKET_TYPES, form_schema
from helpcenter.articles import article_index
from helpcenter.copilot.compile import write_site
from helpcenter.copilot.validate import Problem, SiteInfo, validate

TREE_FILE = Path("copilot") / "tree.yml"


def tree_path(config_file: str | Path) -> Path:
    """``copilot/tree.yml`` beside ``mkdocs.yml``."""
    return Path(config_file).resolve().parent / TREE_FILE


def site_info(docs_dir: str | Path) -> SiteInfo:
    """The pages, Support URLs and ticket forms the tree is checked against."""
    support = {lang: paths.support(lang) for lang in LANGUAGES}
    return SiteInfo(article_index(docs_dir), support, form_schema, tuple(TICKET_TYPES))


def check_and_write(
    tree_file: Path,
    docs_dir: str | Path,
    site_dir: str | Path,
    log: logging.Logger,
) -> list[Problem]:
    """Validate (one warning per problem) and write the per-language JSON; return the problems."""
    try:
        tree: Tree = load_tree(tree_file)
    except TreeError as exc:
        log.warning("Copilot tree: %s", exc)
        return [Problem("", "schema", str(exc))]
    site = site_info(docs_dir)
    problems = validate(tree, site)
    for problem in problems:
        log.warning("%s", problem)
    write_site(site_dir, tree, site)
    return problems


_ui_cache: dict[tuple[str, int], dict[str, Any]] = {}


def ui_texts(tree_file: Path, locale: str) -> dict[str, str]:
    """The `ui` texts in ``locale`` for the header button (empty when the tree cannot be read).

    Called for every page: the file is parsed again only when it changed.
    """
    try:
        key = (str(tree_file), tree_file.stat().st_mtime_ns)
        if key not in _ui_cache:
            _ui_cache.clear()
            _ui_cache[key] = load_tree(tree_file).get("ui") or {}
        ui = _ui_cache[key]
    except (OSError, TreeError):
        return {}
    return {str(k): str(v.get(locale, "")) for k, v in ui.items() if isinstance(v, dict)}
