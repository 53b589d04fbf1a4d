"""Shared helpers of the Copilot tests: the repo's tree, the site it is checked against, scripted walks."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

from catalog.copilot import load_tree
from helpcenter.copilot.build import site_info
from helpcenter.testing import build_site

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "copilot" / "tree.yml"
SUPPORT = {"es": "soporte/", "en": "en/support/", "pt": "pt/suporte/"}
HOME = {"es": "", "en": "en/", "pt": "pt/"}

# What users see before the tree: the first screen's button, the language
# step's names, and the scenario step's three choices (the tree's root), in each language.
ASK = {"es": "Hacer una pregunta", "en": "Ask a question", "pt": "Fazer uma pergunta"}
NAMES = {"es": "Español", "en": "English", "pt": "Português"}
SCENARIOS = {
    "es": ["Tengo una pregunta", "Veo un comportamiento inesperado", "Necesito que Acme configure algo"],
    "en": ["I have a question", "I see unexpected behaviour", "I need Acme to configure something"],
    "pt": ["Tenho uma pergunta", "Vejo um comportamento inesperado", "Preciso que a Acme configure algo"],
}

# Walks of the three scenarios: each click is an option index, "next", "yes" or "no".
ANSWERS = {
    "question": ([0, 0, "next", "yes"], "start>q-topic>q-support>q-ok>resolved"),
    "unexpected": ([1, 1, 1, "next", "yes"], "start>bug-env>bug-impact>bug-articles>bug-ok>resolved"),
    "vendor": ([2, 4, "next", "yes"], "start>cfg-need>cfg-setup>cfg-setup-ok>resolved"),
}
HANDOFFS = {
    "question": (
        [0, 1, "next", "no"],
        "start>q-topic>q-billing>q-billing-ok>ticket-billing",
        "financial",
        {"subject": "amounts_billing"},
    ),
    "unexpected": (
        [1, 0, 0, "next"],
        "start>bug-env>bug-impact>bug-critical>ticket-bug",
        "technical",
        {"problem_type": "problem", "environment": "production", "impact": "critical"},
    ),
    "vendor": (
        [2, 0, "next"],
        "start>cfg-need>cfg-info>ticket-commercial",
        "commercial",
        {"need": "trade_policy"},
    ),
}


def repo_tree() -> dict:
    """A fresh deep copy of the repository's tree, safe to break in a test."""
    return copy.deepcopy(load_tree(TREE))


def repo_site():
    return site_info(ROOT / "docs")


def click(page, action) -> None:
    """One step of a walk, by keyboard-free clicks on the panel's own buttons."""
    step = page.locator("#hc-copilot .hc-copilot__step")
    if isinstance(action, int):
        step.locator(f"[data-act=pick][data-i='{action}']").click()
    elif action in ("yes", "no"):
        step.locator(f"[data-answer={action}]").click()
    else:
        step.locator("[data-act=next]").click()


def trail(page) -> str:
    return page.evaluate("window.copilot.state().trail.join('>')")


def open_panel(page) -> None:
    page.locator("button[data-copilot-button]").click()
    page.locator("#hc-copilot .hc-copilot__step h3").wait_for()


def stage(page) -> str:
    """Where the panel is: "ask" (first screen), "lang" (language step) or "tree" (the tree's nodes)."""
    return page.evaluate("window.copilot.state().stage")


def ask(page, lang: str | None = None) -> None:
    """The steps before the tree: `Ask a question`, then a language (the default one when not given)."""
    panel = page.locator("#hc-copilot .hc-copilot__step")
    panel.locator("[data-act=ask]").click()
    choice = f"[data-lang={lang}]" if lang else "[data-default]"
    panel.locator(f"[data-act=lang]{choice}").click()
    page.wait_for_function("window.copilot.state().stage === 'tree'")


def open_at_scenarios(page, lang: str | None = None) -> None:
    """Open the panel and go through its first two steps, to the scenario step (the tree's root)."""
    open_panel(page)
    ask(page, lang)


def variant_project(tmp: Path, config_text: str | None = None, tree_text: str | None = None) -> Path:
    """A copy of the project's build inputs in ``tmp`` (docs, overrides, hooks linked), with changes."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "hooks"):
        (tmp / name).symlink_to(ROOT / name)
    (tmp / "copilot").mkdir()
    if tree_text is None:
        shutil.copy(TREE, tmp / "copilot" / "tree.yml")
    else:
        (tmp / "copilot" / "tree.yml").write_text(tree_text, encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") if config_text is None else config_text
    (tmp / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp / "mkdocs.yml"


def build(config: Path, target: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a variant project, as an author would run it."""
    return build_site(target, config, site_url=site_url)
