"""What a worker hands to the UI thread (FactexApp.call_from_thread) is dropped once the app ends.

Two flakes of the suite came from it: a fact base taken over (`_adopt`) as a test's app was being
shut down raised NoMatches '#entities' from the main screen's lists (run_test's shutdown turns
`_running` off, never `_exit`, which was all that was checked); and a worker handing something
over once the app's loop was closed left Textual's coroutine never awaited (a RuntimeWarning).
Here the pieces are driven directly: a worker thread calls at a moment of the shutdown, or with
the loop closed, and whether the callback ran is what is checked."""

from __future__ import annotations

import asyncio
import threading
import warnings

from textual.app import App

from explorer.app.app import FactexApp
from explorer.core.loading.config import Settings

from apphelpers import ready


def _in_a_thread(call):
    got = []
    thread = threading.Thread(target=lambda: got.append(call()))
    thread.start()
    return thread, got


async def _joined(thread) -> None:
    while thread.is_alive():  # (the UI thread's loop keeps running meanwhile)
        await asyncio.sleep(0.005)


async def test_a_worker_handing_over_while_the_app_shuts_down_runs_nothing(tmp_path, monkeypatch):
    (tmp_path / "facts").mkdir()
    app = FactexApp(tmp_path, watch=False, settings=Settings())
    ran: list[str] = []
    got_at_shutdown: list = []
    close_all = App._close_all

    async def closing(self) -> None:  # (run_test's shutdown: _running off, _exit not set)
        thread, got = _in_a_thread(lambda: self.call_from_thread(ran.append, "shown on a screen being taken down"))
        await _joined(thread)
        got_at_shutdown.extend(got)
        await close_all(self)

    monkeypatch.setattr(FactexApp, "_close_all", closing)
    async with app.run_test() as pilot:
        await pilot.pause()
        thread, got = _in_a_thread(lambda: app.call_from_thread(lambda: ran.append("running") or 42))
        await _joined(thread)
        assert got == [42] and ran == ["running"]  # (a running app runs it, and returns its result)
    assert got_at_shutdown == [None] and ran == ["running"]


async def test_a_worker_handing_over_to_a_closed_loop_leaves_no_coroutine_behind(tmp_path):
    (tmp_path / "facts").mkdir()
    app = FactexApp(tmp_path, watch=False, settings=Settings())
    async with app.run_test() as pilot:
        await ready(pilot)  # (the start's own workers done: none hands over to the closed loop but this one)
        closed = asyncio.new_event_loop()
        closed.close()
        running_loop = app._loop
        app._loop = closed  # (the loop gone while the app still counts as running: the race's far side)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                thread, got = _in_a_thread(lambda: _raises_or(lambda: app.call_from_thread(lambda: "ran")))
                await _joined(thread)
                import gc

                gc.collect()
        finally:
            app._loop = running_loop
    assert got == ["RuntimeError"]  # (Textual's error for a loop that is closed, the app still running)
    assert not [w for w in caught if "never awaited" in str(w.message)], [str(w.message) for w in caught]


def _raises_or(call):
    try:
        return call()
    except RuntimeError:
        return "RuntimeError"
