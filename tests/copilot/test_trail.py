"""The trail format and its checks, on the tree source that the handler reads by default."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from copilot_helpers import HANDOFFS, repo_site, repo_tree

from catalog.copilot import TREE_FILE, is_valid_trail, trail_checker
from catalog.languages import LANGUAGES
from helpcenter.copilot import compile_tree

TREE = repo_tree()
GOOD = [t for _clicks, t, _type, _fields in HANDOFFS.values()] + [
    "start>q-topic>q-support>q-ok>ticket-question",
    "start>bug-env>bug-impact>bug-articles>bug-ok>ticket-bug",
    "start>cfg-need>cfg-setup>cfg-setup-ok>ticket-setup",
]
BAD = [
    "",  # nothing
    "ticket-bug",  # not from the root
    "start>ticket-bug",  # skips steps
    "start>bug-env>bug-impact>bug-critical",  # does not end at a ticket
    "start>q-topic>q-support>q-ok>resolved",  # ends at a resolution, not a hand-off
    "start>bug-env>bug-impact>bug-critical>ticket-bug>start",  # goes on after the ticket
    "start>bug-env>nowhere>ticket-bug",  # unknown node
    "start > bug-env > bug-impact > bug-critical > ticket-bug",  # other separator spacing
    "start>bug-env>bug-impact>bug-critical>ticket-bug\r\nBcc: x@example.com",  # header injection attempt
    "start>" * 500 + "ticket-bug",  # too long
]


@pytest.mark.parametrize("trail", GOOD)
def test_real_paths_to_a_ticket_are_valid(trail: str) -> None:
    assert is_valid_trail(TREE, trail)


@pytest.mark.parametrize("trail", BAD)
def test_anything_else_is_refused(trail: str) -> None:
    assert not is_valid_trail(TREE, trail)


def test_ticket_type_must_match_when_given() -> None:
    trail = HANDOFFS["unexpected"][1]
    assert is_valid_trail(TREE, trail, "technical")
    assert not is_valid_trail(TREE, trail, "financial")


def test_every_language_has_the_same_structure() -> None:
    shapes = []
    for lang in LANGUAGES:
        compiled = compile_tree(repo_tree(), lang, repo_site())
        shapes.append(
            {
                k: {x: y for x, y in n.items() if x in ("k", "n", "y", "no", "ty", "f")}
                for k, n in compiled["nodes"].items()
            }
        )
    assert shapes[0] == shapes[1] == shapes[2]


def test_checker_for_the_repository_tree() -> None:
    check = trail_checker(TREE_FILE)
    assert check("")  # no trail: the ticket did not come through Copilot
    assert check(GOOD[0]) and check(GOOD[0], ticket_type="financial")
    assert not check("start>ticket-bug")
    assert not check(GOOD[0], ticket_type="technical")


def test_checker_needs_a_tree(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        trail_checker(tmp_path / "tree.yml")


def test_checker_follows_an_edit(tmp_path: Path) -> None:
    copy = tmp_path / "tree.yml"
    copy.write_text(TREE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    check = trail_checker(copy)
    assert check(GOOD[0])
    tree = yaml.safe_load(copy.read_text(encoding="utf-8"))
    tree["nodes"]["q-billing-ok"]["no"] = "ticket-question"  # an edit: that path is gone
    copy.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    os.utime(copy, ns=(1, 1))
    assert not check(GOOD[0])
