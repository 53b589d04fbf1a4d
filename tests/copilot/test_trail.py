"""The trail format and its checks, on the compiled tree the site ships and the handler reads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from copilot_helpers import HANDOFFS, LANGS, repo_site, repo_tree

from helpcenter.copilot import compile_tree, is_valid_trail, trail_validator_for_site

TREE = compile_tree(repo_tree(), "en", repo_site())
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
    for lang in LANGS:
        compiled = compile_tree(repo_tree(), lang, repo_site())
        shapes.append(
            {
                k: {x: y for x, y in n.items() if x in ("k", "n", "y", "no", "ty", "f")}
                for k, n in compiled["nodes"].items()
            }
        )
    assert shapes[0] == shapes[1] == shapes[2]


def test_validator_for_the_built_site(built_site: Path) -> None:
    check = trail_validator_for_site(built_site)
    assert check("")  # no trail: the ticket did not come through Copilot
    assert check(GOOD[0]) and check(GOOD[0], ticket_type="financial")
    assert not check("start>ticket-bug")
    assert not check(GOOD[0], ticket_type="technical")
    compiled = json.loads((built_site / "assets" / "copilot" / "en.json").read_text(encoding="utf-8"))
    assert compiled["root"] == "start" and compiled["sep"] == ">"


def test_validator_needs_a_built_site(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build the site first"):
        trail_validator_for_site(tmp_path)


def test_validator_follows_a_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "assets" / "copilot"
    folder.mkdir(parents=True)
    compiled = compile_tree(repo_tree(), "es", repo_site())
    (folder / "es.json").write_text(json.dumps(compiled), encoding="utf-8")
    check = trail_validator_for_site(tmp_path)
    assert check(GOOD[0])
    compiled["nodes"]["q-billing-ok"]["no"] = "ticket-question"  # a new build: that path is gone
    (folder / "es.json").write_text(json.dumps(compiled), encoding="utf-8")
    os.utime(folder / "es.json", ns=(1, 1))
    assert not check(GOOD[0])
