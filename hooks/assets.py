"""MkDocs hook: our JS and CSS minified, one file per need, content-hashed. Logic: `helpcenter.bundle`.

The sources are the theme overrides' `assets/javascripts/*.js` and `assets/stylesheets/*.css`; they are
replaced in the built site by the bundles, which every page links through Material's `extra_css` and
`extra_javascript` (so mkdocs.yml lists none) and pages with a ticket form also through `main.html`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from helpcenter.bundle import CSS_DIR, JS_DIR, Bundle, build, every_page, form_page
from helpcenter.forms_page import has_markers


class _Build:
    bundle: Bundle | None = None


def _read(folder: Path, suffix: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob(f"*{suffix}"))}


def on_config(config):
    """Runs once per language pass: cheap (a few small files), and the names stay the same."""
    assets = Path(config["theme"].custom_dir) / "assets"
    bundle = build(_read(assets / Path(JS_DIR).name, ".js"), _read(assets / Path(CSS_DIR).name, ".css"))
    _Build.bundle = bundle
    page = every_page(bundle)
    config["extra_css"] = list(page.styles)
    scripts = []
    for path in page.scripts:
        script = ExtraScriptValue(path)
        script.type = "module"
        scripts.append(script)
    config["extra_javascript"] = scripts
    return config


@event_priority(-150)  # after mkdocs-static-i18n (-100), which cannot handle files that have no source path
def on_files(files: Files, config) -> Files:
    """The sources leave the site; the bundles take their place."""
    bundle = _Build.bundle
    for file in [f for f in files if f.src_uri in bundle.sources]:
        files.remove(file)
    for path, content in bundle.files.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    return files


def on_page_context(context, page, config, nav):
    if has_markers(page.content or ""):
        context["hc_page_assets"] = form_page(_Build.bundle)
    return context
