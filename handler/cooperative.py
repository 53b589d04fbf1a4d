"""Cooperating with gunicorn's gevent worker (``deploy/gunicorn.conf.py``), where all the requests of
a process share one thread and run in turn, each until it waits. With threads (the devserver,
``flask run``, tests) each request has its own thread, and these helpers do the plain thing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _in_gevent() -> bool:
    """gevent has patched the standard library (gunicorn's gevent worker does it before loading us)."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")


def waiting(call: Callable[..., T], *args: Any) -> T:
    """``call(*args)``, a call that waits for the system (another process's file lock, the disk),
    made without holding up the other requests: under gevent in its thread pool, so that meanwhile
    the other requests are read and validated (and queue for the next group commit)."""
    if _in_gevent():
        from gevent import get_hub

        return get_hub().threadpool.apply(call, args)
    return call(*args)


def after_the_others() -> None:
    """Return once the other requests that can run have run until they wait: the group commit's
    leader calls it before taking its batch, so that the tickets they were validating ride in it.
    With threads, they run alongside the leader: nothing to wait for."""
    if _in_gevent():
        from gevent import idle

        idle()
