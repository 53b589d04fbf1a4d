"""The Copilot decision tree as authors write it: loading, the graph helpers and the trail check that the
site build and the handler share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

SEP = ">"  # trail format: node ids joined by ">", from the root to where the user is
KINDS = ("message", "choice", "articles", "ask-resolved", "ticket")
NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")  # no SEP, safe in a URL fragment and in an email

Tree = dict[str, Any]


class TreeError(ValueError):
    """The tree file cannot be read at all (not YAML, or not shaped like a tree)."""


def load_tree(path: str | Path) -> Tree:
    """Read ``tree.yml``; raise TreeError (with the file name) when it is not a mapping with ``nodes``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TreeError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), dict):
        raise TreeError(f"{path}: expected a mapping with `root`, `ui` and `nodes`")
    data.setdefault("ui", {})
    return data


def edges(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(where, target) for every reference a node makes to another node, in display order."""
    kind = node.get("kind")
    if kind == "choice":
        for i, option in enumerate(node.get("options") or []):
            if isinstance(option, dict) and "next" in option:
                yield f"options[{i}].next", option["next"]
    elif kind == "ask-resolved":
        for key in ("yes", "no"):
            if key in node:
                yield key, node[key]
    elif kind in ("message", "articles") and "next" in node:
        yield "next", node["next"]


def successors(tree: Tree, node_id: str) -> list[str]:
    """Ids of the nodes one step after ``node_id`` that exist."""
    node = tree["nodes"].get(node_id)
    if not isinstance(node, dict):
        return []
    return [t for _, t in edges(node) if isinstance(t, str) and t in tree["nodes"]]


def is_terminal(node: dict[str, Any]) -> bool:
    """A node where a walk may end: a ticket hand-off or a message that marks the question resolved."""
    return node.get("kind") == "ticket" or (node.get("kind") == "message" and node.get("end") == "resolved")


def reachable_from(tree: Tree, start: Any) -> list[str]:
    """Node ids reachable from `start`, `start` first (empty when it is not a node)."""
    if start not in tree["nodes"]:
        return []
    seen, order, todo = {start}, [start], [start]
    while todo:
        for nxt in successors(tree, todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                todo.append(nxt)
    return order


def reachable(tree: Tree) -> set[str]:
    """Node ids reachable from the root (empty when the root is missing)."""
    return set(reachable_from(tree, tree.get("root")))


# The trail: node ids from the root to the ticket, joined by SEP. It comes from the browser, so the handler
# checks it against the tree instead of trusting it: a ticket that claims to come from Copilot really went
# through it.
MAX_TRAIL = 2000  # characters, as the form's field allows
TREE_FILE = Path(__file__).resolve().parent.parent / "copilot" / "tree.yml"  # the tree authors edit


def is_valid_trail(tree: Tree, trail: str, ticket_type: str | None = None) -> bool:
    """True when ``trail`` starts at the root, follows the tree's edges and ends at a ticket node
    (of ``ticket_type`` when given: a technical trail on a financial form is refused)."""
    if not isinstance(trail, str) or not trail or len(trail) > MAX_TRAIL:
        return False
    ids = trail.split(SEP)
    if ids[0] != tree.get("root") or any(i not in tree["nodes"] for i in ids):
        return False
    if any(b not in successors(tree, a) for a, b in zip(ids, ids[1:], strict=False)):
        return False
    last = tree["nodes"][ids[-1]]
    return (
        isinstance(last, dict)
        and last.get("kind") == "ticket"
        and (ticket_type is None or last.get("type") == ticket_type)
    )


def trail_checker(tree_file: str | Path = TREE_FILE) -> Callable[..., bool]:
    """``check(trail, ticket_type=None) -> bool`` against the tree source, for the handler.

    An empty trail means "not sent through Copilot" and passes. The file is read at once (a missing or
    broken tree fails at startup, not on a customer's ticket) and again only when it changed; mid-edit,
    the last good tree stays in use.
    """
    path = Path(tree_file)
    loaded: dict[str, Any] = {"mtime": path.stat().st_mtime_ns, "tree": load_tree(path)}

    def tree() -> Tree:
        try:
            mtime = path.stat().st_mtime_ns
            if mtime != loaded["mtime"]:
                loaded["tree"], loaded["mtime"] = load_tree(path), mtime
        except (OSError, TreeError):
            pass
        return loaded["tree"]

    def check(trail: str, ticket_type: str | None = None) -> bool:
        return trail in (None, "") or is_valid_trail(tree(), trail, ticket_type)

    return check


def ticket_trails(tree: Tree, limit: int = 10_000) -> dict[str, tuple[str, ...]]:
    """Every trail from the root to a ticket node, per ticket type (the build refuses cycles; ``limit``
    bounds the walk on a tree that was not validated)."""
    found: dict[str, list[str]] = {}
    todo = [[tree["root"]]] if tree.get("root") in tree["nodes"] else []
    while todo and sum(map(len, found.values())) < limit:
        path = todo.pop()
        node = tree["nodes"][path[-1]]
        if isinstance(node, dict) and node.get("kind") == "ticket":
            found.setdefault(str(node.get("type")), []).append(SEP.join(path))
        todo += [[*path, nxt] for nxt in successors(tree, path[-1]) if nxt not in path]
    return {kind: tuple(sorted(paths)) for kind, paths in found.items()}
