"""`python -m helpcenter build pre|post`: the content transformations around any site generator.

    python -m helpcenter build pre  --docs docs --out build/docs    # then build build/docs/<lang>/
    python -m helpcenter build post --site site --docs docs         # forms, redirects, Copilot

Exit status 1 when a link resolves to nothing, a form marker is wrong or the Copilot tree has a problem
(what fails `mkdocs build --strict`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from helpcenter.forms_page import DEFAULT_API, MarkerError
from helpcenter.standalone.post import finish_site
from helpcenter.standalone.pre import stage_docs

log = logging.getLogger("helpcenter.build")


def _pre(args: argparse.Namespace) -> int:
    staged = stage_docs(args.docs, args.out)
    for problem in staged.unresolved:
        log.warning("link to no published article: %s", problem)
    log.info(
        "staged %d pages into %s (%d not published, left out)",
        len(staged.written),
        args.out,
        len(staged.left_out),
    )
    return 1 if staged.unresolved else 0


def _post(args: argparse.Namespace) -> int:
    try:
        finished = finish_site(args.site, args.docs, args.tree, log, args.api, args.site_url)
    except MarkerError as exc:
        log.error("ticket form marker: %s", exc)
        return 1
    log.info(
        "forms on %d pages, %d redirect pages, Copilot tree compiled into %s/assets/copilot",
        len(finished.forms),
        finished.redirects,
        args.site,
    )
    return 1 if finished.copilot_problems else 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m helpcenter", description=__doc__.split("\n", 1)[0])
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="the content steps before and after a site generator")
    steps = build.add_subparsers(dest="step", required=True)
    pre = steps.add_parser("pre", help="docs/ -> plain Markdown, published articles only")
    pre.add_argument("--docs", default="docs", help="the articles (default: docs)")
    pre.add_argument("--out", default="build/docs", help="the staging folder, emptied first")
    pre.set_defaults(run=_pre)
    post = steps.add_parser("post", help="forms, redirects and the Copilot tree into a built site")
    post.add_argument("--site", default="site", help="the built site (default: site)")
    post.add_argument("--docs", default="docs", help="the original articles, with their front matter")
    post.add_argument("--tree", default="copilot/tree.yml", help="the Copilot decision tree")
    post.add_argument("--api", default=DEFAULT_API, help="the ticket handler's address")
    post.add_argument("--site-url", default=os.environ.get("HELPCENTER_SITE_URL"), help="public address")
    post.set_defaults(run=_post)
    return main


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
