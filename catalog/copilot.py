"""The decision tree as authors write it: loading and the graph helpers every other module shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

LANGS = ("es", "en", "pt")
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
