"""Under gunicorn's gevent worker (deploy/gunicorn.conf.py) all the requests of a process share one
thread: a ticket waiting for the write lock that another process holds must not stop the others, and
the tickets that wait together must share commits. Run in a child process, where gevent patches the
standard library as gunicorn's worker does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
from gevent import monkey

monkey.patch_all()

import json, subprocess, sys, time
import gevent
from sqlalchemy import func, select
from handler import create_app, db
from handler.tickets import store
from handler_samples import VALID

folder, tickets, hold = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "hold"
app = create_app({"INSTANCE_PATH": folder, "DATABASE_URL": f"sqlite:///{folder}/t.sqlite",
                  "RATELIMIT_ENABLED": False, "SECRET_KEY": "test"})
holder = None
if hold:  # another process (an outbox worker, say) holds the write lock a while
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a');"
         " fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(0.8)",
         f"{folder}/t.sqlite.writelock"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\\n"
ticks, done = [0], [False]

def tick():
    while not done[0]:
        ticks[0] += 1
        gevent.sleep(0.01)

def post():
    with app.app_context():
        return store("technical", "es", dict(VALID["technical"]), [], None).number

started = time.monotonic()
ticker = gevent.spawn(tick)
numbers = [g.value for g in gevent.joinall([gevent.spawn(post) for _ in range(tickets)], raise_error=True)]
waited, done[0] = time.monotonic() - started, True
ticker.join()
if holder:
    holder.wait()
with app.app_context(), db.engine().connect() as conn:
    stored = conn.execute(select(func.count()).select_from(db.tickets)).scalar()
commits = app.extensions["helpcenter_group_commit"].commits
print(json.dumps({"waited": waited, "ticks": ticks[0], "numbers": sorted(numbers),
                  "stored": stored, "commits": commits}))
"""


def _post_tickets(folder: Path, tickets: int, hold_the_lock: bool) -> dict[str, Any]:
    """``tickets`` tickets posted at once from as many greenlets; what the child saw."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "handler")])}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(tickets), "hold" if hold_the_lock else "free"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_ticket_waiting_for_the_write_lock_lets_the_other_requests_run(tmp_path: Path) -> None:
    seen = _post_tickets(tmp_path, 20, hold_the_lock=True)
    assert seen["waited"] > 0.5  # the tickets did wait for the other process's lock
    # ...and meanwhile the event loop went on (about 0.8 s / 10 ms): the wait ran off the loop's thread
    assert seen["ticks"] >= 30, seen
    assert seen["numbers"] == list(range(1, 21)) and seen["stored"] == 20
    assert seen["commits"] < 20, seen  # tickets that waited together shared commits


def test_tickets_posted_together_share_one_commit(tmp_path: Path) -> None:
    # The first one leads as soon as it is queued; it lets the others reach the queue before it takes
    # its batch, instead of committing alone and leaving them the next commit.
    seen = _post_tickets(tmp_path, 20, hold_the_lock=False)
    assert seen["numbers"] == list(range(1, 21)) and seen["stored"] == 20
    assert seen["commits"] == 1, seen
