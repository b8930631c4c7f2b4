"""A helper process for a large load: it parses and checks a share of the cards.

Loading is CPU-bound Python (YAML parsing, validation, quote anchoring), so one process keeps one
core busy. When a load has many cards to check and the machine has a second core, the loader hands
a share of them to a helper: a fresh interpreter running this module. The helper reads the same
sources and checks its cards with the same code (it is a `Loader` too), then sends back the parse
cache entries, which the loader takes as if it had made them: their file stamps and the sources
they were checked against are compared as for any cached card, so a card or source changed
meanwhile is simply checked again. If the helper fails in any way (it cannot start, exits with an
error, answers nonsense or takes far too long), the loader does that share itself; the result is
the same, only slower.

The share is sized so that both processes finish together: the helper first pays a fixed cost
(starting an interpreter, reading and indexing the sources), and every card it checks costs the
loader a little to take back (unpickling, about a seventh of checking it).

`FACTEX_JOBS=1` turns the helper off; `FACTEX_JOBS=2` uses it even where only one core is seen.
The answer is read with the card cache's restricted unpickler, which builds only factex's own data
classes. The helper never reads or writes the on-disk card cache.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# json, pickle, subprocess and threading are imported where used: most loads never start a
# helper, and the app's start-up should not pay for them.

MIN_CARDS = 8000  # below this, a helper's fixed cost outweighs what it saves
MAGIC = b"factex-helper 1\n"

# Measured on a 2-core machine (bench/load.py): checking a card costs the loader ~75 us; the
# helper's answer costs it ~10 us per card to unpickle and the helper ~18 us to pickle; starting
# the helper and indexing the sources takes ~0.1 s plus ~0.1 s per MB of sources.
_CHECK, _PICKLE = 75e-6, 18e-6
_START, _PER_SOURCE_MB = 0.1, 0.1

# The helper's whole program: put factex's package folder first on the path, then run main().
# The helper's program: this module's main() given the Loader (so this module never imports the
# workspace module, which imports it).
_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); from explorer.core.workspace import Loader; "
         "from explorer.core.helper import main; main(Loader)")


def jobs() -> int:
    """How many processes a load may use: `FACTEX_JOBS`, else the usable cores, at most 2."""
    value = os.environ.get("FACTEX_JOBS", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            pass
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(2, cores)


def share(cards: int, source_bytes: int) -> int:
    """How many of `cards` cards to check in a helper (0: none, it would not pay)."""
    if cards < MIN_CARDS or jobs() < 2 or not sys.executable or getattr(sys, "frozen", False):
        return 0  # (a frozen app's executable is the app itself, not a Python to run the helper)
    fixed = _START + _PER_SOURCE_MB * source_bytes / 1e6
    # Both finish together when (cards - k) * check = fixed + k * (check + pickle).
    k = int((cards * _CHECK - fixed) / (2 * _CHECK + _PICKLE))
    return k if k >= cards // 10 else 0


class Job:
    """A running helper: `result()` waits for its answer, `close()` makes sure it is gone."""

    def __init__(self, proc: subprocess.Popen, request: bytes):
        import threading

        self.proc = proc
        self.started = time.monotonic()
        # The request may not fit in the pipe before the helper reads it: feed it from a thread
        # so this process can get on with its own share meanwhile.
        self._feeder = threading.Thread(target=self._feed, args=(request,), daemon=True)
        self._feeder.start()

    def _feed(self, request: bytes) -> None:
        try:
            self.proc.stdin.write(request)
            self.proc.stdin.close()
        except (OSError, ValueError):  # the helper died: result() will say so
            pass

    def result(self, stop=None) -> tuple[str, dict] | None:
        """(sources key, {relative path: entry}) from the helper, or None if it failed (or
        `stop()` said the load is no longer wanted while waiting)."""
        import subprocess

        from explorer.core import cache

        # Allow a slow machine plenty of time: several times what this process took for its
        # own share, and at least a minute.
        timeout = 60 + 4 * (time.monotonic() - self.started)
        self._feeder.join(timeout)
        try:
            if not self._wait_readable(timeout, stop):
                return None  # too slow, or no longer wanted: close() ends it
            out = self.proc.stdout.read()
            code = self.proc.wait(timeout=timeout)
        except (OSError, subprocess.TimeoutExpired, ValueError):
            return None
        if code != 0 or not out.startswith(MAGIC):
            return None
        try:
            answer = cache.restricted_loads(out[len(MAGIC):])
        except Exception:  # noqa: BLE001 - any malformed answer means: do it ourselves
            return None
        if not (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], str)
                and isinstance(answer[1], dict)):
            return None
        return answer  # the loader checks the entries' type (this module does not import it)

    def _wait_readable(self, timeout: float, stop=None) -> bool:
        """Whether the helper's answer is there to read (or it ended) within `timeout`; looks at
        `stop()` every tenth of a second (False at once when it says stop)."""
        if os.name != "posix":
            return True  # no select() on pipes: read and trust the helper to end
        import select

        deadline = time.monotonic() + timeout
        while True:
            if stop is not None and stop():
                return False
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 0.1))
            except (OSError, ValueError):
                return False
            if ready:
                return True

    def close(self) -> None:
        import subprocess

        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process that will not die
            pass
        for stream in (self.proc.stdout, self.proc.stdin):
            try:
                if stream is not None:
                    stream.close()
            except OSError:  # pragma: no cover
                pass


def start(root: Path, rels: list[str]) -> Job | None:
    """Start a helper checking the cards `rels` (paths relative to `root`); None if it cannot."""
    import json
    import subprocess

    package_parent = str(Path(__file__).resolve().parent.parent.parent)
    env = dict(os.environ, FACTEX_JOBS="1")  # a helper never starts helpers of its own
    request = json.dumps({"root": os.fspath(root), "cards": rels}).encode()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, package_parent],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
    except (OSError, ValueError):
        return None
    return Job(proc, request)


def main(Loader) -> None:
    """The helper: a JSON request on standard input, the pickled entries on standard output.
    `Loader` is explorer.core.workspace.Loader, passed in by the helper's program (_BOOT)."""
    import gc
    import json
    import pickle

    gc.disable()  # as in Loader.load: many small objects, all kept; no cycles to collect
    try:
        request = json.loads(sys.stdin.buffer.read())
        loader = Loader(request["root"], use_cache=False)
        answer = loader.check_cards(list(request["cards"]))
        payload = MAGIC + pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - the loader does the share itself; say nothing
        sys.exit(1)
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
