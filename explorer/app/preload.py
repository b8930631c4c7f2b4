"""Loading the workspace while Textual is still being imported.

`factex` starts a `Preload` before it imports the app: the cards load (from the card cache's
snapshot when nothing changed) in a thread while Textual's modules are read, so a small workspace's
facts are ready for the very first frame instead of a second one. The app takes the result when it
mounts, or is told when it comes (`listen`). No Textual here: importing this must cost nothing.
"""

from __future__ import annotations

import threading


class _Cancelled(Exception):
    """Raised from a load's progress report when the load is no longer wanted."""


class Preload:
    def __init__(self, root, loader=None, *, wait_for_frame: bool = False) -> None:
        """`wait_for_frame`: after handing over the card cache's snapshot (`early`), wait (up to
        a few seconds) for `frame_shown` before checking that it still holds: the check's stat
        of every card would slow down the very frame that shows it."""
        from explorer.core.loading.loader import Loader

        self.loader = loader if loader is not None else Loader(root)
        self.lock = threading.Lock()  # held while the loader is in use (the app's reloads take it too)
        self._state = threading.Lock()
        self._listener = None
        self.result: tuple | None = None  # ("ok", base) or ("error", exception)
        # The last session's fact base (the snapshot), while the load checks that it still holds:
        # the result is then that very object, or a freshly checked one.
        self.early = None
        self.wait_for_frame = wait_for_frame
        self.frame_shown = threading.Event()
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="factex-preload", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise _Cancelled
        listener = self._listener
        if listener is not None:
            listener("progress", (done, total))

    def _early(self, base) -> None:
        with self._state:
            self.early = base
            listener = self._listener
        if listener is not None:
            listener("early", base)
        if self.wait_for_frame and not self.cancelled:
            self.frame_shown.wait(5.0)

    def _run(self) -> None:
        from explorer.core.heap import long_lived

        with self.lock:
            try:
                with long_lived():
                    result = ("ok", self.loader.load(progress=self._progress, save=False, early=self._early))
            except _Cancelled:
                return
            except Exception as exc:  # noqa: BLE001 - handed to the app, which loads again and reports
                result = ("error", exc)
            with self._state:
                self.result = result
                listener = self._listener
            if listener is not None:
                listener("done", result)
            # Then write the card cache (if this load changed it), still holding the loader.
            if result[0] == "ok" and not self.cancelled:
                self.loader.save_cache()

    def listen(self, listener) -> tuple | None:
        """The result if there is one now; else `listener(event, value)` is called from the
        loading thread with ("progress", (done, total)), ("early", base) (see `early`) and then
        ("done", result)."""
        with self._state:
            if self.result is None:
                self._listener = listener
            return self.result

    def cancel(self, wait: float = 5.0) -> None:
        """Stop a load still running (at its next progress report) and let a cache write end."""
        self.cancelled = True
        self._listener = None
        self.frame_shown.set()
        self.thread.join(wait)
