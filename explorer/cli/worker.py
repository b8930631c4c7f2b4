"""The search server's helper process: the workspace's loader and an index to update, for edits.

The server (cli/server.py) answers from the stored, memory-mapped index (`core.search.store`):
a query decodes only what it touches, and nothing else is held. What makes an edit quick (a
loader whose memo reloads only the changed cards, `Loader.prepare_reloads`; an index whose
changed records alone are made again, `SearchIndex.update`) takes seconds of CPU to make and
about 180 MiB to hold at 30,000 cards (the loader). It is made here, in a process of its own
started by the server (`Worker`) once the files change, so that making it never holds the
server's interpreter lock while a search waits, and its memory is given back whole when it ends:
searches of an unchanged workspace never pay for it.

The index here is the stored one too, memory-mapped, with an overlay of what changed since
(`SearchIndex.update` over tables read back: the changed cards' records made again, every other
record left in the file; only the big strings are held whole). An index built here (no stored
one of the files as they are) is held only until it is stored: then the stored copy is mapped
in its place (`remap`). Started after an edit, with the stamp of the index the server maps
(`python -c ... FD ROOT DIGEST`), it updates that index from the card cache's snapshot (the fact
base the index was stored from, read stale by the loader, `Loader.keep_stale`) to the cards as
they are: only the cards that differ are indexed again.

What the server asks, over a socket pair (`server.send_message`/`read_message`: marshal, plain
values only), one request at a time, each answered in order:

    ("reload", paths, full)   the files events named (relative paths), or every file (`full`)
                              -> ("reloaded", whether any card or source changed)
    ("search", fields, argv)  a search, as the server would run it (`server.run_search`), over
                              this index -> ("answer", status, chunks) or ("pass",)
    ("store", digest, newest, taken)
                              the index and the card cache stored (the stamp the server took,
                              see Server.settle), in a child of this process so that searches
                              are not held up -> ("storing",)

Besides the answers, it says ("hello", digest of factex's code) when it starts and ("ready", ok,
how) once the loader and the index are made (how: "stored", "updated" or "built", see prepare). It ends when the server's end of the socket closes.
"""

from __future__ import annotations

import os
import sys


class Prepared:
    """The loader of the workspace and the index of its fact base, kept up to date by reloads."""

    def __init__(self, root: str):
        self.root = root
        st = os.stat(root)
        self.ident = (st.st_dev, st.st_ino)
        self.loader = None
        self.built = None
        self.errors = 0
        self.changes = 0  # reloads that changed something
        self.storing = None  # (child pid, stamp, `changes` then): a child stores the index
        self.how = None  # how `prepare` made the index: "stored", "updated" or "built"
        self.fresh = False  # the index `prepare` made is not the stored one of the files as they are

    def prepare(self, mapped: str | None = None) -> bool:
        """The loader (from the card cache's snapshot), its memo for reloads of a few cards, and
        the index of its fact base, to be updated: the stored one, mapped, when it was stored of
        the files as they were through the whole load; else, when the server maps a stored index
        (its stamp's digest `mapped`: the server starts this process only once the files changed
        since) and the card cache's snapshot is the fact base that index was made from, that
        index updated (only the records of the cards that differ from the snapshot's made
        again); else built here. `how` says which ("stored", "updated", "built")."""
        from explorer.core.heap import long_lived
        from explorer.core.loading.loader import Loader
        from explorer.core.search import SearchIndex, store

        with long_lived():  # (no collector pass over what is loaded; frozen after)
            try:
                stamp = store.workspace_stamp(self.root)
                loader = Loader(self.root)
                loader.keep_stale = mapped is not None
                base = loader.load(save=False)
                stale, loader.stale = loader.stale, None
                same = loader.prepare_reloads()
                current = same if same is not None else (loader.prepared[1] or base)
                index = None
                got = store.load(self.root, stamp) if stamp is not None else None
                # (used when nothing changed during the load: then it is the index of its files;
                # the second stamp only then, one stat of every file)
                if got is not None and _same_stamp(stamp, store.workspace_stamp(self.root)):
                    index = got[0]
                    index.base = current
                    self.how = "stored"
                del got
                if index is None and stale is not None:
                    index = self._updated(mapped, stale, current)
                    stale = None
                if index is None:
                    index = SearchIndex(current)
                    self.how = "built"
                self.built = index
                self.errors = len(current.errors)
                self.loader = loader
                self.fresh = mapped is not None
                return True
            except Exception:  # noqa: BLE001 - a reload then loads the usual way, which says what is wrong
                self.loader = self.built = None
                return False

    def _updated(self, mapped: str, stale, current):
        """The stored index of stamp digest `mapped`, updated to `current`, when the snapshot
        `stale` ((its key's digest, its fact base), read by the loader and found stale) is the
        fact base that index was stored from (the digest saved with it, `Loader.read_digest`);
        else None."""
        from explorer.core.search import store

        key, old = stale
        got = store.load(self.root, store.Stamp(mapped, 0, 0))
        if got is None or got[1].get("snapshot") != key:
            return None
        index = got[0]
        index.base = old
        updated = index.update(current)
        self.how = "built" if updated.anew else "updated"
        return updated

    def reload(self, paths: list[str], full: bool) -> bool:
        """Bring the loader and the index up to date with the files `paths` (every file when
        `full`); whether any card or source changed."""
        from explorer.core.heap import long_lived
        from explorer.core.loading.loader import Loader
        from explorer.core.search import SearchIndex

        fresh, self.fresh = self.fresh, False
        with long_lived():  # (no collector pass over what is loaded; frozen after)
            # The files events named are read again whatever their stamps say (Loader.forget:
            # two writes within a tick of a coarse file clock can leave the same stamp).
            named = sorted(paths)
            cards = any(p.endswith((".yaml", ".yml")) or p.startswith("seeds/") for p in paths)
            # (what was read before: only needed for events that name no card)
            before = (self.loader.last_fingerprint if self.loader is not None and self.built is not None
                      and not cards and not full else None)
            if self.loader is None:
                self.loader = Loader(self.root)
                base = self.loader.load(save=False)
                if named:
                    self.loader.forget(named)
                    base = self.loader.load(changed=named, save=False)
            else:
                self.loader.forget(named)
                base = (self.loader.load(save=False) if full
                        else self.loader.load(changed=named, save=False))
            if before is not None and self.loader.last_fingerprint == before and not fresh:
                return False  # (events, but every card and source as it was: an editor's temporary file)
            # Only the changed cards' records made again (SearchIndex.update)
            self.built = self.built.update(base) if self.built is not None else SearchIndex(base)
            self.errors = len(base.errors)
            self.changes += 1
            return True

    def provide(self, root):
        """The index for `cli.search.warm_index`: ours only when `root` is our workspace."""
        from explorer.cli.server import _Pass

        try:
            st = os.stat(root)
        except OSError:
            raise _Pass() from None
        if (st.st_dev, st.st_ino) != self.ident or self.built is None:
            raise _Pass()
        return self.built, self.errors

    def store(self, digest: str, newest: int, taken: int) -> None:
        """Store the index and the card cache keyed by the stamp the server took, in a child of
        this process (this one has no other thread: a fork is safe), which ends when done."""
        if self.built is None:
            return
        try:
            pid = os.fork()
        except OSError:
            return
        if pid:
            self.storing = (pid, (digest, newest, taken), self.changes)
            return
        try:  # the child: never returns
            from explorer.core.search import store

            extra = {"errors": self.errors}
            if self.loader is not None:
                self.loader.save_cache()
                key = self.loader.read_digest()
                if key is not None:
                    extra["snapshot"] = key  # (the snapshot of this index's fact base: see prepare)
            store.save(self.root, store.Stamp(digest, newest, taken), self.built, extra)
        except BaseException:  # noqa: BLE001 - only a cache: the server then keeps asking this process
            pass
        finally:
            os._exit(0)

    def remap(self, pid: int) -> bool:
        """The child `pid` ended: if it stored this index (no reload since it was asked), map
        the stored copy in place of the one held here (built, or updated since the last one
        was mapped), whose memory goes. True when it did."""
        from explorer.core.search import store

        storing, self.storing = self.storing, None
        if storing is None or storing[0] != pid:
            self.storing = storing
            return False
        if storing[2] != self.changes or self.built is None:
            return False
        try:
            got = store.load(self.root, store.Stamp(*storing[1]))
        except (OSError, ValueError):
            return False
        if got is None:
            return False
        index = got[0]
        index.base = self.built.base
        self.built = index
        return True


def _same_stamp(a, b) -> bool:
    return b is not None and a.digest == b.digest


def main() -> None:
    """`python -c 'from explorer.cli.worker import main; main()' FD ROOT`, started by the server."""
    import socket

    from explorer.cli import server

    fd, root = int(sys.argv[1]), sys.argv[2]
    mapped = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    sock = socket.socket(fileno=fd)
    os.set_inheritable(fd, False)
    null = os.open(os.devnull, os.O_RDWR)
    for n in (0, 1, 2):
        os.dup2(null, n)
    try:
        server.send_message(sock, ("hello", server.code_digest()))
        prepared = Prepared(root)
        server.send_message(sock, ("ready", prepared.prepare(mapped), prepared.how))
        while True:
            for pid in _reap():
                prepared.remap(pid)
            if prepared.storing is not None:  # (a child stores: map what it stored once it ends)
                _wait_readable(sock, prepared)
            msg = server.read_message(sock)
            if msg is None:
                return
            kind = msg[0]
            if kind == "reload":
                try:
                    reply = ("reloaded", prepared.reload(list(msg[1]), bool(msg[2])))
                except Exception:  # noqa: BLE001 - the server ends; the search runs in-process, which says why
                    reply = ("failed",)
            elif kind == "search":
                try:
                    reply = ("answer", *server.run_search(msg[1], list(msg[2]), prepared.provide))
                except server._Pass:
                    reply = ("pass",)
            elif kind == "store":
                prepared.store(*msg[1:4])
                reply = ("storing",)
            else:
                reply = ("pass",)
            server.send_message(sock, reply)
    except (OSError, EOFError, ValueError):
        return
    finally:
        sock.close()


def _reap() -> list[int]:
    """Reap the children that stored (never waiting): their ids."""
    done = []
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return done
        if not pid:
            return done
        done.append(pid)


def _wait_readable(sock, prepared) -> None:
    """Wait for the server's next message, mapping what the storing child stored once it ends
    (so that the index built or updated here is let go then, not at the next message)."""
    import select

    while prepared.storing is not None:
        ready, _, _ = select.select([sock], [], [], 0.1)
        for pid in _reap():
            prepared.remap(pid)
        if ready:
            return
