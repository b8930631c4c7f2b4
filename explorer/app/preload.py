"""Loading the workspace while Textual is still being imported.

`factex` starts a `Preload` before it imports the app: the cards load (from the card cache's
snapshot when nothing changed) in a thread while Textual's modules are read, so a small workspace's
facts are ready for the very first frame instead of a second one. The app takes the result when it
mounts, or is told when it comes (`listen`). No Textual here: importing this must cost nothing.
"""

from __future__ import annotations

import os
import threading

# A first start (no card cache yet) of a workspace with at most this many cards reads its cards
# in a helper process (see `_start_helper`).
HELPER_CARDS = 2000
# At most this long (s), the check that the card cache's snapshot still holds waits for the first
# frame that shows it (`wait_for_frame`): the app's safety net, should no frame ever be drawn.
FRAME_WAIT = 5.0


class _Cancelled(Exception):
    """Raised from a load's progress report when the load is no longer wanted."""


class Preload:
    def __init__(self, root, loader=None, *, wait_for_frame: bool = False, helper: bool = False) -> None:
        """`wait_for_frame`: after handing over the card cache's snapshot (`early`), wait (up to
        a few seconds) for `frame_shown` before checking that it still holds: the check's stat
        of every card would slow down the very frame that shows it.

        `helper`: on a first start (no card cache) of a small workspace, read and check the cards
        in a process of their own (`_start_helper`), which writes the card cache; this load then
        starts from it. Only where nothing else runs yet (the command line, before Textual)."""
        from explorer.core.loading.loader import Loader

        self.loader = loader if loader is not None else Loader(root)
        self._helper = _start_helper(self.loader) if helper else None
        self.helper_pid = self._helper[0] if self._helper is not None else None
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
        # `typing()`, set by the app once it takes keys: whether the user is typing now. The check
        # that the snapshot still holds (a walk and a stat of every card, ~0.3 s of CPU at 30,000
        # cards, just as the facts show and keys are typed) waits at its checkpoints while so.
        self.typing = None
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
            self.frame_shown.wait(FRAME_WAIT)

    def _pause(self) -> None:
        """At the load's checkpoints (explorer.core.pausing): once the snapshot is shown (`early`),
        wait while the user types (never before: the facts are what the keys wait for)."""
        import time

        while self.early is not None and not self.cancelled:
            typing = self.typing
            if typing is None or not typing():
                return
            time.sleep(0.02)

    def _run(self) -> None:
        from explorer.core.heap import long_lived
        from explorer.core.pausing import pausing

        with self.lock:
            if self._helper is not None:
                self._wait_for_helper()
                if self.cancelled:
                    return
            try:
                with long_lived(), pausing(self._pause):
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

    def _wait_for_helper(self) -> None:
        """Until the helper process has ended (its end of the pipe closes), or this load is no
        longer wanted; the load then reads what it wrote, or loads here if it wrote nothing."""
        import select

        pid, fd = self._helper
        self._helper = None
        try:
            while not self.cancelled:
                if select.select([fd], [], [], 0.1)[0] and not os.read(fd, 1):
                    break
        except OSError:
            pass
        finally:
            os.close(fd)
        try:
            os.waitpid(pid, 0 if not self.cancelled else os.WNOHANG)
        except OSError:
            pass

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


def _only_thread() -> bool:
    """Whether this is the process's only thread (a fork copies just the calling thread: a lock
    another one holds would stay held in the copy)."""
    return threading.active_count() == 1


def _small(root, limit: int) -> bool:
    """Whether the workspace's facts/ holds at most `limit` entries (a walk that stops early)."""
    from explorer.core.layout import FACTS_DIR

    seen = 0
    folders = [os.path.join(root, FACTS_DIR)]
    try:
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen > limit:
                        return False
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
    except OSError:
        return False
    return True


def _start_helper(loader) -> tuple[int, int] | None:
    """On a first start (no card cache's snapshot) of a workspace of at most HELPER_CARDS cards,
    fork a process that loads and checks the cards and writes the card cache and its snapshot,
    as `factex check` does: parsing YAML and anchoring the quotes (~60 ms of CPU for the
    shipped article, with the YAML library's import) then runs on another core while this
    process imports Textual, instead of taking its GIL; this process's load then starts from
    the snapshot (~10 ms) and checks it holds, as any start with a cache does. A first start
    only: with a cache there is nothing to gain. Returns (pid, the read end of a pipe that
    closes when the helper ends), or None when not started (no fork, another thread already
    running, the cache off, a snapshot there, a large workspace: those load here as before).

    Nothing is shared but the files: the helper writes them as every load does (a temporary
    file, renamed), and this process checks the snapshot's stamps before using it, so a card
    written meanwhile is read again, never missed."""
    from explorer.core.loading import cache

    if not hasattr(os, "fork") or not _only_thread() or not loader.use_cache or not cache.enabled():
        return None
    try:
        if os.path.exists(cache.snapshot_file(loader.root)) or not _small(loader.root, HELPER_CARDS):
            return None
        r, w = os.pipe()
    except (OSError, ImportError):
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid:
        os.close(w)
        return pid, r
    try:  # the helper: never returns
        os.close(r)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # (never the terminal: not a key read, not a byte written)
            os.dup2(null, fd)
        loader.load(save=True)
    except BaseException:  # noqa: BLE001 - the app loads again, and reports what is wrong
        pass
    finally:
        os._exit(0)
