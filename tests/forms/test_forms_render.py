"""The renderer against a tiny local schema: escaping, constraints, need groups, URLs, markers."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalog.form_html import render_form
from catalog.texts import missing_translations
from helpcenter.forms_page import MarkerError, action_url, render_markers, site_path


def f(name: str, kind: str = "text", **over) -> dict:
    base = {
        "name": name,
        "kind": kind,
        "label": name.title(),
        "help": "",
        "required": False,
        "choices": None,
        "maxlength": None,
        "accept": None,
        "multiple": False,
        "show_if": None,
    }
    return {**base, **over}


SCHEMA = [
    f("name", required=True, maxlength=120, label='Nombre <script>alert("x")</script>'),
    f("email", "email", required=True, maxlength=254, help="We reply & <b>thank</b>"),
    f("need", "radio", required=True, choices=[["a", "Option A"], ["b", 'B "quoted"']]),
    f("a_name", show_if={"field": "need", "values": ["a"]}, maxlength=60),
    f("a_kind", "select", choices=[["x", "X"], ["y", "Y"]], show_if={"field": "need", "values": ["a"]}),
    f("b_mail", "email", show_if={"field": "need", "values": ["b"]}),
    f("description", "textarea", required=True, maxlength=5000),
    f("files", "file", accept="image/png,.txt", multiple=True),
    f("language", "hidden"),
    f("page", "hidden"),
    f("website", "honeypot", label="Leave empty"),
]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, for assertions without a DOM library."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, name: str) -> list[dict]:
        return [a for t, a in self.tags if a.get("name") == name and t in ("input", "select", "textarea")]


@pytest.fixture
def html() -> str:
    return render_form("demo", "en", SCHEMA, "../../api/tickets/demo", {"page": "/x/"})


def test_every_schema_field_is_rendered_once(html: str) -> None:
    doc = Tags(html)
    for field in SCHEMA:
        controls = doc.named(field["name"])
        expected = len(field["choices"]) if field["kind"] == "radio" else 1
        assert len(controls) == expected, field["name"]


def test_constraints(html: str) -> None:
    doc = Tags(html)
    name = doc.named("name")[0]
    assert "required" in name and name["maxlength"] == "120" and name["type"] == "text"
    assert doc.named("email")[0]["type"] == "email"
    files = doc.named("files")[0]
    assert files["type"] == "file" and files["accept"] == "image/png,.txt" and "multiple" in files
    assert all("required" in r for r in doc.named("need"))
    # conditional fields: required only once their need is chosen (the module sets it), marked for that
    a_name = doc.named("a_name")[0]
    assert "required" not in a_name and "data-hc-required-when-shown" in a_name
    assert doc.named("language")[0] == {
        "type": "hidden",
        "id": "hc-demo-language",
        "name": "language",
        "value": "en",
    }
    assert doc.named("page")[0]["value"] == "/x/"
    form = next(a for t, a in doc.tags if t == "form")
    assert (form["method"], form["enctype"], form["action"]) == (
        "post",
        "multipart/form-data",
        "../../api/tickets/demo",
    )


def test_everything_from_the_schema_is_escaped(html: str) -> None:
    assert "<script>alert" not in html and "<b>thank" not in html
    assert "Nombre &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "B &quot;quoted&quot;" in html


def test_labels_and_help_are_linked(html: str) -> None:
    doc = Tags(html)
    labels = {a["for"] for t, a in doc.tags if t == "label"}
    for field in SCHEMA:
        if field["kind"] not in ("hidden", "radio"):
            assert f"hc-demo-{field['name']}" in labels
    assert doc.named("email")[0]["aria-describedby"] == "hc-demo-email-help"


def test_need_groups_have_a_heading_per_need(html: str) -> None:
    groups = re.findall(
        r'<fieldset class="hc-group" data-hc-show-field="need" data-hc-show-values="(\w+)">'
        r"<legend>([^<]+)</legend>",
        html,
    )
    assert groups == [("a", "If you chose: Option A"), ("b", "If you chose: B &quot;quoted&quot;")]
    assert html.index('name="a_name"') < html.index('data-hc-show-values="b"') < html.index('name="b_mail"')


def test_honeypot_is_hidden_from_people_and_assistive_tech(html: str) -> None:
    match = re.search(r'<div class="hc-hp" aria-hidden="true">.*?</div>', html)
    assert match and 'name="website"' in match.group(0) and 'tabindex="-1"' in match.group(0)
    assert 'autocomplete="off"' in match.group(0)


def test_texts_block_is_json_that_cannot_break_out() -> None:
    html = render_form("demo", "pt", SCHEMA, "x", {})
    assert "<script" not in html  # instant loading would run an inline JSON script as JavaScript
    block = re.search(r'<div hidden class="hc-texts" data-json="([^"]*)"></div>', html).group(1)
    data = json.loads(unescape(block))
    assert data["send"] == "Enviar ticket" and "{ticket}" in data["success"]
    assert "<" not in block


def test_every_text_exists_in_every_language() -> None:
    assert missing_translations() == []


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("soporte/technical/", "../../api/tickets/technical"),
        ("en/support/technical/", "../../../api/tickets/technical"),
        ("", "api/tickets/technical"),
        ("a/b/c/d/", "../../../../api/tickets/technical"),
    ],
)
def test_action_is_relative_to_the_page(page_url: str, expected: str) -> None:
    assert action_url("/api", "technical", page_url) == expected
    assert (
        action_url("https://help.example.com/api/", "technical", page_url)
        == "https://help.example.com/api/tickets/technical"
    )


def test_site_path() -> None:
    assert site_path("http://127.0.0.1:8000/", "en/support/technical/") == "/en/support/technical/"
    assert site_path("https://x.example/help/", "soporte/technical/") == "/help/soporte/technical/"
    assert site_path(None, "") == "/"


def schema_fn(ticket_type: str, lang: str) -> list[dict]:
    return SCHEMA


def test_markers_are_replaced() -> None:
    page = (
        "<h1>T</h1>\n<!-- ticket-form: demo -->\n<p>x</p><!-- ticket-type-picker -->\n"
        "<ul>\n<li>a</li></ul><p><!-- ticket-thanks --></p>"
    )
    out = render_markers(page, lang="es", page_url="soporte/demo/", schema=schema_fn, types={"demo"})
    assert "<!--" not in out
    assert 'action="../../api/tickets/demo"' in out and 'value="/soporte/demo/"' in out
    assert '<ul class="hc-picker" data-hc-picker aria-label="Tipo de ticket">' in out
    assert '<p class="hc-thanks" data-hc-thanks="Tu número de ticket es {ticket}. Te enviamos' in out
    assert "<p><p" not in out


def test_bad_markers_fail_the_build() -> None:
    with pytest.raises(MarkerError, match="unknown type"):
        render_markers("<!-- ticket-form: nope -->", lang="en", page_url="", schema=schema_fn, types={"demo"})
    with pytest.raises(MarkerError, match="list"):
        render_markers(
            "<!-- ticket-type-picker --><p>x</p>", lang="en", page_url="", schema=schema_fn, types={"demo"}
        )


def test_pages_without_markers_are_untouched() -> None:
    page = "<p>No forms here <!-- a comment --></p>"
    assert render_markers(page, lang="en", page_url="", schema=schema_fn, types={"demo"}) == page


def test_the_module_uses_only_texts_the_page_provides() -> None:
    """ticket-form.js reads its texts as `t.<key>` from the page's JSON block: each key must be rendered."""
    from catalog.texts import texts_with_prefix

    script = (Path(__file__).parents[2] / "overrides/assets/javascripts/ticket-form.js").read_text()
    used = set(re.findall(r"(?<![\w$.])t\.(\w+)", script))
    assert used and used <= set(texts_with_prefix("form.", "en"))
