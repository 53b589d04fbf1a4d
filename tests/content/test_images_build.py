"""Remote images through a real build: vendored from a loopback "image host", or a warning and a link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpcenter.images.fetch import cache_key
from helpcenter.testing import PageProblems, free_port, guard_page, serve_static
from tests.content.images_helpers import SVG, image_host, png
from tests.content.project import CORPUS, build, make_project

REMOTE = "https://images.example.test"
PAGE = "en/tutorials/misc/pictures/"


def _article(locale: str, title: str, images: list[str]) -> str:
    body = "\n\n".join(images)
    return (
        f"---\ntitle: '{title}'\nid: 9PicturesPicturesPictu1\nstatus: PUBLISHED\nlocale: {locale}\n"
        f"contentType: tutorial\nupdatedAt: '2025-02-11T10:00:00.000Z'\n---\n\n"
        f"# {title}\n\nHow to open Copilot, in pictures.\n\n{body}\n\n" + "Filler paragraph.\n\n" * 40
    )


def _docs(root: Path, images: list[str]) -> Path:
    for locale, folder in (("en", "en/tutorials/misc"), ("es", "es/tutoriales/varios")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        name = "pictures.md" if locale == "en" else "imagenes.md"
        (root / folder / name).write_text(_article(locale, f"Pictures {locale}", images), encoding="utf-8")
    return root


FILES = {"/shots/open-copilot.png": ("image/png", png(640, 360)), "/logo.svg": ("image/svg+xml", SVG)}
GOOD = [
    f"![Open Copilot]({REMOTE}/shots/open-copilot.png)",
    f'<img src="{REMOTE}/shots/open-copilot.png" alt="The Copilot panel">',
]


@pytest.fixture(scope="module")
def vendored(tmp_path_factory: pytest.TempPathFactory):
    """A project whose articles show remote images, built (strict) and served on loopback."""
    root = tmp_path_factory.mktemp("images")
    port = free_port()
    with image_host(FILES) as host:
        settings = {"mirrors": {REMOTE + "/": host.url + "/"}}
        config = make_project(root / "project", _docs(root / "docs", GOOD), support=False, images=settings)
        result = build(config, root / "site", site_url=f"http://127.0.0.1:{port}/")
        assert result.returncode == 0, result.stderr[-3000:]
        requests = list(host.requests)
    with serve_static(root / "site", port) as url:
        yield root, url, requests


def test_images_are_copied_into_the_site_with_their_size(vendored) -> None:
    root, _, requests = vendored
    name = f"{cache_key(REMOTE + '/shots/open-copilot.png')}.png"
    assert (root / "site/assets/images/remote" / name).read_bytes() == FILES["/shots/open-copilot.png"][1]
    assert (root / "project/.cache/images" / name).is_file()
    assert requests == ["/shots/open-copilot.png"]  # once for both images and both languages
    en = (root / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    es = (root / "site/tutoriales/varios/imagenes/index.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img [^>]*>", en.split('class="md-content"')[1])
    assert f'src="../../../../assets/images/remote/{name}"' in imgs[0]
    assert 'width="640" height="360" loading="eager"' in imgs[0]
    assert 'alt="The Copilot panel"' in imgs[1] and 'loading="lazy"' in imgs[1]
    assert f'src="../../../assets/images/remote/{name}"' in es
    assert "images.example.test" not in en + es


def test_a_rebuild_uses_the_cache_without_the_host(vendored) -> None:
    root, _, _ = vendored
    config = root / "project/mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    dead = f"http://127.0.0.1:{free_port()}/"
    config.write_text(re.sub(r"http://127\.0\.0\.1:\d+/", dead, text), encoding="utf-8")
    result = build(config, root / "rebuilt")
    assert result.returncode == 0, result.stderr[-3000:]
    assert list((root / "rebuilt/assets/images/remote").glob("*.png"))


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_reader_sees_the_image_from_the_site_itself(browser, vendored, artifacts_dir: Path, width: int):
    _, url, _ = vendored
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = PageProblems()
    guard_page(context, page, problems)
    page.goto(url + PAGE)
    first = page.locator("article img").first
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('article img').complete")
    assert first.evaluate("img => img.naturalWidth") == 640
    assert first.evaluate("img => new URL(img.currentSrc).origin") == url.rstrip("/")
    box = first.bounding_box()
    assert box and box["width"] <= width and abs(box["width"] / box["height"] - 640 / 360) < 0.02
    page.screenshot(path=str(artifacts_dir / f"content-images-{width}.png"))
    problems.check()
    context.close()


def test_failed_image_is_a_warning_naming_article_and_url_and_stays_a_link(tmp_path: Path) -> None:
    images = [f"![Logo]({REMOTE}/logo.svg)", f"![Gone]({REMOTE}/gone.png)"]
    with image_host(FILES) as host:
        settings = {"mirrors": {REMOTE + "/": host.url + "/"}}
        config = make_project(
            tmp_path / "project", _docs(tmp_path / "docs", images), support=False, images=settings
        )
        strict = build(config, tmp_path / "strict")
        lenient = build(config, tmp_path / "site", strict=False)
    assert strict.returncode != 0 and lenient.returncode == 0
    warnings = [line for line in strict.stderr.splitlines() if "not vendored" in line]
    assert (
        f"Doc file 'en/tutorials/misc/pictures.md': remote image '{REMOTE}/logo.svg' not vendored"
        in "\n".join(warnings)
    )
    assert any(f"'{REMOTE}/gone.png' not vendored (HTTP 404)" in w for w in warnings)
    html = (tmp_path / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert f'<a class="hc-remote-media" href="{REMOTE}/gone.png"' in html
    assert "<img" not in html.split('class="md-content"')[1].split("</article>")[0]


def test_corpus_with_unreachable_image_hosts_still_builds(tmp_path: Path) -> None:
    """Vendoring on, every host down: a warning per image, the page keeps today's links."""
    dead = f"http://127.0.0.1:{free_port()}/"
    settings = {"mirrors": {"https://": dead, "http://": dead}, "timeout": 3}
    config = make_project(tmp_path / "project", CORPUS / "docs", images=settings)
    result = build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    warned = [line for line in result.stderr.splitlines() if "not vendored" in line]
    assert warned and all("cdn.example.org" in line for line in warned)
    page = tmp_path / "site/en/tutorials/operational/support/opening-tickets-to-acme-support/index.html"
    assert 'class="hc-remote-media" href="https://cdn.example.org/' in page.read_text(encoding="utf-8")
