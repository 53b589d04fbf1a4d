"""Download a remote image once: a deadline, a size limit, the type read from the bytes, a disk cache.

The cache file is named by a hash of the URL, so a rebuild (or another language of the same build)
finds it without a request; a failed download is not cached, so the next build tries again.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpcenter.images.settings import ImageSettings
from helpcenter.images.sniff import ImageInfo, sniff_image

KINDS = ("png", "jpg", "gif", "webp")
ACCEPT = "image/png,image/jpeg,image/gif,image/webp;q=0.9"
CHUNK = 64 * 1024


class FetchError(Exception):
    """Why a remote image could not be vendored (shown in the build warning)."""


@dataclass(frozen=True)
class CachedImage:
    path: Path
    info: ImageInfo

    @property
    def name(self) -> str:
        return self.path.name


def cache_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def download_url(url: str, mirrors: dict[str, str]) -> str:
    """Where to download `url` from: a configured mirror's prefix replaces the URL's, https by default."""
    if url.startswith("//"):
        url = "https:" + url
    for prefix, mirror in mirrors.items():
        if url.startswith(prefix):
            return mirror + url[len(prefix) :]
    return url


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"redirect to {newurl!r} refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def download(url: str, settings: ImageSettings) -> bytes:
    """The body of `url`, at most `max_bytes`, within `timeout` seconds in all."""
    source = download_url(url, settings.mirrors)
    if urlsplit(source).scheme not in ("http", "https"):
        raise FetchError("not an http(s) address")
    deadline = time.monotonic() + settings.timeout
    request = urllib.request.Request(source, headers={"Accept": ACCEPT, "User-Agent": "helpcenter-build"})
    try:
        with _opener.open(request, timeout=settings.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                raise FetchError(f"larger than {settings.max_bytes} bytes")
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > settings.max_bytes:
                    raise FetchError(f"larger than {settings.max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"took longer than {settings.timeout:g} s")
            return bytes(body)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(str(reason) or type(exc).__name__) from exc


def _in_cache(folder: Path, key: str) -> CachedImage | None:
    for kind in KINDS:
        path = folder / f"{key}.{kind}"
        if path.is_file():
            info = sniff_image(path.read_bytes())
            if info is not None:
                return CachedImage(path, info)
    return None


def cached_image(url: str, settings: ImageSettings) -> CachedImage:
    """The image from the cache folder, downloaded into it first when it is not there yet."""
    key = cache_key(url)
    found = _in_cache(settings.cache_dir, key)
    if found is not None:
        return found
    data = download(url, settings)
    info = sniff_image(data)
    if info is None:
        raise FetchError("not a PNG, JPEG, GIF or WebP image")
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    path = settings.cache_dir / f"{key}.{info.kind}"
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)  # atomic: a build that stops half-way never leaves a truncated image
    return CachedImage(path, info)
