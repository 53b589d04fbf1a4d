"""A scaled help-center corpus made from the samples in ../shared/corpus: thousands of articles over
es/en/pt with new ids, slugs and links, in categories of bounded size (as a real help center has).

    python bench/scale_corpus.py [OUT_DIR] --per-locale 1000

Every link of the samples is re-pointed at another generated article of the same locale, in the same
link form (track, `tutorial/<slug>--<id>`, `faq/...`, `docs/tutorials/<slug>`, home), so that a strict
build proves they all resolve. About 1% of the articles are ARCHIVED (left out of the site).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import string
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
from catalog.languages import LANGUAGES  # noqa: E402

SUPPORT = {"es": "soporte", "en": "support", "pt": "suporte"}
# (section, contentType, share of the articles, articles per leaf folder, leaf folders per parent)
PLAN = [
    ("tracks", "trackArticle", 0.30, 8, 4),
    ("tutorials", "tutorial", 0.30, 8, 5),
    ("faq", "frequentlyAskedQuestion", 0.15, 12, 0),
    ("known-issues", "knownIssue", 0.10, 15, 0),
    ("announcements", "updates", 0.08, 10, 12),
    ("troubleshooting", "tutorial", 0.07, 12, 0),
]
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
LINK = re.compile(r"\]\((/(?:" + "|".join(LANGUAGES) + r")(?:/[^)#\s]*)?)(#[^)\s]*)?\)")
WORDS = (
    "store",
    "order",
    "payment",
    "catalog",
    "price",
    "shipping",
    "coupon",
    "invoice",
    "account",
    "admin",
    "checkout",
    "promotion",
    "seller",
    "stock",
    "report",
    "user",
    "search",
    "cart",
    "tax",
    "carrier",
)


@dataclass
class Doc:
    """One generated article (all three locales share id and place)."""

    id: str
    section: str
    kind: str
    folder: str
    stem: str
    order: int
    track: str = ""
    extra: dict = field(default_factory=dict)


def _id(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(22))


def _samples() -> dict[tuple[str, str], list[str]]:
    """Sample bodies by (locale, section), the English ones standing in where a locale has none."""
    bodies: dict[tuple[str, str], list[str]] = {}
    for path in sorted(CORPUS.rglob("*.md")):
        locale, section = path.relative_to(CORPUS).parts[:2]
        text = path.read_text(encoding="utf-8")
        if "status: PUBLISHED" in text:
            bodies.setdefault((locale, section), []).append(text.split("\n---\n", 1)[1])
    for locale in LANGUAGES:
        for section, *_ in PLAN:
            bodies.setdefault((locale, section), bodies[("en", section)])
    return bodies


def plan(per_locale: int, rng: random.Random) -> list[Doc]:
    """The articles and their folders: every leaf folder holds at most `size` articles."""
    docs: list[Doc] = []
    for section, kind, share, size, fanout in PLAN:
        count = max(1, round(per_locale * share))
        for n in range(count):
            leaf, pos = divmod(n, size)
            if section == "tracks":
                folder = f"tracks/group-{leaf // fanout + 1}/track-{leaf + 1}"
            elif section == "tutorials":
                folder = f"tutorials/category-{leaf // fanout + 1}/subcategory-{leaf + 1}"
            elif section == "announcements":
                folder = f"announcements/{2025 - leaf // 12}/{MONTHS[leaf % 12]}"
            else:
                folder = f"{section}/{section.title().replace('-', ' ')} {leaf + 1}"
            words = "-".join(rng.sample(WORDS, 3))
            docs.append(Doc(_id(rng), section, kind, folder, f"{words}-{len(docs) + 1}", pos + 1))
    tracks: dict[str, str] = {}
    for doc in docs:
        if doc.section == "tracks":
            doc.track = tracks.setdefault(doc.folder, _id(rng))
    return docs


def _slug(doc: Doc, locale: str) -> str:
    return doc.stem if locale == "en" else f"{doc.stem}-{locale}"


def _link(path: str, doc_pool: dict[str, list[Doc]], locale: str, rng: random.Random) -> str:
    """A link of the same form as the sample's `path`, to a random generated article of `locale`."""
    parts = path.strip("/").split("/")
    form = parts[1] if len(parts) > 1 else ""
    if form == "tracks":
        doc = rng.choice(doc_pool["tracks"])
        return f"/{locale}/tracks/track-{doc.folder.rsplit('-', 1)[1]}--{doc.track}/{doc.id}"
    if form == "docs":
        doc = rng.choice(doc_pool["tutorials"])
        return f"/{locale}/docs/tutorials/{_slug(doc, locale)}"
    if form in ("tutorial", "faq"):
        doc = rng.choice(doc_pool["tutorials" if form == "tutorial" else "faq"])
        return f"/{locale}/{form}/{_slug(doc, locale)}--{doc.id}"
    return f"/{locale}/"


def front_matter(doc: Doc, locale: str, title: str, status: str) -> str:
    lines = [
        "---",
        f"title: '{title}'",
        f"id: {doc.id}",
        f"status: {status}",
        "createdAt: 2024-03-04T10:12:44.101Z",
        "updatedAt: 2025-02-11T09:30:02.554Z",
        "publishedAt: 2025-02-11T09:30:02.554Z",
        "firstPublishedAt: 2024-03-05T08:00:00.000Z",
        f"contentType: {doc.kind}",
        "productTeam: Others",
        f"slugEN: {doc.stem}",
        f"legacySlug: {_slug(doc, locale)}",
        f"locale: {locale}",
    ]
    if doc.section == "tracks":
        lines += [
            f"trackId: {doc.track}",
            f"trackSlugEN: track-{doc.folder.rsplit('-', 1)[1]}",
            f"order: {doc.order}",
        ]
    if doc.kind == "knownIssue":
        lines += ["kiStatus: Backlog", f"tag: {doc.folder.rsplit('/', 1)[1]}", "internalReference: 1"]
    if doc.kind == "updates":
        lines += [f"announcementSynopsis{loc.upper()}: 'Synopsis {loc}'" for loc in LANGUAGES]
    return "\n".join([*lines, "---", ""])


def generate(out: Path, per_locale: int, seed: int = 3) -> dict[str, int]:
    """Write the corpus (plus home pages and the repo's Support section) into `out`; returns counts."""
    rng = random.Random(seed)
    docs = plan(per_locale, rng)
    pool: dict[str, list[Doc]] = {}
    for doc in docs:
        pool.setdefault(doc.section, []).append(doc)
    archived = {doc.id for doc in rng.sample(docs, len(docs) // 100)}
    for section in ("tracks", "tutorials", "faq"):  # links only ever point at published articles
        pool[section] = [d for d in pool[section] if d.id not in archived]
    samples = _samples()
    if out.exists():
        shutil.rmtree(out)
    counts = {"pages": 0, "links": 0, "archived": 0}
    for locale in LANGUAGES:
        base = out / locale
        (base).mkdir(parents=True)
        home_links = " ".join(
            f"[{d.stem}](/{locale}/docs/tutorials/{_slug(d, locale)})" for d in pool["tutorials"][:5]
        )
        (base / "index.md").write_text(
            f"---\ntitle: Home\nid: home\nlocale: {locale}\n---\n\n# Home\n\n{home_links}\n"
        )
        support = ROOT / "docs" / locale / SUPPORT[locale]
        if support.is_dir():
            shutil.copytree(support, base / SUPPORT[locale])
        counts["pages"] += 1 + len(list((base / SUPPORT[locale]).glob("*.md")))
        counts["links"] += 5
        folders = set()
        for n, doc in enumerate(docs):
            body = samples[(locale, doc.section)][n % len(samples[(locale, doc.section)])]

            def relink(match: re.Match[str], locale: str = locale) -> str:
                counts["links"] += 1
                return f"]({_link(match.group(1), pool, locale, rng)})"

            body = LINK.sub(relink, body)
            status = "ARCHIVED" if doc.id in archived else "PUBLISHED"
            counts["archived" if status == "ARCHIVED" else "pages"] += 1
            title = doc.stem.replace("-", " ").capitalize()
            folder = base / doc.folder
            if doc.folder not in folders:
                folder.mkdir(parents=True, exist_ok=True)
                if doc.section in ("tracks", "tutorials"):
                    name = doc.folder.rsplit("/", 1)[1].replace("-", " ").capitalize()
                    (folder / "metadata.json").write_text(
                        f'{{"id": "{doc.folder}", "name": "{name} ({locale})", "slug": "{name}", '
                        f'"order": {int(doc.folder.rsplit("-", 1)[1])}}}\n'
                    )
                folders.add(doc.folder)
            (folder / f"{_slug(doc, locale)}.md").write_text(front_matter(doc, locale, title, status) + body)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", help="target docs dir (default: a temporary one)")
    parser.add_argument("--per-locale", type=int, default=1000)
    args = parser.parse_args()
    if args.out is not None:
        print(generate(args.out, args.per_locale))
        return
    with tempfile.TemporaryDirectory() as tmp:  # `make bench` runs every script: just show the counts
        print(generate(Path(tmp) / "docs", args.per_locale))


if __name__ == "__main__":
    main()
