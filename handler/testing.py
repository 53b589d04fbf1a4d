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
import tempfile
import time
from pathlib import Path

INSTALL_HINT = {
    "postgresql": "PostgreSQL not found: install it with `apt-get install postgresql`",
    "redis": "redis-server not found: install it with `apt-get install redis-server`",
}


def in_ci() -> bool:
    """CI=true, CI=1 or CI=True: a missing server fails the tests instead of skipping them."""
    return os.environ.get("CI", "").lower() in ("true", "1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
