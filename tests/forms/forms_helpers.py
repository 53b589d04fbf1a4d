"""Shared by the form tests: where the form pages are, and reading a built form page back (stdlib parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from handler.forms import LANGUAGES, TICKET_TYPES

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
