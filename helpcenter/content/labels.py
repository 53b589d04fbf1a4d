"""Texts that the build writes into pages, per locale (es, en, pt), and other fixed tables."""

from __future__ import annotations

DEFAULT = "en"

# Top-level sections that have no metadata.json: display name and place among the tabs.
SECTIONS: dict[str, dict[str, str]] = {
    "tracks": {"es": "Recorridos", "en": "Tracks", "pt": "Trilhas"},
    "tutorials": {"es": "Tutoriales", "en": "Tutorials", "pt": "Tutoriais"},
    "faq": {"es": "Preguntas frecuentes", "en": "FAQ", "pt": "Perguntas frequentes"},
    "known-issues": {"es": "Problemas conocidos", "en": "Known issues", "pt": "Problemas conhecidos"},
    "announcements": {"es": "Novedades", "en": "Announcements", "pt": "Novidades"},
    "troubleshooting": {
        "es": "Solución de problemas",
        "en": "Troubleshooting",
        "pt": "Solução de problemas",
    },
}
SECTION_ORDER = {name: 10 * (i + 1) for i, name in enumerate(SECTIONS)}

CALLOUT_TITLES: dict[str, dict[str, str]] = {
    "note": {"es": "Nota", "en": "Note", "pt": "Nota"},
    "warning": {"es": "Atención", "en": "Warning", "pt": "Atenção"},
    "danger": {"es": "Importante", "en": "Important", "pt": "Importante"},
    "success": {"es": "Consejo", "en": "Tip", "pt": "Dica"},
}

META: dict[str, dict[str, str]] = {
    "updated": {"es": "Última actualización", "en": "Last updated", "pt": "Última atualização"},
    "published": {"es": "Publicado el", "en": "Published on", "pt": "Publicado em"},
    "status": {"es": "Estado", "en": "Status", "pt": "Status"},
    "module": {"es": "Módulo", "en": "Module", "pt": "Módulo"},
    "image": {"es": "Ver imagen", "en": "View image", "pt": "Ver imagem"},
    "video": {"es": "Ver contenido externo", "en": "View external content", "pt": "Ver conteúdo externo"},
}

KI_STATUS: dict[str, dict[str, str]] = {
    "backlog": {"es": "Pendiente", "en": "Backlog", "pt": "Pendente"},
    "scheduled": {"es": "Programado", "en": "Scheduled", "pt": "Agendado"},
    "fixed": {"es": "Corregido", "en": "Fixed", "pt": "Corrigido"},
    "closed": {"es": "Cerrado", "en": "Closed", "pt": "Fechado"},
    "no fix": {"es": "Sin corrección", "en": "No fix", "pt": "Sem correção"},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
}
# Month folder names of announcements (any of the three languages) -> month number.
MONTH_NUMBER = {name.lower(): i + 1 for names in MONTHS.values() for i, name in enumerate(names)}
MONTH_NUMBER.update({"marco": 3, "setiembre": 9})


def text(table: dict[str, dict[str, str]], key: str, locale: str) -> str:
    """`table[key]` in `locale`, else in English, else the key itself."""
    entry = table.get(key, {})
    return entry.get(locale) or entry.get(DEFAULT) or key
