"""The embeddable help widget as the site ships it: `widget.js` at the site root and what it loads on use.

No MkDocs import: `hooks/widget.py` gives it the theme's assets folder and the site folder.

- `widget.js` (fixed name, the one line a host page embeds): the button's own code, a classic script
  (`document.currentScript` names the help center's origin), with a small manifest written in by this
  module: the hashed panel module, stylesheet and per-language data, and the button's label per language.
- `widget-panel.js` and the modules it imports (`copilot.js`, `ticket-form.js`): the site's own sources,
  minified and hashed by `helpcenter.bundle`, so the panel shares its files with the site.
- The stylesheet: the site's Copilot and form styles plus `widget.css`. `rem` there means Material's 20 px
  root; in a host page it would mean the host's, so it becomes `px` here.
- `assets/widget/<lang>.<hash>.json`: the widget's texts (`widget.*` in the catalogue), the ticket type
  names and the three forms rendered by `catalog.form_html.render_form` (the one definition).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from catalog.form_html import render_form
from catalog.languages import LANGUAGES
from catalog.texts import t, texts_with_prefix
from catalog.tickets import TICKET_TYPES, form_schema
from helpcenter.bundle import CSS_DIR, JS_DIR, build_modules, hashed_name, minify_css, minify_js
from helpcenter.forms_page import DEFAULT_API, action_url

LOADER = "widget.js"  # source in assets/javascripts, shipped at the site root under the same name
PANEL = "widget-panel.js"
STYLES = ("copilot.css", "ticket-form.css", "widget.css")
DATA_DIR = "assets/widget"
MANIFEST = "__HELP_CENTER_WIDGET__"  # the loader's placeholder for the manifest
ROOT_PX = 20  # Material's root font size (html { font-size: 125% })
REM = re.compile(r"(?<![\w.-])(\d*\.?\d+)rem\b")

Files = dict[str, bytes]


class WidgetError(ValueError):
    """A missing source or a loader without its manifest placeholder."""


def rem_to_px(css: str, root_px: int = ROOT_PX) -> str:
    """`.8rem` -> `16px`: the host page's root font size must not resize the panel."""
    return REM.sub(lambda m: f"{float(m.group(1)) * root_px:g}px", css)


def _hashed(folder: str, name: str, content: bytes) -> str:
    return f"{folder}/{hashed_name(name, content)}"


def widget_data(lang: str, api: str = DEFAULT_API, schema: Callable[[str, str], list] = form_schema) -> dict:
    """What the panel needs in one language: its texts and the forms, from the catalogue."""
    return {
        "lang": lang,
        "texts": {**texts_with_prefix("widget.", lang), "picker": t("form.picker", lang)},
        "types": {name: t(f"type.{name}", lang) for name in TICKET_TYPES},
        "forms": {
            name: render_form(name, lang, schema(name, lang), action_url(api, name, ""))
            for name in TICKET_TYPES
        },
    }


def build(
    scripts: Mapping[str, str],
    stylesheets: Mapping[str, str],
    api: str = DEFAULT_API,
    languages: tuple[str, ...] = LANGUAGES,
) -> Files:
    """Every file of the widget, site-relative path -> bytes."""
    missing = [n for n in (LOADER, PANEL) if n not in scripts] + [s for s in STYLES if s not in stylesheets]
    if missing:
        raise WidgetError(f"widget sources missing: {', '.join(missing)}")
    files: Files = {}
    modules = build_modules(dict(scripts), [PANEL])
    for hashed, code in modules.values():
        files[f"{JS_DIR}/{hashed}"] = code.encode()
    css = minify_css([rem_to_px(stylesheets[s]) for s in STYLES]).encode()
    css_path = _hashed(CSS_DIR, "widget.css", css)
    files[css_path] = css
    data = {}
    for lang in languages:
        body = json.dumps(widget_data(lang, api), ensure_ascii=False, separators=(",", ":")).encode()
        data[lang] = _hashed(DATA_DIR, f"{lang}.json", body)
        files[data[lang]] = body
    manifest = {
        "panel": f"{JS_DIR}/{modules[PANEL][0]}",
        "css": css_path,
        "data": data,
        "label": {lang: t("widget.button", lang) for lang in languages},
    }
    loader = minify_js(scripts[LOADER])
    if MANIFEST not in loader:
        raise WidgetError(f"{LOADER} has no {MANIFEST} placeholder for its manifest")
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    files[PurePosixPath(LOADER).name] = loader.replace(MANIFEST, text).encode()
    return files


def build_folder(assets: Path, api: str = DEFAULT_API) -> Files:
    """Build from a theme's `assets/` folder (its `javascripts/*.js` and `stylesheets/*.css`)."""

    def read(folder: str, suffix: str) -> dict[str, str]:
        found = sorted((assets / PurePosixPath(folder).name).glob(f"*{suffix}"))
        return {p.name: p.read_text(encoding="utf-8") for p in found}

    return build(read(JS_DIR, ".js"), read(CSS_DIR, ".css"), api)
