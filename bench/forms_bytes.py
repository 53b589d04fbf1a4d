"""Figure: gzip bytes that the ticket forms' JS and CSS add to a page.

Builds the site once into a temp dir (or uses `--site DIR`), then for a form page and for the home page sums
the gzip size of the HTML (our CSS is inline in its head) and every same-origin stylesheet and script the
page links (module preloads included; not images, the lazily fetched search index or Copilot's panel and
data), and prints the forms' share of it and the ratio against the same page without them (the baseline,
measured in the same run). The form's module and CSS are only in pages with a form: the home page must not
pay them.

    .venv/bin/python bench/forms_bytes.py [--site DIR] [--level 6]
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS_ASSETS = ("assets/javascripts/ticket-form.*.js",)  # hashed names
FORMS_CSS = re.compile(r'<style data-hc-style="ticket-form">(.*?)</style>', re.S)  # inline in the head
PAGES = {  # page -> does it carry a form
    "form page (en/support/commercial/)": ("en/support/commercial/index.html", True),
    "home page (/)": ("index.html", False),
}
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\shref)="([^"]+)"')


def gz(data: bytes, level: int) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def page_assets(site: Path, page: Path) -> list[Path]:
    """Same-origin CSS/JS files that `page` loads, resolved against its folder."""
    found = []
    for ref in ASSET.findall(page.read_text(encoding="utf-8")):
        if "://" in ref or ref.startswith("//"):
            continue
        path = (page.parent / ref.split("?")[0]).resolve()
        if path.is_file() and site.resolve() in path.parents:
            found.append(path)
    return found


def form_markup(html: str) -> str:
    match = re.search(r'<div class="hc-ticket".*?</form><div class="hc-result"[^>]*></div></div>', html, re.S)
    return match.group(0) if match else ""


def forms_assets(site: Path) -> list[Path]:
    found = [path for pattern in FORMS_ASSETS for path in sorted(site.glob(pattern))]
    assert len(found) == len(FORMS_ASSETS), f"expected one file for each of {FORMS_ASSETS}, found {found}"
    return found


def measure(site: Path, level: int) -> None:
    forms = {path.resolve() for path in forms_assets(site)}
    sizes = {path: gz(path.read_bytes(), level) for path in forms}
    for path, size in sizes.items():
        print(f"{path.relative_to(site.resolve())}: {path.stat().st_size} B raw, {size} B gzip")
    css = [FORMS_CSS.findall((site / rel).read_text(encoding="utf-8")) for rel, _ in PAGES.values()]
    inline = {rel: found for (rel, _), found in zip(PAGES.values(), css, strict=True)}
    form_css = next((found[0] for found in css if found), None)
    assert form_css is not None, "no page carries the ticket form's CSS in a <style data-hc-style> block"
    print(f"inline ticket-form CSS: {len(form_css.encode())} B raw, {gz(form_css.encode(), level)} B gzip")
    added = sum(sizes.values()) + gz(form_css.encode(), level)
    print(f"forms JS + CSS: {added} B gzip (level {level})")
    for label, (rel, has_form) in PAGES.items():
        page = site / rel
        html = page.read_bytes()
        assets = page_assets(site, page)
        loaded = forms & set(assets)
        assert loaded == (forms if has_form else set()), f"{rel} links {loaded or 'no forms file'}"
        assert bool(inline[rel]) == has_form, (
            f"{rel}: inline ticket-form CSS {'missing' if has_form else 'there'}"
        )
        total = gz(html, level) + sum(gz(a.read_bytes(), level) for a in assets)
        markup = form_markup(html.decode("utf-8"))
        if not has_form:
            print(f"{label}: {total} B gzip in all ({len(assets)} files + HTML); forms JS+CSS: none linked")
            continue
        print(
            f"{label}: {total} B gzip in all ({len(assets)} files + HTML); forms JS+CSS = "
            f"{added / total:.1%} of it; with/without ratio {total / (total - added):.3f}"
        )
        if markup:
            without = gz(html.decode("utf-8").replace(markup, "").encode(), level)
            print(f"  the rendered form's own HTML adds {gz(html, level) - without} B gzip to that page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    parser.add_argument("--level", type=int, default=6, help="gzip level (6: common server default)")
    args = parser.parse_args()
    if args.site:
        measure(args.site, args.level)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", tmp]
        subprocess.run(
            cmd, cwd=ROOT, check=True, timeout=600, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
        )
        measure(Path(tmp), args.level)


if __name__ == "__main__":
    main()
