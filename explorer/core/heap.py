"""The garbage collector kept away from what a background build allocates.

A fact base, a search index or the mentions of 30,000 cards are millions of objects that live
until the next reload. CPython's collector walks young objects every few hundred allocations and
the whole heap now and then; while such a build runs it walks the build's own new objects again
and again, each pass one uninterrupted hold of the interpreter: 100-300 ms measured at 30,000
cards (a search index build, the mentions), during which the UI thread cannot echo a key.

`long_lived()` is the one place that policy lives: while any thread is inside it, automatic
collection is off; when the last one leaves, everything alive is moved out of the collector's
reach (`gc.freeze()`: never walked again) and collection is back on. Objects freed by their
reference counts are freed as ever; only reference cycles made while a build runs are kept
(a few kilobytes, against a collector pass of hundreds of milliseconds).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_inside = 0
_was_enabled = True


@contextmanager
def long_lived() -> Iterator[None]:
    """Run a build whose results live long: no collection meanwhile, frozen after (see above)."""
    global _inside, _was_enabled
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()


def inside() -> int:
    """How many builds are inside `long_lived()` now (tests)."""
    return _inside
