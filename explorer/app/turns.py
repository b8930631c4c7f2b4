"""Who goes first when the UI thread and a worker thread both want the interpreter."""

from __future__ import annotations

import time
from typing import Callable

UI_FIRST = 0.1  # s at most that a worker steps aside for one key or one results list being drawn


class UiFirst:
    """The UI thread's turn, shared by the App and the screens (passed down as `app.ui_first`).

    Interpreter threads share one lock: a search running beside the UI thread halves what the UI
    thread gets, so drawing a key or a results list took twice as long, and a key that came while
    results were drawn echoed 50-70 ms late. The UI thread calls `busy()` when it has something to
    show at once (a key typed, results that came); a worker calls `wait()` between two slices of
    its work and, while the UI is busy, sleeps (holding nothing) until the screen has been
    refreshed, or `limit` seconds at most (a refresh that never comes never stops the work)."""

    def __init__(self, app, limit: float = UI_FIRST) -> None:
        self._app = app
        self.limit = limit
        self._until = 0.0  # time.monotonic() until which workers wait (0: the UI is not busy)
        self._turn = 0  # which busy() the last refresh answered must be the last one

    def busy(self) -> None:
        """On the UI thread: something is to be shown; workers wait until the next refresh.
        Each call asks for its own callback after the refresh (on the screen current when the
        app handles it: one asked as a key pushes a screen may land on the screen left behind,
        which is not refreshed any more, so a later call must not count on it)."""
        self._turn += 1
        self._until = time.monotonic() + self.limit
        self._app.call_after_refresh(self._idle, self._turn)

    def _idle(self, turn: int) -> None:
        if turn == self._turn:  # (the screen has been refreshed since the last busy())
            self._until = 0.0

    @property
    def is_busy(self) -> bool:
        return time.monotonic() < self._until

    def wait(self, cancelled: Callable[[], bool]) -> None:
        """On a worker thread, between two slices of work: wait while the UI is busy."""
        while time.monotonic() < self._until and not cancelled():
            time.sleep(0.001)
