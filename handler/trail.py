"""The pluggable Copilot trail check (issue 6 provides the real one in ``helpcenter/copilot/``).

``COPILOT_TRAIL_VALIDATOR`` may be a callable ``(trail: str) -> bool`` or an import path
``"package.module:function"``. Unset, a trail is only checked for format and length.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from flask import current_app

Validator = Callable[[str], bool]


def load(spec: object) -> Validator | None:
    """Resolve the configured validator (callable, ``"module:attr"`` string or None)."""
    if spec is None or spec == "":
        return None
    if callable(spec):
        return spec  # type: ignore[return-value]
    if isinstance(spec, str) and ":" in spec:
        module, _, attr = spec.partition(":")
        found = getattr(importlib.import_module(module), attr)
        if callable(found):
            return found
    raise ValueError(f"COPILOT_TRAIL_VALIDATOR must be a callable or 'module:function', got {spec!r}")


def init_app(app) -> None:  # type: ignore[no-untyped-def]
    """Resolve once at startup, so a wrong setting fails at boot rather than on a customer's ticket."""
    app.extensions["helpcenter_trail"] = load(app.config.get("COPILOT_TRAIL_VALIDATOR"))


def trail_validator() -> Validator | None:
    """The current app's validator."""
    return current_app.extensions.get("helpcenter_trail")
