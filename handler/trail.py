"""The pluggable Copilot trail check (issue 6 provides the real one in ``helpcenter/copilot/``).

``COPILOT_TRAIL_VALIDATOR`` may be a callable ``(trail: str) -> bool`` (it also gets ``ticket_type=`` if
it has such a parameter) or an import path ``"package.module:function"``. Unset, and ``COPILOT_SITE_DIR``
names a built site, the compiled tree there is used (``helpcenter.copilot.trail_validator_for_site``).
Neither set: a trail is only checked for format and length.
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
    validator = load(app.config.get("COPILOT_TRAIL_VALIDATOR"))
    if validator is None and app.config.get("COPILOT_SITE_DIR"):
        from helpcenter.copilot import trail_validator_for_site

        validator = trail_validator_for_site(app.config["COPILOT_SITE_DIR"])
    app.extensions["helpcenter_trail"] = validator


def trail_validator() -> Validator | None:
    """The current app's validator."""
    return current_app.extensions.get("helpcenter_trail")
