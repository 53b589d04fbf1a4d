"""Build time, site size and peak memory of the help center on a scaled corpus.

    python bench/build_scale.py                # default: ~5-8 min on 2 shared cores
    python bench/build_scale.py --small 800 --naive 300 600 --repeat 1

Prints, each against a baseline built in the same run:
- linear growth: the full build at N and 2N pages (time and size ratio, target <= 2.2);
- naive Material (no navigation.prune, no hooks) vs the full build on the same pages (target <= 0.1),
  measured at two sizes where it finishes and fitted (a*n + b*n^2) to show where the ratio reaches 0.1;
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
COPILOT = ("hooks/copilot.py",)  # its tree names the repo's own articles


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
    """A project dir with the scaled corpus, the repo's overrides, hooks and Copilot tree."""
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
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{variant} build failed:\n{log.read_text()[-3000:]}")
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    pages = sum(1 for _ in site.rglob("index.html"))
    shutil.rmtree(site)
    cpu = usage.ru_utime + usage.ru_stime  # the build is one process: CPU time is robust to shared cores
    return {"seconds": seconds, "cpu": cpu, "bytes": size, "html": pages, "rss_mb": usage.ru_maxrss / 1024}


def _scratch() -> Path:
    """Projects and sites on tmpfs when there is one: disk metadata noise would swamp the comparison."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="hc-scale-", dir=shm if shm.is_dir() else None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--small", type=int, default=510, help="articles per locale at size N (2N is doubled)"
    )
    parser.add_argument(
        "--naive",
        type=int,
        nargs=2,
        default=[200, 400],
        metavar=("A", "B"),
        help="articles per locale of the two naive-Material builds (quadratic: keep small)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="builds per variant at N and 2N (the fastest counts)"
    )
    parser.add_argument(
        "--direct",
        type=int,
        default=0,
        metavar="N",
        help="only measure naive vs full at N articles per locale (long: quadratic)",
    )
    args = parser.parse_args()
    if args.direct:
        direct(args.direct)
        return
    tmp = _scratch()
    results: dict[tuple[str, str], dict] = {}
    runs: dict[tuple[str, str], list[float]] = {}  # every CPU time, in run order (for paired ratios)
    counts: dict[str, dict] = {}
    plan = [
        ("naive-A", args.naive[0], ("naive", "full"), 1),
        ("naive-B", args.naive[1], ("naive", "full"), 1),
        ("N", args.small, ("full",), args.repeat),
        ("2N", 2 * args.small, ("full", "content", "material"), args.repeat),
    ]
    try:
        for label, per_locale, variants, repeat in plan:
            root, counts[label] = project(tmp / label, per_locale)
            for _ in range(repeat):
                for variant in variants:
                    result = build(root, variant, strict=variant in ("full", "content"))
                    best = results.get((label, variant))
                    if best is None or result["cpu"] < best["cpu"]:
                        results[(label, variant)] = result
                    runs.setdefault((label, variant), []).append(result["cpu"])
                    print(
                        f"{label:8} {variant:8} pages={counts[label]['pages']:5} "
                        f"links={counts[label]['links']:5} wall={result['seconds']:6.1f}s "
                        f"cpu={result['cpu']:6.1f}s size={result['bytes'] / 1e6:7.1f}MB "
                        f"files={result['html']:5} peak={result['rss_mb']:5.0f}MB",
                        flush=True,
                    )
            shutil.rmtree(root, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(results, counts, runs)


def direct(per_locale: int) -> None:
    """The naive Material build measured (not fitted) at a large size, against the full build."""
    tmp = _scratch()
    try:
        root, counts = project(tmp / "direct", per_locale)
        full = build(root, "full", strict=True)
        naive = build(root, "naive", strict=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"direct at {counts['pages']} pages: full {full['cpu']:.1f}s cpu ({full['seconds']:.0f}s wall, "
        f"{full['bytes'] / 1e6:.0f} MB, peak {full['rss_mb']:.0f} MB) vs naive {naive['cpu']:.1f}s cpu "
        f"({naive['seconds']:.0f}s wall, {naive['bytes'] / 1e6:.0f} MB, peak {naive['rss_mb']:.0f} MB) = "
        f"x{full['cpu'] / naive['cpu']:.3f} (target <= 0.1)"
    )


def _paired(runs: dict, variant: str) -> float:
    """Median over the repeats of variant/material, each pair built back to back (drift cancels)."""
    ratios = sorted(a / b for a, b in zip(runs[("2N", variant)], runs[("2N", "material")], strict=True))
    return ratios[len(ratios) // 2]


def report(r: dict, counts: dict, runs: dict) -> None:
    """Ratios on CPU seconds of the build process (wall time on 2 shared cores is too noisy)."""
    pages = {label: c["pages"] for label, c in counts.items()}
    full1, full2 = r[("N", "full")], r[("2N", "full")]
    print(
        f"\nlinear: {pages['N']} -> {pages['2N']} pages: time x{full2['cpu'] / full1['cpu']:.2f}, "
        f"size x{full2['bytes'] / full1['bytes']:.2f}, peak memory {full1['rss_mb']:.0f} -> "
        f"{full2['rss_mb']:.0f} MB (target <= 2.2)"
    )
    for label in ("naive-A", "naive-B"):
        naive, full = r[(label, "naive")], r[(label, "full")]
        print(
            f"vs naive Material at {pages[label]} pages: {full['cpu']:.1f}s / {naive['cpu']:.1f}s = "
            f"x{full['cpu'] / naive['cpu']:.3f} (target <= 0.1); site {full['bytes'] / 1e6:.0f} MB vs "
            f"{naive['bytes'] / 1e6:.0f} MB"
        )
    # naive(n) = a*n + b*n^2 through the two measured points; where it reaches 10x the full build
    (n1, t1), (n2, t2) = ((pages[k], r[(k, "naive")]["cpu"]) for k in ("naive-A", "naive-B"))
    b = (t2 / n2 - t1 / n1) / (n2 - n1)
    a = t1 / n1 - b * n1
    per_page = full2["cpu"] / pages["2N"]
    predicted = a * pages["2N"] + b * pages["2N"] ** 2
    crossing = (10 * per_page - a) / b if b > 0 else float("inf")
    print(
        f"naive fit: {a * 1000:.2f} ms/page + {b * 1e6:.2f} us/page^2 (growth x{t2 / t1:.2f} for "
        f"x{n2 / n1:.2f} pages); at {pages['2N']} pages naive ~{predicted:.0f}s, full {full2['cpu']:.1f}s "
        f"= x{full2['cpu'] / predicted:.3f}; x0.1 reached from ~{crossing:.0f} pages"
    )
    material, content = r[("2N", "material")], r[("2N", "content")]
    print(
        f"hooks' cost at {pages['2N']} pages vs Material (same nav, no hooks) {material['cpu']:.1f}s: "
        f"content hook {100 * (content['cpu'] / material['cpu'] - 1):+.1f}% fastest vs fastest, "
        f"{100 * (_paired(runs, 'content') - 1):+.1f}% median of back-to-back pairs (target <= +10%); "
        f"all project hooks {100 * (full2['cpu'] / material['cpu'] - 1):+.1f}% / "
        f"{100 * (_paired(runs, 'full') - 1):+.1f}%"
    )
    print(
        f"links: {counts['2N']['links']} in the 2N corpus, all resolved (strict builds); "
        f"redirect + page files: {full2['html']}"
    )


if __name__ == "__main__":
    main()
