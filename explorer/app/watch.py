"""Watching a workspace's cards and sources with the operating system's file events.

`FileWatcher` runs `watchfiles` (Rust's `notify`: inotify, FSEvents, ReadDirectoryChangesW) in a
thread that sleeps in the kernel until something changes, so an idle app uses no CPU, and a saved
card is reported within about `STEP_MS` of the write. Events are grouped: a burst (a `git checkout`
rewriting thousands of cards: `BURST` changes or more at once) is reported once it has been quiet
for `BURST_QUIET_MS`, and the app reloads once, re-checking only the cards whose stamps changed.
Only what a load reads counts: card files under facts/ (not dot files or editor backups), folders
there (whatever their names), and files in seeds/.

Links are never followed out of the workspace: each real folder under facts/ and seeds/ (not a
hidden one, which no load enters) is watched on its own, not recursively, and a link to a folder
only when it resolves inside the workspace (`watched_folders`); when a folder or a link appears or
a watched folder goes, the watches are set up again before the change is reported. (The Rust
notifier's recursive watch followed links: `facts/usr -> /usr` put 15,807 inotify watches on /usr
in 15 s, and `seeds/root -> /` walked the whole file system.)

`start()` returns None when file events are not available (watchfiles missing, no inotify watches
left, a file system without events); the app then polls the cards' stamps instead.
"""

from __future__ import annotations

import os
import stat
import threading
from collections import deque

STEP_MS = 50  # report once nothing more has changed for this long
MAX_GROUP_MS = 5000  # report at least this often during a long burst (a git checkout is one report)
BURST = 20  # a group of this many changes is a burst (a git checkout, a script): ...
BURST_QUIET_MS = 400  # ... reported once nothing more has changed for this long (a pause mid-burst
                      # on a busy machine would otherwise make it two reloads)


class FileWatcher:
    def __init__(self, root, on_change, on_failure=None) -> None:
        self.root = os.fspath(root)
        self.on_change = on_change
        self.on_failure = on_failure  # called (from the watching thread) if watching fails
        self._stop = threading.Event()
        self.failed: BaseException | None = None
        self.thread: threading.Thread | None = None
        self.ready = threading.Event()  # set once every watch is in place (or watching failed)

    def folders(self) -> list[str]:
        from explorer.core.layout import FACTS_DIR, SOURCES_DIR

        return [p for p in (os.path.join(self.root, FACTS_DIR), os.path.join(self.root, SOURCES_DIR)) if os.path.isdir(p)]

    def watched_folders(self, tops: list[str]) -> list[str]:
        """Every folder a load may read under `tops` (facts/ and seeds/), as paths under them:
        real folders and links to folders that resolve inside the workspace, each real folder
        once; no hidden folder (.git), nothing outside the workspace, no loop."""
        from explorer.core.layout import MAX_DEPTH, hidden_name

        def under(path: str, folder: str) -> bool:
            return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

        inside = os.path.realpath(self.root)
        top_reals = [os.path.realpath(top) for top in tops]
        # (breadth first: facts/ and seeds/ named as such; each with its depth below them: none deeper
        # than a load reads, MAX_DEPTH)
        out, seen, queue = [], set(), deque((top, 0) for top in tops)
        while queue:
            folder, depth = queue.popleft()
            real = os.path.realpath(folder)
            if real in seen or not under(real, inside):
                continue
            if folder not in tops and any(under(top, real) for top in top_reals):
                continue  # a link to facts/'s or seeds/'s own folder or above it: a loop
            seen.add(real)
            out.append(folder)
            if depth >= MAX_DEPTH:
                continue
            try:
                with os.scandir(folder) as entries:
                    subs = [e.path for e in entries if not hidden_name(e.name) and _is_folder(e)]
            except OSError:
                continue
            queue.extend((sub, depth + 1) for sub in sorted(subs))
        return out

    def _reshaped(self, raw, watched: set[str]) -> bool:
        """Whether a change adds or removes a folder (or a link) to watch: a watched folder gone
        or moved, a folder or a link made under facts/ or seeds/."""
        from explorer.core.layout import hidden_name

        for _change, path in raw:
            if path in watched:
                return True
            if hidden_name(os.path.basename(path)):
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
                return True
        return False

    def relevant(self, _change, path: str) -> bool:
        """Whether a changed path is one a load reads (or a folder holding some)."""
        from explorer.core.layout import CARD_SUFFIXES, FACTS_DIR, SOURCES_DIR, hidden_name

        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        name = rel.rsplit("/", 1)[-1]
        if hidden_name(name) or ("/." in rel and any(hidden_name(part) for part in rel.split("/")[1:-1])):
            return False  # (also what is inside a hidden folder, facts/.git/objects/..., which no walk enters)
        if rel.startswith(SOURCES_DIR + "/"):
            return True
        if not rel.startswith(FACTS_DIR + "/"):
            return False
        if name.lower().endswith(CARD_SUFFIXES):  # (Card.YAML too: a load says it is not read)
            return True
        # A folder made, renamed or removed (its cards come or go with it; "v1.2" or "2024.03"
        # is a folder name too): a path that is a folder now, or is gone (what it was cannot be
        # asked any more; the loader knows which folders it walked). A file that is not a card
        # (notes.txt) is not read by a load.
        try:
            return stat.S_ISDIR(os.stat(path).st_mode)
        except OSError:
            return True

    def run(self, ready: threading.Event) -> None:
        """Watch facts/ and seeds/ (recursively); when either is removed, added or moved (seen by
        the watch on the workspace folder itself, `_watch_root`), set the watches up again."""
        try:
            # watchfiles' own watch() sets its watches up only when first iterated; its Rust
            # notifier (what watch() wraps) has them in place once built, so `start()` returning
            # means no later write is missed.
            from watchfiles._rust_notify import RustNotify

            pending = None  # a change that set the watches up again, reported once they are
            while not self._stop.is_set():
                self._again = threading.Event()
                folders = self.watched_folders(self.folders())
                watched = set(folders)
                with RustNotify(folders or [self.root], False, False, 300, False, True) as notify:
                    ready.set()
                    if pending is not None:
                        self._report(pending)
                        pending = None
                    while not (self._stop.is_set() or self._again.is_set()):
                        stop = _Either(self._stop, self._again)
                        raw = notify.watch(MAX_GROUP_MS, STEP_MS, 1000, stop)
                        if isinstance(raw, str):  # "stop", "timeout", "signal": nothing changed
                            continue
                        raw = set(raw)
                        while len(raw) >= BURST and not stop.is_set():
                            more = notify.watch(MAX_GROUP_MS, STEP_MS, BURST_QUIET_MS, stop)
                            if isinstance(more, str):
                                break  # quiet for BURST_QUIET_MS: the burst is over
                            raw |= more
                        if self._reshaped(raw, watched):
                            pending = raw  # (reported once the new folder is watched: nothing written in it is missed)
                            break
                        self._report(raw)
        except BaseException as exc:  # noqa: BLE001 - any failure: the app polls instead
            self._fail(exc, ready)

    def _fail(self, exc: BaseException, ready: threading.Event) -> None:
        first = self.failed is None
        self.failed = exc
        ready.set()
        self._stop.set()
        if first and self.on_failure is not None:
            self.on_failure()

    def _watch_root(self, ready: threading.Event) -> None:
        from explorer.core.layout import FACTS_DIR, SOURCES_DIR

        try:
            from watchfiles._rust_notify import RustNotify

            with RustNotify([self.root], False, False, 300, False, True) as notify:
                ready.set()
                while not self._stop.is_set():
                    raw = notify.watch(MAX_GROUP_MS, STEP_MS, 1000, self._stop)
                    if isinstance(raw, str):
                        continue
                    names = {os.path.basename(path) for _, path in raw}
                    if names & {FACTS_DIR, SOURCES_DIR}:
                        self._again.set()  # the folders are watched anew ...
                        self.on_change(raw)  # ... and loaded again
        except BaseException as exc:  # noqa: BLE001
            self._fail(exc, ready)

    def _report(self, raw) -> None:
        changes = {(change, path) for change, path in raw if self.relevant(change, path)}
        if changes:
            self.on_change(changes)

    def start(self, wait: float = 5.0) -> "FileWatcher | None":
        """Start watching; None (and nothing left running) when file events are not available.
        With `wait=0` it returns at once (the app's first frame does not wait for the watches to
        be set up) and a failure is reported to `on_failure` instead."""
        # Only whether it is installed: importing it (and anyio, which it imports, and which reads
        # and parses its own source as it is imported) takes 20-50 ms, done by the watching
        # threads themselves, never by the UI thread that starts them. (A failing import there
        # is a failure like any other: the app polls.)
        from importlib.util import find_spec

        try:
            if find_spec("watchfiles") is None:
                return None
        except (ImportError, ValueError):
            return None
        self._again = threading.Event()
        ready, root_ready = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.run, args=(ready,), name="factex-watch", daemon=True)
        self.thread.start()
        threading.Thread(target=self._watch_root, args=(root_ready,), name="factex-watch-root", daemon=True).start()

        def both() -> None:
            ready.wait()
            root_ready.wait()
            self.ready.set()

        threading.Thread(target=both, name="factex-watch-ready", daemon=True).start()
        if not wait:
            return self
        if not (ready.wait(wait) and root_ready.wait(wait)) or self.failed is not None:
            self.stop()
            return None
        return self

    def stop(self) -> None:
        self._stop.set()


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder, or a link to one (where it leads is checked by `watched_folders`)."""
    try:
        return entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and entry.is_dir())
    except OSError:
        return False


class _Either:
    """Set when either event is (what the Rust notifier asks of a stop event: `is_set()`)."""

    def __init__(self, a: threading.Event, b: threading.Event) -> None:
        self.a, self.b = a, b

    def is_set(self) -> bool:
        return self.a.is_set() or self.b.is_set()
