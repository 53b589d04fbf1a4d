"""Nested lists written with 2 or 3 spaces, re-indented to the 4 that Python-Markdown needs.

Authors of the help-center-content format (and CommonMark) nest a list under the item's text column
(`1. Step` then `   - detail`); Python-Markdown would flatten such a list. Items and their continuation
lines are shifted, relative nesting is kept, nothing else changes.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])(?: +|$)")
_NEEDS = re.compile(r"^ {1,3}(?:[-*+]|\d{1,9}[.)]) ", re.M)
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


def normalize_lists(markdown: str) -> str:
    """Re-indent nested list items to multiples of 4 spaces (no-op for pages that need nothing)."""
    if not _NEEDS.search(markdown):
        return markdown
    lines = markdown.split("\n")
    stack: list[tuple[int, int]] = []  # (source indent, output indent) of the open items
    fence: str | None = None
    for n, line in enumerate(lines):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            continue
        item = None if fence else _ITEM.match(line)
        opened = _FENCE.match(line)
        if fence is not None and opened and opened.group(1)[0] == fence[0]:
            fence = None
        elif fence is None and opened:
            fence = opened.group(1)
        if item:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            out = stack[-1][1] + 4 if stack else indent
            stack.append((indent, out))
            lines[n] = " " * out + stripped
        elif indent == 0 and fence is None or (indent == 0 and opened):
            stack.clear()
        elif stack:
            owner = next((entry for entry in reversed(stack) if entry[0] < indent), stack[0])
            lines[n] = " " * max(0, indent + owner[1] - owner[0]) + stripped
    return "\n".join(lines)
