"""What the build puts into the site: the compiled trees, their links, the header button on every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from copilot_helpers import ASK, ROOT, SCENARIOS, SUPPORT

from catalog.copilot import load_tree
from catalog.languages import LANGUAGES

MATERIAL_SEARCH = Path(material.__file__).parent / "templates" / "partials" / "search.html"
SITE_MODULE = re.compile(
    r'<script type="module">const \w+=new URL\("[./]*assets/javascripts/site\.[0-9a-f]{10}\.js"'
)
SCRIPT_TEXT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
MATERIAL_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_tree_per_language_links_to_built_pages(built_site: Path, lang: str) -> None:
    path = built_site / "assets" / "copilot" / f"{lang}.json"
    text = path.read_text(encoding="utf-8")
    tree = json.loads(text)
    assert text == json.dumps(tree, ensure_ascii=False, separators=(",", ":"))  # compact
    assert tree["lang"] == lang and tree["root"] in tree["nodes"]
    assert (built_site / tree["search"]).is_file()
    for node_id, node in tree["nodes"].items():
        assert node["h"] and node["t"], node_id
        for _title, url in node.get("a", []):
            assert (built_site / url / "index.html").is_file(), f"{node_id}: {url}"
        if node["k"] == "ticket":
            assert node["u"] == f"{SUPPORT[lang]}{node['ty']}/"
            assert (built_site / node["u"] / "index.html").is_file()
    assert set(tree["ui"]) >= {"button", "open", "title", "close", "back", "restart", "yes", "no", "talk"}
    assert set(tree["ui"]) >= {"intro_title", "intro", "ask", "language", "language_text", "this_page"}
    assert [code for code, _name in tree["langs"]] == list(LANGUAGES)  # the language step's choices


def test_every_page_has_one_button_in_its_header(built_site: Path) -> None:
    pages = [
        p for p in sorted(built_site.rglob("*.html")) if "<!-- hc-redirect -->" not in p.read_text("utf-8")
    ]
    assert len(pages) > 20
    for page in pages:  # every themed page (legacy-URL redirect stubs have no theme)
        html = page.read_text(encoding="utf-8")
        header = re.search(r"<header.*?</header>", html, re.S)
        assert header and header.group(0).count("data-copilot-button") == 1, page
        assert SCRIPT_TEXT.sub("", html).count("data-copilot-button") == 1, page
        # the button's module on every page (it loads the panel's code on first use), inline after
        # Material's bundle; the button's style inline in the head, no stylesheet of ours
        assert len(SITE_MODULE.findall(html)) == 1, page
        assert MATERIAL_BUNDLE.search(html).end() < SITE_MODULE.search(html).start(), page
        assert '<script type="module" src' not in html, page
        head = html[: html.index("</head>")]
        assert re.search(r'<style data-hc-style="site">[^<]*\.hc-copilot-button[^<]*</style>', head), page
        assert not re.search(r'rel="stylesheet" href="[^"]*/stylesheets/(?!main\.|palette\.)', html), page


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("index.html", "Abrir Copilot"),
        ("en/index.html", "Open Copilot"),
        ("pt/suporte/index.html", "Abrir o Copilot"),
    ],
)
def test_button_label_is_in_the_page_language(built_site: Path, path: str, label: str) -> None:
    html = (built_site / path).read_text(encoding="utf-8")
    assert re.search(rf'data-copilot-button title="{label}[^"]*" aria-label="{label}', html)


def test_search_partial_is_materials_own_plus_the_button() -> None:
    """We override partials/search.html only to append the button: a Material upgrade that changes the
    original makes this fail, so the copy is refreshed instead of silently drifting."""
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = MATERIAL_SEARCH.read_text(encoding="utf-8")
    assert ours.startswith(theirs)
    assert ours[len(theirs) :].strip().endswith('{% include "partials/copilot-button.html" %}')


ARTICLES = {  # the Support track's articles that describe Copilot's steps: (using Copilot, opening a ticket)
    "es": (
        "tracks/primeros-pasos/soporte-en-acme/como-usar-copilot.md",
        "tracks/primeros-pasos/soporte-en-acme/abrir-un-ticket.md",
    ),
    "en": (
        "tracks/getting-started/support-at-acme/using-copilot.md",
        "tracks/getting-started/support-at-acme/opening-a-ticket.md",
    ),
    "pt": (
        "tracks/primeiros-passos/suporte-na-acme/como-usar-o-copilot.md",
        "tracks/primeiros-passos/suporte-na-acme/abrir-um-ticket.md",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_support_articles_use_the_panels_own_words(lang: str) -> None:
    """The articles quote the panel: its first button, the scenarios, the closing question and buttons."""
    tree = load_tree(ROOT / "copilot" / "tree.yml")
    ui = {key: text[lang] for key, text in tree["ui"].items()}
    nodes = tree["nodes"]
    scenarios = [o["label"][lang] for o in nodes[tree["root"]]["options"]]
    assert scenarios == SCENARIOS[lang] and ui["ask"] == ASK[lang]
    solved = {n["text"][lang] for n in nodes.values() if n["kind"] == "ask-resolved"}
    assert len(solved) == 1, "every path ends with the same question, as the article says"
    using, opening = ((ROOT / "docs" / lang / path).read_text(encoding="utf-8") for path in ARTICLES[lang])
    for text in (using, opening):
        assert f"`{ui['ask']}`" in text and f"`{ui['talk']}`" in text
        assert all(label in text for label in scenarios)
    assert f"`{solved.pop()}`" in using and f"`{ui['this_page']}`" in using
    assert all(f"**{ui[key]}**" in using for key in ("yes", "no", "back", "restart"))
