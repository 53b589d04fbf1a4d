"""Throwaway PostgreSQL and Redis servers on loopback ports, for tests and ``bench/`` (like flask.testing).

Both are real servers from the Debian packages (``apt-get install postgresql redis-server``), started in
a temporary folder and removed on ``stop()``. PostgreSQL refuses to run as root, so as root the cluster
runs as the ``postgres`` system user (created by the Debian package).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from testkit import free_port, in_ci  # noqa: F401  (in_ci: for the tests' skip-or-fail)

INSTALL_HINT = {
    "postgresql": "PostgreSQL not found: install it with `apt-get install postgresql`",
    "redis": "redis-server not found: install it with `apt-get install redis-server`",
}


def postgres_bindir() -> Path | None:
    """Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin, off PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _wait_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class PostgresCluster:
    """``initdb`` + ``pg_ctl`` in a temp folder; ``url(name)`` for SQLAlchemy; ``create_database``."""

    def __init__(self, bindir: Path, durable: bool = True) -> None:
        """``durable=False`` (fsync off) for quick functional tests; benchmarks keep it on."""
        self.bindir, self.port, self.durable = bindir, free_port(), durable
        self.folder = Path(tempfile.mkdtemp(prefix="helpcenter-pg-"))
        self.data = self.folder / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._as = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self._as, str(self.bindir / tool), *args],
            check=True,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self) -> PostgresCluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self.restart(initial=True)

    def restart(self, initial: bool = False) -> PostgresCluster:
        """Start, or stop fast (clients are cut off) and start again on the same port."""
        if not initial:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
            f"-c max_connections=200 -c synchronous_commit=on -c fsync={'on' if self.durable else 'off'}"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "-t", "60", "start")
        _wait_port(self.port, 30)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """``redis-server`` without persistence on a free loopback port."""

    def __init__(self, binary: str) -> None:
        self.binary, self.port = binary, free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self._process = subprocess.Popen([self.binary, *args], stdout=subprocess.DEVNULL)
        _wait_port(self.port, 15)
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None


def serve_message_ids(port: int, path: str) -> None:
    """An SMTP server that appends each received mail's Message-ID to ``path`` (one per line) and
    keeps nothing else: a mail server in its own process, for load tests and benchmarks."""
    import asyncio
    import re

    from aiosmtpd.controller import Controller

    header = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
    out = open(path, "ab", buffering=0)  # noqa: SIM115 - open for the server's lifetime

    class Record:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            head = envelope.content.split(b"\r\n\r\n", 1)[0]  # type: ignore[attr-defined]
            found = header.search(head)
            out.write((found.group(1) if found else b"-") + b"\n")
            return "250 OK"

    Controller(Record(), hostname="127.0.0.1", port=port).start()
    asyncio.new_event_loop().run_forever()


class MessageIdServer:
    """``serve_message_ids`` in a child process; ``ids()`` lists what it received so far."""

    def __init__(self, folder: Path) -> None:
        self.port, self.path = free_port(), folder / "received-message-ids.txt"
        self.path.touch()
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> MessageIdServer:
        code = f"import handler.testing as t; t.serve_message_ids({self.port}, {str(self.path)!r})"
        self._process = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).parents[1])
        _wait_port(self.port, 30)
        return self

    def ids(self) -> list[str]:
        return self.path.read_text().split()

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None
