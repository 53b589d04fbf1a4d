"""One SMTP mail transaction (smtplib's ``sendmail``) that does the caller's work while the server
answers, instead of idling: ``on_mail`` runs once MAIL FROM is written, ``on_data`` once the message is.

The outbox uses the first to mark the previous mail sent (its 250 came; this mail is not delivered
before its own final dot) and the second to compose the next mail (nothing is sent by composing).
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable, Sequence
from functools import lru_cache

LEADING_DOT = re.compile(rb"(?m)^\.")
Work = Callable[[], None]


def nothing() -> None:
    pass


quoted = lru_cache(maxsize=4096)(smtplib.quoteaddr)  # parsing an address costs more than sending it


def sendmail(
    host: smtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    mail_options: Sequence[str] = (),
    rcpt_options: Sequence[str] = (),
    on_mail: Work = nothing,
    on_data: Work = nothing,
) -> dict[str, tuple[int, bytes]]:
    """``host.sendmail(sender, recipients, data, ...)``, same replies and exceptions; returns the
    refused recipients (a mail is sent when at least one is accepted). ``on_data`` must not raise: the
    server may accept the mail whatever the client does meanwhile."""
    host.ehlo_or_helo_if_needed()
    options = list(mail_options)
    if host.does_esmtp and host.has_extn("size"):
        options.insert(0, f"size={len(data)}")
    extra = " " + " ".join(options) if options and host.does_esmtp else ""
    host.putcmd("mail", f"FROM:{quoted(sender)}{extra}")
    on_mail()
    code, reply = host.getreply()
    if code != 250:
        _abandon(host, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    per_recipient = " " + " ".join(rcpt_options) if rcpt_options and host.does_esmtp else ""
    for recipient in recipients:
        host.putcmd("rcpt", f"TO:{quoted(recipient)}{per_recipient}")
        code, reply = host.getreply()
        if code not in (250, 251):
            refused[recipient] = (code, reply)
        if code == 421:
            host.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        _abandon(host, code)
        raise smtplib.SMTPRecipientsRefused(refused)
    host.putcmd("data")
    code, reply = host.getreply()
    if code != 354:
        _abandon(host, code)
        raise smtplib.SMTPDataError(code, reply)
    escaped = LEADING_DOT.sub(b"..", data)
    host.send(escaped + (b"" if escaped.endswith(b"\r\n") else b"\r\n") + b".\r\n")
    on_data()
    code, reply = host.getreply()
    if code != 250:
        _abandon(host, code)
        raise smtplib.SMTPDataError(code, reply)
    return refused


def _abandon(host: smtplib.SMTP, code: int) -> None:
    """After a refusal: close on 421 (the server is leaving), else reset for the next mail."""
    if code == 421:
        host.close()
        return
    try:
        host.rset()
    except smtplib.SMTPServerDisconnected:
        pass
