"""What the tests and benches of both halves (site build and handler) need from the machine: whether
this is CI, and free loopback ports. Neither ``helpcenter`` nor ``handler``, so neither imports the other."""

from __future__ import annotations

import os
import socket

CI_VALUES = ("1", "true", "yes")


def in_ci() -> bool:
    """Whether the tests run under CI (``CI=1``, ``CI=true``, ``CI=True``...): a missing tool then fails."""
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


def free_port() -> int:
    """A loopback port that nothing listens on now. Racy (another process may take it before the caller
    binds it): prefer binding port 0 and reading the port back, as ``helpcenter.testing.static_server``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
