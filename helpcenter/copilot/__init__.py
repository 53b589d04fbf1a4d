"""Copilot's build side: validate the decision tree (``copilot/tree.yml``) against the site, compile it.

Plain Python, no MkDocs import: the hook ``hooks/copilot.py`` and the tests call into it. The tree model
and the trail check live in ``catalog.copilot``, shared with the handler.
"""

from helpcenter.copilot.compile import compile_tree, write_site
from helpcenter.copilot.validate import Problem, validate

__all__ = ["Problem", "compile_tree", "validate", "write_site"]
