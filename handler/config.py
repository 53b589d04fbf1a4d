"""Default settings. Override in ``instance/config.py`` or with ``HELPCENTER_<KEY>`` environment variables.

Nothing secret lives here: SMTP credentials and real addresses come from the instance folder or the
environment (``HELPCENTER_MAIL_PASSWORD``, ``HELPCENTER_RECIPIENTS__technical=...``).
"""

from __future__ import annotations

from typing import Any

from catalog import paths
from catalog.languages import LANGUAGES

DEFAULTS: dict[str, Any] = {
    # Database: None means a SQLite file ``helpcenter.sqlite`` in the instance folder.
    "DATABASE_URL": None,
    "SQLITE_SYNCHRONOUS": "FULL",  # a ticket acknowledged with 201/303 survives a crash
    "GROUP_COMMIT_MAX": 64,  # tickets sharing one commit at most (concurrent requests of a process)
    # Mail (Flask-Mail keys). Never suppressed implicitly: tests use a real SMTP sink.
    "MAIL_SERVER": "127.0.0.1",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SUPPRESS_SEND": False,
    "MAIL_DEFAULT_SENDER": "Help Center <helpcenter@localhost>",
    "MAIL_TIMEOUT": 10.0,  # seconds; a hanging server becomes a retry, not a stuck worker
    "MAIL_TLS_CA_FILE": None,  # CA bundle to verify the server's certificate (None: the system's)
    "MAIL_REUSE_IDLE_SECONDS": 20.0,  # an SMTP connection idle longer is reopened, not reused
    "MESSAGE_ID_DOMAIN": "helpcenter.localhost",
    "RECIPIENTS": {
        "technical": "technical-support@localhost",
        "financial": "financial-support@localhost",
        "commercial": "commercial@localhost",
    },
    "TEAM_LANGUAGE": "es",  # labels used in the mail to the support team
    "CONFIRMATION_EMAIL": True,
    # Outbox worker.
    "OUTBOX_MAX_ATTEMPTS": 8,
    "OUTBOX_BACKOFF_BASE": 5.0,  # seconds, doubled per attempt
    "OUTBOX_BACKOFF_MAX": 3600.0,
    "OUTBOX_LEASE_SECONDS": 120.0,  # a crashed worker's claim expires after this
    "OUTBOX_POLL_SECONDS": 2.0,
    "OUTBOX_BATCH": 20,  # rows leased per transaction
    "OUTBOX_WORKER_IN_PROCESS": False,  # the devserver turns this on
    # Site and security.
    "SITE_URL": "",  # "" = same origin: redirects go to the thank-you path below
    # The site's home and thank-you page per language (catalog.paths), for a site served elsewhere too.
    "HOME_PATHS": {lang: paths.url_path(paths.home(lang)) for lang in LANGUAGES},
    "THANKS_PATHS": {lang: paths.url_path(paths.support_page(lang, paths.THANKS_PAGE)) for lang in LANGUAGES},
    "ALLOWED_ORIGINS": [],  # besides the handler's own origin
    "MAX_CONTENT_LENGTH": 27 * 1024 * 1024,  # 5 files x 5 MB + form text
    "MAX_FORM_MEMORY_SIZE": 128 * 1024,  # all non-file fields together
    "MAX_FORM_PARTS": 100,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",  # e.g. redis://host:6379/0 with several processes
    "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,  # storage down: per-process limits, not errors
    "RATELIMIT_SWALLOW_ERRORS": True,
    "TICKET_RATE_LIMIT": "10 per minute;60 per hour",
    "RATELIMIT_HEADERS_ENABLED": True,
    "PROXY_FIX_X_FOR": 0,  # number of trusted proxies in front (X-Forwarded-For)
    # Copilot trail check: a callable(str)->bool or "module:function"; None = against COPILOT_TREE_FILE.
    "COPILOT_TRAIL_VALIDATOR": None,
    "COPILOT_TREE_FILE": None,  # None = the repository's copilot/tree.yml
    # Follow-up: ticket pages, sign-in links, replies by email (handler/lifecycle.py, tokens.py, inbox.py).
    "SECRET_KEY": None,  # None: a random key kept in instance/secret_key; rotate it to revoke every link
    "SESSION_COOKIE_SAMESITE": "Lax",
    "TICKETS_PATH": paths.url_path(paths.TICKETS_FOLDER).rstrip(
        "/"
    ),  # the customer's pages: /tickets/<lang>/ (route it to the handler)
    "SIGNIN_LINK_MAX_AGE": 30 * 60,  # seconds a mailed sign-in link works
    "SIGNIN_RATE_LIMIT": "5 per minute;20 per hour",  # per client address
    "SIGNIN_EMAIL_RATE_LIMIT": "3 per 15 minutes",  # per email address typed (no mail bombing)
    "AWAITING_REPLY_DAYS": 4.0,  # awaiting_reply this long -> solved
    "SOLVED_DAYS": 7.0,  # solved this long -> closed
    "LIFECYCLE_CHECK_SECONDS": 60.0,  # how often the worker looks for those automatic moves
    # Replies by email: None keeps Reply-To on the requester (no inbound route); set e.g.
    # "support@example.org" and mail is answered via signed "support+t123.<mac>@example.org".
    "INBOUND_ADDRESS": None,
    "AGENT_ADDRESSES": None,  # addresses or "@domain" allowed to answer as agents; None: RECIPIENTS
    "INBOX_MAX_BYTES": 30 * 1024 * 1024,  # a bigger inbound mail is refused (552 / EX_NOPERM)
    "INBOX_HOST": "127.0.0.1",  # `flask --app handler inbox serve` listens here
    "INBOX_PORT": 2525,
}
