"""The bundling step (helpcenter.bundle), without MkDocs: names, minification, module references, errors.

That the minified files still run is shown by the browser tests (tests/copilot, tests/forms, tests/site),
which use the built site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpcenter.bundle import (
    EVERY_PAGE,
    FORM_PAGE,
    MODULE_URL,
    BundleError,
    InlineModule,
    Need,
    build,
    build_folder,
    build_modules,
    every_page,
    form_page,
    hashed_name,
    inline_module,
)

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"
HASHED = re.compile(r"^assets/(javascripts/[\w-]+\.[0-9a-f]{10}\.js|stylesheets/[\w-]+\.[0-9a-f]{10}\.css)$")


def sources(kind: str, suffix: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ASSETS / kind).glob(f"*{suffix}"))}


def repo_bundle():
    return build_folder(ASSETS)


def test_same_content_same_name_changed_content_new_name() -> None:
    assert hashed_name("site.js", b"a") == hashed_name("site.js", b"a")
    assert hashed_name("site.js", b"a") != hashed_name("site.js", b"b")
    assert re.fullmatch(r"site\.[0-9a-f]{10}\.js", hashed_name("site.js", b"a"))
    assert repo_bundle().files == repo_bundle().files  # the whole build is stable


def test_every_shipped_file_is_hashed_and_smaller_than_its_sources() -> None:
    bundle = repo_bundle()
    assert bundle.files and all(HASHED.match(path) for path in bundle.files)
    css_files = {p for p in bundle.files if p.endswith(".css")}
    assert css_files == set(bundle.lazy_styles.values())  # the others are inline
    js = sources("javascripts", ".js")
    for name, path in bundle.modules.items():
        assert len(bundle.files[path]) < len(js[name].encode()) * 0.85, name
        assert b"/**" not in bundle.files[path]  # documentation comments stay in the sources
    css = sources("stylesheets", ".css")
    for need in (EVERY_PAGE, FORM_PAGE):
        original = sum(len(css[s].encode()) for s in need.styles)
        assert len(bundle.styles[need.name].encode()) < original * 0.9, need.name
        assert "/*" not in bundle.styles[need.name], need.name


def test_lazy_modules_are_named_by_their_hashed_file() -> None:
    bundle = repo_bundle()
    site = bundle.files[bundle.modules["site.js"]].decode()
    for lazy in ("copilot.js", "ticket-form.js"):
        hashed = bundle.modules[lazy].rsplit("/", 1)[1]
        assert f'import(beside("./{hashed}"))' in site  # resolved against the module's own address
        assert f'"./{lazy}"' not in site


def test_a_change_in_a_lazy_module_renames_its_importer_too() -> None:
    js = {"entry.js": 'export const load = () => import("./lazy.js");\n', "lazy.js": "export const a = 1;\n"}
    before = build_modules(js, ["entry.js"])
    after = build_modules({**js, "lazy.js": "export const a = 2;\n"}, ["entry.js"])
    assert before["lazy.js"][0] != after["lazy.js"][0]
    assert before["entry.js"][0] != after["entry.js"][0]
    unrelated = build_modules({**js, "other.js": "x()"}, ["entry.js"])
    assert unrelated["entry.js"] == before["entry.js"]


def test_the_copilot_panel_css_is_a_hashed_file_named_by_site_js_not_inline() -> None:
    bundle = repo_bundle()
    panel_css = bundle.lazy_styles["copilot.css"]
    site = bundle.files[bundle.modules["site.js"]].decode()
    assert f'"../stylesheets/{panel_css.rsplit("/", 1)[1]}"' in site
    assert '"../stylesheets/copilot.css"' not in site
    assert b".hc-copilot{" in bundle.files[panel_css] and b"/*" not in bundle.files[panel_css]
    assert ".hc-copilot{" not in every_page(bundle).style and ".hc-copilot-button" in every_page(bundle).style
    assert list(bundle.lazy_styles) == ["copilot.css"]


def test_a_change_in_a_lazy_stylesheet_renames_it_and_its_module() -> None:
    js = {"m.js": 'export const css = new URL("../stylesheets/p.css", import.meta.url);\n'}
    need = (Need("x", "m.js", ()),)
    before = build(js, {"p.css": ".p { color: red; }\n"}, need)
    after = build(js, {"p.css": ".p { color: blue; }\n"}, need)
    assert before.lazy_styles["p.css"] != after.lazy_styles["p.css"]
    assert before.modules["m.js"] != after.modules["m.js"]
    with pytest.raises(BundleError, match="m.js names the stylesheet p.css"):
        build(js, {}, need)


def test_css_of_a_need_is_its_stylesheets_in_order() -> None:
    css = {"a.css": ".a { color: red; }\n", "b.css": "/* note */\n.b { color: blue; }\n"}
    bundle = build({"m.js": "export {};\n"}, css, (Need("x", "m.js", ("b.css", "a.css")),))
    text = bundle.styles["x"]
    assert text.index(".b{") < text.index(".a{") and "note" not in text
    assert not bundle.files.keys() - set(bundle.modules.values())  # no stylesheet file


def test_pages_carry_their_module_and_css() -> None:
    bundle = repo_bundle()
    page, form = every_page(bundle), form_page(bundle)
    assert (page.module.path, form.module.path) == (
        bundle.modules["site.js"],
        bundle.modules["ticket-form.js"],
    )
    site = bundle.files[page.module.path].decode()
    assert (
        page.module.code == site.replace("import.meta.url", MODULE_URL)
        and "import.meta" not in page.module.code
    )
    assert form.module.code == bundle.files[form.module.path].decode()  # it names no file of its own
    assert (page.name, form.name) == (EVERY_PAGE.name, FORM_PAGE.name)
    assert ".hc-copilot-button" in page.style and ".hc-copilot-button" not in form.style
    assert ".hc-form" in form.style and ".hc-form" not in page.style
    assert bundle.sources >= {"assets/javascripts/copilot.js", "assets/stylesheets/ticket-form.css"}


def test_missing_and_circular_modules_are_errors() -> None:
    with pytest.raises(BundleError, match="nope.js"):
        build_modules({"a.js": 'import("./nope.js")'}, ["a.js"])
    with pytest.raises(BundleError, match="circle: a.js -> b.js -> a.js"):
        build_modules({"a.js": 'import("./b.js")', "b.js": 'import("./a.js")'}, ["a.js"])
    with pytest.raises(BundleError, match="no stylesheet gone.css"):
        build({"m.js": ""}, {}, (Need("x", "m.js", ("gone.css",)),))


def test_css_that_would_end_its_inline_block_is_an_error() -> None:
    css = {"a.css": '.a::after { content: "</STYLE><script>x()</script>"; }\n'}
    with pytest.raises(BundleError, match="'</style'"):
        build({"m.js": ""}, css, (Need("x", "m.js", ("a.css",)),))


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ('export const load = () => import("./lazy.js");\n', "relative address"),
        ('import { a } from "./lazy.js";\n', "relative address"),
        ('export const html = "</script>";\n', "'</script'"),
    ],
)
def test_a_module_that_would_break_inline_is_an_error(code: str, problem: str) -> None:
    js = {"m.js": code, "lazy.js": "export const a = 1;\n"}
    bundle = build(js, {}, (Need("x", "m.js", ()),))
    with pytest.raises(BundleError, match=re.escape(problem)):
        inline_module(bundle, "m.js")


@pytest.mark.parametrize(
    ("code", "url", "script"),
    [
        ("f(1);", "../a/m.js", "f(1);"),  # no import.meta.url: nothing added
        (
            f"g({MODULE_URL});",
            "../a/m.js",
            f'const {MODULE_URL}=new URL("../a/m.js",document.baseURI).href;g({MODULE_URL});',
        ),
        (
            f"g({MODULE_URL});",
            'a"b.js',
            f'const {MODULE_URL}=new URL("a\\"b.js",document.baseURI).href;g({MODULE_URL});',
        ),
    ],
)
def test_an_inline_module_gets_its_files_address(code: str, url: str, script: str) -> None:
    assert InlineModule("assets/javascripts/m.js", code).script(url) == script
