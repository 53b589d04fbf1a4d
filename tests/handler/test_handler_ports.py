"""Loopback ports are taken in one step, so parallel tests and other processes never race for them."""

from __future__ import annotations

import socket
import urllib.request

from handler.sink import SmtpSink
from helpcenter.testing import in_ci, serving, static_server


def test_sink_takes_another_port_when_its_pick_was_taken_meanwhile() -> None:
    sink = SmtpSink()
    with socket.socket() as squatter:
        squatter.bind((sink.host, sink.port))  # another process binds the picked port before aiosmtpd does
        squatter.listen()
        taken = sink.port
        sink.start()
        try:
            assert sink.port != taken
            with socket.create_connection((sink.host, sink.port), timeout=5) as conn:
                assert conn.recv(100).startswith(b"220 ")
        finally:
            sink.stop()


def test_static_server_holds_its_port_before_serving(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "index.html").write_text("hello", encoding="utf-8")
    server = static_server(tmp_path)
    port = server.server_address[1]
    with socket.socket() as other:
        try:
            other.bind(("127.0.0.1", port))
            raise AssertionError("the port was free for someone else")
        except OSError:
            pass
    with serving(server) as url, urllib.request.urlopen(url, timeout=5) as answer:
        assert url.endswith(f":{port}/") and answer.read() == b"hello"


def test_every_spelling_of_ci(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for value in ("1", "true", "True", "TRUE", " yes"):
        monkeypatch.setenv("CI", value)
        assert in_ci(), value
    for value in ("", "0", "false", "no"):
        monkeypatch.setenv("CI", value)
        assert not in_ci(), value
    monkeypatch.delenv("CI")
    assert not in_ci()
