"""The ticket forms' own interface texts (buttons, states, messages) in es/en/pt.

Field labels, help texts, choices and validation messages come from the handler's form definitions
(`handler.forms.form_schema`); only what the site adds around them lives here. The browser module reads
these texts from the rendered page (a JSON block), so the JavaScript holds no language.
"""

from __future__ import annotations

from catalog.texts import CHOICES

LANGS = ("es", "en", "pt")

_TEXTS: dict[str, tuple[str, str, str]] = {
    "required_note": (
        "Los campos marcados con * son obligatorios.",
        "Fields marked * are required.",
        "Os campos marcados com * são obrigatórios.",
    ),
    "send": ("Enviar ticket", "Send ticket", "Enviar ticket"),
    "sending": ("Enviando tu ticket…", "Sending your ticket…", "Enviando seu ticket…"),
    "success": (
        "Recibimos tu ticket. Tu número de ticket es {ticket}. Te enviamos una confirmación por correo.",
        "We received your ticket. Your ticket number is {ticket}. We sent you a confirmation by email.",
        "Recebemos seu ticket. O número do seu ticket é {ticket}. Enviamos uma confirmação por e-mail.",
    ),
    "another": ("Enviar otro ticket", "Send another ticket", "Enviar outro ticket"),
    "errors_one": (
        "El ticket no se envió: revisa el campo marcado.",
        "The ticket was not sent: please check the marked field.",
        "O ticket não foi enviado: verifique o campo marcado.",
    ),
    "errors_many": (
        "El ticket no se envió: revisa los {count} campos marcados.",
        "The ticket was not sent: please check the {count} marked fields.",
        "O ticket não foi enviado: verifique os {count} campos marcados.",
    ),
    "network": (
        "No pudimos conectar con el servidor y el ticket no se envió. Revisa tu conexión e inténtalo "
        "de nuevo: lo que escribiste sigue aquí.",
        "We could not reach the server and the ticket was not sent. Check your connection and try "
        "again: everything you typed is still here.",
        "Não foi possível conectar ao servidor e o ticket não foi enviado. Verifique sua conexão e "
        "tente novamente: o que você digitou continua aqui.",
    ),
    "server": (
        "El ticket no se envió (error {status}). Inténtalo de nuevo en unos minutos: lo que "
        "escribiste sigue aquí.",
        "The ticket was not sent (error {status}). Please try again in a few minutes: everything you "
        "typed is still here.",
        "O ticket não foi enviado (erro {status}). Tente novamente em alguns minutos: o que você "
        "digitou continua aqui.",
    ),
    "need_only": (
        "Completa esta parte solo si elegiste esta opción arriba.",
        "Fill in this part only if you chose this option above.",
        "Preencha esta parte somente se você escolheu esta opção acima.",
    ),
    "need_heading": ("Si elegiste: {choice}", "If you chose: {choice}", "Se você escolheu: {choice}"),
    "thanks_nojs": (
        "El número de tu ticket está en el correo de confirmación que te enviamos.",
        "Your ticket number is in the confirmation email we sent you.",
        "O número do seu ticket está no e-mail de confirmação que enviamos.",
    ),
    "thanks_js": (
        "Tu número de ticket es {ticket}. Te enviamos una confirmación por correo electrónico.",
        "Your ticket number is {ticket}. We sent you a confirmation by email.",
        "O número do seu ticket é {ticket}. Enviamos uma confirmação por e-mail.",
    ),
    "choose": CHOICES["choice.empty"],  # the handler's own wording for an empty select
    "picker": ("Tipo de ticket", "Ticket type", "Tipo de ticket"),
}


def text(key: str, lang: str) -> str:
    """One interface text; KeyError/ValueError on an unknown key or language so a gap fails the build."""
    return _TEXTS[key][LANGS.index(lang)]


SCRIPT_TEXTS = ("send", "sending", "success", "another", "errors_one", "errors_many", "network", "server")


def texts(lang: str) -> dict[str, str]:
    """The texts the browser module shows, in `lang`, for the page's JSON block."""
    return {key: text(key, lang) for key in SCRIPT_TEXTS}
