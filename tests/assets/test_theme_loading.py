"""Material's bundle after the first frame (helpcenter.theme_loading), without MkDocs: the rewrite of a
page's scripts block. That pages still work with it is shown by every browser test on the built site;
that the first frame comes first, by tests/site/test_site_browser.py."""

from __future__ import annotations

import logging

import pytest

from helpcenter.theme_loading import FALLBACK_MS, THEME_READY, after_first_frame, loader

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
MODULE = '<script type="module">const x=1;</script>'


def test_the_bundle_tag_becomes_the_loader_and_modules_wait_for_it() -> None:
    out = after_first_frame(f"<script id=__config>{{}}</script>{BUNDLE}{MODULE}{MODULE}")
    assert "<script src=" not in out
    assert out.startswith("<script id=__config>{}</script><script>window.hcTheme=new Promise(")
    assert 'bundle.src="../assets/javascripts/bundle.a5f9d56c.min.js";' in out
    assert out.count(f'<script type="module">await {THEME_READY};const x=1;</script>') == 2
    assert out.index("bundle.src=") < out.index("await ")


def test_the_loader_waits_for_a_frame_and_hands_the_page_to_material_if_its_start_event_came_first() -> None:
    code = loader("/b.js")
    assert "requestAnimationFrame(function(){setTimeout(add)})" in code
    assert f"setTimeout(add,{FALLBACK_MS})" in code
    assert 'addEventListener("DOMContentLoaded",function(){seen=true},{once:true})' in code
    assert "if(seen&&window.document$)window.document$.next(document);done()" in code
    assert code.count("<script>") == 1 and code.endswith("</script>")


@pytest.mark.parametrize(
    "scripts",
    [
        pytest.param(MODULE, id="no bundle tag"),
        pytest.param(BUNDLE + BUNDLE + MODULE, id="two bundle tags"),
        pytest.param('<script src="x/bundle.min.js"></script>' + MODULE, id="a name without a hash"),
        pytest.param(
            '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>', id="other tag"
        ),
    ],
)
def test_a_scripts_block_without_materials_one_tag_is_left_as_it_is_with_a_warning(
    scripts: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        assert after_first_frame(scripts) == scripts
    assert [r.name for r in caplog.records] == ["mkdocs.hooks.theme_loading"]
    assert "Material's bundle tag" in caplog.text
