"""Long background work that steps aside for the user: `checkpoint()` marks where a job may wait.

The app runs some work of a large workspace beside the UI thread once the user pauses (the
loader's preparation for reloads: about a second of CPU at 30,000 cards; the mentions). Any
thread running Python holds the interpreter, and while one does, a typed key waits for it: the
interpreter changes hands every 5 ms at best, and echoing a key takes it several times (the
input thread, the UI thread, the output thread); a C call such as unpickling holds it for its
whole length. A job that started in a pause must therefore stop within a few milliseconds of
the next key, wherever it is.

The app runs such a job inside `pausing(pause)`, `pause()` waiting while the user types (and
returning at once otherwise: it is called often); the core's long loops call `checkpoint()`
every millisecond or so of work (every 64 cards, between two chunks of the card cache, ...),
which calls the pause of the thread it runs in. A thread without one (a command, a load the
user waits for) pays an attribute lookup.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

_local = threading.local()


@contextmanager
def pausing(pause: Callable[[], None]) -> Iterator[None]:
    """Within this, `checkpoint()` on this thread calls `pause()`."""
    before = getattr(_local, "pause", None)
    _local.pause = pause
    try:
        yield
    finally:
        _local.pause = before


def checkpoint() -> None:
    """Where the work of this thread may wait (see the module's text): a no-op without a pause."""
    pause = getattr(_local, "pause", None)
    if pause is not None:
        pause()
