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
    def __init__(self, root, loader=None) -> None:
        from explorer.core.loading.loader import Loader

        self.loader = loader if loader is not None else Loader(root)
        self.lock = threading.Lock()  # held while the loader is in use (the app's reloads take it too)
        self._state = threading.Lock()
        self._listener = None
        self.result: tuple | None = None  # ("ok", base) or ("error", exception)
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="factex-preload", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise _Cancelled
        listener = self._listener
        if listener is not None:
            listener("progress", (done, total))

    def _run(self) -> None:
        with self.lock:
            try:
                result = ("ok", self.loader.load(progress=self._progress, save=False))
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
        loading thread with ("progress", (done, total)) and then ("done", result)."""
        with self._state:
            if self.result is None:
                self._listener = listener
            return self.result

    def cancel(self, wait: float = 5.0) -> None:
        """Stop a load still running (at its next progress report) and let a cache write end."""
        self.cancelled = True
        self._listener = None
        self.thread.join(wait)
