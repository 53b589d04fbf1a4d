"""The form definitions: the interface other parts (site build, Copilot) rely on."""

from __future__ import annotations

import io
from typing import Any

import pytest
from handler_samples import PDF, PNG, VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict

from catalog.tickets import LANGUAGES, TICKET_TYPES, form_schema, make_form, reused_form

COMMON = ["name", "email", "account", "language", "page", "copilot_trail", "idempotency_key", "website"]
SPECIFIC = {
    "technical": [
        "title",
        "description",
        "experience",
        "agency",
        "users_affected",
        "impact",
        "environment",
        "problem_type",
        "evidence",
    ],
    "financial": ["subject", "title", "description", "attachments"],
    "commercial": ["need", "title", "description"],
}
KEYS = {"name", "kind", "label", "help", "required", "choices", "maxlength", "accept", "multiple", "show_if"}
KEYS |= {"minlength", "pattern"}


def test_interface() -> None:
    assert LANGUAGES == ("es", "en", "pt")
    assert set(TICKET_TYPES) == {"technical", "financial", "commercial"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_schema_shape(ticket_type: str, lang: str) -> None:
    schema = form_schema(ticket_type, lang)
    names = [f["name"] for f in schema]
    assert len(names) == len(set(names))
    assert set(COMMON + SPECIFIC[ticket_type]) <= set(names)
    for field in schema:
        assert set(field) == KEYS
        assert field["label"].strip()
        assert field["kind"] in {"text", "email", "textarea", "select", "radio", "file", "hidden", "honeypot"}
        if field["kind"] in ("select", "radio"):
            assert field["choices"] and all(len(c) == 2 and c[1] for c in field["choices"])
        else:
            assert field["choices"] is None
        assert (field["accept"] is not None) == (field["kind"] == "file") == field["multiple"]
    assert next(f for f in schema if f["name"] == "website")["kind"] == "honeypot"
    assert not next(f for f in schema if f["name"] == "website")["required"]


def test_labels_translated() -> None:
    labels = {lang: {f["name"]: f["label"] for f in form_schema("technical", lang)} for lang in LANGUAGES}
    assert labels["es"]["impact"] == "Impacto" and labels["en"]["impact"] == "Impact"
    assert labels["es"]["evidence"] != labels["en"]["evidence"] != labels["pt"]["evidence"]


def test_choices() -> None:
    by = {f["name"]: f for f in form_schema("technical", "en")}
    assert [c[0] for c in by["experience"]["choices"]] == ["basics", "job", "advanced"]
    assert [c[0] for c in by["users_affected"]["choices"]] == ["admins", "shoppers", "all"]
    assert [c[0] for c in by["impact"]["choices"]] == ["auxiliary", "important", "critical"]
    assert [c[0] for c in by["environment"]["choices"]] == ["production", "development"]
    assert [c[0] for c in by["problem_type"]["choices"]] == ["problem", "question", "setup"]
    subject = next(f for f in form_schema("financial", "pt") if f["name"] == "subject")
    assert len(subject["choices"]) == 13


def test_commercial_show_if() -> None:
    schema = form_schema("commercial", "es")
    need = next(f for f in schema if f["name"] == "need")
    values = [c[0] for c in need["choices"]]
    assert values == ["trade_policy", "white_label_franchise", "additional_account", "master_admin_change"]
    for value in values:
        dependent = [f for f in schema if f["show_if"] and value in f["show_if"]["values"]]
        assert dependent, value
        for field in dependent:
            assert field["name"].startswith(value) and not field["required"]
            assert field["show_if"]["field"] == "need"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_valid_sample(ticket_type: str, lang: str) -> None:
    form = make_form(ticket_type, MultiDict(VALID[ticket_type]), lang=lang)
    assert form.validate(), form.errors


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("es", "Este campo es obligatorio."),
        ("en", "This field is required."),
        ("pt", "Este campo é obrigatório."),
    ],
)
@pytest.mark.parametrize("ticket_type", list(TICKET_TYPES))
def test_missing_field_message_in_language(ticket_type: str, lang: str, message: str) -> None:
    data = dict(VALID[ticket_type], title="")
    form = make_form(ticket_type, MultiDict(data), lang=lang)
    assert not form.validate()
    assert form.errors == {"title": [message]}


def test_only_chosen_need_required() -> None:
    data = dict(VALID["commercial"], need="master_admin_change", additional_account_name="not valid!")
    form = make_form("commercial", MultiDict(data), lang="en")
    assert not form.validate()
    assert set(form.errors) == {"master_admin_change_current_email", "master_admin_change_new_email"}
    data.update(master_admin_change_current_email="old@example.com", master_admin_change_new_email="bad")
    form = make_form("commercial", MultiDict(data), lang="pt")
    assert not form.validate()
    assert form.errors == {"master_admin_change_new_email": ["Informe um endereço de e-mail válido."]}


@pytest.mark.parametrize("value", ["a\r\nBcc: x@evil.com", "a\nb", "x\x00y", "a\u2028b"])
def test_crlf_rejected_in_single_line(value: str) -> None:
    for field in ("name", "title", "account"):
        form = make_form("financial", MultiDict(dict(VALID["financial"], **{field: value})), lang="es")
        assert not form.validate()
        assert field in form.errors


def test_invalid_choice_and_email() -> None:
    data = dict(VALID["technical"], impact="catastrophic", email="ana@@example.com")
    form = make_form("technical", MultiDict(data), lang="es")
    assert not form.validate()
    assert form.errors == {
        "impact": ["Elige una de las opciones."],
        "email": ["Escribe una dirección de correo válida."],
    }


def _files(*items: tuple[str, bytes]) -> list[tuple[str, FileStorage]]:
    return [("evidence", FileStorage(io.BytesIO(data), filename=name)) for name, data in items]


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("shot.png", PNG, True),
        ("doc.pdf", PDF, True),
        ("log.txt", "día 1: error\n".encode(), True),
        ("evil.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", False),  # an .exe named .png
        ("page.pdf", b"\x00\x01\x02binary", False),
        ("empty.txt", b"", False),
        ("bad\r\nname.png", PNG, False),
    ],
)
def test_files_checked_by_content(name: str, data: bytes, ok: bool) -> None:
    formdata = MultiDict(list(VALID["technical"].items()) + _files((name, data)))
    form = make_form("technical", formdata, lang="en")
    assert form.validate() is ok, form.errors


def test_too_many_files() -> None:
    formdata = MultiDict(list(VALID["technical"].items()) + _files(*[(f"{i}.png", PNG) for i in range(6)]))
    form = make_form("technical", formdata, lang="es")
    assert not form.validate()
    assert form.errors["evidence"] == ["Adjunta como máximo 5 archivos."]


def test_trail_validator_hook() -> None:
    data = dict(VALID["technical"], copilot_trail="start>tech>critical")
    good = make_form("technical", MultiDict(data), lang="en", trail_validator=lambda s: s.startswith("start"))
    assert good.validate()
    bad = make_form("technical", MultiDict(data), lang="en", trail_validator=lambda s: False)
    assert not bad.validate() and bad.errors == {"copilot_trail": ["The Copilot trail is not valid."]}

    def broken(trail: str) -> bool:
        raise RuntimeError("boom")

    assert not make_form("technical", MultiDict(data), trail_validator=broken).validate()


def test_crlf_allowed_in_multiline_text_and_normalized() -> None:
    data = dict(VALID["financial"], description="line one\r\nline two\rthree\tend")
    form = make_form("financial", MultiDict(data), lang="es")
    assert form.validate(), form.errors
    assert form.description.data == "line one\nline two\nthree\tend"
    bad = make_form("financial", MultiDict(dict(data, description="a\x0bb")), lang="es")
    assert not bad.validate()


def _values(ticket_type: str) -> st.SearchStrategy[dict[str, str]]:
    """Form data of this type: each field absent, blank, its sample value, a foreign value or any text."""
    names = TICKET_TYPES[ticket_type].field_names()
    sample = VALID[ticket_type]
    one = st.one_of(
        st.just(""), st.sampled_from(["other", "x" * 300, "a\nb", "ana@example.com"]), st.text(max_size=20)
    )
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(st.just(sample[name]), one) if name in sample else one for name in names},
    )


def _outcome(form: Any, lang: str) -> tuple[bool, dict[str, Any], dict[str, Any], str]:
    ok = form.validate()
    return ok, form.data, form.errors, form.lang


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ticket_type=st.sampled_from(list(TICKET_TYPES)),
    before=st.lists(st.tuples(st.sampled_from(list(TICKET_TYPES)), st.data()), max_size=3),
    lang=st.sampled_from(LANGUAGES),
    data=st.data(),
)
def test_reused_form_answers_like_a_new_one(
    ticket_type: str, before: list[Any], lang: str, data: Any
) -> None:
    """Whatever this thread's forms validated before, the next one keeps nothing of it."""
    for earlier_type, draw in before:
        earlier = draw.draw(_values(earlier_type))
        reused_form(earlier_type, MultiDict(earlier), lang="pt", trail_validator=lambda _: False).validate()
    values = MultiDict(data.draw(_values(ticket_type)))
    fresh = _outcome(make_form(ticket_type, values, lang=lang), lang)
    assert _outcome(reused_form(ticket_type, values, lang=lang), lang) == fresh
