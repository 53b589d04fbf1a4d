"""The site outlives MkDocs: ProperDocs, the maintained fork of MkDocs 1.x, builds the same site.

Both generators run the same mkdocs.yml (theme, mkdocs-static-i18n, hooks) from the one venv: ProperDocs
answers Material's and the plugins' `mkdocs.*` imports with its own modules. The builds are compared
file by file; the only difference allowed is listed in EXPLAINED, each with its reason.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import brotli
import pytest

from helpcenter.testing import build_site, in_ci

GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
TEXT_FILES = (".html", ".xml", ".json", ".js", ".css", ".txt", ".svg")
EXPLAINED = {GENERATOR: "Material's generator tag names the tool that built the page"}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The repository's site built by `properdocs build --strict`, for the same address as `built_site`."""
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed: `.venv/bin/pip install -e '.[test]'` installs the pinned one"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("properdocs-site")
    result = build_site(site, site_url=f"http://127.0.0.1:{site_port}/", tool="properdocs")
    if result.returncode != 0:
        pytest.fail(f"properdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href is not None:
            self.hrefs.append(href)


def internal_links(site: Path, origin: str = "http://site.invalid/") -> dict[str, set[str]]:
    """Every HTML page's `<a href>` on this site, resolved against the page's own URL (site-relative)."""
    links: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        url = origin + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        resolved = {urljoin(url, href) for href in parser.hrefs}
        links[rel] = {link[len(origin) - 1 :] for link in resolved if link.startswith(origin)}
    return links


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def decoded(rel: str, data: bytes) -> tuple[str, bytes]:
    """A precompressed copy (x.html.gz, x.html.br) as the file it copies: their differences are the same."""
    if rel.endswith(".gz"):
        return rel[: -len(".gz")], gzip.decompress(data)
    if rel.endswith(".br"):
        return rel[: -len(".br")], brotli.decompress(data)
    return rel, data


def explained(text: str) -> str:
    for pattern, reason in EXPLAINED.items():
        text = pattern.sub(f"<explained: {reason}>", text)
    return text


def test_both_tools_really_built(built_site: Path, properdocs_site: Path) -> None:
    """The generator tags prove which tool built which site (else the comparison proves nothing)."""
    home = "index.html"
    assert "ProperDocs" in GENERATOR.search((properdocs_site / home).read_text("utf-8")).group(1)
    assert GENERATOR.search((built_site / home).read_text("utf-8")).group(1).startswith("mkdocs-1.")


def test_same_pages_and_files(built_site: Path, properdocs_site: Path) -> None:
    mkdocs, properdocs = files(built_site), files(properdocs_site)
    assert len([f for f in mkdocs if f.endswith(".html")]) >= 3 * 7
    assert mkdocs == properdocs, (
        f"only MkDocs built: {sorted(mkdocs - properdocs)}; only ProperDocs: {sorted(properdocs - mkdocs)}"
    )


def test_same_internal_links(built_site: Path, properdocs_site: Path) -> None:
    mkdocs, properdocs = internal_links(built_site), internal_links(properdocs_site)
    assert sum(map(len, mkdocs.values())) > 100, "the link parser found next to no links"
    differences = [
        f"{page}: only MkDocs {sorted(mkdocs.get(page, set()) - properdocs.get(page, set()))}, "
        f"only ProperDocs {sorted(properdocs.get(page, set()) - mkdocs.get(page, set()))}"
        for page in sorted(mkdocs.keys() | properdocs.keys())
        if mkdocs.get(page) != properdocs.get(page)
    ]
    assert not differences, "internal links differ:\n" + "\n".join(differences)


def test_same_bytes_but_for_explained_differences(built_site: Path, properdocs_site: Path) -> None:
    """Stricter than links: every common file is identical once EXPLAINED's differences are masked."""
    differing = []
    for rel in sorted(files(built_site) & files(properdocs_site)):
        ours, theirs = (built_site / rel).read_bytes(), (properdocs_site / rel).read_bytes()
        if ours == theirs:
            continue
        (name, ours), (_, theirs) = decoded(rel, ours), decoded(rel, theirs)
        if name.endswith(TEXT_FILES):
            left, right = explained(ours.decode("utf-8")), explained(theirs.decode("utf-8"))
            if left == right:
                continue
            pairs = zip(left.splitlines(), right.splitlines(), strict=False)
            mine, other = next(((a, b) for a, b in pairs if a != b), ("(shorter)", "(longer)"))
            differing.append(f"{rel}: MkDocs {mine.strip()[:160]!r} / ProperDocs {other.strip()[:160]!r}")
        else:
            differing.append(f"{rel}: binary content differs")
    assert not differing, "unexplained differences:\n" + "\n".join(differing)
