"""What the site hook does, as plain functions: page chrome, the per-language index and sitemap files,
and the checks that the MkDocs configuration agrees with the catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from catalog.languages import LANGUAGES, locale_root
from catalog.texts import missing_translations
from helpcenter.articles import article_index
from helpcenter.i18n import chrome, name_search_dialog, sitemap_xml, split_search_index, strip_head_alternates


def finish_page(html: str, locale: str) -> str:
    """A rendered page without Material's head alternates and with a named search dialog."""
    return name_search_dialog(strip_head_alternates(html), chrome(locale)["search_label"])


def write_language_files(site_dir: str | Path, docs_dir: str | Path, site_url: str | None) -> None:
    """Rewrite the stacked search index and sitemap as one per language.

    Idempotent, so it may run after every language pass: it acts when the stacked index holds more than
    the default language, and the files it writes are already split.
    """
    site = Path(site_dir)
    stacked = site / "search" / "search_index.json"
    if not stacked.exists():
        return
    data = json.loads(stacked.read_text(encoding="utf-8"))
    if not any("/" in d["location"] and d["location"].split("/")[0] in LANGUAGES for d in data["docs"]):
        return  # already split, or only the default language so far
    index = article_index(docs_dir)
    by_url = {article.url: article for article in index.articles}

    def translations(url: str) -> dict[str, str]:
        article = by_url.get(url)
        found = index.by_id.get(article.id, {}) if article and article.id else {}
        return {locale: a.url for locale, a in found.items()} if len(found) > 1 else {}

    for locale, part in split_search_index(data, LANGUAGES).items():
        root = site / locale_root(locale)
        (root / "search").mkdir(parents=True, exist_ok=True)
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        (root / "search" / "search_index.json").write_text(text, encoding="utf-8")
        (root / "sitemap.xml").write_text(sitemap_xml(site_url or "/", locale, part, translations), "utf-8")
    (site / "sitemap.xml.gz").unlink(missing_ok=True)  # the stacked one would disagree with sitemap.xml


def config_problems(i18n_languages: Iterable[str], search_languages: Iterable[str]) -> list[str]:
    """mkdocs.yml must build exactly the catalogue's languages, and every text must have them all."""
    problems = [f"UI text {gap}" for gap in missing_translations()]
    for setting, listed in (
        ("plugins.i18n.languages", i18n_languages),
        ("plugins.search.lang", search_languages),
    ):
        if sorted(listed) != sorted(LANGUAGES):
            problems.append(
                f"mkdocs.yml {setting} lists {sorted(listed)}; catalog.languages has {list(LANGUAGES)}"
            )
    return problems
