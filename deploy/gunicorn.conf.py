"""gunicorn settings for the ticket handler: ``gunicorn -c deploy/gunicorn.conf.py``.

Run one per node behind the web server that serves the built site (route ``/api/`` and ``/healthz``
here). Tuned by environment variables:

- ``HELPCENTER_BIND``: address to listen on (default ``127.0.0.1:8000``);
- ``WEB_CONCURRENCY``: worker processes (default: one per CPU core, at least 2);
- ``HELPCENTER_WORKER_CONNECTIONS``: connections each worker serves at once (default 100).

The workers are gevent's: a worker serves all its connections in one thread, switching between them
wherever one waits (the network, PostgreSQL, Redis, another ticket's commit). A ticket waits for the
commit that makes it durable, and all the tickets that wait together share it; with a thread per
request, each of those waits cost thread switches and hand-offs of Python's lock, and the same machine
took about a third fewer tickets per second (``bench/handler_throughput.py``). The waits on the system
that gevent cannot switch away from (SQLite's file lock, the disk sync) run in its thread pool
(``handler/cooperative.py``).

The handler itself is configured with ``HELPCENTER_*`` variables (see handler/README.md). Each worker
opens its own database connections after the fork (no ``preload_app``).
"""

import os

from gunicorn.glogging import Logger


class NoIdleAccessLog(Logger):
    """Access lines only when an access log is configured: with ``logconfig_dict`` set, gunicorn
    would build every request's line (a few percent of a request's CPU) to throw it away."""

    def access(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        if self.cfg.accesslog:
            super().access(resp, req, environ, request_time)


wsgi_app = "handler:create_app()"
bind = os.environ.get("HELPCENTER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))
worker_class = "gevent"
worker_connections = int(os.environ.get("HELPCENTER_WORKER_CONNECTIONS", "100"))
backlog = 512
timeout = 30  # a worker stuck this long is replaced
graceful_timeout = 20  # SIGTERM: finish the requests in hand first
keepalive = 5
accesslog = None
logger_class = NoIdleAccessLog
errorlog = "-"
loglevel = os.environ.get("HELPCENTER_LOG_LEVEL", "info")
# The handler's own warnings (rate-limit storage down, database retries, mail retries) go to the
# error log too, next to gunicorn's.
logconfig_dict = {
    "root": {"level": "WARNING", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False},
    },
}
