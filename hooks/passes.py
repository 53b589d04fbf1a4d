"""MkDocs hook: keeps ``helpcenter.passes.PASSES`` (which language pass is running) for the other hooks.

Listed first in mkdocs.yml; its priorities put it around every other hook (see helpcenter/passes.py).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from helpcenter.passes import CLOSE, LEARN_LANGUAGE, OPEN, PASSES


@event_priority(OPEN)
def on_config(config):
    PASSES.open()
    return config


@event_priority(LEARN_LANGUAGE)
def on_nav(nav, config, files):
    PASSES.learn(f.src_uri for f in files.documentation_pages())
    return nav


@event_priority(CLOSE)
def on_post_build(config):
    PASSES.close()


def on_build_error(error):
    PASSES.reset()
