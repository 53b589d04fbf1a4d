"""Precompressed copies: beside every text file of the built site, decoding to the very same bytes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from helpcenter.compress import MIN_BYTES, TEXT_SUFFIXES, compress_site


def test_every_text_file_of_the_built_site_has_gz_and_br(built_site: Path) -> None:
    texts = [
        p
        for p in built_site.rglob("*")
        if p.suffix in TEXT_SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES
    ]
    kinds = {p.suffix for p in texts}
    assert {".html", ".css", ".js", ".json", ".xml"} <= kinds
    # written by other hooks at the end of the build: per-language search indexes and sitemaps
    assert {built_site / "en/search/search_index.json", built_site / "pt/sitemap.xml"} <= set(texts)
    for path in texts:
        original = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path


def test_binary_tiny_and_incompressible_files_get_no_copy(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>hello</p>" * 100)
    (tmp_path / "tiny.css").write_text("a{}")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 10)
    (tmp_path / "noise.js").write_bytes(os.urandom(2048))  # random: compression would only grow it
    assert compress_site(tmp_path) == 2  # page.html: .gz and .br
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "image.png",
        "noise.js",
        "page.html",
        "page.html.br",
        "page.html.gz",
        "tiny.css",
    ]
    assert compress_site(tmp_path) == 0  # up to date: nothing rewritten
