"""A search that starts while a cold search's child stores the same workspace's card cache and
index (`cli/search.py` save_after_answer) waits for it and reads what it stored, instead of
loading cold itself (`wait_for_store`); a child storing another workspace is not waited for.
Real processes, as tests/test_cold_search.py runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from test_cold_search import PROGRAM, REPO, hold_saving_lock
from test_search_store import richer, settle
from explorer.cli import main, search as search_cli
from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex, store


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path, monkeypatch):
    """Each test its own cache folder, so its own saving lock: the worker's folder is shared by
    the tests before it, and a child one of them left storing in the background (a cold search
    detaches one after its answer) took the lock after this test let it go and wrote its own
    workspace into it (seen failing test_the_storing_child_writes_... in a full run)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


# `factex` with no bound on its wait for a storing child (STORE_WAIT): what it does then cannot
# depend on how long the machine takes to get to the store (a loaded machine took more than the
# 30 s bound, and the search loaded cold). The bound itself is tested below, with the lock held.
PATIENT = PROGRAM.replace("from explorer.cli import main;", "from explorer.cli import main, search; search.STORE_WAIT = 1e6;")


def start_search(root, query: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO), FACTEX_SERVER="0")
    return subprocess.Popen([sys.executable, "-c", PATIENT, "search", query, str(root), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def waits_on_lock(pid: int) -> bool:
    """Whether process `pid` waits for the saving lock (a blocked flock in /proc/locks)."""
    ino = os.stat(search_cli.saving_lock_path()).st_ino
    with open("/proc/locks", encoding="ascii") as fh:
        for line in fh:
            parts = line.split()
            if "->" in parts and parts[parts.index("->") + 1] == "FLOCK":
                rest = parts[parts.index("->") + 1:]
                if rest[3] == str(pid) and rest[4].endswith(f":{ino}"):
                    return True
    return False


def change_bob(ws) -> None:
    card = ws.root / "facts" / "bob.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    settle(ws.root)


def test_a_search_while_a_child_stores_this_workspace_waits_and_reads_what_it_stores(ws):
    richer(ws)
    settle(ws.root)
    before = SearchIndex(Loader(ws.root).load(save=False))
    change_bob(ws)
    # A child storing this workspace: the lock held, the workspace written into it (as _store does).
    fd = hold_saving_lock()
    try:
        search_cli._mark(fd, search_cli._marker(ws.root))
        proc = start_search(ws.root, "jones")
        while not waits_on_lock(proc.pid):  # (an event looked for, not a time waited)
            assert proc.poll() is None, "the search did not wait for the store: it loaded cold"
            time.sleep(0.01)
        # What "the child" stores: keyed by the files as they are now, made (on purpose) from the
        # index before the change, so an answer from it can be told from a cold load's.
        assert store.save(ws.root, store.workspace_stamp(ws.root), before) is not None
        search_cli._mark(fd, b"")
    finally:
        os.close(fd)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert [hit["text"] for hit in json.loads(out)["results"] if hit["kind"] == "entity"] == ["Bob Jones"]


def test_a_child_storing_another_workspace_is_not_waited_for(ws, tmp_path_factory):
    richer(ws)
    settle(ws.root)
    change_bob(ws)
    fd = hold_saving_lock()
    try:
        search_cli._mark(fd, search_cli._marker(tmp_path_factory.mktemp("other")))
        proc = start_search(ws.root, "jonas")
        out, err = proc.communicate(timeout=120)  # (while the lock is held)
    finally:
        os.close(fd)
    assert proc.returncode == 0, err
    assert [hit["text"] for hit in json.loads(out)["results"] if hit["kind"] == "entity"] == ["Bob Jonas"]


def test_the_storing_child_writes_its_workspace_into_the_lock_and_empties_it_after(ws):
    richer(ws)
    seen = []

    def pending():
        seen.append(search_cli.saving_lock_path().read_bytes())

    lock = search_cli._saving_lock()
    search_cli._store(pending, None, lock, False, search_cli._marker(ws.root))
    assert seen == [os.fsencode(os.path.realpath(ws.root))]
    assert search_cli.saving_lock_path().read_bytes() == b""


def test_a_child_that_hangs_while_storing_holds_up_a_search_only_for_a_bounded_time(ws, monkeypatch, capsys):
    """A child that hangs (or is stopped) holding the saving lock for this workspace: the wait
    ends after STORE_WAIT seconds (here 0.2) and the search goes on without it (it loads the
    workspace itself), in the main thread (a timer cuts the lock's wait short) and in another
    (the lock tried again until then). Without the bound the wait would last until the lock is
    let go: here only when the test ends (or, so that it cannot hang, after 600 s: then the wait
    would say it took the lock). The lock is let go, never its descriptor closed, by that timer: a
    descriptor closed behind the test's back may be a file opened since under its number."""
    import fcntl
    import threading

    richer(ws)
    monkeypatch.setattr(search_cli, "STORE_WAIT", 0.2)
    fd = hold_saving_lock()
    search_cli._mark(fd, search_cli._marker(ws.root))
    release = threading.Timer(600, lambda: fcntl.flock(fd, fcntl.LOCK_UN))
    release.start()
    try:
        assert search_cli.wait_for_store(ws.root) is False
        box = []
        other = threading.Thread(target=lambda: box.append(search_cli.wait_for_store(ws.root)))
        other.start()
        other.join(120)
        assert box == [False]
        # the search itself: it answers, from the files (the child stored nothing)
        monkeypatch.setenv("FACTEX_SERVER", "0")
        assert main(["search", "jones", str(ws.root), "--format", "json"]) == 0
        hits = json.loads(capsys.readouterr().out)["results"]
        assert [hit["text"] for hit in hits if hit["kind"] == "entity"] == ["Bob Jones"]
    finally:
        release.cancel()
        os.close(fd)
