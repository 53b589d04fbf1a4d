"""The ticket forms: the ONE definition the handler validates with and the site build renders from.

Interface: ``TICKET_TYPES``, ``make_form(type, formdata, lang)`` (``reused_form`` in a request handler),
``form_schema(type, lang)``.
A form is built for a language (``TicketForm(formdata, lang="pt")``): its validation messages then
come in that language, and ``localize()`` adds its labels, help and choice labels (``form_schema``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

from wtforms import Form
from wtforms.fields import (
    EmailField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.core import Label
from wtforms.validators import ValidationError

from . import checks as v
from .texts import LANGUAGES, field_text, norm_lang, t
from .uploads import TEXT_FACTS

__all__ = ["LANGUAGES", "TICKET_TYPES", "TicketForm", "form_schema", "make_form", "reused_form"]


class _ChoiceMixin:
    """Choice check with our translated message; an empty value is left to Required/RequiredIf."""

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, "", "None"):
            self.data = ""
            return
        if self.data not in [c.value for c in self.choices]:
            raise ValidationError(t("msg.choice", getattr(form, "lang", "es")))


class Select(_ChoiceMixin, SelectField):
    """A ``<select>``; value kept as given."""


class Radio(_ChoiceMixin, RadioField):
    """Radio buttons."""


def _choices(*values: str) -> list[SelectChoice]:
    return [SelectChoice(value) for value in values]


def _text(limit: int, *extra: Any, required: bool = True) -> list[Any]:
    head = [v.Required()] if required else [v.Optional()]
    return [*head, v.SingleLine(), v.MaxLength(limit), *extra]


def _long(limit: int) -> list[Any]:
    return [v.Required(), v.NoControl(), v.MaxLength(limit)]


SLUG = v.Pattern(v.SLUG, "msg.slug")


def _when(need: str, *rest: Any) -> list[Any]:
    return [v.RequiredIf("need", [need]), *rest]


class TicketForm(Form):
    """Fields every ticket type has. Subclasses add theirs; display order follows ``FIELD_ORDER``."""

    ticket_type: ClassVar[str] = ""
    FIELD_ORDER: ClassVar[tuple[str, ...]] = ()
    COMMON_HEAD: ClassVar[tuple[str, ...]] = ("name", "email", "account")
    COMMON_TAIL: ClassVar[tuple[str, ...]] = (
        "language",
        "page",
        "copilot_trail",
        "idempotency_key",
        "website",
    )

    name = StringField(validators=_text(120))
    email = EmailField(validators=[v.Required(), v.SingleLine(), v.MaxLength(254), v.Email()])
    account = StringField(validators=_text(100))
    language = HiddenField(validators=[v.Optional(), v.SingleLine(), v.MaxLength(5)])
    page = HiddenField(
        validators=[v.Optional(), v.SingleLine(), v.MaxLength(500), v.Pattern(v.PAGE, "msg.page")]
    )
    copilot_trail = HiddenField(validators=[v.Optional(), v.SingleLine(), v.MaxLength(2000), v.Trail()])
    idempotency_key = HiddenField(validators=[v.Optional(), v.Pattern(v.KEY, "msg.key")])
    website = StringField()  # honeypot: never validated; a filled one is handled by the API

    def __init__(
        self,
        formdata: Any = None,
        lang: str = "es",
        trail_validator: Callable[[str], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        self.lang = norm_lang(lang)
        self.trail_validator = trail_validator
        super().__init__(formdata=formdata, **kwargs)

    def localize(self) -> TicketForm:
        """Labels, help and choice labels in the form's language: only what renders a form needs,
        so validating a ticket does not pay for them."""
        for field in self:
            field.label = Label(field.id, field_text("field", self.ticket_type, field.name, self.lang))
            field.description = field_text("help", self.ticket_type, field.name, self.lang)
            if isinstance(field, MultipleFileField):
                field.description = field.description.format(**TEXT_FACTS)
            if isinstance(field, SelectField):
                field.choices = [
                    SelectChoice(c.value, t(f"choice.{field.name}.{c.value}", self.lang))
                    for c in field.choices
                ]
        return self

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """All field names in display order."""
        return (*cls.COMMON_HEAD, *cls.FIELD_ORDER, *cls.COMMON_TAIL)

    def ordered(self) -> list[Any]:
        """Bound fields in display order (for the HTML error page and emails)."""
        return [self[name] for name in self.field_names()]


class TechnicalForm(TicketForm):
    """Technical support: something does not work, a question, a setup request."""

    ticket_type = "technical"
    FIELD_ORDER = (
        "problem_type",
        "impact",
        "environment",
        "users_affected",
        "experience",
        "agency",
        "title",
        "description",
        "evidence",
    )
    problem_type = Radio(choices=_choices("problem", "question", "setup"), validators=[v.Required()])
    impact = Radio(choices=_choices("auxiliary", "important", "critical"), validators=[v.Required()])
    environment = Radio(choices=_choices("production", "development"), validators=[v.Required()])
    users_affected = Radio(choices=_choices("admins", "shoppers", "all"), validators=[v.Required()])
    experience = Radio(choices=_choices("basics", "job", "advanced"), validators=[v.Required()])
    agency = StringField(validators=_text(120, required=False))
    title = StringField(validators=_text(150))
    description = TextAreaField(filters=[v.newlines], validators=_long(5000))
    evidence = MultipleFileField(validators=[v.Files()])


SUBJECTS = (
    "admin_blocked",
    "admin_delay_alert",
    "payment_receipt",
    "boleto_invoice",
    "amounts_billing",
    "contract_migration",
    "liability_transfer",
    "invoice_recipients",
    "registration_info",
    "contract_termination",
    "invoice_due_date",
    "partner",
    "platform_sla",
)


class FinancialForm(TicketForm):
    """Billing, invoices, contracts."""

    ticket_type = "financial"
    FIELD_ORDER = ("subject", "title", "description", "attachments")
    subject = Select(choices=_choices(*SUBJECTS), validators=[v.Required()])
    title = StringField(validators=_text(150))
    description = TextAreaField(filters=[v.newlines], validators=_long(5000))
    attachments = MultipleFileField(validators=[v.Files()])


NEEDS = ("trade_policy", "white_label_franchise", "additional_account", "master_admin_change")


class CommercialForm(TicketForm):
    """Commercial requests; each need brings its own fields, required only when that need is chosen."""

    ticket_type = "commercial"
    FIELD_ORDER = (
        "need",
        "trade_policy_name",
        "trade_policy_purpose",
        "white_label_franchise_account_name",
        "white_label_franchise_admin_email",
        "additional_account_name",
        "additional_account_purpose",
        "master_admin_change_current_email",
        "master_admin_change_new_email",
        "title",
        "description",
    )
    need = Radio(choices=_choices(*NEEDS), validators=[v.Required()])
    trade_policy_name = StringField(validators=_when("trade_policy", v.SingleLine(), v.MaxLength(100)))
    trade_policy_purpose = TextAreaField(
        filters=[v.newlines], validators=_when("trade_policy", v.NoControl(), v.MaxLength(2000))
    )
    white_label_franchise_account_name = StringField(
        validators=_when("white_label_franchise", v.SingleLine(), v.MaxLength(60), SLUG)
    )
    white_label_franchise_admin_email = EmailField(
        validators=_when("white_label_franchise", v.SingleLine(), v.MaxLength(254), v.Email())
    )
    additional_account_name = StringField(
        validators=_when("additional_account", v.SingleLine(), v.MaxLength(60), SLUG)
    )
    additional_account_purpose = Select(
        choices=_choices("new_store", "new_country", "development", "other"),
        validators=_when("additional_account"),
    )
    master_admin_change_current_email = EmailField(
        validators=_when("master_admin_change", v.SingleLine(), v.MaxLength(254), v.Email())
    )
    master_admin_change_new_email = EmailField(
        validators=_when("master_admin_change", v.SingleLine(), v.MaxLength(254), v.Email())
    )
    title = StringField(validators=_text(150))
    description = TextAreaField(filters=[v.newlines], validators=_long(5000))


TICKET_TYPES: dict[str, type[TicketForm]] = {
    "technical": TechnicalForm,
    "financial": FinancialForm,
    "commercial": CommercialForm,
}


def make_form(
    ticket_type: str,
    formdata: Any = None,
    lang: str = "es",
    trail_validator: Callable[[str], bool] | None = None,
) -> TicketForm:
    """A bound form of ``ticket_type`` (KeyError if unknown)."""
    return TICKET_TYPES[ticket_type](formdata, lang=lang, trail_validator=trail_validator)


_reusable = threading.local()


def reused_form(
    ticket_type: str,
    formdata: Any,
    lang: str = "es",
    trail_validator: Callable[[str], bool] | None = None,
) -> TicketForm:
    """Like ``make_form``, but this thread's (under gevent, this greenlet's) form of ``ticket_type`` is
    bound to ``formdata`` again instead of a new one being built: binding a form's fields costs several
    times what processing and validating them does, and a ticket handler validates one form per request.
    Every field is processed from ``formdata`` again, so nothing of an earlier request remains; the form
    must not be kept past the request."""
    forms: dict[str, TicketForm] = _reusable.__dict__.setdefault("forms", {})
    form = forms.get(ticket_type)
    if form is None:
        form = forms[ticket_type] = make_form(ticket_type, formdata, lang, trail_validator)
        return form
    form.lang, form.trail_validator = norm_lang(lang), trail_validator
    form.process(formdata)
    for field in form:
        field.errors = []
    return form


_KINDS = {
    "EmailField": "email",
    "TextAreaField": "textarea",
    "Select": "select",
    "Radio": "radio",
    "MultipleFileField": "file",
    "HiddenField": "hidden",
    "StringField": "text",
}


def _pattern(checks: list[Any], non_blank: bool) -> str | None:
    """The regex a checked value matches (JSON Schema ``pattern``): a format's own, else the line rule."""
    own = next((c.regex.pattern for c in checks if isinstance(c, (v.Pattern, v.Email))), None)
    if own:
        return own if non_blank else f"^$|{own}"
    line = next((c for c in checks if isinstance(c, (v.SingleLine, v.NoControl))), None)
    return v.lines_pattern(line.bad, non_blank) if line else None


def _field_schema(field: Any) -> dict[str, Any]:
    checks = field.validators
    kind = "honeypot" if field.name == "website" else _KINDS[type(field).__name__]
    when = next((c for c in checks if isinstance(c, v.RequiredIf)), None)
    limit = next((c.max for c in checks if isinstance(c, v.MaxLength)), None)
    is_file = kind == "file"
    has_choices = kind in ("select", "radio")
    non_blank = any(isinstance(c, (v.Required, v.RequiredIf)) for c in checks) and not is_file
    return {
        "name": field.name,
        "kind": kind,
        "label": str(field.label.text),
        "help": field.description or "",
        "required": any(isinstance(c, v.Required) for c in checks),
        "choices": [[c.value, c.label] for c in field.choices] if has_choices else None,
        "maxlength": limit,
        "accept": v.FILE_ACCEPT if is_file else None,
        "multiple": is_file,
        "show_if": {"field": when.field, "values": list(when.values)} if when else None,
        "minlength": 1 if non_blank else None,  # non-blank whenever checked (``show_if``: when shown)
        "pattern": None if has_choices else _pattern(checks, non_blank),
    }


def form_schema(ticket_type: str, lang: str) -> list[dict[str, Any]]:
    """One dict per field in display order, texts in ``lang``: what the site renders and the API documents.

    Keys: name, kind (text|email|textarea|select|radio|file|hidden|honeypot), label, help, required,
    choices ([value, label] or None), maxlength, accept, multiple, show_if ({field, values} or None).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    form = make_form(ticket_type, lang=lang).localize()
    return [_field_schema(field) for field in form.ordered()]
