"""Build time, site size and peak memory of the help center on a scaled corpus (issue 3's figures).

    python bench/build_scale.py            # default: ~5-8 min on 2 shared cores
    python bench/build_scale.py --small 1000 --naive 180

Prints, each against a baseline built in the same run:
- linear growth: the full build at N and 2N pages (time and size ratio, target <= 2.2);
- naive Material (no navigation.prune, no hooks) vs the full build on the same pages (target <= 0.1);
- the hooks' cost: the full build vs Material with the same nav settings and no hooks (target <= +10%);
- links in the corpus (all resolved: the builds are --strict) and the peak memory of each build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COPILOT = ("hooks/copilot.py", "assets/javascripts/copilot.js")  # its tree names the repo's own articles


def config_text(variant: str) -> str:
    """The repo's mkdocs.yml for a variant: full, content (only hooks/content.py), material (no hooks),
    naive (no hooks, no navigation.prune)."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        item = line.strip(" -")
        if item in COPILOT:
            continue
        if variant == "content" and item.startswith("hooks/") and item != "hooks/content.py":
            continue
        if variant in ("material", "naive") and item.startswith("hooks/"):
            continue
        if variant == "naive" and item == "navigation.prune":
            continue
        out.append(line)
    text = "\n".join(out)
    return text.replace("\nhooks:\n", "\nhooks: []\n") if variant in ("material", "naive") else text


def project(root: Path, per_locale: int) -> tuple[Path, dict]:
    """A project dir with the scaled corpus, the repo's overrides and hooks."""
    if root.exists():
        shutil.rmtree(root)
    counts = generate(root / "docs", per_locale)
    for name in ("overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    return root, counts


def build(root: Path, variant: str, strict: bool) -> dict:
    """One `mkdocs build` in a child process: wall time, site bytes, peak RSS (MB)."""
    config = root / f"mkdocs-{variant}.yml"
    config.write_text(config_text(variant), encoding="utf-8")
    site = root / f"site-{variant}"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = root / f"build-{variant}.log"
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory, not the whole tree's
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{variant} build failed:\n{log.read_text()[-3000:]}")
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    pages = sum(1 for _ in site.rglob("index.html"))
    shutil.rmtree(site)
    cpu = usage.ru_utime + usage.ru_stime  # the build is one process: CPU time is robust to shared cores
    return {"seconds": seconds, "cpu": cpu, "bytes": size, "html": pages, "rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=500, help="articles per locale, half size (x3 locales)")
    parser.add_argument("--naive", type=int, default=180, help="articles per locale for the naive comparison")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hc-scale-"))
    rows = []
    try:
        for label, per_locale, variants in (
            ("naive-size", args.naive, ("naive", "full")),
            ("N", args.small, ("full",)),
            ("2N", 2 * args.small, ("full", "material")),
        ):
            root, counts = project(tmp / label, per_locale)
            for variant in variants:
                result = build(root, variant, strict=variant == "full")
                rows.append((label, variant, counts, result))
                print(f"{label:10} {variant:9} pages={counts['pages']:5} links={counts['links']:5} "
                      f"time={result['seconds']:7.1f}s size={result['bytes'] / 1e6:8.1f}MB "
                      f"peak={result['rss_mb']:6.0f}MB", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report(rows)


def report(rows: list) -> None:
    by = {(label, variant): (counts, result) for label, variant, counts, result in rows}
    (_, naive), (_, small_full) = by[("naive-size", "naive")], by[("naive-size", "full")]
    (c1, full1), (c2, full2), (_, material) = by[("N", "full")], by[("2N", "full")], by[("2N", "material")]
    print(f"linear: {c1['pages']} -> {c2['pages']} pages: time x{full2['seconds'] / full1['seconds']:.2f}, "
          f"size x{full2['bytes'] / full1['bytes']:.2f} (target <= 2.2)")
    print(f"vs naive Material at {by[('naive-size', 'full')][0]['pages']} pages: "
          f"{small_full['seconds']:.1f}s / {naive['seconds']:.1f}s = x{small_full['seconds'] / naive['seconds']:.3f} "
          f"(target <= 0.1); size {small_full['bytes'] / 1e6:.0f}MB vs {naive['bytes'] / 1e6:.0f}MB")
    print(f"hooks' cost at {c2['pages']} pages: {full2['seconds']:.1f}s vs Material (same nav, no hooks) "
          f"{material['seconds']:.1f}s = {100 * (full2['seconds'] / material['seconds'] - 1):+.1f}% (target <= +10%)")


if __name__ == "__main__":
    main()
