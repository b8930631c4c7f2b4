"""`factex server start|stop|status|run [WORKSPACE]`: the search server of one workspace.

A `factex search` in a new process pays the interpreter, its imports and a look at every card's
stamp before it can answer (see core/search/store.py). The server answers instead, as dmypy or
watchman do: it holds the workspace's search index, watches `facts/` and `seeds/` with inotify
(core/inotify.py) and, before answering each request, reads every event queued without waiting.
The kernel queues an event inside the call that writes a file, so every write finished before
the client started has been seen: an answer is never older than the files. Changed cards are
loaded again (`Loader.load(changed=...)`); a queue overflow or a folder made, removed or renamed
means a full look (the loader stamps every card again).

Two processes (see cli/worker.py): the server answers from the stored, memory-mapped index (a
query decodes only what it touches; nothing else is held); a helper process it starts holds the
loader and an index to update, so that making them never holds this interpreter's lock while a
search waits. It is started only when the files change (the first event that names one; or when
no index is stored at the start): searches of an unchanged workspace are answered with nothing
but the mapped index in memory, in one process. Events are reloaded by the helper, which then
answers (`ahead`) until, quiet for SETTLE seconds, it stores its index under a stamp the server
takes and the server maps that (`settle`, `adopt`). A helper started after an edit updates the
mapped index (the records of the cards that differ from the card cache's snapshot, the fact base
that index was stored from, made again) rather than build one. It ends after RELEASE quiet
seconds (its memory given back whole) and is started again by the next edit.

It starts by itself: the first `factex search` of a workspace with no server starts one in the
background after answering (`client.autostart`), unless FACTEX_SERVER=0 or FACTEX_CACHE=0; or run
`factex server start`. It ends by itself: after `IDLE` seconds without a request (15 minutes;
FACTEX_SERVER_IDLE), when the workspace folder or its facts/ is removed or moved away, when factex's
own code changes, when a symbolic link (or a second hard link) turns up in facts/ or seeds/
(what it points to can change unseen); or `factex server stop`. Where there is no inotify (macOS,
others), or the workspace is on a network or FUSE file system, no server starts: a search runs
in-process, stat-checking every card as before.

Security (workspaces are untrusted, see SECURITY.md): the socket is in a folder only this user may
enter (client.server_dir), the server answers only a peer with its own user id (SO_PEERCRED),
requests are bounded (client.MAX_REQUEST) and read with a timeout, one server per workspace holds
a lock (`ws-KEY.lock`), and a stale socket is removed only when it is a socket of ours that
nothing answers on, with that lock held. Folders are watched through descriptors opened with
O_NOFOLLOW. The helper is reached only through an anonymous socket pair (nothing on the file
system), runs this server's code (it says a digest of it first) and ends with it.

What it answers is what the in-process command prints: it runs the same code
(`explorer.cli.run_command`) with the client's arguments, current folder, terminal (whether one,
its size, its encoding) and environment (client.ENVIRONMENT), only handed its index instead of
reading one (`cli.search.SERVED`). If the workspace the arguments name is not its own, or
anything goes wrong, it passes (`F`) and the client runs the command itself.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
import time

from explorer.cli import client, options
from explorer.core.safetext import visible

IDLE = 15 * 60  # seconds without a request before a server ends
SETTLE = 5.0  # quiet seconds after a reload before the index is stored and mapped (FACTEX_SERVER_SETTLE)
RELEASE = 120.0  # quiet seconds (mapped index current) before the helper process ends (FACTEX_SERVER_RELEASE)
QUIET = 0.05  # events this close together are one burst: reloaded once


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex server",
        description="The search server of a workspace: it keeps the search index in memory and "
        "watches the files (Linux inotify), so `factex search` answers at once and never from "
        "before an edit. The first search starts one by itself (FACTEX_SERVER=0 never does); "
        "it ends after 15 minutes without a search (FACTEX_SERVER_IDLE seconds).",
    )
    p.add_argument("action", choices=("start", "stop", "status", "run"),
                   help="start one in the background; stop it; say whether one runs; run one here "
                   "(in the foreground)")
    options.add_workspace(p)
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    root = options.find_root(options.workspace(p, args))
    if root is None:
        return 2
    if args.action == "run":
        return serve(str(root))
    why = unsupported(str(root))
    if why:
        print(f"factex server: {visible(why)}; factex search runs without one", file=sys.stderr)
        return 1 if args.action == "start" else 0
    path = client.socket_path(root, create=args.action == "start")
    if path is None:
        print("factex server: no private folder for the server's socket "
              "($XDG_RUNTIME_DIR/factex or the cache folder's factex/servers, 0700)", file=sys.stderr)
        return 1
    if args.action == "status":
        got = _ask(path, "status")
        print(visible(got) if got is not None else "no server")  # (it names the workspace's folder)
        return 0 if got is not None else 1
    if args.action == "stop":
        got = _ask(path, "stop")
        print("stopped" if got is not None else "no server")
        return 0
    if _ask(path, "status") is not None:
        print("already running")
        return 0
    client.spawn(str(root))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        got = _ask(path, "status")
        if got is not None:
            print(visible(got))
            return 0
        marker = _declined(path)
        if marker:
            print(f"factex server: not started: {visible(marker)}", file=sys.stderr)
            return 1
        time.sleep(0.1)
    print("factex server: did not start within 2 minutes", file=sys.stderr)
    return 1


def _ask(path: str, kind: str) -> str | None:
    try:
        _, chunks = client.ask(path, client.request(kind), ack_timeout=2.0)
    except client._Unanswered:
        return None
    return b"".join(data for _, data in chunks).decode("utf-8", "replace").rstrip("\n")


def _declined(path: str) -> str | None:
    try:
        with open(path[: -len(".sock")] + ".declined", encoding="utf-8", errors="replace") as fh:
            return fh.read(500).strip() or "declined"
    except OSError:
        return None


def unsupported(root: str) -> str | None:
    """Why this workspace can have no server here (None: it can)."""
    from explorer.core import inotify

    if not client.enabled():
        return "turned off (FACTEX_SERVER=0 or FACTEX_CACHE=0)"
    if not inotify.available():
        return "no inotify on this system"
    if not inotify.local(root):
        return "the workspace is not on a local file system (inotify would miss changes made elsewhere)"
    return None


# -- the server -----------------------------------------------------------------------------------

class _Pass(Exception):
    """This request is not for the server: the client runs it in-process."""


class _Damaged(_Pass):
    """The stored index the server maps is damaged (`store.DamagedIndex`, found as a search read it)."""


class _Conn:
    __slots__ = ("sock", "kind", "fields", "argv", "lock", "done")

    def __init__(self, sock, kind, fields, argv):
        self.sock, self.kind, self.fields, self.argv = sock, kind, fields, argv
        self.lock = threading.Lock()
        self.done = False

    def send(self, data: bytes) -> None:
        with self.lock:
            if self.done:
                return
            self.done = True
            try:
                self.sock.sendall(data)
            except OSError:
                pass
            try:
                self.sock.close()
            except OSError:
                pass

    def beat(self) -> None:
        with self.lock:
            if not self.done:
                try:
                    self.sock.sendall(b".")
                except OSError:
                    pass


def _code_stamp() -> tuple:
    """Every module of factex by path, size and modification time: a server whose code changed
    on disk (an upgrade, an edit) ends instead of answering with the old code."""
    import explorer

    top = os.path.dirname(os.path.abspath(explorer.__file__))
    out = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                for e in it:
                    if e.name.endswith(".py"):
                        st = e.stat()
                        out.append((e.path, st.st_size, st.st_mtime_ns))
                    elif e.is_dir(follow_symlinks=False) and not e.name.startswith((".", "__")):
                        stack.append(e.path)
        except OSError:
            out.append((folder, -1, -1))
    return tuple(sorted(out))


class Server:
    def __init__(self, root: str, path: str, idle: float):
        from explorer.core import inotify

        self.root = root
        st = os.stat(root)
        self.ident = (st.st_dev, st.st_ino)
        self.path = path
        self.idle = idle
        self.code = _code_stamp()
        self.env = dict(os.environ)  # (the helper's; a search sets the client's for a while)
        self.watch = inotify.Watch(root)
        # Answers come from the stored, memory-mapped index (`index`): a query decodes only what
        # it touches. The loader and an index to update, for edits, live in a helper process
        # (cli/worker.py), started when the files change: making them never holds this
        # interpreter's lock while a search waits, and their memory is let go whole when it
        # ends (after RELEASE quiet seconds). After an edit the helper reloads the changed
        # cards and answers (`ahead`) until it has stored its index and this one maps it (settle).
        self.worker: Worker | None = None
        self.worker_started = 0.0  # (monotonic) when the helper was started
        self.ahead = False  # the helper's index is newer than the mapped one: it answers
        self.storing = None  # (stamp, reloads, when): the helper was asked to store under this stamp
        self.cold_reloads = 0  # reloads after events with no helper ready: a full load, a new index
        self.index = None
        self.index_digest: str | None = None  # the stamp's digest of the stored index mapped
        self.errors = 0
        self.helpers = 0  # helper processes started
        self.changed_at = None  # when the last reload that changed something happened
        self.settle_after = SETTLE
        self.release_after = RELEASE
        self.started = time.time()
        self.last_request = time.monotonic()
        self.last_search = 0.0  # (monotonic) a status request does not keep the helper
        self.requests = 0
        self.reloads = 0
        self.adopted = 0  # indexes the helper stored and this server mapped
        self.queue: list[_Conn] = []
        self.qlock = threading.Lock()
        self.wake_r, self.wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self.stopping = False

    @property
    def mapped(self) -> bool:
        """Whether the answers come from the stored, memory-mapped index."""
        return self.index is not None and not self.ahead

    # -- the index ---------------------------------------------------------------------------

    def first_load(self) -> None:
        """The index as the stored one, if it is current (after the watch is set); else the
        helper loads the workspace, stores its index, and that is mapped."""
        from explorer.cli.search import wait_for_store
        from explorer.core.search import store

        wait_for_store(self.root)  # (a cold search's child storing it: the index it stores is read)
        stamp = store.workspace_stamp(self.root)
        got = store.load(self.root, stamp)
        if got is not None:
            self.index, extra = got
            self.index_digest = stamp.digest
            self.errors = int(extra.get("errors", 0))
            return
        self.ahead = True
        self.changed_at = time.monotonic()
        worker = self.start_worker()
        worker.readied.wait()
        if not worker.ready:
            raise _Gone("the helper could not load the workspace")
        self.settle()
        deadline = time.monotonic() + 600
        while self.storing is not None and time.monotonic() < deadline:
            if self.adopt():
                break
            time.sleep(0.05)  # (the helper's child writes the index: nothing to wake on)

    def start_worker(self) -> Worker:
        self.stop_worker()
        env = dict(self.env)
        top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = os.pathsep.join([top, *filter(None, [env.get("PYTHONPATH")])])
        # (told the stamp of the index mapped here: the files changed since, and the helper
        # updates that index rather than build one, see worker.Prepared.prepare)
        self.worker = Worker(self.root, env, wake=self._wake, mapped=self.index_digest)
        self.helpers += 1
        self.worker_started = time.monotonic()
        return self.worker

    def _wake(self) -> None:
        try:
            os.write(self.wake_w, b"x")
        except OSError:
            pass

    def stop_worker(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.close()

    def ask(self, *msg) -> tuple:
        """The helper's answer to `msg`; a new helper (which loads the files as they are now)
        if it ended. `_Gone` if that one ends too, or runs other code than this server."""
        for attempt in range(2):
            if self.worker is None:
                self.cold_reloads += msg[0] == "reload"
                self.start_worker()
            try:
                reply = self.worker.call(*msg)
            except _WorkerGone:
                self.stop_worker()
                continue
            if self.worker.code != code_digest(self.code):
                raise _Gone("factex's code changed")
            if reply[0] == "failed":
                raise _Gone("the helper could not load the workspace")
            return reply
        raise _Gone("the helper process ended")

    def reload(self, changes) -> None:
        """The helper reloads what the events named (everything after a full look); from then
        on it answers, until its index is stored and mapped (settle)."""
        reply = self.ask("reload", sorted(changes.paths), bool(changes.full))
        if reply[1]:
            self.ahead = True
            self.storing = None
            self.reloads += 1
            self.changed_at = time.monotonic()

    def settle(self) -> None:
        """Quiet for a while after a reload: ask the helper to store its index (the next server,
        and the search without one, start from it) under a stamp taken now, then answer from the
        stored, memory-mapped copy (`adopt`). Valid because no event came since the helper's
        last reload (each is answered before the next event is read): the stamp describes the
        files it read."""
        from explorer.core.search import store

        if not self.ahead:
            return
        if self.worker is None:
            self.start_worker()  # (it ended: a new one loads the files as they are now)
        if not self.worker.ready or self.watch.pending():
            self.changed_at = time.monotonic()  # (try again later: once it is ready; events first)
            return
        stamp = store.workspace_stamp(self.root)
        if stamp is None or self.watch.pending():
            self.changed_at = time.monotonic()  # (try again later)
            return
        if not stamp.settled:  # (files written just now are not stored: see store.Stamp)
            self.changed_at = (time.monotonic() - self.settle_after
                               + (stamp.newest + store.RACY_NS - stamp.taken) / 1e9 + 0.05)
            return
        try:  # (not `ask`: a new helper would store what it loads, not what the stamp describes)
            self.worker.call("store", stamp.digest, stamp.newest, stamp.taken)
        except _WorkerGone:
            self.stop_worker()
            self.changed_at = time.monotonic()  # (a new one is started, and asked later)
            return
        self.storing = (stamp, self.reloads, time.monotonic())

    def adopt(self) -> bool:
        """Answer from the index the helper stored (`settle`), once it is there; True then."""
        from explorer.core.search import store

        stamp, reloads, asked = self.storing
        if reloads != self.reloads or not self.ahead:
            self.storing = None  # (an edit since: the helper's index is newer than what it stores)
            return False
        got = store.load(self.root, stamp)
        if got is None:
            if time.monotonic() - asked > 120:  # (it could not store: settle again later)
                self.storing = None
                self.changed_at = time.monotonic()
            return False
        self.index, extra = got
        self.index_digest = stamp.digest
        self.errors = int(extra.get("errors", 0))
        self.ahead = False
        self.storing = None
        self.adopted += 1
        _collect()
        return True

    def release(self) -> None:
        """Quiet for RELEASE seconds (no search, no edit) while the mapped index is current: the
        helper ends (about 190-280 MiB at 30,000 cards, mostly the loader); the next edit
        starts one again (`ask`), which updates the mapped index with the cards that changed."""
        self.stop_worker()

    def refresh(self) -> None:
        """Read every queued event now (never waiting) and bring the index up to date with them."""
        changes = self.watch.drain()
        if not changes:
            return
        if changes.gone:
            raise _Gone("the workspace was removed or moved")
        if changes.link:
            raise _Gone("a link turned up in the workspace")
        if changes.full:
            self.watch.rewatch()  # (before the reload reads: a change during it is then an event)
            if self.watch.links:
                raise _Gone("a link turned up in the workspace")
        try:
            os_st = os.stat(self.root)
        except OSError:
            raise _Gone("the workspace is gone") from None
        if (os_st.st_dev, os_st.st_ino) != self.ident:
            raise _Gone("the workspace is gone")
        self.reload(changes)

    # -- requests ----------------------------------------------------------------------------

    def provide(self, root):
        """The index for `cli.search.warm_index`: ours only when `root` is our workspace."""
        try:
            st = os.stat(root)
        except OSError:
            raise _Pass() from None
        if (st.st_dev, st.st_ino) != self.ident or self.index is None:
            raise _Pass()
        return self.index, self.errors

    def answer(self, conn: _Conn) -> None:
        if conn.kind == "status":
            conn.send(_reply(0, [(1, self.status().encode("utf-8", "surrogateescape") + b"\n")]))  # (its folder as on disk)
            return
        if conn.kind == "stop":
            conn.send(_reply(0, [(1, b"stopping\n")]))
            raise _Gone("asked to stop")
        if conn.kind != "search":
            conn.send(b"F")
            return
        if _code_stamp() != self.code:
            conn.send(b"F")
            raise _Gone("factex's code changed")
        self.refresh()
        if self.ahead:
            reply = self.ask("search", conn.fields, conn.argv)
            if reply[0] != "answer":
                conn.send(b"F")
                return
            status, chunks = reply[1], reply[2]
        else:
            try:
                status, chunks = run_search(conn.fields, conn.argv, self.provide)
            except _Damaged:  # (the client searches itself, builds and stores it; a new server maps that)
                conn.send(b"F")
                raise _Gone("its stored index is damaged") from None
            except _Pass:
                conn.send(b"F")
                return
        conn.send(_reply(status, chunks))

    def status(self) -> str:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        count = sum(t.count for t in self.index.kinds.values()) if self.index is not None else 0
        worker = self.worker
        helper = (f"; helper process {worker.proc.pid}, {worker.memory()} MiB (peak {worker.memory('VmHWM')} MiB)"
                  f"{', its index ' + worker.how if worker.how else ''}" if worker is not None else "")
        return (f"server {os.getpid()} for {self.root}: {count:,} records, "
                f"{'stored index (mapped)' if self.mapped else 'index in memory (the helper process)'}, "
                f"{self.requests} searches, {self.reloads} reloads ({self.cold_reloads} from no loader, "
                f"{self.adopted} stored and mapped), "
                f"{'ready for edits' if worker is not None and worker.ready else 'no loader'}, "
                f"{self.helpers} helpers started, "
                f"up {time.time() - self.started:.0f} s, peak memory {rss:.0f} MiB{_resident(os.getpid())}{helper}")

    # -- the loop ----------------------------------------------------------------------------

    def accept_loop(self, listener) -> None:
        import socket
        import struct

        cred = struct.Struct("3i")
        while not self.stopping:
            try:
                sock, _ = listener.accept()
            except OSError:
                if self.stopping:
                    return
                continue
            try:
                pid, uid, gid = cred.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, cred.size))
                if uid != os.getuid():
                    sock.close()
                    continue
                sock.settimeout(2.0)
                conn = _read_request(sock)
            except (OSError, ValueError, struct.error):
                sock.close()
                continue
            if conn is None:
                sock.close()
                continue
            try:
                sock.sendall(b"+")
                sock.settimeout(10.0)  # (a client that stops reading does not hold the server)
            except OSError:
                sock.close()
                continue
            with self.qlock:
                if len(self.queue) >= 64:
                    conn.send(b"F")
                    continue
                self.queue.append(conn)
            try:
                os.write(self.wake_w, b"x")
            except OSError:
                pass

    def beat_loop(self) -> None:
        while not self.stopping:
            time.sleep(client.BEAT)
            with self.qlock:
                waiting = list(self.queue)
            for conn in waiting:
                conn.beat()

    def loop(self) -> None:
        import select

        while True:
            with self.qlock:
                conn = self.queue[0] if self.queue else None
            if conn is not None:
                self.requests += conn.kind == "search"
                self.last_request = time.monotonic()
                if conn.kind == "search":
                    self.last_search = self.last_request
                try:
                    self.answer(conn)
                except _Gone:
                    conn.send(b"F")
                    raise
                finally:
                    with self.qlock:  # (taken out only now: it gets beats while it is worked on)
                        self.queue.remove(conn)
                continue
            now = time.monotonic()
            timeout = self.idle - (now - self.last_request)
            if timeout <= 0:
                raise _Gone("idle")
            if self.storing is not None:
                if self.adopt():
                    continue
                timeout = min(timeout, 0.1)  # (the helper's child writes it: nothing to wake on)
            elif self.ahead and self.changed_at is not None:
                quiet = now - self.changed_at
                if quiet >= self.settle_after:
                    self.settle()
                    if self.storing is not None:
                        continue
                    quiet = time.monotonic() - self.changed_at  # (not now: events first, or files too new)
                timeout = min(timeout, max(0.05, self.settle_after - quiet))
            elif self.worker is not None and not self.ahead and self.worker.readied.is_set():  # (not while it prepares)
                quiet = now - max(self.changed_at or 0.0, self.last_search, self.worker_started)
                if quiet >= self.release_after:
                    self.release()
                    continue
                timeout = min(timeout, self.release_after - quiet)
            timeout = min(timeout, 30.0)  # (the workspace's folder is looked at now and then)
            ready, _, _ = select.select([self.wake_r, self.watch.fd], [], [], max(0.0, timeout))
            if self.wake_r in ready:
                try:
                    os.read(self.wake_r, 4096)
                except OSError:
                    pass
            if self.watch.fd in ready:
                # A burst of writes (a checkout, a script) is one reload: wait until it is quiet.
                end = time.monotonic() + 1.0
                while time.monotonic() < end and not self.queue:
                    time.sleep(QUIET)
                    if not self.watch.pending():
                        break
                self.refresh()
            if not ready:
                try:
                    st = os.stat(self.root)
                except OSError:
                    raise _Gone("the workspace is gone") from None
                if (st.st_dev, st.st_ino) != self.ident or os.path.realpath(self.root) != self.root:
                    raise _Gone("the workspace is gone")


def run_search(fields: dict, argv: list[str], provide) -> tuple[int, list[tuple[int, bytes]]]:
    """Run `factex search ARGV` as the client would have (its folder, terminal, environment),
    over the index `provide(root)` gives (`cli.search.SERVED`); (status, output chunks).
    `_Pass` when the request cannot be answered here (the client then runs it itself)."""
    import explorer.cli as cli
    from explorer.cli import search as search_cmd

    chunks: list[tuple[int, bytes]] = []
    try:
        tty = fields["tty"]
        out = _stream(1, chunks, tty[0] == "1", fields["out"])
        err = _stream(2, chunks, tty[1] == "1", fields["err"])
        env = {name: fields.get("env." + name) for name in client.ENVIRONMENT}
        env["COLUMNS"], env["LINES"] = str(int(fields["columns"])), str(int(fields["lines"]))
        cwd = fields["cwd"]
    except (KeyError, ValueError, LookupError, IndexError, TypeError):
        raise _Pass() from None
    saved_streams = sys.stdout, sys.stderr
    saved_env = {name: os.environ.get(name) for name in env}
    try:
        os.chdir(cwd)
    except (OSError, TypeError, ValueError):
        raise _Pass() from None
    for name, value in env.items():
        _setenv(name, value)
    sys.stdout, sys.stderr = out, err
    search_cmd.SERVED = provide
    try:
        try:
            status = cli.run_command(["search", *argv])
        except SystemExit as exc:
            code = exc.code
            if code is None:
                status = 0
            elif isinstance(code, int):
                status = code
            else:
                raise _Pass() from None
        except _Pass:
            raise
        except search_cmd._ServedDamaged:
            raise _Damaged() from None
        except Exception:  # a bug: the in-process command shows what it is
            raise _Pass() from None
        for stream in (out, err):
            stream.flush()
    finally:
        search_cmd.SERVED = None
        sys.stdout, sys.stderr = saved_streams
        for name, value in saved_env.items():
            _setenv(name, value)
        os.chdir("/")
    return status, chunks


# -- the helper process (cli/worker.py) -----------------------------------------------------------

class _WorkerGone(Exception):
    """The helper process ended (or its socket broke)."""


class Worker:
    """The helper process (cli/worker.py), as the server sees it: started with one end of a
    socket pair (nothing on the file system), read by a thread of its own (`ready`, `code`,
    and the answers, in order), ended with `close` (killed: nothing it does needs finishing;
    a child of it storing the index ends by itself)."""

    def __init__(self, root: str, env: dict, wake=None, mapped: str | None = None):
        import queue
        import socket
        import subprocess

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from explorer.cli.worker import main; main()", str(theirs.fileno()), root,
                 mapped or ""],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd="/", env=env)
        except OSError:
            ours.close()
            raise _Gone("cannot start the helper process") from None
        finally:
            theirs.close()
        self.sock = ours
        self.replies: queue.SimpleQueue = queue.SimpleQueue()
        self.code: str | None = None  # the digest of the code it runs (its first message)
        self.ready: bool | None = None  # None while it prepares; then whether it could
        self.how: str | None = None  # how it made its index: "stored", "updated" or "built"
        self.readied = threading.Event()
        self.wake = wake  # (called once it is ready, or ended: the server's loop looks again)
        self.alive = True
        threading.Thread(target=self._read, name="factex-helper", daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                msg = read_message(self.sock)
                if msg is None:
                    break
                if msg[0] == "hello":
                    self.code = msg[1]
                elif msg[0] == "ready":
                    self.ready = bool(msg[1])
                    self.how = str(msg[2]) if len(msg) > 2 and msg[2] else None
                    self.readied.set()
                    if self.wake is not None:
                        self.wake()
                else:
                    self.replies.put(msg)
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            pass
        finally:
            self.alive = False
            self.readied.set()
            self.replies.put(None)

    def call(self, *msg) -> tuple:
        """Its answer to `msg` (it answers in order, once prepared); _WorkerGone if it ended."""
        if not self.alive:
            raise _WorkerGone()
        try:
            send_message(self.sock, msg)
        except OSError:
            raise _WorkerGone() from None
        reply = self.replies.get()
        if reply is None:
            raise _WorkerGone()
        return reply

    def memory(self, what: str = "VmRSS") -> int:
        """Its resident memory now (`VmHWM`: its peak), in MiB (0: unknown)."""
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith(what + ":"):
                        return int(line.split()[1]) // 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def close(self) -> None:
        import socket

        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def send_message(sock, msg) -> None:
    """One message to the other end: its length (4 bytes) and `marshal` of plain values."""
    import marshal

    data = marshal.dumps(msg)
    sock.sendall(len(data).to_bytes(4, "big") + data)


def read_message(sock):
    """The next message (see send_message); None at the end."""
    import marshal

    head = _recv(sock, 4)
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    body = _recv(sock, size) if size else b""
    if body is None:
        return None
    msg = marshal.loads(body)
    if type(msg) is not tuple or not msg:
        raise ValueError("not a message")
    return msg


def code_digest(stamp: tuple | None = None) -> str:
    """A digest of `_code_stamp()` (factex's modules on disk), as the helper tells it."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    return blake2b(repr(stamp if stamp is not None else _code_stamp()).encode("utf-8", "surrogateescape"),
                   digest_size=16).hexdigest()


def _resident(pid: int) -> str:
    """' (now: A MiB anonymous, F MiB of files)': what process `pid` holds of its own and of the
    files it maps (the index's pages a query touched, which the kernel can drop and read again)."""
    got = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(("RssAnon:", "RssFile:")):
                    got[line[:7]] = int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return ""
    if len(got) != 2:
        return ""
    return f" (now: {got['RssAnon']} MiB anonymous, {got['RssFile']} MiB of files)"


def _collect() -> None:
    """Free what is no longer used (while nothing waits), then freeze what is left."""
    import gc

    gc.unfreeze()
    gc.collect()
    gc.freeze()


class _Gone(Exception):
    """The server ends (the reason is the message)."""


def _setenv(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


class _Sink(io.BytesIO):
    """Bytes written to one of the client's streams, in the order they were written."""

    def __init__(self, fd: int, chunks: list, tty: bool):
        super().__init__()
        self._fd, self._chunks, self._tty = fd, chunks, tty

    def write(self, data) -> int:
        data = bytes(data)
        if data:
            self._chunks.append((self._fd, data))
        return len(data)

    def isatty(self) -> bool:
        return self._tty


def _stream(fd: int, chunks: list, tty: bool, encoding: str):
    import codecs

    codecs.lookup(encoding)  # (LookupError: an encoding this Python does not know)
    return io.TextIOWrapper(_Sink(fd, chunks, tty), encoding=encoding, errors="strict", write_through=True)


def _reply(status: int, chunks) -> bytes:
    parts = [b"=", status.to_bytes(4, "big", signed=True)]
    for fd, data in chunks:
        parts += [bytes((fd,)), len(data).to_bytes(4, "big"), data]
    parts.append(b"\0")
    return b"".join(parts)


def _read_request(sock) -> _Conn | None:
    head = _recv(sock, 8)
    if head is None or head[:4] != client.PROTOCOL:
        return None
    size = int.from_bytes(head[4:], "big")
    if size > client.MAX_REQUEST:
        return None
    body = _recv(sock, size)
    if body is None:
        return None
    parts = body.split(b"\0")
    kind = parts[0].decode("ascii", "replace")
    fields, argv = {}, []
    for i, part in enumerate(parts[1:], 1):
        if part == b"--":
            argv = [os.fsdecode(a) for a in parts[i + 1 :]]
            break
        key, eq, value = os.fsdecode(part).partition("=")
        if not eq:
            return None
        fields[key] = value
    return _Conn(sock, kind, fields, argv)


def _recv(sock, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        got = sock.recv(min(1 << 16, n - len(buf)))
        if not got:
            return None
        buf += got
    return bytes(buf)


def serve(root: str) -> int:
    """Run the server of the workspace `root` in this process until it ends; 0, or 1 when it
    could not start (the reason in `ws-KEY.declined` beside the socket, and on stderr)."""
    import fcntl
    import socket
    import stat as statmod

    root = os.path.realpath(root)
    why = unsupported(root)
    path = client.socket_path(root, create=True)
    if path is None and why is None:
        why = "no private folder for the socket"
    if why:
        print(f"factex server: {visible(why)}", file=sys.stderr)
        if path:
            _decline(path, why)
        return 1
    base = path[: -len(".sock")]
    lock = os.open(base + ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        print("factex server: one runs already for this workspace", file=sys.stderr)
        return 0
    try:
        idle = float(os.environ.get("FACTEX_SERVER_IDLE", IDLE))
    except ValueError:
        idle = IDLE
    try:  # (quiet seconds after an edit before the index is stored and mapped; tests make it 0)
        settle_after = float(os.environ.get("FACTEX_SERVER_SETTLE", SETTLE))
    except ValueError:
        settle_after = SETTLE
    try:  # (quiet seconds before the helper ends; tests make it short)
        release_after = float(os.environ.get("FACTEX_SERVER_RELEASE", RELEASE))
    except ValueError:
        release_after = RELEASE
    try:
        server = Server(root, path, idle)
        server.settle_after = settle_after
        server.release_after = release_after
    except OSError as exc:
        _decline(path, f"cannot watch the workspace: {exc}")
        print(f"factex server: cannot watch the workspace: {visible(str(exc))}", file=sys.stderr)
        return 1
    if server.watch.links:
        why = "the workspace holds links (what they point to can change unseen)"
        _decline(path, why)
        print(f"factex server: {visible(why)}", file=sys.stderr)
        return 1
    try:
        server.first_load()
    except Exception as exc:  # noqa: BLE001 - no server then; the search runs in-process
        server.stop_worker()
        _decline(path, f"could not load the workspace: {type(exc).__name__}")
        return 1
    import gc

    gc.collect()
    gc.freeze()  # (what is loaded now lives as long as the server: never walked again)
    # The lock is ours: a socket left by a server that died is removed (only a socket of ours).
    try:
        st = os.lstat(path)
        if statmod.S_ISSOCK(st.st_mode) and st.st_uid == os.getuid():
            os.unlink(path)
        else:
            _decline(path, "something that is not our socket is in the socket's place")
            return 1
    except FileNotFoundError:
        pass
    try:
        os.unlink(base + ".declined")
    except OSError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
    old = os.umask(0o077)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(64)
    ident = os.stat(path)
    threading.Thread(target=server.accept_loop, args=(listener,), daemon=True).start()
    threading.Thread(target=server.beat_loop, daemon=True).start()
    server.last_request = time.monotonic()  # (idle from now: the load may have taken a while)
    try:
        server.loop()
    except _Gone as exc:
        print(f"factex server: ended: {visible(str(exc))}", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping = True
        server.stop_worker()
        try:  # (only our own socket: a new server may have bound the name since)
            st = os.lstat(path)
            if (st.st_dev, st.st_ino) == (ident.st_dev, ident.st_ino):
                os.unlink(path)
        except OSError:
            pass
        listener.close()
        with server.qlock:
            for conn in server.queue:
                conn.send(b"F")
            server.queue.clear()
        os.close(lock)
    return 0


def _decline(path: str, why: str) -> None:
    try:
        fd = os.open(path[: -len(".sock")] + ".declined", os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
                     | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(why + "\n")
    except OSError:
        pass
