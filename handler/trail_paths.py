"""Every Copilot trail a ticket type can carry, from the tree's source, for the API description.

The tree is small and acyclic, so its root-to-ticket paths are few: the OpenAPI document then names the
exact trails the handler's trail check lets through.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from catalog.copilot import TREE_FILE, load_tree, ticket_trails


@cache
def _all(tree_file: Path) -> dict[str, tuple[str, ...]]:
    return ticket_trails(load_tree(tree_file)) if tree_file.is_file() else {}


def trails(ticket_type: str, tree_file: str | Path | None = None) -> tuple[str, ...]:
    """The trails from the root to a ticket node of ``ticket_type`` (none without the tree's source)."""
    return _all(Path(tree_file or TREE_FILE)).get(ticket_type, ())
