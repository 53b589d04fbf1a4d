"""Every interface text of the help center, one catalogue with one lookup (``t``), in es/en/pt.

Each entry is a tuple in the order of ``catalog.languages.LANGUAGES``. This module holds the ticket
forms' and the handler's texts: ``field.<name>`` / ``field.<type>.<name>`` (label), ``help.<...>`` (help
text), ``choice.<field>.<value>`` (choice label), ``msg.<code>`` (validation and error messages),
``type.*`` and ``mail.*``; ``catalog.site_texts`` adds what the site build writes. ``missing_translations``
lists gaps, and the build fails on any.
"""

from __future__ import annotations

import re

from catalog import site_texts
from catalog.languages import LANGUAGES, norm_lang

T = dict[str, tuple[str, str, str]]  # key -> (es, en, pt)

FIELDS: T = {
    "field.name": ("Nombre", "Name", "Nome"),
    "field.email": ("Correo electrónico", "Email", "E-mail"),
    "field.account": ("Cuenta (tienda)", "Account (store)", "Conta (loja)"),
    "field.language": ("Idioma", "Language", "Idioma"),
    "field.page": ("Página de origen", "Page sent from", "Página de origem"),
    "field.copilot_trail": ("Recorrido de Copilot", "Copilot trail", "Trajeto do Copilot"),
    "field.idempotency_key": ("Clave de envío", "Submission key", "Chave de envio"),
    "field.website": ("No completes este campo", "Leave this field empty", "Não preencha este campo"),
    "field.title": ("Título", "Title", "Título"),
    "field.description": ("Descripción", "Description", "Descrição"),
    "field.financial.description": ("¿Qué sucedió?", "What happened?", "O que aconteceu?"),
    "field.experience": (
        "Tu experiencia con la plataforma",
        "Your experience with the platform",
        "Sua experiência com a plataforma",
    ),
    "field.agency": (
        "Agencia o partner (opcional)",
        "Agency or partner (optional)",
        "Agência ou parceiro (opcional)",
    ),
    "field.users_affected": ("Usuarios afectados", "Users affected", "Usuários afetados"),
    "field.impact": ("Impacto", "Impact", "Impacto"),
    "field.environment": ("Entorno", "Environment", "Ambiente"),
    "field.problem_type": ("Tipo de solicitud", "Request type", "Tipo de solicitação"),
    "field.evidence": (
        "Evidencias (capturas, registros)",
        "Evidence (screenshots, logs)",
        "Evidências (capturas, registros)",
    ),
    "field.subject": ("Motivo de la solicitud", "Request subject", "Motivo da solicitação"),
    "field.attachments": ("Adjuntos", "Attachments", "Anexos"),
    "field.need": ("¿Qué necesitas?", "What do you need?", "Do que você precisa?"),
    "field.trade_policy_name": (
        "Nombre de la política comercial",
        "Trade policy name",
        "Nome da política comercial",
    ),
    "field.trade_policy_purpose": (
        "¿Para qué se usará la política comercial?",
        "What will the trade policy be used for?",
        "Para que a política comercial será usada?",
    ),
    "field.white_label_franchise_account_name": (
        "Nombre de la cuenta franquicia",
        "Franchise account name",
        "Nome da conta franquia",
    ),
    "field.white_label_franchise_admin_email": (
        "Correo del administrador de la franquicia",
        "Franchise administrator email",
        "E-mail do administrador da franquia",
    ),
    "field.additional_account_name": (
        "Nombre de la cuenta adicional",
        "Additional account name",
        "Nome da conta adicional",
    ),
    "field.additional_account_purpose": (
        "Finalidad de la cuenta adicional",
        "Additional account purpose",
        "Finalidade da conta adicional",
    ),
    "field.master_admin_change_current_email": (
        "Correo del administrador principal actual",
        "Current master admin email",
        "E-mail do administrador principal atual",
    ),
    "field.master_admin_change_new_email": (
        "Correo del nuevo administrador principal",
        "New master admin email",
        "E-mail do novo administrador principal",
    ),
}

HELP: T = {
    "help.account": (
        "El nombre de tu cuenta, tal como aparece en la dirección del administrador.",
        "Your account name, as it appears in the admin address.",
        "O nome da sua conta, como aparece no endereço do administrador.",
    ),
    "help.email": (
        "Te responderemos a esta dirección.",
        "We will reply to this address.",
        "Responderemos para este endereço.",
    ),
    "help.title": ("Un resumen en una línea.", "A one-line summary.", "Um resumo em uma linha."),
    "help.description": (
        "Pasos para reproducirlo, qué esperabas y qué ocurrió.",
        "Steps to reproduce, what you expected and what happened.",
        "Passos para reproduzir, o que você esperava e o que aconteceu.",
    ),
    "help.evidence": (
        "Hasta {max_files} imágenes, PDF o archivos de texto de {max_mb} MB como máximo cada uno:"
        " {extensions}.",
        "Up to {max_files} images, PDFs or text files, {max_mb} MB each at most: {extensions}.",
        "Até {max_files} imagens, PDFs ou arquivos de texto com no máximo {max_mb} MB cada: {extensions}.",
    ),
    "help.attachments": (
        "Comprobantes, facturas o boletos: hasta {max_files} archivos de {max_mb} MB como máximo cada uno"
        " ({extensions}).",
        "Receipts, invoices or boletos: up to {max_files} files, {max_mb} MB each at most ({extensions}).",
        "Comprovantes, notas fiscais ou boletos: até {max_files} arquivos de no máximo {max_mb} MB cada"
        " ({extensions}).",
    ),
    "help.website": ("", "", ""),
    "help.white_label_franchise_account_name": (
        "Solo letras minúsculas, números y guiones.",
        "Lowercase letters, digits and hyphens only.",
        "Apenas letras minúsculas, números e hífens.",
    ),
    "help.additional_account_name": (
        "Solo letras minúsculas, números y guiones.",
        "Lowercase letters, digits and hyphens only.",
        "Apenas letras minúsculas, números e hífens.",
    ),
}

CHOICES: T = {
    "choice.language.es": ("Español", "Español", "Español"),
    "choice.language.en": ("English", "English", "English"),
    "choice.language.pt": ("Português", "Português", "Português"),
    "choice.experience.basics": (
        "Estoy aprendiendo lo básico",
        "I am learning the basics",
        "Estou aprendendo o básico",
    ),
    "choice.experience.job": (
        "Conozco lo que mi trabajo necesita",
        "I know what my job needs",
        "Conheço o que meu trabalho precisa",
    ),
    "choice.experience.advanced": (
        "Uso funciones avanzadas",
        "I use advanced features",
        "Uso recursos avançados",
    ),
    "choice.users_affected.admins": ("Usuarios administradores", "Admin users", "Usuários administradores"),
    "choice.users_affected.shoppers": ("Compradores", "Shoppers", "Compradores"),
    "choice.users_affected.all": ("Todos", "All", "Todos"),
    "choice.impact.auxiliary": ("Funciones auxiliares", "Auxiliary features", "Funcionalidades auxiliares"),
    "choice.impact.important": ("Funciones importantes", "Important features", "Funcionalidades importantes"),
    "choice.impact.critical": ("Funciones críticas", "Critical features", "Funcionalidades críticas"),
    "choice.environment.production": ("Producción", "Production", "Produção"),
    "choice.environment.development": (
        "Desarrollo, QA o sandbox",
        "Development, QA or sandbox",
        "Desenvolvimento, QA ou sandbox",
    ),
    "choice.problem_type.problem": (
        "Un problema o comportamiento inesperado",
        "A problem or unexpected behaviour",
        "Um problema ou comportamento inesperado",
    ),
    "choice.problem_type.question": ("Una pregunta", "A question", "Uma dúvida"),
    "choice.problem_type.setup": (
        "Una solicitud de configuración",
        "A setup request",
        "Uma solicitação de configuração",
    ),
    "choice.subject.admin_blocked": ("Administrador bloqueado", "Admin blocked", "Admin bloqueado"),
    "choice.subject.admin_delay_alert": (
        "Alerta de atraso en el administrador",
        "Admin delay alert",
        "Alerta de atraso no admin",
    ),
    "choice.subject.payment_receipt": (
        "Envío de comprobante de pago",
        "Sending a payment receipt",
        "Envio de comprovante de pagamento",
    ),
    "choice.subject.boleto_invoice": (
        "Problemas para recibir o conciliar un boleto o factura",
        "Problems receiving or reconciling a boleto or invoice",
        "Problemas para receber ou conciliar boleto ou nota fiscal",
    ),
    "choice.subject.amounts_billing": (
        "Dudas sobre montos y facturación",
        "Questions about amounts and billing",
        "Dúvidas sobre valores e faturamento",
    ),
    "choice.subject.contract_migration": (
        "Migración de modelo de contrato",
        "Contract model migration",
        "Migração de modelo de contrato",
    ),
    "choice.subject.liability_transfer": (
        "Transferencia de titularidad del contrato",
        "Contractual liability transfer",
        "Transferência de titularidade contratual",
    ),
    "choice.subject.invoice_recipients": (
        "Cambiar destinatarios de facturas",
        "Change invoice recipients",
        "Alterar destinatários das notas fiscais",
    ),
    "choice.subject.registration_info": (
        "Cambiar datos de registro",
        "Change registration information",
        "Alterar dados cadastrais",
    ),
    "choice.subject.contract_termination": (
        "Rescisión de contrato",
        "Contract termination",
        "Rescisão de contrato",
    ),
    "choice.subject.invoice_due_date": (
        "Cambiar fecha de vencimiento de la factura",
        "Change invoice due date",
        "Alterar data de vencimento da fatura",
    ),
    "choice.subject.partner": ("Partner", "Partner", "Parceiro"),
    "choice.subject.platform_sla": ("SLA de la plataforma", "Platform SLA", "SLA da plataforma"),
    "choice.need.trade_policy": ("Nueva política comercial", "New trade policy", "Nova política comercial"),
    "choice.need.white_label_franchise": (
        "Nueva cuenta franquicia (marca blanca)",
        "New white-label franchise account",
        "Nova conta franquia (white label)",
    ),
    "choice.need.additional_account": (
        "Nueva cuenta adicional",
        "New additional account",
        "Nova conta adicional",
    ),
    "choice.need.master_admin_change": (
        "Cambio de administrador principal",
        "Master admin change",
        "Troca de administrador principal",
    ),
    "choice.additional_account_purpose.new_store": (
        "Nueva tienda o marca",
        "New store or brand",
        "Nova loja ou marca",
    ),
    "choice.additional_account_purpose.new_country": (
        "Operación en otro país",
        "Operation in another country",
        "Operação em outro país",
    ),
    "choice.additional_account_purpose.development": (
        "Desarrollo o pruebas",
        "Development or testing",
        "Desenvolvimento ou testes",
    ),
    "choice.additional_account_purpose.other": ("Otra", "Other", "Outra"),
    "choice.empty": ("Elige una opción", "Choose an option", "Escolha uma opção"),
}

MESSAGES: T = {
    "msg.required": ("Este campo es obligatorio.", "This field is required.", "Este campo é obrigatório."),
    "msg.max_length": (
        "Escribe como máximo {max} caracteres.",
        "Use at most {max} characters.",
        "Use no máximo {max} caracteres.",
    ),
    "msg.email": (
        "Escribe una dirección de correo válida.",
        "Enter a valid email address.",
        "Informe um endereço de e-mail válido.",
    ),
    "msg.choice": ("Elige una de las opciones.", "Choose one of the options.", "Escolha uma das opções."),
    "msg.crlf": (
        "No se permiten saltos de línea ni caracteres de control.",
        "Line breaks and control characters are not allowed.",
        "Quebras de linha e caracteres de controle não são permitidos.",
    ),
    "msg.slug": (
        "Usa solo letras minúsculas, números y guiones (2 a 60).",
        "Use lowercase letters, digits and hyphens only (2 to 60).",
        "Use apenas letras minúsculas, números e hífens (2 a 60).",
    ),
    "msg.too_many_files": (
        "Adjunta como máximo {max} archivos.",
        "Attach at most {max} files.",
        "Anexe no máximo {max} arquivos.",
    ),
    "msg.file_too_large": (
        "El archivo «{name}» supera {max_mb} MB.",
        "The file “{name}” is larger than {max_mb} MB.",
        "O arquivo “{name}” excede {max_mb} MB.",
    ),
    "msg.file_type": (
        "El archivo «{name}» no se acepta: adjunta solo archivos {extensions}.",
        "The file “{name}” is not accepted: attach only {extensions} files.",
        "O arquivo “{name}” não é aceito: anexe somente arquivos {extensions}.",
    ),
    "msg.file_content": (
        "El contenido de «{name}» no corresponde a su extensión. No se aceptan páginas HTML, SVG ni XML,"
        " scripts, archivos comprimidos ni ejecutables.",
        "The content of “{name}” does not match its extension. HTML pages, SVG and XML, scripts, archives"
        " and executables are not accepted.",
        "O conteúdo de “{name}” não corresponde à extensão. Páginas HTML, SVG e XML, scripts, arquivos"
        " compactados e executáveis não são aceitos.",
    ),
    "msg.file_name": (
        "El nombre del archivo no es válido.",
        "The file name is not valid.",
        "O nome do arquivo não é válido.",
    ),
    "msg.file_empty": (
        "El archivo «{name}» está vacío.",
        "The file “{name}” is empty.",
        "O arquivo “{name}” está vazio.",
    ),
    "msg.trail": (
        "El recorrido de Copilot no es válido.",
        "The Copilot trail is not valid.",
        "O trajeto do Copilot não é válido.",
    ),
    "msg.key": ("Clave de envío no válida.", "Invalid submission key.", "Chave de envio inválida."),
    "msg.page": (
        "La página de origen no es válida.",
        "The page sent from is not valid.",
        "A página de origem não é válida.",
    ),
    "msg.unknown_fields": (
        "El formulario contiene campos desconocidos: {fields}.",
        "The form contains unknown fields: {fields}.",
        "O formulário contém campos desconhecidos: {fields}.",
    ),
    "msg.unknown_type": (
        "Tipo de ticket desconocido.",
        "Unknown ticket type.",
        "Tipo de ticket desconhecido.",
    ),
    "msg.too_large": (
        "La solicitud es demasiado grande.",
        "The request is too large.",
        "A solicitação é grande demais.",
    ),
    "msg.rate_limited": (
        "Demasiadas solicitudes. Inténtalo de nuevo en unos minutos.",
        "Too many requests. Please try again in a few minutes.",
        "Muitas solicitações. Tente novamente em alguns minutos.",
    ),
    "msg.origin": ("Origen no permitido.", "Origin not allowed.", "Origem não permitida."),
    "msg.bad_request": ("Solicitud no válida.", "Bad request.", "Solicitação inválida."),
    "msg.idempotency_conflict": (
        "Esta clave de envío ya se usó con otro tipo de ticket.",
        "This submission key was already used for another ticket type.",
        "Esta chave de envio já foi usada com outro tipo de ticket.",
    ),
    "msg.server_error": (
        "Error interno. Tu ticket no se guardó; inténtalo de nuevo.",
        "Internal error. Your ticket was not saved; please try again.",
        "Erro interno. Seu ticket não foi salvo; tente novamente.",
    ),
    "msg.form_errors": (
        "Revisa los campos marcados.",
        "Please check the marked fields.",
        "Verifique os campos marcados.",
    ),
    "msg.send": ("Enviar", "Send", "Enviar"),
    "msg.back_home": (
        "Volver al centro de ayuda",
        "Back to the help center",
        "Voltar para a central de ajuda",
    ),
    "msg.required_mark": ("obligatorio", "required", "obrigatório"),
    "msg.error_title": (
        "No pudimos enviar tu ticket",
        "We could not send your ticket",
        "Não foi possível enviar seu ticket",
    ),
    "type.technical": ("Técnico", "Technical", "Técnico"),
    "type.financial": ("Financiero", "Financial", "Financeiro"),
    "type.commercial": ("Comercial", "Commercial", "Comercial"),
    "mail.confirm_subject": (
        "Recibimos tu ticket {ticket}",
        "We received your ticket {ticket}",
        "Recebemos seu ticket {ticket}",
    ),
    "mail.confirm_body": (
        "Hola {name}:\n\nRecibimos tu ticket {ticket} ({type}): «{title}».\n"
        "Nuestro equipo te responderá a esta dirección. Para añadir información, responde a este correo "
        "indicando el número {ticket}.\n",
        "Hello {name},\n\nWe received your ticket {ticket} ({type}): “{title}”.\n"
        "Our team will reply to this address. To add information, reply to this email quoting "
        "number {ticket}.\n",
        "Olá {name},\n\nRecebemos seu ticket {ticket} ({type}): “{title}”.\n"
        "Nossa equipe responderá para este endereço. Para acrescentar informações, responda a este e-mail "
        "citando o número {ticket}.\n",
    ),
}

FOLLOW_UP: T = {
    "status.open": ("Abierto", "Open", "Aberto"),
    "status.awaiting_reply": ("Esperando tu respuesta", "Awaiting your reply", "Aguardando sua resposta"),
    "status.solved": ("Resuelto", "Solved", "Resolvido"),
    "status.closed": ("Cerrado", "Closed", "Fechado"),
    "event.created": ("Abriste el ticket", "You opened the ticket", "Você abriu o ticket"),
    "event.message.customer": ("Tu mensaje", "Your message", "Sua mensagem"),
    "event.message.agent": ("Respuesta de soporte", "Support replied", "Resposta do suporte"),
    "event.status": (
        "Estado cambiado a {status}",
        "Status changed to {status}",
        "Status alterado para {status}",
    ),
    "event.status.system": (
        "Estado cambiado automáticamente a {status}",
        "Status changed automatically to {status}",
        "Status alterado automaticamente para {status}",
    ),
    "event.attachment": ("Archivo adjunto: {name}", "Attached file: {name}", "Arquivo anexado: {name}"),
    "my.intro": (
        "Escribe el correo con el que abriste tus tickets y te enviaremos un enlace para verlos "
        "y responderlos. El enlace vale {minutes} minutos.",
        "Type the email you opened your tickets with and we will send you a link to see and answer "
        "them. The link works for {minutes} minutes.",
        "Digite o e-mail com que você abriu seus tickets e enviaremos um link para vê-los e "
        "respondê-los. O link vale por {minutes} minutos.",
    ),
    "my.send_link": ("Enviarme el enlace", "Send me the link", "Enviar o link"),
    "my.sent_title": ("Revisa tu correo", "Check your email", "Verifique seu e-mail"),
    "my.sent": (
        "Si hay tickets abiertos con {email}, te enviamos un enlace para verlos. Vale {minutes} minutos.",
        "If there are tickets opened with {email}, we sent you a link to see them. "
        "It works for {minutes} minutes.",
        "Se houver tickets abertos com {email}, enviamos um link para vê-los. "
        "Ele vale por {minutes} minutos.",
    ),
    "my.link_bad": (
        "El enlace caducó o no es válido. Pide uno nuevo.",
        "The link has expired or is not valid. Ask for a new one.",
        "O link expirou ou não é válido. Peça um novo.",
    ),
    "my.signed_in_as": ("Tickets de {email}", "Tickets of {email}", "Tickets de {email}"),
    "my.sign_out": ("Cerrar sesión", "Sign out", "Sair"),
    "my.none": (
        "No hay tickets con esta dirección.",
        "No tickets with this address.",
        "Não há tickets com este endereço.",
    ),
    "col.number": ("Número", "Number", "Número"),
    "col.type": ("Tipo", "Type", "Tipo"),
    "col.title": ("Título", "Title", "Título"),
    "col.status": ("Estado", "Status", "Status"),
    "col.updated": ("Última novedad", "Last change", "Última alteração"),
    "ticket.heading": ("Ticket {ticket}: {title}", "Ticket {ticket}: {title}", "Ticket {ticket}: {title}"),
    "ticket.history": ("Historial", "History", "Histórico"),
    "ticket.reply": ("Responder", "Reply", "Responder"),
    "ticket.reply_label": ("Tu respuesta", "Your reply", "Sua resposta"),
    "ticket.reply_sent": ("Recibimos tu respuesta.", "We received your reply.", "Recebemos sua resposta."),
    "ticket.closed": (
        "Este ticket está cerrado y ya no admite respuestas. Si el problema vuelve, abre un ticket nuevo "
        "e indica el número {ticket}.",
        "This ticket is closed and takes no more replies. If the problem comes back, open a new ticket "
        "and quote number {ticket}.",
        "Este ticket está fechado e não aceita mais respostas. Se o problema voltar, abra um novo ticket "
        "e informe o número {ticket}.",
    ),
    "ticket.new": ("Abrir un ticket nuevo", "Open a new ticket", "Abrir um novo ticket"),
    "ticket.back": ("Volver a mis tickets", "Back to my tickets", "Voltar para meus tickets"),
    "ticket.not_found": (
        "No encontramos ese ticket o el enlace no es válido.",
        "We could not find that ticket, or the link is not valid.",
        "Não encontramos esse ticket ou o link não é válido.",
    ),
    "msg.not_found": (
        "No encontramos esa página.",
        "We could not find that page.",
        "Não encontramos essa página.",
    ),
    "msg.form_expired": (
        "El formulario caducó. Vuelve a cargar la página e inténtalo de nuevo.",
        "The form has expired. Reload the page and try again.",
        "O formulário expirou. Recarregue a página e tente novamente.",
    ),
    "mail.follow_link": (
        "Sigue tu ticket y respóndelo aquí: {url}\n",
        "Follow your ticket and answer it here: {url}\n",
        "Acompanhe seu ticket e responda aqui: {url}\n",
    ),
    "mail.signin_subject": (
        "Tu enlace para ver tus tickets",
        "Your link to see your tickets",
        "Seu link para ver seus tickets",
    ),
    "mail.signin_body": (
        "Hola:\n\nPara ver tus tickets, abre este enlace (vale {minutes} minutos):\n{url}\n\n"
        "Si no lo pediste, ignora este correo.\n",
        "Hello,\n\nTo see your tickets, open this link (it works for {minutes} minutes):\n{url}\n\n"
        "If you did not ask for it, ignore this email.\n",
        "Olá,\n\nPara ver seus tickets, abra este link (ele vale por {minutes} minutos):\n{url}\n\n"
        "Se você não pediu, ignore este e-mail.\n",
    ),
    "mail.update_subject": (
        "Re: [Ticket {ticket}] {title}",
        "Re: [Ticket {ticket}] {title}",
        "Re: [Ticket {ticket}] {title}",
    ),
    "mail.agent_body": (
        "Hola {name}:\n\nSoporte respondió a tu ticket {ticket}:\n\n{body}\n\nEstado: {status}.\n"
        "Responde a este correo o desde tu ticket: {url}\n",
        "Hello {name},\n\nSupport replied to your ticket {ticket}:\n\n{body}\n\nStatus: {status}.\n"
        "Reply to this email or from your ticket: {url}\n",
        "Olá {name},\n\nO suporte respondeu ao seu ticket {ticket}:\n\n{body}\n\nStatus: {status}.\n"
        "Responda a este e-mail ou pelo seu ticket: {url}\n",
    ),
    "mail.status_body": (
        "Hola {name}:\n\nTu ticket {ticket} («{title}») ahora está: {status}.\n{hint}\n\n"
        "Ver el ticket: {url}\n",
        "Hello {name},\n\nYour ticket {ticket} (“{title}”) is now: {status}.\n{hint}\n\n"
        "See the ticket: {url}\n",
        "Olá {name},\n\nSeu ticket {ticket} (“{title}”) agora está: {status}.\n{hint}\n\n"
        "Ver o ticket: {url}\n",
    ),
    "hint.open": (
        "Nuestro equipo lo está atendiendo.",
        "Our team is working on it.",
        "Nossa equipe está cuidando dele.",
    ),
    "hint.awaiting_reply": (
        "Necesitamos tu respuesta para seguir: responde a este correo o desde el ticket.",
        "We need your answer to go on: reply to this email or from the ticket.",
        "Precisamos da sua resposta para continuar: responda a este e-mail ou pelo ticket.",
    ),
    "hint.solved": (
        "Si algo no funciona, responde y el ticket se reabre.",
        "If something does not work, reply and the ticket reopens.",
        "Se algo não funcionar, responda e o ticket será reaberto.",
    ),
    "hint.closed": (
        "Ya no admite cambios. Si el problema vuelve, abre un ticket nuevo e indica el número {ticket}.",
        "It takes no more changes. If the problem comes back, open a new ticket and quote number {ticket}.",
        "Ele não aceita mais alterações. Se o problema voltar, abra um novo ticket e informe o "
        "número {ticket}.",
    ),
    "mail.closed_subject": (
        "Re: [Ticket {ticket}] El ticket está cerrado",
        "Re: [Ticket {ticket}] The ticket is closed",
        "Re: [Ticket {ticket}] O ticket está fechado",
    ),
    "mail.closed_body": (
        "Hola:\n\nRecibimos tu mensaje, pero el ticket {ticket} está cerrado y no admite respuestas, "
        "así que no lo añadimos.\nSi necesitas ayuda, abre un ticket nuevo e indica el número {ticket} "
        "en la descripción:\n{url}\n",
        "Hello,\n\nWe received your message, but ticket {ticket} is closed and takes no replies, so it "
        "was not added.\nIf you need help, open a new ticket and quote number {ticket} in the "
        "description:\n{url}\n",
        "Olá,\n\nRecebemos sua mensagem, mas o ticket {ticket} está fechado e não aceita respostas, "
        "então ela não foi adicionada.\nSe precisar de ajuda, abra um novo ticket e informe o número "
        "{ticket} na descrição:\n{url}\n",
    ),
    "mail.team_reply": (
        "El cliente respondió al ticket {ticket} (estado: {status}):\n\n{body}\n",
        "The customer replied to ticket {ticket} (status: {status}):\n\n{body}\n",
        "O cliente respondeu ao ticket {ticket} (status: {status}):\n\n{body}\n",
    ),
}

_TABLE: T = {**FIELDS, **HELP, **CHOICES, **MESSAGES, **FOLLOW_UP}
for _table in site_texts.TABLES:
    _TABLE.update(_table)

MAY_BE_EMPTY = frozenset({"help.website"})  # the honeypot shows no help text


def missing_translations() -> list[str]:
    """Every text lacking a language, or whose ``{placeholders}`` differ between languages.

    Checked by the tests and at every build (a warning that fails ``mkdocs build --strict``).
    """
    gaps = []
    for key, texts in _TABLE.items():
        for i, lang in enumerate(LANGUAGES):
            if (len(texts) <= i or not texts[i].strip()) and key not in MAY_BE_EMPTY:
                gaps.append(f"{key}: no {lang} text")
        if len({frozenset(re.findall(r"\{\w+\}", text)) for text in texts}) > 1:
            gaps.append(f"{key}: placeholders differ between languages")
    return gaps


def has(key: str) -> bool:
    """Whether a text exists (known-issue statuses and section names come from authors' content)."""
    return key in _TABLE


def texts_with_prefix(prefix: str, lang: str) -> dict[str, str]:
    """Every text under ``prefix`` in ``lang``, keyed without it (what a browser module needs)."""
    return {key[len(prefix) :]: t(key, lang) for key in _TABLE if key.startswith(prefix)}


def t(key: str, lang: str, **fmt: object) -> str:
    """The text for ``key`` in ``lang``; raises KeyError so a missing text fails tests, not users."""
    text = _TABLE[key][LANGUAGES.index(norm_lang(lang))]
    return text.format(**fmt) if fmt else text


def field_text(kind: str, ticket_type: str, name: str, lang: str) -> str:
    """Label (``kind="field"``) or help (``kind="help"``) of a field, type-specific first."""
    for key in (f"{kind}.{ticket_type}.{name}", f"{kind}.{name}"):
        if key in _TABLE:
            return t(key, lang)
    if kind == "help":
        return ""
    raise KeyError(f"{kind}.{name}")
