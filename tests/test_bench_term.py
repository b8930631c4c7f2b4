"""bench/_term.py's figures are the program's at the chunk that showed the screen, for both sides.

The CPU time a screen bench printed was read once the emulator had taken that chunk (~20 ms for a
full screen), while the program went on working (factex makes its footer's keys right after its
first frame): it was read late, more so for the bigger screen. A first start's helper process
(the cards read on the other core) was not in it at all. And a boosted run (the program's
scheduling group at the highest priority) must say whether it was one."""

from __future__ import annotations

import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _term  # noqa: E402

# Prints "ready" once `before` ran, then works until killed.
BUSY_AFTER = """
import os, sys, time
{before}
sys.stdout.write("ready"); sys.stdout.flush()
while True:
    pass
"""

# A child that works 0.15 s of CPU, waited for (reaped) before "ready".
HELPER = """
pid = os.fork()
if pid == 0:
    while time.process_time() < 0.15:
        pass
    os._exit(0)
os.waitpid(pid, 0)
"""


def _program(before: str = "") -> list[str]:
    return [sys.executable, "-c", BUSY_AFTER.format(before=before)]


def test_the_cpu_figure_is_the_programs_when_the_chunk_was_read_not_once_it_was_emulated(monkeypatch):
    feed = _term.Terminal.feed

    def slow_feed(self, data, stamp):  # an emulator that takes long, while the program works on
        start = self.cpu()
        while self.cpu() < start + 0.1:
            time.sleep(0.01)
        feed(self, data, stamp)

    monkeypatch.setattr(_term.Terminal, "feed", slow_feed)
    with _term.Terminal(_program(), boost=False) as t:
        t.wait_for(lambda screen: "ready" in screen, timeout=60)
        own, everything = t.read_cpu
        assert own == everything  # (no child)
        assert t.cpu() >= own + 0.1


def test_the_cpu_with_helpers_counts_the_helper_processes_the_program_waited_for():
    with _term.Terminal(_program(HELPER), boost=False) as t:
        t.wait_for(lambda screen: "ready" in screen, timeout=60)
        own, everything = t.read_cpu
    assert everything - own >= 0.14  # (the child's; clock ticks of 10 ms)


def test_a_boosted_run_says_so_and_an_unboosted_one_is_never_boosted():
    with _term.Terminal(_program(), boost=False) as t:
        assert t.boosted is False
        assert _term._autogroup_nice(t.proc.pid) in (0, None)
    with _term.Terminal(_program(), boost=True) as t:
        # (raised only where this user may raise it: root or CAP_SYS_NICE, on Linux)
        assert t.boosted == (_term._autogroup_nice(t.proc.pid) == -20)


def test_the_faults_figure_counts_the_pages_the_program_touched_by_the_read():
    """(page faults cost the kernel's time, which instruction counts leave out)"""
    touch = "pages = bytearray(2048 * 4096)\nfor i in range(0, len(pages), 4096):\n    pages[i] = 1"
    got = []
    for before in ("", touch):
        with _term.Terminal(_program(before), boost=False) as t:
            t.wait_for(lambda screen: "ready" in screen, timeout=60)
            got.append(t.read_faults)
    assert got[0] > 0 and got[1] - got[0] >= 2000


def test_a_boosted_program_is_measured_as_an_unboosted_one():
    """Boosting set in the child before its exec made Python fork the bench's whole process (not
    vfork): ~300 pages copied and faulted there, counted as the program's, and its time."""
    got = {}
    for boost in (False, True, False, True):
        with _term.Terminal(_program(), boost=boost) as t:
            t.wait_for(lambda screen: "ready" in screen, timeout=60)
            got.setdefault(boost, []).append(t.read_faults)
    assert abs(min(got[True]) - min(got[False])) < 100, got
