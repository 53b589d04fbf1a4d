"""Shared by the form tests: where the form pages are, and reading a built form page back (stdlib parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from catalog.tickets import LANGUAGES, TICKET_TYPES

SUPPORT = {"es": "soporte/", "en": "en/support/", "pt": "pt/suporte/"}
FORM_CASES = [(t, lang) for lang in LANGUAGES for t in TICKET_TYPES]


def form_path(ticket_type: str, lang: str) -> str:
    """Site-root-relative URL of a form page: "en/support/technical/"."""
    return f"{SUPPORT[lang]}{ticket_type}/"


@dataclass
class Control:
    tag: str
    attrs: dict[str, str | None]
    options: list[str] = field(default_factory=list)  # <select> option values

    @property
    def name(self) -> str:
        return self.attrs.get("name") or ""


class FormPage(HTMLParser):
    """The first `form.hc-form` of a page: controls in order, label text by `for`, legend by field name."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form: dict[str, str | None] | None = None
        self.controls: list[Control] = []
        self.labels: dict[str, str] = {}
        self.legends: dict[str, str] = {}
        self._in_form = False
        self._label_for: str | None = None
        self._fieldset: list[str | None] = []
        self._legend: str | None = None
        self._buffer: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and "hc-form" in (a.get("class") or "").split():
            self.form, self._in_form = a, True
        if not self._in_form:
            return
        if tag in ("input", "select", "textarea"):
            self.controls.append(Control(tag, a))
        elif tag == "option" and self.controls and self.controls[-1].tag == "select":
            self.controls[-1].options.append(a.get("value") or "")
        elif tag == "label":
            self._label_for, self._buffer = a.get("for"), []
        elif tag == "fieldset":
            self._fieldset.append(a.get("data-hc-field"))
        elif tag == "legend" and self._fieldset and self._fieldset[-1]:
            self._legend, self._buffer = self._fieldset[-1], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = "".join(self._buffer).strip()
            self._label_for = None
        elif tag == "legend" and self._legend:
            self.legends[self._legend] = "".join(self._buffer).strip()
            self._legend = None
        elif tag == "fieldset" and self._fieldset:
            self._fieldset.pop()

    def handle_data(self, data: str) -> None:
        if self._label_for or self._legend:
            self._buffer.append(data)

    def names(self) -> list[str]:
        """Field names in page order, each once."""
        return list(dict.fromkeys(c.name for c in self.controls if c.name))

    def by_name(self, name: str) -> list[Control]:
        return [c for c in self.controls if c.name == name]

    def label_of(self, name: str) -> str:
        if name in self.legends:
            return self.legends[name]
        control = self.by_name(name)[0]
        return self.labels.get(control.attrs.get("id") or "", "")


def read(site: Path, path: str) -> FormPage:
    return FormPage((site / path / "index.html").read_text(encoding="utf-8"))


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def sample(schema: list[dict], tag: str, need_index: int = 0) -> dict[str, str]:
    """A valid value for every visible field of a schema (one commercial need's fields), unique per `tag`
    so that the mail can be matched to this submission. Files are left to the caller."""
    need = None
    values: dict[str, str] = {}
    for spec in schema:
        name, kind = spec["name"], spec["kind"]
        if spec["show_if"] and need not in spec["show_if"]["values"]:
            continue
        if kind in ("radio", "select"):
            index = need_index if name == "need" else -1
            values[name] = spec["choices"][index % len(spec["choices"])][0]
            need = values[name] if name == "need" else need
        elif kind == "email":
            values[name] = f"{name.replace('_', '.')}.{tag}@example.com"
        elif kind == "textarea":
            values[name] = f"{name} of {tag}:\nsecond line «ñ»"
        elif kind == "text" and name.endswith("_account_name"):  # a slug: lowercase, digits, hyphens
            values[name] = f"acct-{tag}".lower()
        elif kind == "text":
            values[name] = f"{name} {tag}"[: spec["maxlength"] or 200]
    return values


def fill(page, values: dict[str, str]) -> None:
    """Type the values into the page's form the way a person would (radios clicked, selects chosen)."""
    for name, value in values.items():
        control = page.locator(f"form.hc-form [name={name}]")
        kind = control.first.evaluate("el => el.type")
        if kind == "radio":
            page.locator(f"form.hc-form [name={name}][value={value}]").check()
        elif kind.startswith("select"):
            control.select_option(value)
        else:
            control.fill(value)


def copilot_trail(site: Path, ticket_type: str) -> str:
    """A real Copilot trail (root to a ticket node of `ticket_type`) of the tree source: the handler
    refuses made-up trails. `site` is kept for the callers; the tree is the repository's."""
    from catalog.copilot import TREE_FILE, load_tree, ticket_trails

    trails = ticket_trails(load_tree(TREE_FILE)).get(ticket_type)
    if trails:
        return min(trails, key=len)
    raise AssertionError(f"the Copilot tree has no path to a {ticket_type} ticket")
