"""Every validation rule of the Copilot tree, each on a tree broken in exactly one way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from copilot_helpers import build, repo_site, repo_tree, variant_project

from helpcenter.copilot import validate

Mutation = Callable[[dict, object], None]


def _set(path: str, value) -> Mutation:
    """Set ``nodes.<a>.<b>...`` (list indexes allowed) to ``value``; ``...`` deletes the key."""

    def mutate(tree: dict, _site) -> None:
        *parents, last = path.split(".")
        target = tree
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is ...:
            del target[last]
        else:
            target[last] = value

    return mutate


def _orphan(tree: dict, _site) -> None:
    texts = {"es": "x", "en": "x", "pt": "x"}
    tree["nodes"]["orphan"] = {"kind": "message", "title": texts, "text": texts, "end": "resolved"}


def _no_pt_translation(tree: dict, site) -> None:
    site.articles.by_id["1ki2vMaF3g2xWKjlU1vLZ9"].pop("pt")


def _no_form_page(tree: dict, site) -> None:
    site.support = {**site.support, "pt": "pt/no-support/"}


CASES = {
    "unknown reference": (_set("nodes.q-ok.no", "nowhere"), "q-ok", "unknown-ref", "nowhere"),
    "unknown option target": (_set("nodes.start.options.0.next", "gone"), "start", "unknown-ref", "gone"),
    "unreachable node": (_orphan, "orphan", "unreachable", "root"),
    "message without next": (_set("nodes.bug-critical.next", ...), "bug-critical", "dead-end", "message"),
    "choice without options": (_set("nodes.q-topic.options", []), "q-topic", "dead-end", "choice"),
    "ask-resolved without yes": (_set("nodes.q-ok.yes", ...), "q-ok", "dead-end", "yes"),
    "cycle": (_set("nodes.bug-critical.next", "bug-env"), "bug-impact", "cycle", "bug-env"),
    "unknown article": (
        _set("nodes.q-support.articles", ["no-such-id"]),
        "q-support",
        "article",
        "no-such-id",
    ),
    "article missing in one language": (_no_pt_translation, "q-support", "article", "'pt'"),
    "ticket form page missing": (_no_form_page, "ticket-bug", "article", "pt/no-support/technical/"),
    "unknown field": (_set("nodes.ticket-bug.fields", {"colour": "red"}), "ticket-bug", "field", "colour"),
    "unknown value": (_set("nodes.ticket-bug.fields", {"impact": "huge"}), "ticket-bug", "field", "huge"),
    "honeypot field": (_set("nodes.ticket-bug.fields", {"website": "x"}), "ticket-bug", "field", "website"),
    "trail field": (
        _set("nodes.ticket-bug.fields", {"copilot_trail": "x"}),
        "ticket-bug",
        "field",
        "copilot",
    ),
    "field of another form": (
        _set("nodes.ticket-billing.fields", {"impact": "critical"}),
        "ticket-billing",
        "field",
        "impact",
    ),
    "bad value set by a choice": (
        _set("nodes.bug-env.options.0.sets", {"environment": "staging"}),
        "bug-env",
        "field",
        "staging",
    ),
    "unknown ticket type": (_set("nodes.ticket-bug.type", "legal"), "ticket-bug", "field", "legal"),
    "missing node text": (
        _set("nodes.start.text", {"es": "Hola", "en": "Hi"}),
        "start",
        "translation",
        "'pt'",
    ),
    "empty option label": (_set("nodes.start.options.1.label.en", " "), "start", "translation", "options[1]"),
    "missing ui text": (_set("ui.close", {"en": "Close", "pt": "Fechar"}), "", "translation", "'es'"),
    "unknown kind": (_set("nodes.resolved.kind", "banner"), "resolved", "schema", "banner"),
    "bad node id": (
        lambda t, s: (
            t["nodes"].__setitem__("Bad_Id", t["nodes"].pop("resolved"))
            or [n.update(yes="Bad_Id") for n in t["nodes"].values() if n.get("yes") == "resolved"]
        ),
        "Bad_Id",
        "schema",
        "lowercase",
    ),
    "unknown root": (_set("root", "begin"), "begin", "schema", "root"),
}


def test_the_repository_tree_is_valid() -> None:
    assert [str(p) for p in validate(repo_tree(), repo_site())] == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_rule_names_the_node(case: str) -> None:
    mutate, node, rule, words = CASES[case]
    tree, site = repo_tree(), repo_site()
    mutate(tree, site)
    problems = validate(tree, site)
    hits = [p for p in problems if p.node == node and p.rule == rule]
    assert hits, f"expected a {rule} problem at {node!r}, got {[str(p) for p in problems]}"
    assert any(words in str(p) for p in hits), [str(p) for p in hits]


def test_strict_build_fails_on_a_broken_tree_and_names_the_nodes(tmp_path) -> None:
    tree = repo_tree()
    tree["nodes"]["q-ok"]["no"] = "nowhere"
    tree["nodes"]["ticket-bug"]["fields"] = {"impact": "huge"}
    config = variant_project(tmp_path / "project", tree_text=yaml.safe_dump(tree, allow_unicode=True))
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "node 'q-ok': no points to unknown node 'nowhere'" in result.stderr
    assert "node 'ticket-bug'" in result.stderr and "huge" in result.stderr
