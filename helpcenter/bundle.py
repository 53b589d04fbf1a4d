"""Our JS and CSS as the site ships them: minified, one bundle per need, content hashes in JS names.

No MkDocs import: `hooks/assets.py` feeds it the theme's `assets/` folder and writes what it returns.

- JavaScript: each need is one self-contained ES module (`site.js` on every page, which imports
  `copilot.js` on first use; `ticket-form.js` on pages with a form), minified by rjsmin. A module names
  another only as a relative string literal (`"./copilot.js"`, resolved against `import.meta.url`); that
  literal becomes the other's hashed name, so the dependency is built first and a change in it changes
  the importer's hash too.
- A need's module is carried inline by its pages (`InlineModule`): a request before it runs would delay
  the page's first paint, the largest one too, on a slow network. Its file is written all the same: it is
  what a module imports after an instant-loading swap, and the address its code resolves names against.
- CSS: each need's stylesheets concatenated in order and minified by rcssmin, then put into the head of
  the pages of that need (a few KB): no request stands between the HTML and the first paint.
- CSS a module loads on first use (the Copilot panel's): a module names it as a string literal
  `"../stylesheets/<name>.css"`; it is minified into its own hashed file, and the literal becomes that
  name (so a change in the CSS changes the module's hash too). Pages stay free of what they do not show.
- Names of the JS and lazy CSS files: `<stem>.<first 10 hex of the content's SHA-256>.<ext>`, cached forever.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin

JS_DIR = "assets/javascripts"
CSS_DIR = "assets/stylesheets"
MODULE_REF = re.compile(r"""(["'])\./([\w-]+\.js)\1""")
STYLE_REF = re.compile(r"""(["'])\.\./stylesheets/([\w-]+\.css)\1""")
RELATIVE_IMPORT = re.compile(r"""(?:\bimport\s*\(|\bfrom)\s*["']\.""")  # import("./x.js"), from "./x.js"
MODULE_URL = "hcModuleUrl"  # what an inline module has in place of import.meta.url


@dataclass(frozen=True)
class Need:
    """What a kind of page loads: one module and its CSS (made of `styles`, in order)."""

    name: str
    module: str
    styles: tuple[str, ...]


EVERY_PAGE = Need("site", "site.js", ("site.css", "content.css", "copilot-button.css"))
FORM_PAGE = Need("ticket-form", "ticket-form.js", ("ticket-form.css",))
NEEDS = (EVERY_PAGE, FORM_PAGE)


class BundleError(ValueError):
    """A missing source, modules that import each other in a circle, CSS that cannot be inlined."""


@dataclass
class Bundle:
    """The built files (site-relative path -> bytes) and where each source and need ended up."""

    files: dict[str, bytes] = field(default_factory=dict)
    modules: dict[str, str] = field(default_factory=dict)  # "site.js" -> "assets/javascripts/site.<h>.js"
    styles: dict[str, str] = field(default_factory=dict)  # need name -> its minified CSS, for the head
    lazy_styles: dict[str, str] = field(default_factory=dict)  # "copilot.css" -> its hashed file's path
    sources: set[str] = field(default_factory=set)  # site-relative paths of the sources, not to be shipped


def hashed_name(name: str, content: bytes) -> str:
    """`site.js` + content -> `site.<10 hex>.js`: same content, same name; any change, a new name."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{path.stem}.{digest}{path.suffix}"


def minify_js(source: str) -> str:
    return rjsmin.jsmin(source).strip() + "\n"


def minify_css(sources: list[str]) -> str:
    return rcssmin.cssmin("\n".join(sources)).strip() + "\n"


def build_modules(
    sources: dict[str, str], entries: list[str], styles: dict[str, str] | None = None
) -> dict[str, tuple[str, str]]:
    """Minify `entries` and every module they name, dependencies first: name -> (hashed name, code).
    `styles`: the lazy stylesheets a module may name, source name -> hashed name."""
    styles = styles or {}
    built: dict[str, tuple[str, str]] = {}
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in built:
            return
        if name in visiting:
            raise BundleError(f"modules import each other in a circle: {' -> '.join([*visiting, name])}")
        if name not in sources:
            raise BundleError(f"{visiting[-1] if visiting else 'a need'} names {name}, which does not exist")
        visiting.append(name)
        code = minify_js(sources[name])
        for dependency in {m.group(2) for m in MODULE_REF.finditer(code)}:
            visit(dependency)
        code = MODULE_REF.sub(lambda m: f"{m.group(1)}./{built[m.group(2)][0]}{m.group(1)}", code)
        unknown = sorted({m.group(2) for m in STYLE_REF.finditer(code)} - styles.keys())
        if unknown:
            raise BundleError(f"{name} names the stylesheet {', '.join(unknown)}, which does not exist")
        code = STYLE_REF.sub(lambda m: f"{m.group(1)}../stylesheets/{styles[m.group(2)]}{m.group(1)}", code)
        built[name] = (hashed_name(name, code.encode()), code)
        visiting.pop()

    for entry in entries:
        visit(entry)
    return built


def build(scripts: dict[str, str], stylesheets: dict[str, str], needs: tuple[Need, ...] = NEEDS) -> Bundle:
    """`scripts`/`stylesheets`: file name -> source text, as found in the theme's assets folders."""
    bundle = Bundle(sources={f"{JS_DIR}/{n}" for n in scripts} | {f"{CSS_DIR}/{n}" for n in stylesheets})
    lazy: dict[str, str] = {}  # source name -> hashed name, for the modules' references
    for name in sorted({m.group(2) for code in scripts.values() for m in STYLE_REF.finditer(code)}):
        if name in stylesheets:
            css = minify_css([stylesheets[name]]).encode()
            lazy[name] = hashed_name(name, css)
            bundle.lazy_styles[name] = f"{CSS_DIR}/{lazy[name]}"
            bundle.files[bundle.lazy_styles[name]] = css
    for name, (hashed, code) in build_modules(scripts, [need.module for need in needs], lazy).items():
        bundle.modules[name] = f"{JS_DIR}/{hashed}"
        bundle.files[bundle.modules[name]] = code.encode()
    for need in needs:
        missing = [s for s in need.styles if s not in stylesheets]
        if missing:
            raise BundleError(f"need {need.name!r}: no stylesheet {', '.join(missing)}")
        css = minify_css([stylesheets[s] for s in need.styles])
        if "</style" in css.lower():
            raise BundleError(f"need {need.name!r}: its CSS contains '</style', which ends an inline block")
        bundle.styles[need.name] = css
    return bundle


def build_folder(assets: Path, needs: tuple[Need, ...] = NEEDS) -> Bundle:
    """Build from a theme's `assets/` folder: its `javascripts/*.js` and `stylesheets/*.css`."""

    def read(folder: str, suffix: str) -> dict[str, str]:
        found = sorted((assets / PurePosixPath(folder).name).glob(f"*{suffix}"))
        return {p.name: p.read_text(encoding="utf-8") for p in found}

    return build(read(JS_DIR, ".js"), read(CSS_DIR, ".css"), needs)


@dataclass(frozen=True)
class InlineModule:
    """A module as pages carry it, in a `<script type="module">`: no request stands between the page and its
    code. `path` is its file's site-relative address, which stands in for `import.meta.url`: inline, that
    would be the page's address, against which the module's own files would not be found."""

    path: str
    code: str

    def script(self, url: str) -> str:
        """The script's text for a page that reaches the file at `url` (relative to the page): the
        address is made absolute once, before instant loading changes the page's address."""
        if MODULE_URL not in self.code:
            return self.code
        return f"const {MODULE_URL}=new URL({json.dumps(url)},document.baseURI).href;{self.code}"


def inline_module(bundle: Bundle, name: str) -> InlineModule:
    """`name`'s built code with `import.meta.url` replaced (see `InlineModule`); a relative import or
    `</script` in it would break once inline, so either is an error."""
    path = bundle.modules[name]
    code = bundle.files[path].decode()
    if RELATIVE_IMPORT.search(code):
        raise BundleError(
            f"{name} imports by a relative address, which inline would be the page's: resolve it "
            "against import.meta.url"
        )
    if "</script" in code.lower():
        raise BundleError(f"{name} contains '</script', which ends an inline script")
    return InlineModule(path, code.replace("import.meta.url", MODULE_URL))


@dataclass(frozen=True)
class PageAssets:
    """What a kind of page carries: its need's name, its CSS (inline in the head) and its module (inline,
    run once the page is parsed, after Material's bundle: it enhances a readable page)."""

    name: str
    style: str
    module: InlineModule


def every_page(bundle: Bundle) -> PageAssets:
    return PageAssets(
        EVERY_PAGE.name, bundle.styles[EVERY_PAGE.name], inline_module(bundle, EVERY_PAGE.module)
    )


def form_page(bundle: Bundle) -> PageAssets:
    """What a page with a ticket form adds: its CSS and its module, which enhances the page's forms
    (site.js imports the module's file after an instant-loading swap to such a page)."""
    return PageAssets(FORM_PAGE.name, bundle.styles[FORM_PAGE.name], inline_module(bundle, FORM_PAGE.module))
