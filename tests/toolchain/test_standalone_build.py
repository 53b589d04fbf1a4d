"""`python -m helpcenter build pre|post`: the content steps around a generator that runs no hooks.

The staged docs are built by Material with no hook, no i18n plugin and no overrides (what a generator
that ignores them sees); the post step must then give that site what the hooks give the MkDocs build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpcenter.articles import ArticleIndex, read_front_matter
from helpcenter.content.redirects import MARKER
from helpcenter.standalone.pre import PLAIN_KEYS
from helpcenter.testing import ROOT, build_site
from tests.content.project import CORPUS, FIXTURES, make_project

HELP_CENTER_LINK = re.compile(r"\]\(/(?:es|en|pt)\b")
FORM = re.compile(r'<form class="hc-form".*?</form>', re.S)
HOOKLESS_CONFIG = """site_name: Staged
docs_dir: {docs}
theme:
  name: material
  language: en
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
"""


def helpcenter(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "helpcenter", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def stage(docs: Path, out: Path) -> Path:
    result = helpcenter("build", "pre", "--docs", str(docs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def staged_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stage(ROOT / "docs", tmp_path_factory.mktemp("staged") / "docs")


@pytest.fixture(scope="module")
def staged_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample corpus (with the every-callout fixture, homes and Support pages), and its staging."""
    root = tmp_path_factory.mktemp("corpus")
    docs = make_project(root / "project", CORPUS / "docs", FIXTURES).parent / "docs"
    return docs, stage(docs, root / "staged")


def check_staging(docs: Path, staged: Path) -> None:
    """Published pages only; plain front matter; callouts, links and headers done; as the hooks do."""
    index = ArticleIndex.scan(docs)
    assert index.articles
    for article in index.articles:
        target = staged / article.src
        assert target.exists() == article.published, article.src
        if not article.published:
            continue
        source, text = (docs / article.src).read_text("utf-8"), target.read_text("utf-8")
        meta = read_front_matter(text)
        assert set(meta) <= set(PLAIN_KEYS) and meta.get("title") == article.meta.get("title"), article.src
        assert not HELP_CENTER_LINK.search(text), f"{article.src}: a help-center link left as is"
        for emoji, kind in (("> ℹ️", "note"), ("> ⚠️", "warning"), ('class="alert alert-danger', "danger")):
            if emoji in source:
                assert emoji not in text and f"!!! {kind}" in text, f"{article.src}: {emoji}"
        if article.meta.get("updatedAt") or article.meta.get("publishedAt"):
            title_line = text.index(f"# {article.meta['title']}\n")
            assert title_line < text.index('<div class="hc-article-meta">'), article.src


def test_pre_step_on_the_repository_docs(staged_repo: Path) -> None:
    check_staging(ROOT / "docs", staged_repo)
    page = (staged_repo / "en/tracks/getting-started/support-at-acme/opening-a-ticket.md").read_text("utf-8")
    assert "[kind](kinds-of-support.md)" in page  # `/en/tracks/<slug>--<id>/<id>` -> the file, same track


def test_pre_step_on_the_sample_corpus(staged_corpus: tuple[Path, Path]) -> None:
    docs, staged = staged_corpus
    check_staging(docs, staged)
    index = ArticleIndex.scan(docs)
    assert any(not a.published for a in index.articles), "the corpus should hold an unpublished article"
    for article in index.articles:
        kind = article.meta.get("contentType")
        fact = {"knownIssue": "hc-fact--module", "updates": "hc-fact--published"}.get(kind)
        if article.published and fact:
            assert fact in (staged / article.src).read_text("utf-8"), article.src


def test_pre_step_fails_on_a_link_to_no_article(tmp_path: Path) -> None:
    (tmp_path / "docs/en").mkdir(parents=True)
    (tmp_path / "docs/en/index.md").write_text("# Home\n\n[gone](/en/faq/gone--abc)\n", "utf-8")
    result = helpcenter("build", "pre", "--docs", str(tmp_path / "docs"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "en/index.md: /en/faq/gone--abc" in result.stderr


@pytest.fixture(scope="module")
def hookless_site(staged_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English staging built by plain Material into `site/en/`, before the post step."""
    root = tmp_path_factory.mktemp("hookless")
    config = root / "mkdocs.yml"
    config.write_text(HOOKLESS_CONFIG.format(docs=staged_repo / "en"), "utf-8")
    result = build_site(root / "site" / "en", config)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def test_post_step_gives_a_hookless_build_what_the_hooks_give(
    hookless_site: Path, built_site: Path, tmp_path: Path
) -> None:
    site = shutil.copytree(hookless_site, tmp_path / "site")
    technical = site / "en/support/technical/index.html"
    assert "<!-- ticket-form: technical -->" in technical.read_text("utf-8")
    result = helpcenter("build", "post", "--site", str(site), "--site-url", "http://127.0.0.1:1/")
    assert result.returncode == 0, result.stderr
    for page in ("technical", "financial", "commercial"):
        ours = FORM.search((site / f"en/support/{page}/index.html").read_text("utf-8"))
        hooks = FORM.search((built_site / f"en/support/{page}/index.html").read_text("utf-8"))
        assert ours and hooks and ours.group(0) == hooks.group(0), page
    assert "data-hc-picker" in (site / "en/support/contact/index.html").read_text("utf-8")
    for lang in ("es", "en", "pt"):
        name = f"assets/copilot/{lang}.json"
        assert (site / name).read_bytes() == (built_site / name).read_bytes(), name

    def redirects(root: Path) -> set[str]:
        pages = (root / "en").rglob("index.html")
        return {p.relative_to(root).as_posix() for p in pages if MARKER in p.read_text("utf-8")[:200]}

    assert redirects(built_site) and redirects(site) == redirects(built_site)


def test_post_step_fails_on_an_unknown_form_marker(hookless_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(hookless_site, tmp_path / "site")
    page = site / "en/support/technical/index.html"
    page.write_text(
        page.read_text("utf-8").replace("ticket-form: technical", "ticket-form: nonsense"), "utf-8"
    )
    result = helpcenter("build", "post", "--site", str(site))
    assert result.returncode == 1 and "unknown type 'nonsense'" in result.stderr
