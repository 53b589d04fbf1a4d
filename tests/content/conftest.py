"""Fixtures of the content tests: the sample corpus as an index, and as a built and served site."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter.articles import Article, ArticleIndex
from helpcenter.content.index import ContentIndex, read_folder_meta
from helpcenter.testing import serving, static_server
from tests.content.project import CORPUS, FIXTURES, build, make_project


@pytest.fixture(scope="session")
def corpus_index() -> ContentIndex:
    """The corpus' articles and folders, plus a home page per language (as the site has)."""
    scanned = ArticleIndex.scan(CORPUS / "docs")
    homes = [
        Article(
            src=f"{loc}/index.md",
            locale=loc,
            url="" if loc == "es" else f"{loc}/",
            meta={"id": "home", "title": "Home"},
        )
        for loc in ("es", "en", "pt")
    ]
    return ContentIndex.build(ArticleIndex(scanned.articles + homes), read_folder_meta(CORPUS / "docs"))


@pytest.fixture(scope="session")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.fixture(scope="session")
def corpus_server(corpus_root: Path) -> Iterator[http.server.ThreadingHTTPServer]:
    """The corpus' static server, bound before the build (for instant loading the port must match)."""
    server = static_server(corpus_root / "site")
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def corpus_site(corpus_root: Path, corpus_server: http.server.ThreadingHTTPServer) -> Path:
    """The whole corpus (plus the every-callout fixture) built with `--strict`."""
    config = make_project(corpus_root / "project", CORPUS / "docs", FIXTURES)
    port = corpus_server.server_address[1]
    result = build(config, corpus_root / "site", site_url=f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict of the corpus failed:\n{result.stderr[-4000:]}")
    return corpus_root / "site"


@pytest.fixture(scope="session")
def corpus_url(corpus_site: Path, corpus_server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """The built corpus served on the port its build names."""
    with serving(corpus_server) as url:
        yield url
