"""`factex search QUERY [WORKSPACE]`: the search engine of the explorer, on the command line.

Prints the ranked hits grouped by kind (entities, relations, quotes, article passages), one line
each: the text with the matched characters highlighted (on a terminal only), then a dimmed detail.
Exit status: 0 hits found, 1 nothing matched, 2 usage error (no workspace, malformed query).
"""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex search",
        description="Search entities, relations, quotes and the article text. Fuzzy by default (the "
        "letters in order, as in fzf), case-insensitive unless the query has a capital, and blind to "
        "typography and accents.",
        epilog="Query syntax: space-separated terms must all match; 'word exact; ^word prefix; word$ "
        "suffix; !word excludes; a | b either. Filters: type:person certainty:hedged by:kcna "
        "source:ID kind:relation (a,b for either value; !type:x excludes). "
        "Exit status: 0 hits, 1 no match, 2 usage error.",
    )
    p.add_argument("query", help="what to look for (quote it for the shell when it has spaces or !)")
    options.add_workspace(p)
    p.add_argument("--kind", "-k", action="append", metavar="K",
                   help="only this kind: entity, relation, quote or passage, as in kind: in a query "
                   "(repeat, or a,b, for several)")
    p.add_argument("--limit", "-n", type=int, default=50, metavar="N", help="show at most N hits (default: 50)")
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    given = options.workspace(p, args)
    from explorer.core.errors import QueryError
    from explorer.core.search import KIND_TITLES, kind_named, unknown_kind

    kinds: set[str] | None = None
    if args.kind:
        kinds = set()
        for value in args.kind:
            for word in value.split(","):
                if not word.strip():
                    continue
                kind = kind_named(word)
                if kind is None:
                    p.error(f"argument --kind: {unknown_kind(word.strip())}")
                kinds.add(kind)
    if args.limit < 0:
        p.error("argument --limit: must be 0 or more")
    if not args.query.strip():
        print("factex search: empty query; give a word to look for, or a filter such as type:person", file=sys.stderr)
        return 2

    root = options.find_root(given)
    if root is None:
        return 2
    index, errors = warm_index(root)
    from explorer.core.safetext import visible
    from explorer.core.search.store import DamagedIndex

    try:
        try:
            results = index.search(args.query, kinds=kinds, limit=args.limit)
        except DamagedIndex:
            # The stored index is damaged (found as the search first read a part of it): searched
            # as if none were stored, the cards loaded and the index built (and stored again).
            if SERVED is not None:
                raise _ServedDamaged() from None  # (the server's mapped index: see cli/server.py)
            from explorer.core.search import store

            store.discard(root)
            index, errors = warm_index(root)
            results = index.search(args.query, kinds=kinds, limit=args.limit)
    except QueryError as exc:
        where = f" (at column {exc.position + 1})" if exc.position is not None else ""
        print(f"factex search: {visible(exc.hint)}{where}", file=sys.stderr)
        return 2

    if args.format == "json":
        options.json_dump({
            "query": args.query,
            "total": results.total,
            "counts": results.counts,
            "results": [hit.to_json() for hit in results.hits],
        })
        return 0 if results.total else 1

    colour = options.colour(sys.stdout)
    bold, match, dim, reset = ("\x1b[1m", "\x1b[1;33m", "\x1b[2m", "\x1b[0m") if colour else ("", "", "", "")
    if errors:
        print(f"factex search: {errors} error{'s' if errors != 1 else ''} in the cards; cards with errors "
              "are not searched (run factex check)", file=sys.stderr)
    if not results.total:
        print("factex search: no match", file=sys.stderr)
        return 1
    first = True
    for kind, hits in results.groups().items():
        if not hits:
            continue
        if not first:
            print()
        first = False
        matched = results.counts.get(kind, len(hits))
        count = f"{len(hits)} of {matched}" if matched > len(hits) else f"{len(hits)}"
        print(f"{bold}{KIND_TITLES[kind]} ({count}){reset}")
        for hit in hits:
            text = highlight(hit.text, hit.positions, match, reset, visible)
            detail = f"  {dim}{visible(hit.detail)}{reset}" if hit.detail else ""
            print(f"  {text}{detail}")
    shown = len(results.hits)
    if results.total > shown:
        print(f"\n{dim}{shown} of {results.total} matches shown; --limit N shows more{reset}")
    return 0


# Set by the search server (cli/server.py) while it runs a search: root -> (index, errors).
SERVED = None


class _ServedDamaged(Exception):
    """The server's stored index is damaged (store.DamagedIndex): not a FactexError, so that
    `run_command` does not print it; the server passes the search to the client and ends."""


def warm_index(root):
    """The search index of the workspace and how many errors its cards have: the search
    server's (when this runs in it), read from the stored index when nothing changed since it
    was written (`core.search.store`), else loaded, built and stored for next time."""
    if SERVED is not None:
        return SERVED(root)
    import gc

    from explorer.core.search import store

    wait_for_store(root)  # (a cold search's child storing this workspace: what it stores is read)
    gc.disable()  # a short-lived process: nothing worth collecting, and a collection costs
    if store.index_file(root).exists():  # (no file: nothing stored to stamp against)
        got = store.load(root, store.workspace_stamp(root))
        if got is not None:
            index, extra = got
            return index, int(extra.get("errors", 0))
    import time

    from explorer.core.loading.loader import Loader

    global _PENDING, _PENDING_ROOT
    started = time.time_ns()  # (before anything is read: see store.Stamp)
    loader = Loader(root)
    base = loader.load(save=False, finish_later=True)
    cold = Cold(base)
    errors = len(base.errors)
    # Stored for the next command after the answer is out (`save_after_answer`): the fact base
    # finished, the stamp taken and the whole index built then (building it took longer than
    # the load's last half, and storing it as long again).
    _PENDING = lambda: _store_cold(root, started, loader, cold, errors)  # noqa: E731
    _PENDING_ROOT = root
    return cold, errors


def _store_cold(root, started: int, loader, cold: Cold, errors: int) -> None:
    """Store what a cold search loaded: the card cache and the fact base's snapshot (finished
    first, see Loader.load's `finish_later`), and the whole index, under the stamp of the
    workspace as it is now when every card and source is still what the load read (else the
    index is not stored: the next search loads again). The stamp is taken after the load, so
    that the answer does not wait for it (one stat of every file), and counts as taken when the
    load began (`started`): a file written just before is not stored (see store.Stamp)."""
    from explorer.core.search import store

    loader.save_cache()
    stamp = store.workspace_stamp(root, taken=started)
    if stamp is not None and stamp.settled and loader.unchanged():
        extra = {"errors": errors}
        key = loader.read_digest()
        if key is not None:
            extra["snapshot"] = key  # (its fact base is the snapshot's: see cli/worker.py prepare)
        store.save(root, stamp, cold.whole(), extra)


class Cold:
    """The search of a fact base just loaded, for one query: an index of the records that may
    match it (`core.search.narrow`), as quick to build as they are few; where the answer depends
    on the whole of a kind (`NeedsWhole`), told where that kind's first third ends
    (`narrow.third`), else given every record of that kind; the whole index when nothing narrows
    the query (it only filters or excludes)."""

    def __init__(self, base) -> None:
        self.base = base
        self._whole = None

    def search(self, query: str, **how):
        from explorer.core.search.narrow import narrowed
        from explorer.core.search.run import NeedsWhole

        from explorer.core.search import SearchIndex

        from explorer.core.search.narrow import third

        index = narrowed(self.base, query, how.get("kinds"))
        while index is not None and index.partial:
            try:
                return index.search(query, **how)
            except NeedsWhole as exc:
                end = third(self.base, index, exc.kind) if exc.kind not in index.thirds else None
                if end is not None:
                    index.thirds[exc.kind] = end
                else:
                    index = SearchIndex(self.base, only=index.only.widened(exc.kind))
        return self.whole().search(query, **how)

    def whole(self):
        """The index of the whole fact base (built at the first call)."""
        if self._whole is None:
            from explorer.core.search import SearchIndex

            self._whole = SearchIndex(self.base)
        return self._whole


_PENDING = None  # what a cold `warm_index` left to store: see save_after_answer
_PENDING_ROOT = None  # the workspace it is of
_KEPT: list = []  # what a child stores, held by the parent (see save_after_answer)


STORE_WAIT = 30.0  # seconds a search waits at most for a child storing its workspace (wait_for_store)


def wait_for_store(root, limit: float | None = None) -> bool:
    """Wait while a child stores this workspace's card cache and index (`save_after_answer`),
    so that a search right after a cold one reads what it stores instead of loading cold
    itself. Only when the lock's holder wrote this workspace into it (`_marker`): a holder
    storing another workspace, or one that wrote nothing (a benchmark waiting, a test), is not
    waited for. At most `limit` seconds (STORE_WAIT: a store takes a few seconds at 100,000
    cards): a child that hangs, or is stopped, holding the lock, never holds up the searches of
    its workspace for longer; they then load the workspace themselves, as with no child. True
    when it waited and the child was done."""
    import os

    lock = _saving_lock()
    if lock is None:
        return False
    try:
        if _take(lock, wait=False):
            return False  # (nobody stores)
        try:
            holder = os.pread(lock, 4096, 0)
        except OSError:
            return False
        if not holder or holder != _marker(root):
            return False
        try:
            return _take_within(lock, STORE_WAIT if limit is None else limit)
        except _TimedOut:  # (the timer went off just as the lock was taken)
            return False
    finally:
        os.close(lock)  # (lets go of the lock, if taken)


class _TimedOut(Exception):
    pass


def _take_within(lock: int, seconds: float) -> bool:
    """The lock, taken within `seconds`; False when it was not. In the main thread a blocking
    `flock` cut short by a timer (the wait is the kernel's: it shows in /proc/locks); in another
    thread, tried again every 20 ms."""
    import fcntl
    import signal
    import threading
    import time

    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def expired(signum, frame):
            raise _TimedOut

        try:
            before = signal.signal(signal.SIGALRM, expired)
        except (ValueError, OSError):  # pragma: no cover - signals not ours to set
            before = None
        if before is not None:
            try:
                signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    return True
                except (_TimedOut, OSError):
                    return False
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            finally:
                signal.signal(signal.SIGALRM, before)
    deadline = time.monotonic() + seconds
    while True:
        if _take(lock, wait=False):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _marker(root) -> bytes:
    """What the holder of the saving lock writes into it: the workspace it stores."""
    import os

    try:
        return os.fsencode(os.path.realpath(root))
    except (OSError, ValueError):
        return b""


def _mark(lock: int | None, marker: bytes) -> None:
    """Write `marker` into the saving lock (held), or empty it."""
    import os

    if lock is None:
        return
    try:
        os.ftruncate(lock, 0)
        if marker:
            os.pwrite(lock, marker, 0)
    except OSError:
        pass


def save_after_answer(then=None, detach: bool = True) -> bool:
    """Store what a cold search made (the card cache, the fact-base snapshot, the index) once its
    answer is out, then run `then()` (the search server's start, which then finds the stored
    index). With `detach` (factex run as a program), in a child process of its own session with
    the standard streams on /dev/null, so that neither the answer's reader (a terminal, a pipe)
    nor the shell waits for it; else here, now. What is stored is what the answer came from,
    keyed by the stamp taken before the load, so a card written meanwhile makes it unused
    (`store.load` compares stamps), never stale. While the child writes, it holds an exclusive
    `flock` on `saving_lock_path()` (a benchmark waits on it). False when nothing was left to
    store."""
    global _PENDING
    pending, _PENDING = _PENDING, None
    if pending is None:
        return False
    marker = _marker(_PENDING_ROOT) if _PENDING_ROOT is not None else b""
    if not detach:
        _store(pending, then, None, True)
        return True
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    lock = _saving_lock()
    locked = _take(lock, wait=False)  # (taken here when free: a waiter never misses the child)
    if locked:
        _mark(lock, marker)  # (a search of this workspace from now on waits for what is stored)
    if not hasattr(os, "fork"):  # pragma: no cover - not POSIX: store it here
        _store(pending, then, lock, locked, marker)
        return True
    try:
        pid = os.fork()
    except OSError:  # pragma: no cover - no process to spare: store it here
        _store(pending, then, lock, locked, marker)
        return True
    if pid:
        if lock is not None:
            os.close(lock)  # (the child's copy keeps the lock)
        # Held until this process ends (os._exit, cli.main): letting `pending` go on return
        # tore down the loader and the fact base it holds, 0.17 CPU s at 30,000 cards, and
        # copied every page of them the child still shares.
        _KEPT.append(pending)
        return True
    try:  # the child: never returns
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        _store(pending, then, lock, locked, marker)
    finally:
        os._exit(0)


def saving_lock_path():
    """The lock a child storing a cold search's cache and index holds (`save_after_answer`)."""
    from explorer.core.loading import cache

    return cache.cache_dir() / "saving.lock"


def _saving_lock() -> int | None:
    """An open descriptor of `saving_lock_path()` (None: it cannot be had)."""
    import os

    try:
        path = saving_lock_path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except (OSError, ImportError):
        return None


def _take(lock: int | None, wait: bool) -> bool:
    import fcntl

    if lock is None:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # (held by another child storing: waited for in the child, not here)
        return False
    return True


def _store(pending, then, lock: int | None, locked: bool, marker: bytes = b"") -> None:
    """Store (`pending()`) with the saving lock held and this workspace written into it
    (`wait_for_store`); emptied again before it is let go. Then `then()`."""
    import os

    try:
        if not locked:
            locked = _take(lock, wait=True)
            if locked:
                _mark(lock, marker)
        try:
            pending()
        finally:
            if locked:
                _mark(lock, b"")
        if then is not None:
            then()
    except Exception:  # it is only a cache: the next command makes it again
        pass
    finally:
        if lock is not None:
            os.close(lock)


def highlight(text: str, positions, on: str, off: str, visible) -> str:
    """`text` made safe, with the characters at `positions` wrapped in `on`/`off` (when given)."""
    if not on or not positions:
        return visible(text)
    marked = set(positions)
    out: list[str] = []
    run: list[str] = []
    state = False
    for i, ch in enumerate(text):
        hit = i in marked
        if hit != state and run:
            piece = visible("".join(run))
            out.append(f"{on}{piece}{off}" if state else piece)
            run = []
        state = hit
        run.append(ch)
    if run:
        piece = visible("".join(run))
        out.append(f"{on}{piece}{off}" if state else piece)
    return "".join(out)
