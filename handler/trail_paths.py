"""Every Copilot trail a ticket type can carry, from the tree's source, for the API description.

The tree is small and acyclic (the build refuses cycles), so its root-to-ticket paths are few and can be
listed: the OpenAPI document then names the exact trails the handler's trail check lets through.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from catalog.copilot import SEP, TREE_FILE, load_tree, successors


@cache
def _all(tree_file: Path) -> dict[str, tuple[str, ...]]:
    if not tree_file.is_file():
        return {}
    tree = load_tree(tree_file)
    found: dict[str, list[str]] = {}
    todo = [[tree["root"]]] if tree.get("root") in tree["nodes"] else []
    while todo and sum(map(len, found.values())) < 10_000:
        path = todo.pop()
        node = tree["nodes"][path[-1]]
        if node.get("kind") == "ticket":
            found.setdefault(str(node.get("type")), []).append(SEP.join(path))
        todo += [[*path, nxt] for nxt in successors(tree, path[-1]) if nxt not in path]
    return {kind: tuple(sorted(paths)) for kind, paths in found.items()}


def trails(ticket_type: str, tree_file: str | Path | None = None) -> tuple[str, ...]:
    """The trails from the root to a ticket node of ``ticket_type`` (none without the tree's source)."""
    return _all(Path(tree_file or TREE_FILE)).get(ticket_type, ())
