"""Pick the precompressed copy of a static file (`x.css.br`, `x.css.gz`) the browser accepts.

The build writes them (helpcenter.compress); this is what nginx's `brotli_static`/`gzip_static` do,
for `make run` and the benchmarks. No Flask here: the bench's plain static server uses it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preferred first


class Choice(NamedTuple):
    path: Path  # the file to send
    encoding: str | None  # its Content-Encoding, None for the file itself
    varies: bool  # compressed copies exist: the answer depends on Accept-Encoding (send Vary)


def accepted(header: str | None) -> dict[str, float]:
    """`Accept-Encoding` as {coding: q}; `*` stands for every coding not named."""
    found: dict[str, float] = {}
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        found[name.strip().lower()] = q
    return found


def choose(path: Path, accept_encoding: str | None) -> Choice:
    """The best precompressed copy of `path` that the request allows, else `path` itself."""
    copies = [(coding, path.with_name(path.name + suffix)) for coding, suffix in ENCODINGS]
    copies = [(coding, copy) for coding, copy in copies if copy.is_file()]
    wanted = accepted(accept_encoding)
    for coding, copy in copies:
        if wanted.get(coding, wanted.get("*", 0.0)) > 0:
            return Choice(copy, coding, True)
    return Choice(path, None, bool(copies))
