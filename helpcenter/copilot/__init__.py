"""Copilot: a guided assistant whose decision tree is data (``copilot/tree.yml``), checked at build.

Plain Python, no MkDocs import: the hook ``hooks/copilot.py``, the tests and the ticket handler call into it.
"""

from catalog.copilot import LANGS, SEP, TreeError, load_tree
from helpcenter.copilot.compile import compile_tree, write_site
from helpcenter.copilot.trail import is_valid_trail, trail_validator_for_site
from helpcenter.copilot.validate import Problem, validate

__all__ = [
    "LANGS",
    "SEP",
    "Problem",
    "TreeError",
    "compile_tree",
    "is_valid_trail",
    "load_tree",
    "trail_validator_for_site",
    "validate",
    "write_site",
]
