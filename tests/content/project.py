"""A throw-away MkDocs project: the repo's config, theme overrides and hooks, with the docs a test picks.

Copilot (whose tree must point at the repo's own articles) is left out, and each
language gets a minimal home page, so that a build checks the article format and nothing else.
Remote images are not vendored unless a test passes `images` settings (a build never leaves loopback).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from helpcenter.testing import build_site

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUPPORT = {"es": "soporte", "en": "support", "pt": "suporte"}
LEFT_OUT = ("hooks/copilot.py",)  # Copilot checks the repo's own articles


def make_project(
    target: Path, *doc_trees: Path, support: bool = True, images: dict[str, Any] | None = None
) -> Path:
    """Create the project in `target` with `doc_trees` copied into docs/; returns its mkdocs.yml.

    `images`: the `extra.helpcenter_images` settings (default: no vendoring).
    """
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    images_line = f"  helpcenter_images: {json.dumps(images or {'vendor': False})}"
    config = "\n".join(
        images_line if line.startswith("  helpcenter_images:") else line
        for line in config.split("\n")
        if line.strip(" -") not in LEFT_OUT
    )
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("overrides", "hooks"):
        shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)
    docs = target / "docs"
    for locale in SUPPORT:
        (docs / locale).mkdir(parents=True, exist_ok=True)
        (docs / locale / "index.md").write_text(
            f"---\ntitle: Home {locale}\nid: home\nlocale: {locale}\n---\n\n# Home {locale}\n",
            encoding="utf-8",
        )
        if support and (ROOT / "docs" / locale / SUPPORT[locale]).is_dir():
            shutil.copytree(ROOT / "docs" / locale / SUPPORT[locale], docs / locale / SUPPORT[locale])
    for tree in doc_trees:
        shutil.copytree(tree, docs, dirs_exist_ok=True)
    return target / "mkdocs.yml"


def build(
    config: Path, site: Path, strict: bool = True, site_url: str | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project, as an author runs it (for `site_url`: where it will be served)."""
    return build_site(site, config, strict=strict, site_url=site_url)
