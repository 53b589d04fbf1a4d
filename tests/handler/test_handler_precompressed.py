"""`make run`'s server sends the precompressed copy only to a browser that accepts its encoding."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest
from stack import running_stack

from handler.precompressed import accepted, choose
from helpcenter.compress import compress_site

PAGE = "<!doctype html><title>Inicio</title>" + "<p>Hola, tiendas de Acme.</p>" * 200


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "assets" / "app.css").write_text("body { color: #333 }\n" * 100)
    (root / "404.html").write_text("<h1>Not here</h1>" * 40)
    compress_site(root)
    return root


def _get(url: str, accept_encoding: str | None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_server_negotiates_the_encoding(site: Path, tmp_path: Path) -> None:
    with running_stack(site, tmp_path / "instance") as stack:
        status, headers, body = _get(stack.base_url + "/", "gzip, deflate")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == PAGE
        assert headers["Content-Type"].startswith("text/html") and "Accept-Encoding" in headers["Vary"]

        status, headers, body = _get(stack.base_url + "/assets/app.css", "gzip, br")
        assert headers["Content-Encoding"] == "br" and headers["Content-Type"].startswith("text/css")
        assert brotli.decompress(body) == (site / "assets/app.css").read_bytes()

        for refused in (None, "identity", "gzip;q=0, br;q=0", "deflate"):
            status, headers, body = _get(stack.base_url + "/", refused)
            assert status == 200 and "Content-Encoding" not in headers, refused
            assert body.decode() == PAGE and "Accept-Encoding" in headers["Vary"]

        status, headers, body = _get(stack.base_url + "/nowhere/", "gzip")
        assert status == 404 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (site / "404.html").read_bytes()


def test_accept_encoding_parsing(tmp_path: Path) -> None:
    assert accepted("gzip;q=0.5, br , *;q=0") == {"gzip": 0.5, "br": 1.0, "*": 0.0}
    page = tmp_path / "a.html"
    page.write_text("x")
    assert choose(page, "*") == (page, None, False)  # no copies: the file, no Vary
    page.with_name("a.html.gz").write_bytes(gzip.compress(b"x"))
    assert choose(page, "*").encoding == "gzip"
    assert choose(page, "br").encoding is None
