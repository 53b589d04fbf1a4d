"""The Copilot trail: node ids from the root to the ticket, joined by ``>``; checked against the tree.

The handler refuses a trail that is not a real path of the compiled tree, so a ticket that claims to come
from Copilot really went through it (the trail is data from the browser, so it is checked, not trusted).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog.copilot import LANGS, SEP

MAX_TRAIL = 2000  # characters, as the form's field allows


def _steps(node: dict[str, Any]) -> list[str]:
    kind = node.get("k")
    if kind == "choice":
        return [o.get("n") for o in node.get("o", [])]
    if kind == "ask-resolved":
        return [node.get("y"), node.get("no")]
    return [node["n"]] if node.get("n") else []


def is_valid_trail(compiled_tree: dict[str, Any], trail: str, ticket_type: str | None = None) -> bool:
    """True when ``trail`` starts at the root, follows edges of the tree and ends at a ticket node.

    With ``ticket_type``, the ticket node must also be of that type (a technical trail on a financial form
    is refused).
    """
    if not isinstance(trail, str) or not trail or len(trail) > MAX_TRAIL:
        return False
    nodes = compiled_tree.get("nodes", {})
    ids = trail.split(compiled_tree.get("sep", SEP))
    if ids[0] != compiled_tree.get("root") or any(i not in nodes for i in ids):
        return False
    if any(b not in _steps(nodes[a]) for a, b in zip(ids, ids[1:], strict=False)):
        return False
    last = nodes[ids[-1]]
    return last.get("k") == "ticket" and (ticket_type is None or last.get("ty") == ticket_type)


def trail_validator_for_site(site_dir: str | Path) -> Callable[..., bool]:
    """A checker for the handler: ``check(trail, ticket_type=None) -> bool``, from the built site's tree.

    The tree's structure is the same in every language, so one file is read; it is read again only when a
    new build replaced it. An empty trail means "not sent through Copilot" and is accepted; anything else
    must be a real path from the root to a ticket node.
    """
    folder = Path(site_dir) / "assets" / "copilot"
    path = next((folder / f"{lang}.json" for lang in LANGS if (folder / f"{lang}.json").exists()), None)
    if path is None:
        raise FileNotFoundError(f"no compiled Copilot tree in {folder}: build the site first")
    loaded: dict[str, Any] = {"mtime": None, "tree": {}}

    def tree() -> dict[str, Any]:
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            return loaded["tree"]  # mid-rebuild: keep the last good tree
        if mtime != loaded["mtime"]:
            loaded["tree"], loaded["mtime"] = json.loads(path.read_text(encoding="utf-8")), mtime
        return loaded["tree"]

    def check(trail: str, ticket_type: str | None = None) -> bool:
        if trail is None or trail == "":
            return True
        return is_valid_trail(tree(), trail, ticket_type)

    tree()  # fail at startup, not on a customer's ticket, if the file is unreadable
    return check
