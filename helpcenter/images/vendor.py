"""Rewrite a page's remote `<img>` to the site's own copy, with its size and lazy loading.

The first image of a page loads at once (it may be what the reader sees first); the others are
`loading="lazy"`. `width`/`height` come from the file, so the page does not move as images arrive.
A remote image that cannot be vendored is left untouched here: the content step turns it into a link.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from helpcenter.content.markup import is_remote
from helpcenter.images.fetch import CachedImage, FetchError, cached_image
from helpcenter.images.settings import ImageSettings

SITE_FOLDER = "assets/images/remote"  # under the site root, shared by every language
_IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>", re.I)
_ATTR = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s\"'=<>`]+)))?"
)
_DROPPED = {"srcset", "sizes"}  # would point at the remote host again


@dataclass
class PageImages:
    html: str
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for m in _ATTR.finditer(text):
        value = next((v for v in (m.group("dq"), m.group("sq"), m.group("uq")) if v is not None), None)
        found.append((m.group("name").lower(), None if value is None else html.unescape(value)))
    return found


def _tag(attrs: list[tuple[str, str | None]]) -> str:
    parts = [name if value is None else f'{name}="{html.escape(value)}"' for name, value in attrs]
    return "<img " + " ".join(parts) + ">"


def site_prefix(page_url: str) -> str:
    """The way from a page (site-root-relative URL, "en/faq/x/") back to the site root."""
    return "../" * page_url.count("/")


class ImageVendor:
    """One per build: remembers every download (and failure) so each URL is tried once per build."""

    def __init__(self, settings: ImageSettings) -> None:
        self.settings = settings
        self._known: dict[str, CachedImage | FetchError] = {}

    def image(self, url: str) -> CachedImage:
        if url not in self._known:
            try:
                self._known[url] = cached_image(url, self.settings)
            except FetchError as exc:
                self._known[url] = exc
        found = self._known[url]
        if isinstance(found, FetchError):
            raise found
        return found

    def localize(self, content: str, page_url: str) -> PageImages:
        """The page with its remote images served from the site; `failures` lists the ones left alone."""
        result = PageImages(content)
        if "<img" not in content:
            return result
        seen = 0

        def replace(match: re.Match[str]) -> str:
            nonlocal seen
            attrs = _attributes(match.group("attrs"))
            src = dict(attrs).get("src") or ""
            if not is_remote(src):
                return match.group(0)
            try:
                image = self.image(src.strip())
            except FetchError as exc:
                result.failures.append((src, str(exc)))
                return match.group(0)
            local = f"{site_prefix(page_url)}{SITE_FOLDER}/{image.name}"
            names = {name for name, _ in attrs}
            kept = [(n, local if n == "src" else v) for n, v in attrs if n not in _DROPPED]
            if "width" not in names and "height" not in names:
                kept += [("width", str(image.info.width)), ("height", str(image.info.height))]
            if "loading" not in names:
                kept.append(("loading", "lazy" if seen else "eager"))
            if "decoding" not in names:
                kept.append(("decoding", "async"))
            seen += 1
            return _tag(kept)

        result.html = _IMG.sub(replace, content)
        return result

    def copy_into(self, site_root: Path) -> int:
        """Copy every image this build vendored into the site; returns how many files were written."""
        folder = site_root / SITE_FOLDER
        written = 0
        for image in self._known.values():
            if isinstance(image, CachedImage):
                target = folder / image.name
                if not target.is_file() or target.stat().st_size != image.path.stat().st_size:
                    folder.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(image.path, target)
                    written += 1
        return written
