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
        self._held = False  # hold(): no refresh ends the turn until the next busy()
        self._parked: list[Callable[[], object]] = []  # when_idle()'s, waiting for the key's refresh

    def busy(self) -> None:
        """On the UI thread: something is to be shown; workers wait until the next refresh.
        Each call asks for its own callback after the refresh (on the screen current when the
        app handles it: one asked as a key pushes a screen may land on the screen left behind,
        which is not refreshed any more, so a later call must not count on it)."""
        self._turn += 1
        self._held = False
        self._until = time.monotonic() + self.limit
        self._app.call_after_refresh(self._idle, self._turn)

    def hold(self) -> None:
        """On the UI thread: busy until the next busy() (a key on its way through the widgets:
        the refreshes before it is handled do not show it), `limit` at most from now."""
        self._held = True
        self._until = time.monotonic() + self.limit

    def coming(self) -> None:
        """On the input thread, as a key is read from the terminal (before the UI thread has it):
        workers wait from now on, not only once the UI thread takes the key. (A worker holding
        the interpreter delays each of the UI thread's turns by up to the switch interval, 5 ms,
        and handling a key takes dozens of them.) The UI thread's busy() then waits for the
        refresh that shows the key; a key the app drops still lets the workers go after `limit`."""
        self._turn += 1  # (a refresh asked for before it answers an earlier key, not this one)
        self._until = time.monotonic() + self.limit

    def when_idle(self, callback: Callable[[], object]) -> None:
        """On the UI thread: call `callback` now, or, while a key is coming or being drawn, once
        the screen shows it (the chores after the first frame: starting the workers, the
        footer's key widgets, storing the frame), so that a key typed as the facts show is
        handled before them, not after. Parked chores run at the next refresh that leaves no key
        waiting (`limit` at most after a key that never reached the UI thread)."""
        if not self.is_busy:
            callback()
            return
        self._parked.append(callback)
        if len(self._parked) == 1:
            self._app.set_timer(self.limit, self._run_parked)

    def _run_parked(self) -> None:
        if self.is_busy:
            self._app.set_timer(max(0.005, self._until - time.monotonic()), self._run_parked)
            return
        parked, self._parked = self._parked, []
        for callback in parked:
            callback()

    def _idle(self, turn: int) -> None:
        if turn == self._turn and not self._held:  # (the screen has been refreshed since the last busy())
            self._until = 0.0
            if self._parked:
                self._app.call_later(self._run_parked)

    @property
    def is_busy(self) -> bool:
        return time.monotonic() < self._until

    def wait(self, cancelled: Callable[[], bool]) -> None:
        """On a worker thread, between two slices of work: wait while the UI is busy."""
        while time.monotonic() < self._until and not cancelled():
            time.sleep(0.001)
