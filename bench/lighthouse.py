"""Lighthouse, side by side: our site against a plain Material site of the same English articles.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--reports DIR]

Both sites are built here (the plain one: same theme features, no hooks, overrides or extra CSS/JS),
precompressed and served the same way (`make run`'s static file view, which sends the .br/.gz copies),
then Lighthouse 12 (mobile, simulated throttling; pinned in bench/package.json, installed with
`npm ci` when missing) runs on the home, an article, the Support page and a form page of each, the
two sites taking turns. The table shows the medians, our/plain ratios and the kilobytes we add;
audits failing in accessibility, best practices or SEO are listed under it. `--reports DIR` keeps
Lighthouse's own JSON of every run (`<site>-<page>-<run>.json`) to see what differs.

"paint s" is the first paint Chromium really showed. The simulated FCP/LCP are built from what loaded
before it, and headless Chromium here presents a page's first frame in steps about a second apart (0.2,
1.3 or 2.3 s), so a run's scores jump with that step: compare medians, and look at this column before
reading a ratio as a difference between the sites. "late" counts the runs whose first paint came after the
page had loaded (both sites have such runs). In Lighthouse's traces of ours, such a page had been parsed
and had run its scripts (Material's bundle included) within 150-450 ms; the trace shows a main-thread
frame at about 200 ms, then none until about 1.2 s, when the first paint is recorded. The simulated LCP
then waits for every request started before it (the sitemap and search index Material fetches): 300-600 ms
more than the FCP. In other slow runs the bundle was ready when the parser reached it and ran before the
first frame, with the same effect on the LCP. Loading the bundle only after the first frame was tried: it
took the bundle out of the first frame, but Material's instant loading then fetched its two stylesheets
again (it sets every relative `href` anew when it starts) and the TBT rose, so the scores fell.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from handler.devserver import dev
from helpcenter.compress import compress_site
from helpcenter.testing import CHROMIUM, ROOT, build_site, free_port

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-background-networking --disable-component-update"
    " --disable-sync --disable-quic"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
ARTICLE = "tracks/getting-started/support-at-acme/using-copilot/"
PAGES = {"home": "", "article": ARTICLE, "support": "support/", "form": "support/technical/"}
PLAIN_CONFIG = """\
site_name: Acme Help Center
site_url: {site_url}
site_description: Answers for Acme Commerce store owners.
theme:
  name: material
  language: en
  font: false
  features: [navigation.tabs, navigation.prune, navigation.indexes, navigation.instant,
             navigation.footer, search.suggest, search.highlight]
  palette: {{primary: indigo, accent: indigo}}
plugins: [search]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc: {{permalink: true}}
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra: {{generator: false}}
"""


def build_ours(target: Path, port: int) -> Path:
    result = build_site(target, site_url=f"http://127.0.0.1:{port}/")
    if result.returncode:
        sys.exit(f"our build failed:\n{result.stderr[-3000:]}")
    return target


def build_plain(workdir: Path, target: Path, port: int) -> Path:
    """Material alone, on the English articles (links to other languages stay unresolved)."""
    shutil.copytree(ROOT / "docs" / "en", workdir / "docs")
    config = workdir / "mkdocs.yml"
    config.write_text(PLAIN_CONFIG.format(site_url=f"http://127.0.0.1:{port}/"), encoding="utf-8")
    result = build_site(target, config, strict=False)
    if result.returncode:
        sys.exit(f"plain Material build failed:\n{result.stderr[-3000:]}")
    compress_site(target)  # the same serving for both: precompressed copies
    return target


@contextmanager
def serve(site: Path, port: int):
    """`make run`'s static file view (directory index, 404 page, precompressed copies), nothing else."""
    app = Flask("bench-static")
    app.config.update(SITE_DIR=str(site), DEV_MAIL_DIR=str(site))
    app.register_blueprint(dev)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)


def lighthouse(url: str) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    found = {name: report["categories"][name]["score"] for name in CATEGORIES}
    found["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    observed = audits["metrics"]["details"]["items"][0]
    found["paint_s"] = observed["observedFirstPaint"] / 1000
    found["late"] = int(observed["observedFirstPaint"] > observed["observedLoad"])
    found["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    found["requests"] = len(audits["network-requests"]["details"]["items"])
    found["kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    return found


def failing(report: dict) -> set[str]:
    """Audits below full marks in the categories that should be at 1.00."""
    out = set()
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                out.add(f"{name}: {ref['id']} ({audit['title']})")
    return out


def measure(
    sites: dict[str, str], runs: int, keep: Path | None = None
) -> tuple[dict[str, dict[str, dict]], set[str]]:
    """Median figures per site and page; the sites take turns, so a busy machine slows both alike."""
    reports: dict[tuple[str, str], list[dict]] = {}
    for page, path in PAGES.items():
        for run in range(runs):
            for site, base in sites.items():
                report = lighthouse(base + path)
                reports.setdefault((site, page), []).append(report)
                if keep:
                    (keep / f"{site}-{page}-{run + 1}.json").write_text(json.dumps(report), encoding="utf-8")
    medians: dict[str, dict[str, dict]] = {site: {} for site in sites}
    problems = set()
    for (site, page), found in reports.items():
        rows = [figures(r) for r in found]
        medians[site][page] = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
        medians[site][page]["late"] = sum(row["late"] for row in rows)
        problems |= {f"{site} {page}: {p}" for r in found for p in failing(r)}
    return medians, problems


def table(ours: dict, plain: dict) -> str:
    names = ("perf", "a11y", "bp", "seo")
    head = f"{'page':8} {'site':6} " + " ".join(f"{n:>5}" for n in names)
    head += f" {'TBT ms':>6} {'LCP s':>6} {'paint s':>7} {'late':>4} {'req':>4} {'KB':>7}"
    lines = [head, "-" * len(head)]
    for page in PAGES:
        for name, data in (("ours", ours[page]), ("plain", plain[page])):
            scores = " ".join(f"{data[c]:5.2f}" for c in CATEGORIES)
            lines.append(
                f"{page:8} {name:6} {scores} {data['tbt_ms']:6.0f} {data['lcp_s']:6.2f}"
                f" {data['paint_s']:7.2f} {data['late']:4d} {data['requests']:4.0f} {data['kb']:7.1f}"
            )
        o, p = ours[page], plain[page]
        lines.append(
            f"{page:8} {'ratio':6} {o['performance'] / p['performance']:5.2f} {'':5} {'':5} {'':5}"
            f" {'':6} {o['lcp_s'] / p['lcp_s']:6.2f} {'':7} {'':4}"
            f" {o['requests'] / p['requests']:4.1f} {o['kb'] / p['kb']:7.2f}"
            f"  (+{o['kb'] - p['kb']:.1f} KB)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reports", type=Path, help="folder for Lighthouse's JSON reports (kept)")
    args = parser.parse_args()
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours_port, plain_port = free_port(), free_port()
        ours_site = build_ours(work / "ours", ours_port)
        plain_site = build_plain(work / "plain-project", work / "plain", plain_port)
        with serve(ours_site, ours_port) as ours_url, serve(plain_site, plain_port) as plain_url:
            medians, problems = measure(
                {"ours": ours_url + "en/", "plain": plain_url}, args.runs, args.reports
            )
    print(
        f"Lighthouse 12.2.3, mobile, median of {args.runs} runs"
        " (ours: the en pages; plain Material: the same articles)"
    )
    print(table(medians["ours"], medians["plain"]))
    print("\nAudits below 1.00 (a11y, best practices, SEO):" if problems else "\nNo failing audits.")
    for problem in sorted(problems):
        print("  " + problem)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "lighthouse.json").write_text(json.dumps(medians, indent=1))


if __name__ == "__main__":
    main()
