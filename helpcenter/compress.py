"""Precompressed copies of the site's text files (`x.css.gz`, `x.css.br`) for static servers.

A server that finds them (nginx `gzip_static`/`brotli_static`, `make run`'s server) sends the smaller
file to browsers that accept it, without compressing on every request. Written at the very end of the
build so that files other hooks emit (search indexes, sitemaps, Copilot JSON) are covered too.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import brotli

# Source maps (.map) are left out: only developer tools fetch them, and they are the largest files.
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest"}
MIN_BYTES = 256  # below that the headers cost more than the saving


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime=0: the same bytes on every build


def _brotli(data: bytes) -> bytes:
    # quality 10: 3 % larger than 11 and half its time (the build compresses every page every time)
    return brotli.compress(data, quality=10, mode=brotli.MODE_TEXT)


ENCODERS: dict[str, Callable[[bytes], bytes]] = {".gz": _gzip, ".br": _brotli}


def compress_file(path: Path) -> int:
    """Write `path.gz` and `path.br` unless they are up to date or would not be smaller; returns writes."""
    written = 0
    mtime = path.stat().st_mtime
    data: bytes | None = None
    for suffix, encode in ENCODERS.items():
        target = path.with_name(path.name + suffix)
        if target.is_file() and target.stat().st_mtime >= mtime:
            continue
        data = path.read_bytes() if data is None else data
        packed = encode(data)
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def compress_site(site: Path) -> int:
    """Compress every text file of a built site; returns how many compressed files were written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and path.stat().st_size >= MIN_BYTES:
            written += compress_file(path)
    return written
