"""The built site against the handler's form definitions: same fields, same constraints, same texts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urljoin

import pytest
from forms_helpers import FORM_CASES, SUPPORT, FormPage, form_path, read

from catalog.tickets import LANGUAGES, TICKET_TYPES, form_schema

ROOT = Path(__file__).resolve().parents[2]
INPUT_TYPE = {"text": "text", "email": "email", "file": "file", "hidden": "hidden", "honeypot": "text"}


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_page_and_definition_have_the_same_fields(built_site: Path, ticket_type: str, lang: str) -> None:
    """Fails if a field is in the form definition but not on the built page, or the other way round."""
    page = read(built_site, form_path(ticket_type, lang))
    schema = form_schema(ticket_type, lang)
    assert page.names() == [f["name"] for f in schema]


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_every_field_carries_the_definition(built_site: Path, ticket_type: str, lang: str) -> None:
    """Labels, choices and HTML constraints on the page are the definition's, in the page's language."""
    page = read(built_site, form_path(ticket_type, lang))
    for field in form_schema(ticket_type, lang):
        controls = page.by_name(field["name"])
        kind = field["kind"]
        if kind not in ("hidden", "honeypot"):
            assert page.label_of(field["name"]).rstrip(" *") == field["label"], field["name"]
        if kind == "radio":
            assert [c.attrs["value"] for c in controls] == [v for v, _ in field["choices"]]
            assert all(("required" in c.attrs) == field["required"] for c in controls)
            for control, (_, label) in zip(controls, field["choices"], strict=True):
                assert page.labels[control.attrs["id"]] == label
            continue
        assert len(controls) == 1, field["name"]
        attrs = controls[0].attrs
        if kind == "select":
            assert controls[0].options == ["", *(v for v, _ in field["choices"])]
        elif kind == "textarea":
            assert controls[0].tag == "textarea"
        else:
            assert attrs["type"] == INPUT_TYPE[kind], field["name"]
        assert ("required" in attrs) == field["required"], field["name"]
        if kind in ("text", "email", "textarea") and field["maxlength"]:
            assert attrs.get("maxlength") == str(field["maxlength"]), field["name"]
        assert attrs.get("accept") == field["accept"]
        assert ("multiple" in attrs) == field["multiple"]
        if field["show_if"]:
            assert "data-hc-required-when-shown" in attrs


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_form_posts_to_the_handler_from_its_page(built_site: Path, ticket_type: str, lang: str) -> None:
    page = read(built_site, form_path(ticket_type, lang))
    base = "http://127.0.0.1:8000/"
    posted = urljoin(base + form_path(ticket_type, lang), page.form["action"])
    assert posted == f"{base}api/tickets/{ticket_type}"
    assert page.form["method"] == "post" and page.form["enctype"] == "multipart/form-data"
    assert page.by_name("language")[0].attrs["value"] == lang
    assert page.by_name("page")[0].attrs["value"] == "/" + form_path(ticket_type, lang)
    assert page.by_name("idempotency_key")[0].attrs["value"] == ""  # per load, by the module (or the handler)


def test_no_marker_left_in_the_site(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        assert "<!-- ticket-" not in html.read_text(encoding="utf-8"), html


def test_search_index_has_no_form_texts(built_site: Path) -> None:
    index = (built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Fields marked * are required" not in index and "hc-form" not in index


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_page_picks_every_type(built_site: Path, lang: str) -> None:
    html = (built_site / SUPPORT[lang] / "contact" / "index.html").read_text(encoding="utf-8")
    picker = html[html.index('class="hc-picker"') :]
    picker = picker[: picker.index("</ul>")]
    for ticket_type in TICKET_TYPES:
        assert f'href="../{ticket_type}/"' in picker


@pytest.mark.parametrize("lang", LANGUAGES)
def test_thanks_page_has_a_no_js_sentence_and_a_template(built_site: Path, lang: str) -> None:
    html = (built_site / SUPPORT[lang] / "thanks" / "index.html").read_text(encoding="utf-8")
    assert 'class="hc-thanks" data-hc-thanks="' in html and "{ticket}" in html


CHANGED_BUILD = textwrap.dedent("""
    import sys
    import catalog.tickets as forms
    original = forms.form_schema

    def changed(ticket_type, lang):
        fields = [f for f in original(ticket_type, lang) if f["name"] != "agency"]
        extra = dict(fields[0], name="order_number", label="Order <number>", kind="text", required=True,
                     maxlength=30, help="")
        return fields[:3] + [extra] + fields[3:]

    forms.form_schema = changed
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(sys.argv[1], site_dir=sys.argv[2]))
""")


def test_a_changed_definition_changes_the_page_at_the_next_build(tmp_path: Path) -> None:
    """No edit but the definition: the next build renders the new field and drops the removed one."""
    env_cmd = [sys.executable, "-c", CHANGED_BUILD, str(ROOT / "mkdocs.yml"), str(tmp_path)]
    result = subprocess.run(
        env_cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = FormPage((tmp_path / "en/support/technical/index.html").read_text(encoding="utf-8"))
    assert "order_number" in page.names() and "agency" not in page.names()
    assert page.label_of("order_number") == "Order <number> *"
    assert "required" in page.by_name("order_number")[0].attrs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_thanks_page_is_built_but_not_a_navigation_entry(built_site: Path, lang: str) -> None:
    """Reached only after sending: no sidebar entry, no "next" link from a form to it."""
    assert (built_site / SUPPORT[lang] / "thanks" / "index.html").is_file()
    for name in (*TICKET_TYPES, "contact"):
        html = (built_site / SUPPORT[lang] / name / "index.html").read_text(encoding="utf-8")
        assert 'thanks/"' not in html, name
