"""Fixtures of the content tests: the sample corpus as an index, and as a built and served site."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcenter.articles import Article, ArticleIndex
from helpcenter.content.index import ContentIndex, read_folder_meta
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
def corpus_port() -> int:
    """The loopback port the corpus is served on, known before the build (for instant loading)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory, corpus_port: int) -> Path:
    """The whole corpus (plus the every-callout fixture) built with `--strict`."""
    root = tmp_path_factory.mktemp("corpus")
    config = make_project(root / "project", CORPUS / "docs", FIXTURES)
    result = build(config, root / "site", site_url=f"http://127.0.0.1:{corpus_port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict of the corpus failed:\n{result.stderr[-4000:]}")
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def corpus_url(corpus_site: Path, corpus_port: int) -> Iterator[str]:
    """The built corpus served on `corpus_port`."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", corpus_port), functools.partial(_Quiet, directory=str(corpus_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
