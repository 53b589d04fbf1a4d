"""Compiled theme templates shared by the three language passes of one `mkdocs build`.

mkdocs-static-i18n builds each language with a fresh Jinja environment, so Material's ~40 templates are
compiled three times. An in-memory bytecode cache (checked against each template's source checksum by
Jinja itself) compiles them once per process.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in a dict; stale entries are ignored by Jinja's own checksum test."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


SHARED = MemoryBytecodeCache()
