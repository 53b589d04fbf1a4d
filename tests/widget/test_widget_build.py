"""The widget's build step (helpcenter/widget.py) on the repository's sources: no MkDocs, no browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalog.form_html import render_form
from catalog.languages import LANGUAGES
from catalog.texts import t
from catalog.tickets import TICKET_TYPES, form_schema
from helpcenter import bundle, widget

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"


def sources(kind: str, suffix: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (ASSETS / kind).glob(f"*{suffix}")}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return widget.build(sources("javascripts", ".js"), sources("stylesheets", ".css"))


def manifest(files: dict[str, bytes]) -> dict:
    loader = files["widget.js"].decode()
    return json.JSONDecoder().raw_decode(loader.split("const M=", 1)[1])[0]


def test_loader_names_every_file_it_loads(built) -> None:
    found = manifest(built)
    assert set(found["data"]) == set(LANGUAGES)
    for path in [found["panel"], found["css"], *found["data"].values()]:
        assert path in built, path
    assert found["label"] == {lang: t("widget.button", lang) for lang in LANGUAGES}


def test_panel_shares_the_sites_modules(built) -> None:
    site = bundle.build(sources("javascripts", ".js"), sources("stylesheets", ".css"))
    panel = built[manifest(built)["panel"]].decode()
    for name in ("copilot.js", "ticket-form.js"):
        hashed = site.modules[name].rsplit("/", 1)[1]
        assert f'"./{hashed}"' in panel  # the very file the site ships: one source, one download
        assert built[site.modules[name]] == site.files[site.modules[name]]


def test_data_holds_the_one_forms_and_the_catalogue_texts(built) -> None:
    for lang, path in manifest(built)["data"].items():
        data = json.loads(built[path])
        assert data["texts"]["tab_contact"] == t("widget.tab_contact", lang)
        for name in TICKET_TYPES:
            action = f"api/tickets/{name}"
            assert data["forms"][name] == render_form(name, lang, form_schema(name, lang), action)


def test_stylesheet_does_not_depend_on_the_hosts_root_size(built) -> None:
    css = built[manifest(built)["css"]].decode()
    assert "rem" not in re.sub(r"[a-z-]*rem[a-z-]", "", css)
    assert widget.rem_to_px("a{margin:.8rem 1.2rem;width:min(24rem,1px)}") == (
        "a{margin:16px 24px;width:min(480px,1px)}"
    )


def test_missing_sources_fail_the_build() -> None:
    scripts = sources("javascripts", ".js")
    del scripts["widget-panel.js"]
    with pytest.raises(widget.WidgetError, match="widget-panel.js"):
        widget.build(scripts, sources("stylesheets", ".css"))
    scripts = {**sources("javascripts", ".js"), "widget.js": "(() => {})();"}
    with pytest.raises(widget.WidgetError, match="placeholder"):
        widget.build(scripts, sources("stylesheets", ".css"))
