"""MkDocs hook: our JS and CSS minified, one bundle per need, JS content-hashed. Logic: `helpcenter.bundle`.

The sources are the theme overrides' `assets/javascripts/*.js` and `assets/stylesheets/*.css`; they are
replaced in the built site by the bundles. `main.html` puts each need's CSS into the head (every page's,
and a form page's too) and carries its module inline: `hc_every_page` (a template global, so the 404
page has it) and `hc_page_assets` (pages with a ticket form).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from helpcenter.bundle import Bundle, build_folder, every_page, form_page
from helpcenter.forms_page import has_markers


class _Build:
    bundle: Bundle | None = None


def on_config(config):
    """Runs once per language pass: cheap (a few small files), and the names stay the same."""
    _Build.bundle = build_folder(Path(config["theme"].custom_dir) / "assets")
    return config


def on_env(env, config, files):
    env.globals["hc_every_page"] = every_page(_Build.bundle)
    return env


@event_priority(-150)  # after mkdocs-static-i18n's on_files (-100), which fails on files with no source path
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
