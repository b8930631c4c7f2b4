"""A cold `factex search` (nothing stored) answers first and stores its card cache and index after,
in a child of its own (`cli/search.py` save_after_answer): the command and the reader of its
output do not wait for that child, the next search reads what it stored, and what it stored is
never used for a workspace that changed meanwhile."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from test_search_store import richer, settle
from explorer.cli import search as search_cli
from explorer.core.search import store

PROGRAM = "import sys; from explorer.cli import main; sys.exit(main())"  # as the `factex` script runs it
REPO = Path(__file__).resolve().parent.parent


def factex_search(root, query: str) -> tuple[int, dict]:
    env = dict(os.environ, PYTHONPATH=str(REPO), FACTEX_SERVER="0")
    out = subprocess.run([sys.executable, "-c", PROGRAM, "search", query, str(root), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=120)
    return out.returncode, json.loads(out.stdout)


def hold_saving_lock() -> int:
    path = search_cli.saving_lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def wait_stored(root, limit: float = 60.0) -> bool:
    """Whether the stored index of `root` as it is now can be read, within `limit` seconds (the
    child is waited for through its lock, and its file is looked for until it is there)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        fd = hold_saving_lock()
        os.close(fd)
        if store.load(root, store.workspace_stamp(root)) is not None:
            return True
        time.sleep(0.05)
    return False


def test_the_answer_does_not_wait_for_the_store_and_the_next_search_reads_it(ws):
    richer(ws)
    settle(ws.root)
    fd = hold_saving_lock()  # the child cannot store until this lets go: the answer came before
    try:
        code, first = factex_search(ws.root, "car")
        assert code == 0 and first["results"]
        assert store.load(ws.root, store.workspace_stamp(ws.root)) is None  # not stored yet
    finally:
        os.close(fd)
    assert wait_stored(ws.root)
    assert factex_search(ws.root, "car") == (0, first)


def test_what_a_child_stores_after_a_change_is_never_used(ws):
    richer(ws)
    settle(ws.root)
    fd = hold_saving_lock()
    try:
        code, _ = factex_search(ws.root, "jonas")
        assert code == 1  # no match yet
        # written after the answer, before the child stores what the answer came from
        card = ws.root / "facts" / "bob.yaml"
        card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
        settle(ws.root)
    finally:
        os.close(fd)
    fd = hold_saving_lock()  # (the child has stored, or will find the lock after this)
    os.close(fd)
    code, got = factex_search(ws.root, "jonas")
    assert code == 0 and got["results"][0]["text"] == "Bob Jonas"
