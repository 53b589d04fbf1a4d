"""Compile the tree into one compact JSON per language: what the browser module needs, nothing more.

Keys are short because every page that opens Copilot downloads one of these files:
``k`` kind, ``h`` heading (breadcrumb title), ``t`` text, ``o`` options (``l`` label, ``n`` next, ``s`` fields
set), ``a`` articles (``[title, url]``), ``n`` next, ``y``/``no`` answers, ``ty`` ticket type, ``f`` fields,
``u`` form URL, ``end`` a resolution. URLs are relative to the site root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from catalog.copilot import SEP, Tree
from catalog.languages import LANGUAGE_NAMES, LANGUAGES, locale_root
from helpcenter.copilot.validate import SiteInfo

FORMAT_VERSION = 1


def _t(value: Any, lang: str) -> str:
    return str(value.get(lang) or "") if isinstance(value, dict) else ""


def _node(node: dict[str, Any], lang: str, site: SiteInfo) -> dict[str, Any] | None:
    kind = node.get("kind")
    out: dict[str, Any] = {"k": kind, "h": _t(node.get("title"), lang), "t": _t(node.get("text"), lang)}
    if kind == "choice":
        out["o"] = []
        for option in node.get("options") or []:
            if isinstance(option, dict):
                item = {"l": _t(option.get("label"), lang), "n": option.get("next")}
                if option.get("sets"):
                    item["s"] = {str(k): str(v) for k, v in option["sets"].items()}
                out["o"].append(item)
    elif kind == "articles":
        out["a"] = []
        for ref in node.get("articles") or []:
            article = site.articles.translation(str(ref), lang)
            if article is not None:
                out["a"].append([str(article.meta.get("title") or ref), article.url])
        out["n"] = node.get("next")
    elif kind == "ask-resolved":
        out["y"], out["no"] = node.get("yes"), node.get("no")
    elif kind == "message":
        if node.get("end") == "resolved":
            out["end"] = 1
        else:
            out["n"] = node.get("next")
    elif kind == "ticket":
        out["ty"] = node.get("type")
        out["f"] = {str(k): str(v) for k, v in (node.get("fields") or {}).items()}
        out["u"] = f"{site.support.get(lang, '')}{node.get('type')}/"
    else:
        return None
    return out


def compile_tree(tree: Tree, lang: str, site: SiteInfo) -> dict[str, Any]:
    """The language-specific tree for the browser. Invalid parts are left out (validation reports them)."""
    nodes = {}
    for node_id, node in tree["nodes"].items():
        compiled = _node(node, lang, site) if isinstance(node, dict) else None
        if compiled is not None:
            nodes[str(node_id)] = compiled
    root = locale_root(lang)
    return {
        "v": FORMAT_VERSION,
        "lang": lang,
        "root": tree.get("root"),
        "sep": SEP,
        "base": root,
        "search": f"{root}search/search_index.json",
        # Pages never suggested for free text (relative to the language root): the after-sending page.
        "skip": [f"{site.support.get(lang, '')[len(root) :]}thanks/"],
        "langs": [[code, LANGUAGE_NAMES.get(code, code)] for code in LANGUAGES],
        "ui": {str(k): _t(v, lang) for k, v in (tree.get("ui") or {}).items()},
        "nodes": nodes,
    }


def write_site(site_dir: str | Path, tree: Tree, site: SiteInfo) -> list[Path]:
    """Write ``assets/copilot/<lang>.json`` for every language into the built site; return the paths."""
    target = Path(site_dir) / "assets" / "copilot"
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang in LANGUAGES:
        path = target / f"{lang}.json"
        text = json.dumps(compile_tree(tree, lang, site), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
