"""``python -m handler.devserver`` and tests/stack.py: one origin for site + API, a sink, /dev/mail."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from handler_samples import VALID
from stack import running_stack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "en" / "support" / "thanks").mkdir(parents=True)
    (root / "index.html").write_text("<h1>Inicio</h1>")
    (root / "en" / "support" / "thanks" / "index.html").write_text("<h1>Thanks</h1>")
    (root / "404.html").write_text("<h1>Not here</h1>")
    return root


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _post(url: str, data: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers={"Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_stack_serves_site_and_api_on_one_origin(site: Path, tmp_path: Path) -> None:
    with running_stack(site, tmp_path / "instance") as stack:
        assert _get(stack.base_url + "/") == (200, "<h1>Inicio</h1>")
        assert _get(stack.base_url + "/en/support/thanks/?ticket=1") == (200, "<h1>Thanks</h1>")
        assert _get(stack.base_url + "/nowhere/") == (404, "<h1>Not here</h1>")
        assert _get(stack.base_url + "/../../etc/passwd")[0] == 404
        name = "<img src=x onerror=alert(1)> Ana"
        status, body = _post(
            stack.base_url + "/api/tickets/technical", dict(VALID["technical"], name=name, language="en")
        )
        assert status == 201
        team, confirm = sorted(stack.mails_for_ticket(body["ticket"]), key=lambda m: "Auto-Submitted" in m)
        assert team["Subject"].startswith(f"[{body['ticket']}] [Technical]")
        assert len(stack.wait_for_mails(2)) >= 2
        status, page = _get(stack.base_url + "/dev/mail")
        assert status == 200 and team["Message-ID"].strip("<>") in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page
        deadline = time.monotonic() + 20  # the sink has the mails; the worker marks them sent just after
        while (outbox := json.loads(_get(stack.base_url + "/healthz")[1])["outbox"])["pending"]:
            assert time.monotonic() < deadline, outbox
            time.sleep(0.05)
        assert outbox["sent"] >= 2 and outbox["dead"] == 0


def test_devserver_command(site: Path, tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "handler.devserver",
        "--site",
        str(site),
        "--port",
        "0",  # the server binds a free port itself and prints it: no race with other processes
        "--instance",
        str(tmp_path / "instance"),
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())  # type: ignore[union-attr]
        assert found, "the devserver did not print its address"
        port = int(found.group(1))
        status, body = _post(f"http://127.0.0.1:{port}/api/tickets/financial", VALID["financial"])
        assert status == 201
        deadline = time.monotonic() + 20
        while "Recibimos tu ticket" not in _get(f"http://127.0.0.1:{port}/dev/mail")[1]:
            assert time.monotonic() < deadline, "no mail in /dev/mail"
            time.sleep(0.1)
        assert (tmp_path / "instance" / "helpcenter.sqlite").is_file()
        assert len(list((tmp_path / "instance" / "devmail").glob("*.eml"))) == 2
    finally:
        proc.terminate()
        proc.wait(10)


def test_dev_pages_absent_from_production_app(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/dev/mail").status_code == 404
    assert client.get("/").status_code == 404  # the production app serves no site files
