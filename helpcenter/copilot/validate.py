"""Build-time checks of the decision tree: each problem names its node, so a strict build can fail on it.

Rules (``Problem.rule``): ``schema``, ``unknown-ref``, ``unreachable``, ``dead-end``, ``cycle``,
``article``, ``field``, ``translation``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from catalog.copilot import (
    KINDS,
    NODE_ID,
    Tree,
    edges,
    is_terminal,
    reachable,
    reachable_from,
    successors,
)
from catalog.languages import LANGUAGES
from helpcenter.articles import ArticleIndex

PREFILLABLE = {"text", "email", "textarea", "select", "radio"}  # hidden/file/honeypot are not the tree's
Schema = Callable[[str, str], list[dict]]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the tree, at one node (``node`` is "" for the tree-wide `ui` texts)."""

    node: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"node '{self.node}'" if self.node else "ui"
        return f"Copilot tree: {where}: {self.message} [{self.rule}]"


@dataclass
class SiteInfo:
    """What the tree links to: published pages, each language's Support section, the ticket forms."""

    articles: ArticleIndex
    support: Mapping[str, str]  # lang -> site-root-relative URL of its Support section, e.g. "en/support/"
    schema: Schema | None = None  # handler.forms.form_schema (the one definition)
    ticket_types: Collection[str] = field(default_factory=tuple)
    page_urls: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.page_urls = {a.url for a in self.articles.articles if a.published}


def validate(tree: Tree, site: SiteInfo) -> list[Problem]:
    """Every problem of ``tree`` against ``site``, in a stable order (node by node, then tree-wide)."""
    nodes = tree["nodes"]
    out: list[Problem] = []
    root = tree.get("root")
    if root not in nodes:
        out.append(Problem(str(root or ""), "schema", f"root '{root}' is not a node"))
    out += _texts("", tree.get("ui") or {}, "ui")
    seen = reachable(tree)
    for node_id, node in nodes.items():
        if not isinstance(node, dict):
            out.append(Problem(str(node_id), "schema", "a node must be a mapping"))
            continue
        out += _node(str(node_id), node, tree, site)
        if root in nodes and node_id not in seen:
            out.append(Problem(node_id, "unreachable", f"no path leads here from the root '{root}'"))
    out += _cycles(tree)
    out += _prefills(tree, site)
    return out


def _node(node_id: str, node: dict[str, Any], tree: Tree, site: SiteInfo) -> list[Problem]:
    out: list[Problem] = []
    if not NODE_ID.match(node_id):
        out.append(Problem(node_id, "schema", "ids are lowercase letters, digits and '-'"))
    kind = node.get("kind")
    if kind not in KINDS:
        return [*out, Problem(node_id, "schema", f"unknown kind '{kind}' (one of {', '.join(KINDS)})")]
    for key in ("title", "text"):
        out += _texts(node_id, {key: node.get(key)}, "")
    if kind == "choice":
        options = node.get("options")
        if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
            out.append(Problem(node_id, "schema", "`options` must be a list of mappings"))
        else:
            for i, option in enumerate(options):
                out += _texts(node_id, {f"options[{i}].label": option.get("label")}, "")
    for where, target in edges(node):
        if not isinstance(target, str) or target not in tree["nodes"]:
            out.append(Problem(node_id, "unknown-ref", f"{where} points to unknown node '{target}'"))
    if not is_terminal(node) and not successors(tree, node_id):
        out.append(Problem(node_id, "dead-end", f"a {kind} node that leads nowhere (and is no ending)"))
    elif kind == "ask-resolved" and not all(k in node for k in ("yes", "no")):
        out.append(Problem(node_id, "dead-end", "ask-resolved needs both `yes` and `no`"))
    if kind == "articles":
        out += _articles(node_id, node, site)
    if kind == "ticket":
        out += _ticket_page(node_id, node, site)
    return out


def _texts(node_id: str, texts: Mapping[str, Any], prefix: str) -> list[Problem]:
    """Every text must be a mapping with a non-empty string per language."""
    out = []
    for key, value in texts.items():
        name = f"{prefix}.{key}" if prefix else key
        for lang in LANGUAGES:
            text = value.get(lang) if isinstance(value, dict) else None
            if not isinstance(text, str) or not text.strip():
                out.append(Problem(node_id, "translation", f"{name} has no '{lang}' text"))
    return out


def _articles(node_id: str, node: dict[str, Any], site: SiteInfo) -> list[Problem]:
    refs = node.get("articles")
    if not isinstance(refs, list) or not refs:
        return [Problem(node_id, "schema", "`articles` must be a non-empty list of article ids")]
    out = []
    for ref in refs:
        for lang in LANGUAGES:
            if site.articles.translation(str(ref), lang) is None:
                out.append(Problem(node_id, "article", f"article '{ref}' has no published page in '{lang}'"))
    return out


def _ticket_page(node_id: str, node: dict[str, Any], site: SiteInfo) -> list[Problem]:
    kind = node.get("type")
    if site.ticket_types and kind not in site.ticket_types:
        return [Problem(node_id, "field", f"unknown ticket type '{kind}'")]
    out = []
    for lang in LANGUAGES:
        url = f"{site.support.get(lang, '')}{kind}/"
        if url not in site.page_urls:
            out.append(Problem(node_id, "article", f"the {lang} ticket form page /{url} does not exist"))
    return out


def _cycles(tree: Tree) -> list[Problem]:
    """Each node that lies on a cycle, reported once with one cycle through it."""
    color: dict[str, int] = {}
    stack: list[str] = []
    found: dict[str, list[str]] = {}

    def visit(node_id: str) -> None:
        color[node_id] = 1
        stack.append(node_id)
        for nxt in successors(tree, node_id):
            if color.get(nxt) == 1:
                loop = stack[stack.index(nxt) :] + [nxt]
                for member in loop[:-1]:
                    found.setdefault(member, loop)
            elif nxt not in color:
                visit(nxt)
        stack.pop()
        color[node_id] = 2

    for node_id in tree["nodes"]:
        if node_id not in color:
            visit(node_id)
    return [Problem(n, "cycle", "on a cycle: " + " > ".join(found[n])) for n in tree["nodes"] if n in found]


def _prefills(tree: Tree, site: SiteInfo) -> list[Problem]:
    """Fields a ticket node prefills, and fields a choice sets, must exist in each ticket form reached."""
    if site.schema is None:
        return []
    out: list[Problem] = []
    nodes = tree["nodes"]
    for node_id, node in nodes.items():
        if not isinstance(node, dict):
            continue
        if node.get("kind") == "ticket":
            out += _check_fields(node_id, node.get("fields") or {}, [node], "fields", site)
        if node.get("kind") == "choice" and isinstance(node.get("options"), list):
            for i, option in enumerate(node["options"]):
                sets = option.get("sets") if isinstance(option, dict) else None
                if sets:
                    tickets = [
                        nodes[t] for t in reachable_from(tree, option.get("next")) if _is_ticket(nodes[t])
                    ]
                    out += _check_fields(node_id, sets, tickets, f"options[{i}].sets", site)
    return out


def _is_ticket(node: Any) -> bool:
    return isinstance(node, dict) and node.get("kind") == "ticket"


def _check_fields(
    node_id: str, fields: Any, tickets: list[dict], where: str, site: SiteInfo
) -> list[Problem]:
    if not isinstance(fields, dict):
        return [Problem(node_id, "schema", f"{where} must be a mapping of field: value")]
    out = []
    for ticket in tickets:
        kind = ticket.get("type")
        if kind not in site.ticket_types:
            continue
        schema = {f["name"]: f for f in site.schema(kind, "en")}
        for name, value in fields.items():
            spec = schema.get(name)
            if spec is None or spec["kind"] not in PREFILLABLE:
                out.append(
                    Problem(node_id, "field", f"{where}: the {kind} form has no field '{name}' to fill")
                )
            elif spec["choices"] is not None and str(value) not in [c[0] for c in spec["choices"]]:
                out.append(Problem(node_id, "field", f"{where}: '{value}' is not a value of {kind}.{name}"))
    return sorted(set(out), key=lambda p: p.message)
