"""Shared by the Copilot benchmarks: a strict build of the repository, served on loopback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from helpcenter.testing import CHROMIUM_ARGS, serve_static

__all__ = ["CHROMIUM_ARGS", "build_site", "serve"]

serve = serve_static


def build_site() -> Path:
    """`mkdocs build --strict` of the repository into a fresh temp dir."""
    from helpcenter.testing import build_site as build

    target = Path(tempfile.mkdtemp(prefix="copilot-bench-")) / "site"
    build(target).check_returncode()
    return target
