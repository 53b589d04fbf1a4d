"""The Copilot trail check: by default against the tree source ``copilot/tree.yml``; configurable.

``COPILOT_TRAIL_VALIDATOR`` may be a callable ``(trail: str) -> bool`` (it also gets ``ticket_type=`` if
it has such a parameter) or an import path ``"package.module:function"``. Unset, trails are checked
against ``COPILOT_TREE_FILE`` (default: the repository's tree), for a deployment that runs the handler
away from the repository with a copy of the tree.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from flask import Flask, current_app

from catalog.copilot import TREE_FILE, trail_checker

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


def init_app(app: Flask) -> None:
    """Resolve once at startup, so a wrong setting or a missing tree fails at boot, not on a ticket."""
    validator = load(app.config.get("COPILOT_TRAIL_VALIDATOR"))
    if validator is None:
        tree_file = app.config.get("COPILOT_TREE_FILE") or TREE_FILE
        try:
            validator = trail_checker(tree_file)
        except (OSError, ValueError) as exc:
            raise RuntimeError(
                f"Copilot tree {tree_file} cannot be read ({exc}); set COPILOT_TREE_FILE to a copy of "
                "copilot/tree.yml or COPILOT_TRAIL_VALIDATOR"
            ) from exc
    app.extensions["helpcenter_trail"] = validator


def trail_validator() -> Validator | None:
    """The current app's validator."""
    return current_app.extensions.get("helpcenter_trail")
