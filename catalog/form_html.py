"""Ticket forms as HTML: the one rendering, used by the site build and by the handler's no-JS error page.

`catalog.tickets.form_schema(type, lang)` is the one definition: this module only turns its field dicts
into accessible HTML, so a field added to a form definition appears on the page at the next build with no
other edit. The handler renders the same form with the values the user sent and the errors beside the
fields. Everything that comes from the schema or the user is escaped here.

Layout per field (GOV.UK order, so that errors sit beside the field and zoomed readers see them):
label (legend for radio groups), help, error slot, control. Commercial fields with `show_if` are grouped per
need in a fieldset whose legend names the need: without JavaScript every group is visible with that heading;
the browser module (ticket-form.js) shows only the chosen need's group.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from catalog.texts import t, texts_with_prefix

Field = dict[str, Any]


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def json_block(data: dict[str, Any], cls: str) -> str:
    """A hidden element carrying JSON in `data-json`, escaped as an attribute.

    Not a <script type="application/json">: Material's instant loading re-creates the scripts of the
    page it swaps in without their `type`, and would run the JSON as JavaScript.
    """
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div hidden class="{cls}" data-json="{_e(body)}"></div>'


def field_id(ticket_type: str, name: str) -> str:
    return f"hc-{ticket_type}-{name}"


def _mark(field: Field) -> str:
    """The visual required mark; `required` on the control is what assistive tech announces."""
    needed = field["required"] or field["show_if"]  # show_if fields are required when their need is chosen
    return ' <span class="hc-req" aria-hidden="true">*</span>' if needed else ""


def _help(fid: str, field: Field) -> tuple[str, list[str]]:
    if not field["help"]:
        return "", []
    return f'<p class="hc-help" id="{fid}-help">{_e(field["help"])}</p>', [f"{fid}-help"]


def _error_slot(fid: str, errors: Sequence[str] = ()) -> str:
    """Where the field's errors show: filled by the handler's error page, or by the browser module."""
    if not errors:
        return f'<p class="hc-error" id="{fid}-error" hidden></p>'
    return f'<p class="hc-error" id="{fid}-error">{" ".join(_e(e) for e in errors)}</p>'


def _constraints(field: Field) -> str:
    attrs = []
    if field["required"]:
        attrs.append("required")
    if field["show_if"]:
        attrs.append("data-hc-required-when-shown")
    if field["maxlength"] and field["kind"] in ("text", "email", "textarea"):
        attrs.append(f'maxlength="{int(field["maxlength"])}"')
    if field["accept"]:
        attrs.append(f'accept="{_e(field["accept"])}"')
    if field["multiple"]:
        attrs.append("multiple")
    return (" " + " ".join(attrs)) if attrs else ""


AUTOCOMPLETE = {"name": "name", "email": "email"}


def _selected(flag: bool, word: str) -> str:
    return f" {word}" if flag else ""


def _control(ticket_type: str, lang: str, field: Field, described: list[str], value: str, bad: bool) -> str:
    fid, name, kind = field_id(ticket_type, field["name"]), _e(field["name"]), field["kind"]
    common = f'id="{fid}" name="{name}"{_constraints(field)}'
    if described:
        common += f' aria-describedby="{" ".join(described)}"'
    if bad:
        common += ' aria-invalid="true"'
    if kind == "textarea":
        return f'<textarea {common} rows="6">{_e(value)}</textarea>'
    if kind == "select":
        options = [f'<option value="">{_e(t("choice.empty", lang))}</option>']
        options += [
            f'<option value="{_e(v)}"{_selected(v == value, "selected")}>{_e(label)}</option>'
            for v, label in field["choices"]
        ]
        return f"<select {common}>{''.join(options)}</select>"
    if kind == "file":
        return f'<input type="file" {common}>'
    input_type = "email" if kind == "email" else "text"
    auto = AUTOCOMPLETE.get(field["name"])
    auto_attr = f' autocomplete="{auto}"' if auto else ""
    value_attr = f' value="{_e(value)}"' if value else ""
    return f'<input type="{input_type}" {common}{auto_attr}{value_attr}>'


def render_field(
    ticket_type: str, lang: str, field: Field, value: str = "", errors: Sequence[str] = ()
) -> str:
    """One visible field: label, help, error slot and control(s), with a sent value and its errors."""
    fid = field_id(ticket_type, field["name"])
    help_html, described = _help(fid, field)
    if errors:
        described = [*described, f"{fid}-error"]
    label = _e(field["label"]) + _mark(field)
    data = f'data-hc-field="{_e(field["name"])}"'
    if field["kind"] == "radio":
        required = " required" if field["required"] else ""
        when = " data-hc-required-when-shown" if field["show_if"] else ""
        name, choices = _e(field["name"]), []
        for i, (choice_value, choice) in enumerate(field["choices"]):
            cid = f"{fid}-{i}"
            checked = _selected(choice_value == value, "checked")
            radio = (
                f'<input type="radio" id="{cid}" name="{name}" value="{_e(choice_value)}"'
                f"{required}{when}{checked}>"
            )
            choices.append(f'<div class="hc-choice">{radio}<label for="{cid}">{_e(choice)}</label></div>')
        desc = f' aria-describedby="{" ".join(described)}"' if described else ""
        listing = f'<div class="hc-choice-list">{"".join(choices)}</div>'
        return (
            f'<fieldset class="hc-field hc-radios" id="{fid}" {data}{desc}><legend>{label}</legend>'
            f"{help_html}{_error_slot(fid, errors)}{listing}</fieldset>"
        )
    control = _control(ticket_type, lang, field, described, value, bool(errors))
    return (
        f'<div class="hc-field" {data}><label for="{fid}">{label}</label>{help_html}'
        f"{_error_slot(fid, errors)}{control}</div>"
    )


def _hidden(ticket_type: str, field: Field, defaults: dict[str, str]) -> str:
    fid, name = field_id(ticket_type, field["name"]), field["name"]
    if field["kind"] == "honeypot":  # for bots only: off screen, out of the tab order and the a11y tree
        return (
            f'<div class="hc-hp" aria-hidden="true"><label for="{fid}">{_e(field["label"])}</label>'
            f'<input type="text" id="{fid}" name="{_e(name)}" value="" tabindex="-1" autocomplete="off">'
            f"</div>"
        )
    return f'<input type="hidden" id="{fid}" name="{_e(name)}" value="{_e(defaults.get(name, ""))}">'


def _groups(schema: list[Field]) -> Iterable[tuple[dict | None, list[Field]]]:
    """Consecutive fields sharing one `show_if`, so that each need gets one fieldset."""
    current: tuple[dict | None, list[Field]] | None = None
    for field in schema:
        if current is None or current[0] != field["show_if"]:
            if current:
                yield current
            current = (field["show_if"], [])
        current[1].append(field)
    if current:
        yield current


def _choice_label(schema: list[Field], name: str, value: str) -> str:
    field = next((f for f in schema if f["name"] == name), None)
    labels = dict(map(tuple, field["choices"] or [])) if field else {}
    return str(labels.get(value, value))


def render_visible(
    ticket_type: str,
    lang: str,
    schema: list[Field],
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The visible fields, with `show_if` fields in one fieldset per need."""
    values, errors = values or {}, errors or {}
    parts = []
    visible = [f for f in schema if f["kind"] not in ("hidden", "honeypot")]
    for show_if, fields in _groups(visible):
        inner = "".join(
            render_field(ticket_type, lang, f, values.get(f["name"], ""), errors.get(f["name"], ()))
            for f in fields
        )
        if not show_if:
            parts.append(inner)
            continue
        needs = show_if["values"]
        choice = " / ".join(_choice_label(schema, show_if["field"], v) for v in needs)
        heading = _e(t("form.need_heading", lang).format(choice=choice))
        parts.append(
            f'<fieldset class="hc-group" data-hc-show-field="{_e(show_if["field"])}" '
            f'data-hc-show-values="{_e(" ".join(needs))}"><legend>{heading}</legend>'
            f'<p class="hc-nojs">{_e(t("form.need_only", lang))}</p>{inner}</fieldset>'
        )
    return "".join(parts)


def render_form(
    ticket_type: str,
    lang: str,
    schema: list[Field],
    action: str,
    defaults: Mapping[str, str] | None = None,
    errors: Mapping[str, Sequence[str]] | None = None,
    alert: str = "",
) -> str:
    """The whole ticket form of one type in one language.

    `defaults` fills the fields: hidden ones at build time; every one when the handler shows the form
    again with the user's values, its `errors` beside the fields and an `alert` summary at the top.
    """
    defaults = {"language": lang, **(defaults or {})}
    hidden = "".join(_hidden(ticket_type, f, defaults) for f in schema if f["kind"] in ("hidden", "honeypot"))
    visible = render_visible(ticket_type, lang, schema, defaults, errors)
    return (
        f'<div class="hc-ticket" data-hc-ticket="{_e(ticket_type)}">'
        f"{json_block(texts_with_prefix('form.', lang), 'hc-texts')}"
        f'<form class="hc-form" id="hc-form-{_e(ticket_type)}" action="{_e(action)}" method="post" '
        f'enctype="multipart/form-data" accept-charset="UTF-8" data-hc-type="{_e(ticket_type)}">'
        f'<p class="hc-required-note">{_e(t("form.required_note", lang))}</p>'
        f'<div class="hc-alert" role="alert" tabindex="-1">{_e(alert)}</div>'
        f"{visible}{hidden}"
        f'<div class="hc-actions"><button type="submit" class="md-button md-button--primary hc-submit">'
        f'{_e(t("form.send", lang))}</button><span class="hc-live" role="status"></span></div></form>'
        f'<div class="hc-result" role="status" tabindex="-1"></div></div>'
    )


def render_thanks(lang: str) -> str:
    """The ticket number slot of the thank-you page: a no-JS sentence the module replaces from `?ticket=`."""
    return (
        f'<p class="hc-thanks" data-hc-thanks="{_e(t("form.thanks_js", lang))}">'
        f"{_e(t('form.thanks_nojs', lang))}</p>"
    )
