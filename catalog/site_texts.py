"""Texts the site build writes around the articles and the forms, (es, en, pt) like ``catalog.texts``.

Keys: ``site.*`` header and footer, ``form.*`` what the ticket form adds around its fields, ``section.*``
top-level section names, ``callout.*`` callout titles, ``meta.*`` article header labels, ``ki.*`` known-issue
statuses, ``month.<1-12>`` month names (dates and announcement folders), ``widget.*`` the embeddable
help widget's button and panel (the build hands them to its JavaScript as data).
"""

from __future__ import annotations

T = dict[str, tuple[str, str, str]]

SITE: T = {
    "site.contact": ("Entrar en contacto", "Contact us", "Entre em contato"),
    "site.search": ("Buscar", "Search", "Pesquisar"),
    "site.my_tickets": ("Mis tickets", "My tickets", "Meus tickets"),
}

FORM_UI: T = {
    "form.required_note": (
        "Los campos marcados con * son obligatorios.",
        "Fields marked * are required.",
        "Os campos marcados com * são obrigatórios.",
    ),
    "form.send": ("Enviar ticket", "Send ticket", "Enviar ticket"),
    "form.sending": ("Enviando tu ticket…", "Sending your ticket…", "Enviando seu ticket…"),
    "form.success": (
        "Recibimos tu ticket. Tu número de ticket es {ticket}. Te enviamos una confirmación por correo.",
        "We received your ticket. Your ticket number is {ticket}. We sent you a confirmation by email.",
        "Recebemos seu ticket. O número do seu ticket é {ticket}. Enviamos uma confirmação por e-mail.",
    ),
    "form.another": ("Enviar otro ticket", "Send another ticket", "Enviar outro ticket"),
    "form.errors_one": (
        "El ticket no se envió: revisa el campo marcado.",
        "The ticket was not sent: please check the marked field.",
        "O ticket não foi enviado: verifique o campo marcado.",
    ),
    "form.errors_many": (
        "El ticket no se envió: revisa los {count} campos marcados.",
        "The ticket was not sent: please check the {count} marked fields.",
        "O ticket não foi enviado: verifique os {count} campos marcados.",
    ),
    "form.network": (
        "No pudimos conectar con el servidor y el ticket no se envió. Revisa tu conexión e inténtalo "
        "de nuevo: lo que escribiste sigue aquí.",
        "We could not reach the server and the ticket was not sent. Check your connection and try "
        "again: everything you typed is still here.",
        "Não foi possível conectar ao servidor e o ticket não foi enviado. Verifique sua conexão e "
        "tente novamente: o que você digitou continua aqui.",
    ),
    "form.server": (
        "El ticket no se envió (error {status}). Inténtalo de nuevo en unos minutos: lo que "
        "escribiste sigue aquí.",
        "The ticket was not sent (error {status}). Please try again in a few minutes: everything you "
        "typed is still here.",
        "O ticket não foi enviado (erro {status}). Tente novamente em alguns minutos: o que você "
        "digitou continua aqui.",
    ),
    "form.need_only": (
        "Completa esta parte solo si elegiste esta opción arriba.",
        "Fill in this part only if you chose this option above.",
        "Preencha esta parte somente se você escolheu esta opção acima.",
    ),
    "form.need_heading": ("Si elegiste: {choice}", "If you chose: {choice}", "Se você escolheu: {choice}"),
    "form.thanks_nojs": (
        "El número de tu ticket está en el correo de confirmación que te enviamos.",
        "Your ticket number is in the confirmation email we sent you.",
        "O número do seu ticket está no e-mail de confirmação que enviamos.",
    ),
    "form.thanks_js": (
        "Tu número de ticket es {ticket}. Te enviamos una confirmación por correo electrónico.",
        "Your ticket number is {ticket}. We sent you a confirmation by email.",
        "O número do seu ticket é {ticket}. Enviamos uma confirmação por e-mail.",
    ),
    "form.picker": ("Tipo de ticket", "Ticket type", "Tipo de ticket"),
}

ARTICLES: T = {
    "section.tracks": ("Recorridos", "Tracks", "Trilhas"),
    "section.tutorials": ("Tutoriales", "Tutorials", "Tutoriais"),
    "section.faq": ("Preguntas frecuentes", "FAQ", "Perguntas frequentes"),
    "section.known-issues": ("Problemas conocidos", "Known issues", "Problemas conhecidos"),
    "section.announcements": ("Novedades", "Announcements", "Novidades"),
    "section.troubleshooting": ("Solución de problemas", "Troubleshooting", "Solução de problemas"),
    "callout.note": ("Nota", "Note", "Nota"),
    "callout.warning": ("Atención", "Warning", "Atenção"),
    "callout.danger": ("Importante", "Important", "Importante"),
    "callout.success": ("Consejo", "Tip", "Dica"),
    "meta.updated": ("Última actualización", "Last updated", "Última atualização"),
    "meta.published": ("Publicado el", "Published on", "Publicado em"),
    "meta.status": ("Estado", "Status", "Status"),
    "meta.module": ("Módulo", "Module", "Módulo"),
    "meta.image": ("Ver imagen", "View image", "Ver imagem"),
    "meta.video": ("Ver contenido externo", "View external content", "Ver conteúdo externo"),
    "ki.backlog": ("Pendiente", "Backlog", "Pendente"),
    "ki.scheduled": ("Programado", "Scheduled", "Agendado"),
    "ki.fixed": ("Corregido", "Fixed", "Corrigido"),
    "ki.closed": ("Cerrado", "Closed", "Fechado"),
    "ki.no fix": ("Sin corrección", "No fix", "Sem correção"),
    "date.long": ("{day} de {month} de {year}", "{month} {day}, {year}", "{day} de {month} de {year}"),
}

MONTHS: T = {
    f"month.{number}": names
    for number, names in enumerate(
        [
            ("enero", "January", "janeiro"),
            ("febrero", "February", "fevereiro"),
            ("marzo", "March", "março"),
            ("abril", "April", "abril"),
            ("mayo", "May", "maio"),
            ("junio", "June", "junho"),
            ("julio", "July", "julho"),
            ("agosto", "August", "agosto"),
            ("septiembre", "September", "setembro"),
            ("octubre", "October", "outubro"),
            ("noviembre", "November", "novembro"),
            ("diciembre", "December", "dezembro"),
        ],
        start=1,
    )
}

WIDGET: T = {
    "widget.button": ("Ayuda", "Help", "Ajuda"),
    "widget.title": ("Centro de ayuda", "Help center", "Central de ajuda"),
    "widget.close": ("Cerrar la ayuda", "Close help", "Fechar a ajuda"),
    "widget.tabs": ("Secciones de la ayuda", "Help sections", "Seções da ajuda"),
    "widget.tab_search": ("Buscar", "Search", "Pesquisar"),
    "widget.tab_copilot": ("Copilot", "Copilot", "Copilot"),
    "widget.tab_contact": ("Contacto", "Contact", "Contato"),
    "widget.search_label": (
        "Busca en el centro de ayuda",
        "Search the help center",
        "Pesquise na central de ajuda",
    ),
    "widget.search_hint": (
        "Los artículos se abren en una pestaña nueva.",
        "Articles open in a new tab.",
        "Os artigos abrem em uma nova aba.",
    ),
    "widget.new_tab": ("(se abre en una pestaña nueva)", "(opens in a new tab)", "(abre em uma nova aba)"),
    "widget.contact_intro": (
        "Cuéntanos qué pasa: te respondemos por correo electrónico.",
        "Tell us what is going on: we answer by email.",
        "Conte-nos o que está acontecendo: respondemos por e-mail.",
    ),
    "widget.loading": ("Cargando…", "Loading…", "Carregando…"),
    "widget.error": (
        "No pudimos cargar la ayuda. Inténtalo de nuevo en unos minutos.",
        "We could not load help. Please try again in a few minutes.",
        "Não foi possível carregar a ajuda. Tente novamente em alguns minutos.",
    ),
}

TABLES: tuple[T, ...] = (SITE, FORM_UI, ARTICLES, MONTHS, WIDGET)
