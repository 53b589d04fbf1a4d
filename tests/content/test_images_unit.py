"""Remote images, piece by piece: the header reader, the settings, the download and the page rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.images.fetch import FetchError, cache_key, cached_image, download_url
from helpcenter.images.settings import ImageSettings
from helpcenter.images.sniff import ImageInfo, sniff_image
from helpcenter.images.vendor import ImageVendor, site_prefix
from tests.content.images_helpers import SVG, gif, image_host, jpeg, png, webp_lossless

REMOTE = "https://images.example.test"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png(640, 360), ImageInfo("png", 640, 360)),
        (gif(320, 200), ImageInfo("gif", 320, 200)),
        (jpeg(1024, 768), ImageInfo("jpg", 1024, 768)),
        (webp_lossless(300, 150), ImageInfo("webp", 300, 150)),
        (SVG, None),
        (b"<!doctype html><title>Not found</title>", None),
        (png(640, 360)[:20], None),  # truncated
        (png(0, 0), None),
        (b"", None),
    ],
)
def test_sniff_reads_type_and_size_from_the_bytes(data: bytes, expected: ImageInfo | None) -> None:
    assert sniff_image(data) == expected


def test_settings_defaults_and_offline_switch(tmp_path: Path) -> None:
    default = ImageSettings.from_extra(None, tmp_path)
    assert default.vendor and default.cache_dir == tmp_path / ".cache" / "images"
    for off in (False, "false", "0", "off"):
        assert ImageSettings.from_extra({"vendor": off}, tmp_path).vendor is False
    with pytest.raises(ValueError, match="unknown setting"):
        ImageSettings.from_extra({"vendr": False}, tmp_path)


def test_mirror_prefix_and_protocol_relative_urls() -> None:
    mirrors = {REMOTE + "/": "http://127.0.0.1:9/"}
    assert download_url(REMOTE + "/a/b.png?x=1", mirrors) == "http://127.0.0.1:9/a/b.png?x=1"
    assert download_url("//cdn.example.test/c.png", {}) == "https://cdn.example.test/c.png"


@pytest.fixture
def host():
    files = {
        "/shot.png": ("image/png", png(64, 32)),
        "/named-png-but-jpeg.png": ("image/png", jpeg(40, 30)),
        "/logo.svg": ("image/svg+xml", SVG),
        "/page.png": ("image/png", b"<html>login required</html>"),
        "/huge.png": ("image/png", png(64, 32) + b"\0" * 5000),
    }
    with image_host(files) as served:
        yield served


def _settings(tmp_path: Path, url: str, **extra) -> ImageSettings:
    return ImageSettings(cache_dir=tmp_path / "cache", mirrors={REMOTE + "/": url + "/"}, **extra)


def test_download_is_cached_by_url_and_typed_by_content(tmp_path: Path, host) -> None:
    settings = _settings(tmp_path, host.url)
    image = cached_image(REMOTE + "/shot.png", settings)
    assert image.info == ImageInfo("png", 64, 32)
    assert image.path == tmp_path / "cache" / f"{cache_key(REMOTE + '/shot.png')}.png"
    assert image.path.read_bytes() == host.files["/shot.png"][1]
    assert cached_image(REMOTE + "/named-png-but-jpeg.png", settings).path.suffix == ".jpg"
    # a rebuild finds it in the cache: no second request, even with the host gone
    offline = _settings(tmp_path, "http://127.0.0.1:9")
    assert cached_image(REMOTE + "/shot.png", offline).info == image.info
    assert host.requests.count("/shot.png") == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/logo.svg", "not a PNG, JPEG, GIF or WebP image"),
        ("/page.png", "not a PNG, JPEG, GIF or WebP image"),
        ("/huge.png", "larger than 4096 bytes"),
        ("/missing.png", "HTTP 404"),
    ],
)
def test_refused_downloads_say_why_and_are_not_cached(tmp_path: Path, host, path: str, reason: str) -> None:
    settings = _settings(tmp_path, host.url, max_bytes=4096)
    with pytest.raises(FetchError, match=reason):
        cached_image(REMOTE + path, settings)
    assert not any((tmp_path / "cache").glob("*"))


def test_unreachable_host_is_a_fetch_error(tmp_path: Path) -> None:
    with pytest.raises(FetchError):
        cached_image(REMOTE + "/shot.png", _settings(tmp_path, "http://127.0.0.1:9", timeout=2))


def test_page_rewrite_sizes_and_lazy_loading(tmp_path: Path, host) -> None:
    vendor = ImageVendor(_settings(tmp_path, host.url))
    page = (
        f'<p><img alt="Open Copilot" src="{REMOTE}/shot.png" srcset="{REMOTE}/shot@2x.png 2x" /></p>'
        f'<img src=\'{REMOTE}/shot.png\' alt="Again &amp; again" width="20">'
        f'<img src="{REMOTE}/logo.svg" alt="Logo">'
        '<img src="../local.png" alt="Local">'
    )
    result = vendor.localize(page, "en/faq/billing/why/")
    local = f"../../../../assets/images/remote/{cache_key(REMOTE + '/shot.png')}.png"
    assert result.html.count(f'src="{local}"') == 2
    first, second = result.html.split("<img ")[1:3]
    assert 'width="64" height="32" loading="eager"' in first and "srcset" not in first
    assert 'alt="Again &amp; again" width="20" loading="lazy"' in second and "height=" not in second
    assert f'<img src="{REMOTE}/logo.svg" alt="Logo">' in result.html  # left for the link fallback
    assert '<img src="../local.png" alt="Local">' in result.html
    assert result.failures == [(f"{REMOTE}/logo.svg", "not a PNG, JPEG, GIF or WebP image")]
    site = tmp_path / "site"
    assert vendor.copy_into(site) == 1
    assert (site / "assets/images/remote" / Path(local).name).read_bytes() == host.files["/shot.png"][1]
    assert host.requests.count("/logo.svg") == 1  # a failure is remembered for the rest of the build


@pytest.mark.parametrize(("url", "prefix"), [("", ""), ("en/", "../"), ("faq/x/", "../../")])
def test_site_prefix(url: str, prefix: str) -> None:
    assert site_prefix(url) == prefix
