"""A bench that waits for a screen that never comes says what the program was doing.

Last stop's bench/onscreen.py once waited 300 s on "Loading cards 26,000/30,000…" and said only
that; 110 tries since never did it again. `Terminal.hung()` (bench/_term.py) adds each thread's
state and where the kernel has it waiting, the Python and native stacks when gdb is installed,
and the error factex wrote to last-error.txt in the run's cache folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _term  # noqa: E402

STUCK = """
import pathlib, sys, threading, time
error = pathlib.Path(sys.argv[1], "factex", "last-error.txt")
error.parent.mkdir(parents=True)
error.write_text("Traceback (most recent call last):\\nRuntimeError: showing the facts failed\\n")
lock = threading.Lock()
lock.acquire()
threading.Thread(target=lock.acquire, name="factex-preload").start()
print("Loading cards 26,000/30,000", flush=True)
time.sleep(60)
"""


def test_a_screen_that_never_comes_says_what_the_program_was_doing(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **kw: None)  # (no gdb: its part is a nicety)
    cache = tmp_path / "cache"
    env = _term.clean_env({"XDG_CACHE_HOME": str(cache)})
    with _term.Terminal([sys.executable, "-c", STUCK, str(cache)], env=env) as t:
        t.wait_for(lambda s: "Loading cards" in s, timeout=30)
        with pytest.raises(TimeoutError) as timed_out:
            t.wait_for(lambda s: "Entities" in s, timeout=0.3)
    said = str(timed_out.value)
    assert "Loading cards 26,000/30,000" in said and "What it was doing:" in said
    threads = [line for line in said.splitlines() if line.startswith("thread ")]
    assert len(threads) == 2 and all("state S" in line for line in threads)  # (both asleep: a lock, a sleep)
    assert "RuntimeError: showing the facts failed" in said.split("What it was doing:")[1]


def test_a_program_that_ended_is_not_looked_into():
    t = _term.Terminal.offline()
    assert t.hung() == ""
