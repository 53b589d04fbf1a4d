"""Several processes (gunicorn workers, the outbox worker) booting at once on a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BACKENDS

ROOT = Path(__file__).resolve().parents[2]
BOOT = """
import sys, time
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
from handler import create_app
create_app()
"""


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_workers_booting_together_on_a_fresh_database_all_start(
    tmp_path: Path, new_database_url: Callable[[Path], str]
) -> None:
    env = {
        **os.environ,
        "HELPCENTER_DATABASE_URL": new_database_url(tmp_path),
        "HELPCENTER_INSTANCE_PATH": str(tmp_path),
        "HELPCENTER_OUTBOX_WORKER_IN_PROCESS": "false",
    }
    start = time.time() + 3  # imports done first; then all create the schema in the same instant
    workers = [
        subprocess.Popen([sys.executable, "-c", BOOT, str(start)], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    failures = [w.stderr.read().decode()[-400:] for w in workers if w.wait(60) != 0]
    assert not failures, failures
