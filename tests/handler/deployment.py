"""The README's "Deploying" recipe as processes: N gunicorn nodes (``deploy/gunicorn.conf.py``), M outbox
workers, one PostgreSQL, one Redis, an aiosmtpd sink; plus a loopback load client. For tests and bench."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handler_samples import VALID

from handler.testing import free_port

ROOT = Path(__file__).resolve().parents[2]
NODE_COMMAND = "gunicorn -c deploy/gunicorn.conf.py"  # as written in README.md
WORKER_COMMAND = "flask --app handler outbox worker"
HEADERS = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
BODY = urllib.parse.urlencode(VALID["technical"]).encode()


class Deployment:
    """Start and stop the pieces; ``env`` is what every process gets (``HELPCENTER_*``)."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "HELPCENTER_INSTANCE_PATH": str(folder), **env}
        self.nodes: list[tuple[int, subprocess.Popen[bytes]]] = []
        self.workers: list[subprocess.Popen[bytes]] = []

    def _spawn(self, command: str, name: str, **env: str) -> subprocess.Popen[bytes]:
        argv = command.split()
        argv[0] = str(Path(sys.executable).parent / argv[0])  # the venv's gunicorn / flask
        return subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=(self.folder / f"{name}.log").open("ab"),
            stderr=subprocess.STDOUT,
        )

    def start_node(self, workers: int = 2) -> int:
        port = free_port()
        process = self._spawn(
            NODE_COMMAND,
            f"node{len(self.nodes)}",
            HELPCENTER_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
        )
        self.nodes.append((port, process))
        return port

    def start_worker(self) -> subprocess.Popen[bytes]:
        self.workers.append(self._spawn(WORKER_COMMAND, f"worker{len(self.workers)}"))
        return self.workers[-1]

    def wait_healthy(self, timeout: float = 90.0) -> None:
        """Every node answers ``GET /healthz`` with 200 and ``database: true``."""
        for port, process in self.nodes:
            deadline = time.monotonic() + timeout
            while health(port).get("database") is not True:
                assert process.poll() is None, self.log(f"node{self.nodes.index((port, process))}")
                assert time.monotonic() < deadline, f"node on {port} not healthy"
                time.sleep(0.2)

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        for process in [p for _, p in self.nodes] + self.workers:
            if process.poll() is None:
                process.terminate()
        for process in [p for _, p in self.nodes] + self.workers:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def health(port: int) -> dict[str, Any]:
    """The node's ``/healthz`` JSON, or ``{}`` when it does not answer 200."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        return json.loads(response.read()) if response.status == 200 else {}
    except (OSError, ValueError, http.client.HTTPException):
        return {}


class Load:
    """``total`` ticket posts from ``concurrency`` keep-alive clients spread over ``ports``; each request
    comes from its own client address (``X-Forwarded-For``) unless ``client_ip`` picks one per index."""

    def __init__(
        self,
        ports: list[int],
        total: int,
        concurrency: int,
        client_ip: Callable[[int], str] = lambda i: f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}",
        on_progress: Callable[[int], None] = lambda done: None,
    ) -> None:
        self.ports, self.total, self.concurrency = ports, total, concurrency
        self.client_ip, self.on_progress = client_ip, on_progress
        self.statuses: Counter[int] = Counter()  # 0: no answer (connection error)
        self.tickets: list[int] = []
        self.latencies: list[float] = []
        self._next = iter(range(total))
        self._lock = threading.Lock()

    def _client(self, slot: int) -> None:
        port = self.ports[slot % len(self.ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with self._lock:
                index = next(self._next, None)
            if index is None:
                break
            started, status, number = time.perf_counter(), 0, None
            try:
                headers = {**HEADERS, "X-Forwarded-For": self.client_ip(index)}
                conn.request("POST", "/api/tickets/technical", body=BODY, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
                if status == 201:
                    number = int(json.loads(payload)["ticket"])
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with self._lock:
                self.statuses[status] += 1
                if number is not None:
                    self.tickets.append(number)
                    self.latencies.append(time.perf_counter() - started)
                done = sum(self.statuses.values())
            self.on_progress(done)
        conn.close()

    def run(self) -> Load:
        threads = [threading.Thread(target=self._client, args=(i,)) for i in range(self.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self
