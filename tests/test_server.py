"""The search server (explorer/cli/server.py, client.py, core/inotify.py): it answers `factex
search` byte for byte as the in-process command does, never from before an edit, ends when asked,
when idle, when its workspace goes; and `factex search` works the same when it is absent, dead or
wedged. Every test that starts a server stops it (the `running` fixture); the other tests of the
suite never start one (FACTEX_SERVER=0 in conftest)."""

from __future__ import annotations

import io
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import client, main, options
from explorer.cli import search as search_cmd
from explorer.core import inotify
from tests.test_search_store import richer, settle

pytestmark = pytest.mark.skipif(not (inotify.available() and inotify.local(tempfile.gettempdir())),
                                reason="the search server needs Linux inotify on a local file system")

FACTEX = [sys.executable, "-c", "import sys; from explorer.cli import main; sys.exit(main(sys.argv[1:]))"]


@pytest.fixture
def server_env(monkeypatch):
    """Servers allowed, their sockets in a private folder of this test (short: a socket's path
    holds 108 bytes)."""
    run = tempfile.mkdtemp(prefix="fxs", dir="/tmp")
    monkeypatch.setenv("XDG_RUNTIME_DIR", run)
    monkeypatch.setenv("FACTEX_SERVER", "1")
    monkeypatch.setenv("FACTEX_SERVER_IDLE", "300")
    monkeypatch.delenv("FACTEX_CACHE", raising=False)
    yield run
    shutil.rmtree(run, ignore_errors=True)


class Running:
    """A server of `root` in a process of its own, started by `factex server run`."""

    def __init__(self, root, env=None):
        self.root = str(root)
        self.proc = subprocess.Popen([*FACTEX, "server", "run", self.root], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        self.path = client.socket_path(self.root, create=True)
        deadline = time.monotonic() + 120
        while not self.status():
            if self.proc.poll() is not None:
                raise AssertionError(f"the server ended: {self.proc.stderr.read().decode()}")
            if time.monotonic() > deadline:  # pragma: no cover
                self.stop()
                raise AssertionError("the server did not start")
            time.sleep(0.05)

    def status(self) -> str | None:
        try:
            return b"".join(d for _, d in client.ask(self.path, client.request("status"), ack_timeout=5)[1]).decode()
        except client._Unanswered:
            return None

    def ended(self, timeout: float = 30) -> bool:
        try:
            self.proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                client.ask(self.path, client.request("stop"), ack_timeout=5)
            except client._Unanswered:
                pass
            if not self.ended(10):  # pragma: no cover
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()


@pytest.fixture
def running(ws, server_env, monkeypatch):
    monkeypatch.setattr(client, "spawn", lambda root: None)  # (a search here starts none by itself)
    richer(ws)
    settle(ws.root)
    servers = []

    def start(root=ws.root, env=None):
        servers.append(Running(root, env))
        return servers[-1]

    start.ws = ws
    yield start
    for server in servers:
        server.stop()


class _Terminal(io.BytesIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def in_process(monkeypatch, argv, *, tty=(False, False), env=None, cwd=None):
    """(status, stdout bytes, stderr bytes) of `factex search ARGV` run here, without a server."""
    out = io.TextIOWrapper(_Terminal(tty[0]), encoding="utf-8")
    err = io.TextIOWrapper(_Terminal(tty[1]), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setenv("FACTEX_SERVER", "0")
        m.setenv("COLUMNS", "80")
        m.setenv("LINES", "24")
        for name in client.ENVIRONMENT:
            m.delenv(name, raising=False)
        for name, value in (env or {}).items():
            m.setenv(name, value)
        if cwd is not None:
            m.chdir(cwd)
        m.setattr(sys, "stdout", out)
        m.setattr(sys, "stderr", err)
        try:
            status = main(["search", *argv])
        except SystemExit as exc:
            status = exc.code
        out.flush()
        err.flush()
    return status, out.buffer.getvalue(), err.buffer.getvalue()


def served(path, argv, *, tty=(False, False), env=None, cwd=None):
    """The same, answered by the server at `path` (as client.try_search asks it)."""
    fields = {"cwd": str(cwd or os.getcwd()), "tty": f"{int(tty[0])}{int(tty[1])}", "out": "utf-8",
              "err": "utf-8", "columns": "80", "lines": "24"}
    fields.update({f"env.{k}": v for k, v in (env or {}).items()})
    status, chunks = client.ask(path, client.request("search", argv, **fields), ack_timeout=30)
    return (status, b"".join(d for fd, d in chunks if fd == 1), b"".join(d for fd, d in chunks if fd == 2))


OPTIONS = [[], ["--format", "json"], ["-n", "2"], ["--kind", "quote"], ["-k", "entity,relation"],
           ["--limit", "-1"], ["--kind", "bogus"], ["--format=json", "-n0"], ["--nope"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet="abcejklnorsty '!^$|:,\u00e9\u202e\x1b", min_size=0, max_size=10),
       extra=st.sampled_from(OPTIONS), tty=st.tuples(st.booleans(), st.booleans()),
       env=st.sampled_from([{}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"TERM": "xterm"}]),
       where=st.sampled_from(["path", "option", "cwd"]))
def test_the_server_answers_byte_for_byte_as_the_command_does(running, monkeypatch, query, extra, tty, env, where):
    ws = running.ws
    if not hasattr(ws, "server"):
        ws.server = running()
    argv = [query, *extra]
    cwd = None
    if where == "path":
        argv.insert(1, str(ws.root))
    elif where == "option":
        argv += ["-w", str(ws.root)]
    else:
        cwd = ws.root / "facts"  # (found from a folder inside the workspace)
    assert served(ws.server.path, argv, tty=tty, env=env, cwd=cwd) == in_process(
        monkeypatch, argv, tty=tty, env=env, cwd=cwd)


def test_factex_search_prints_the_same_with_and_without_the_server(running, monkeypatch, capfd):
    ws = running.ws
    running()
    for argv in (["car", str(ws.root)], ["alice", str(ws.root), "--format", "json"], ["zzz", str(ws.root)],
                 ["!", str(ws.root)], ["type:person", "-w", str(ws.root), "-n", "1"]):
        status = main(["search", *argv])
        assert client.last["state"] == "answered"
        with_server = (status, *capfd.readouterr())
        monkeypatch.setenv("FACTEX_SERVER", "0")
        without = (main(["search", *argv]), *capfd.readouterr())
        monkeypatch.setenv("FACTEX_SERVER", "1")
        assert with_server == without, argv


def test_a_terminal_gets_the_same_colours_from_the_server(running, tmp_path):
    """Through a pseudo-terminal, as a person runs it: the same bytes with and without a server."""
    import pty

    ws = running.ws
    running()

    def through_terminal(env):
        leader, follower = pty.openpty()
        import tty as ttymod

        ttymod.setraw(follower)
        proc = subprocess.Popen([*FACTEX, "search", "car", str(ws.root)], stdin=subprocess.DEVNULL,
                                stdout=follower, stderr=follower, env={**os.environ, **env})
        os.close(follower)
        data = b""
        while True:
            try:
                got = os.read(leader, 1 << 16)
            except OSError:
                break
            if not got:
                break
            data += got
        os.close(leader)
        return proc.wait(), data

    env = {"TERM": "xterm", "COLUMNS": "100"}
    os.environ.pop("NO_COLOR", None)
    with_server = through_terminal(env)
    without = through_terminal({**env, "FACTEX_SERVER": "0"})
    assert with_server == without
    assert b"\x1b[1;33m" in with_server[1]  # (colour: it was a terminal)


def rewrite(path, text):
    path.write_text(text, encoding="utf-8")


ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
NAMES = ["Zorba Quill", "Yonder Pike", "Xavi Rook", "Alice Smyth", "Bob Jonas"]


def edit(ws, rng: random.Random) -> str:
    """One random change to the workspace, as an editor, a script or git would make it."""
    facts = ws.root / "facts"
    cards = sorted(p for p in facts.rglob("*.yaml"))
    what = rng.choice(["write", "write", "add", "remove", "rename", "folder", "replace", "source", "broken"])
    name = rng.choice(NAMES)
    if what == "write" and cards:
        card = rng.choice(cards)
        text = card.read_text(encoding="utf-8")
        if "name:" in text:
            rewrite(card, "\n".join(f"name: {name}" if line.startswith("name:") else line
                                    for line in text.splitlines()) + "\n")
    elif what == "add":
        rewrite(facts / f"new-{rng.randrange(10**6)}.yaml", ENTITY.format(name=name))
    elif what == "remove" and cards:
        rng.choice(cards).unlink()
    elif what == "rename" and cards:
        card = rng.choice(cards)
        card.rename(card.with_name(f"moved-{rng.randrange(10**6)}.yaml"))
    elif what == "folder":
        sub = facts / f"sub-{rng.randrange(10**6)}"
        sub.mkdir()
        rewrite(sub / "inside.yaml", ENTITY.format(name=name))
    elif what == "replace" and cards:  # written beside, renamed over (how editors save)
        card = rng.choice(cards)
        tmp = card.with_name(".tmp-save")
        rewrite(tmp, ENTITY.format(name=name))
        os.replace(tmp, card)
    elif what == "source":
        article = ws.root / "seeds" / "article.txt"
        text = article.read_text(encoding="utf-8")
        rewrite(article, text.replace("Bob Jones", "Bob Jonas") if "Bob Jones" in text else text.replace("Bob Jonas", "Bob Jones"))
    elif what == "broken":
        rewrite(facts / f"broken-{rng.randrange(10**6)}.yaml", "kind: entity\nname: [\n")
    return what


@pytest.mark.parametrize("seed", range(5))
def test_an_answer_is_never_from_before_an_edit(running, monkeypatch, seed):
    """Random edits (written, added, removed, renamed, saved by rename, a new folder, a source),
    each followed at once by a search: the server's answer equals a fresh in-process load's.
    With seeds 3 and 4 the server stores and maps its index again as soon as it can (between
    the searches, while edits come), with the files' times set back so that it may."""
    ws = running.ws
    at_once = seed >= 3
    server = running(env={**os.environ, "FACTEX_SERVER_SETTLE": "0"} if at_once else None)
    rng = random.Random(seed)
    monkeypatch.setenv("FACTEX_CACHE", "0")  # (the reference: loaded from the files, nothing kept)
    for step in range(8):
        what = edit(ws, rng)
        if at_once and rng.random() < 0.7:
            settle(ws.root)
        for query in ("a", rng.choice(NAMES).split()[0].lower(), "type:person"):
            for extra in ([], ["--format", "json"]):
                argv = [query, str(ws.root), *extra]
                got = served(server.path, argv)
                monkeypatch.setenv("FACTEX_SERVER", "0")
                assert got == in_process(monkeypatch, argv), (seed, step, what, argv)
    assert server.proc.poll() is None
    if at_once:
        import re

        assert int(re.search(r"(\d+) stored and mapped", server.status()).group(1)) >= 1, server.status()


def test_the_server_ends_when_asked_when_idle_and_when_its_workspace_goes(running, monkeypatch, tmp_path):
    ws = running.ws
    server = running()
    assert "records" in server.status()
    assert main(["server", "stop", str(ws.root)]) == 0
    assert server.ended()
    assert not os.path.exists(server.path)  # (its socket removed)

    idle = subprocess.Popen([*FACTEX, "server", "run", str(ws.root)], env={**os.environ, "FACTEX_SERVER_IDLE": "0.3"},
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert idle.wait(60) == 0  # (nobody asked it anything: it ended by itself)
    finally:
        if idle.poll() is None:  # pragma: no cover
            idle.kill()
            idle.wait()
    assert not os.path.exists(server.path)

    server = running()
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    ws.root.rename(moved)
    try:
        assert server.ended()
    finally:
        moved.rename(ws.root)


def test_a_link_in_the_workspace_ends_the_server_and_the_search_still_answers(running, monkeypatch, capfd):
    ws = running.ws
    server = running()
    os.symlink(ws.root / "facts" / "alice.yaml", ws.root / "facts" / "alias.yaml")
    status = main(["search", "alice", str(ws.root)])  # (answered in-process, or by the server passing)
    got = (status, *capfd.readouterr())
    assert server.ended()
    monkeypatch.setenv("FACTEX_SERVER", "0")
    assert got == (main(["search", "alice", str(ws.root)]), *capfd.readouterr())


def test_a_server_does_not_start_for_a_workspace_with_links(ws, server_env, capsys):
    richer(ws)
    os.symlink(ws.root / "facts" / "alice.yaml", ws.root / "facts" / "alias.yaml")
    assert main(["server", "run", str(ws.root)]) == 1
    assert "links" in capsys.readouterr().err


def same_without_server(monkeypatch, capfd, argv) -> str:
    """`factex search ARGV` prints the same as with the server turned off; what the client saw."""
    status = main(["search", *argv])
    state = client.last["state"]
    got = (status, *capfd.readouterr())
    with monkeypatch.context() as m:
        m.setenv("FACTEX_SERVER", "0")
        assert got == (main(["search", *argv]), *capfd.readouterr())
    return state


def test_a_dead_server_s_socket_or_a_foreign_file_means_the_search_runs_here(ws, server_env, monkeypatch, capfd):
    richer(ws)
    started = []
    monkeypatch.setattr(client, "spawn", started.append)
    path = client.socket_path(ws.root, create=True)
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(path)
    dead.close()  # (the socket file stays; nothing listens)
    assert same_without_server(monkeypatch, capfd, ["car", str(ws.root)]) == "unanswered"
    assert started == [str(ws.root)]  # (a new one is started)
    os.unlink(path)
    with open(path, "w") as fh:
        fh.write("not a socket")
    assert same_without_server(monkeypatch, capfd, ["car", str(ws.root)]) == "foreign"


def test_a_wedged_server_is_waited_for_only_briefly(ws, server_env, monkeypatch, capfd):
    richer(ws)
    monkeypatch.setattr(client, "spawn", lambda root: None)
    monkeypatch.setattr(client, "ACK_TIMEOUT", 0.2)
    path = client.socket_path(ws.root, create=True)
    wedged = socket.socket(socket.AF_UNIX)
    wedged.bind(path)
    wedged.listen(8)  # (connections are queued, never accepted or answered)
    try:
        t0 = time.monotonic()
        assert same_without_server(monkeypatch, capfd, ["car", str(ws.root)]) == "unanswered"
        assert time.monotonic() - t0 < 30
    finally:
        wedged.close()


def test_the_socket_folder_must_be_private(server_env, monkeypatch, tmp_path):
    folder = os.path.join(server_env, "factex")
    assert client.server_dir(create=True) == folder
    assert os.stat(folder).st_mode & 0o777 == 0o700
    os.chmod(folder, 0o755)
    assert client.server_dir() is None
    os.rmdir(folder)
    os.symlink(tmp_path, folder)  # (a link, even to a private folder of ours: not used)
    assert client.server_dir() is None


def test_no_server_is_used_or_started_when_turned_off(ws, monkeypatch):
    richer(ws)
    monkeypatch.setattr(client, "spawn", lambda root: pytest.fail("started a server"))
    for env in ({"FACTEX_SERVER": "0"}, {"FACTEX_SERVER": "off", "FACTEX_CACHE": "1"}, {"FACTEX_CACHE": "0"}):
        with monkeypatch.context() as m:
            for k, v in {"FACTEX_SERVER": "1", **env}.items():
                m.setenv(k, v)
            assert not client.enabled()
            assert main(["search", "car", str(ws.root)]) == 0


TOKENS = ["kim", "q", "-k", "quote", "--kind", "--kind=entity", "-kquote", "-n", "5", "-n5", "--limit",
          "--limit=3", "--format", "json", "--format=json", "-w", "WS", "--workspace", "--workspace=WS",
          "-wWS", "OTHER", "--", "-", "--help", "-x", "--lim", "NOWS"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), max_size=7), st.booleans())
def test_the_client_routes_only_to_the_workspace_argparse_finds(ws, tmp_path_factory, monkeypatch, tokens, inside):
    """Whatever the arguments, the workspace the client reads from them (to find the server's
    socket) is the one the command would use, or none (then the command runs in-process)."""
    from explorer.core.layout import find_workspace

    if not hasattr(ws, "other"):
        ws.basic()
        ws.other = tmp_path_factory.mktemp("other")
        (ws.other / "facts").mkdir()
        ws.nows = tmp_path_factory.mktemp("nows")
    names = {"WS": str(ws.root), "OTHER": str(ws.other), "NOWS": str(ws.nows)}
    argv = [t.replace("WS", names["WS"]) if t.endswith("WS") and t not in names else names.get(t, t) for t in tokens]
    with monkeypatch.context() as m:
        m.chdir(ws.root / "facts" if inside else ws.nows)
        got = client.workspace_of(argv)
        if got is None:
            return
        p = search_cmd.parser()
        try:
            args = p.parse_args(argv)
        except SystemExit:
            return  # (a usage error: the server prints argparse's message, as the command does)
        expected = find_workspace(options.workspace(p, args))
        assert os.path.samefile(got, expected), (argv, got, expected)


def test_searches_of_an_unchanged_workspace_start_no_helper_and_an_edit_updates_the_mapped_index(running, monkeypatch):
    """Searches of an unchanged workspace are answered by the server alone, from the stored,
    mapped index: no helper process (the loader, a fact base, an index to update: what grows with
    the workspace) is started for them, however many. The first edit starts one, which updates
    the mapped index with the cards that differ from the card cache's snapshot (it builds none),
    and reloads later edits as they come; each answer equals a fresh in-process search's (it
    fails when the refresh before an answer is left out). Fails without the change: the server
    started its helper at its start and after every search."""
    import re

    ws = running.ws
    in_process(monkeypatch, ["a", str(ws.root)])  # (stores the index: the server starts from it, mapped)
    server = running()
    with monkeypatch.context() as m:
        m.setenv("FACTEX_CACHE", "0")  # (the reference: loaded from the files, nothing kept)
        _same_as_fresh(server, monkeypatch, ("a", "bob", "type:person", "kcna", "zzz"), ws.root)
    status = server.status()
    assert "stored index (mapped)" in status and "0 helpers started" in status and "helper process" not in status, status
    card = ws.root / "facts" / "bob.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    monkeypatch.setenv("FACTEX_CACHE", "0")
    _same_as_fresh(server, monkeypatch, ("jonas", "a"), ws.root)
    status = server.status()
    assert "1 helpers started" in status and "its index updated" in status, status
    rng = random.Random(11)
    for step in range(4):
        what = edit(ws, rng)
        for query in ("a", rng.choice(NAMES).split()[0].lower()):
            argv = [query, str(ws.root)]
            got = served(server.path, argv)
            monkeypatch.setenv("FACTEX_SERVER", "0")
            assert got == in_process(monkeypatch, argv), (step, what, argv)
    status = server.status()
    assert "1 helpers started" in status and int(re.search(r"(\d+) reloads", status).group(1)) >= 2, status


def helper_pid(server) -> int:
    import re

    got = re.search(r"helper process (\d+)", server.status())
    assert got, server.status()
    return int(got.group(1))


def _same_as_fresh(server, monkeypatch, queries, root, *, within: float | None = None) -> None:
    """Each query's answer from the server equals the in-process search's (`within` seconds:
    the answer must come without anything else happening first)."""
    import threading

    for query in queries:
        for extra in ([], ["--format", "json"]):
            argv = [query, str(root), *extra]
            if within is None:
                got = served(server.path, argv)
            else:
                box = []
                asking = threading.Thread(target=lambda: box.append(served(server.path, argv)), daemon=True)
                asking.start()
                asking.join(within)
                assert box, f"no answer to {argv} (waiting for the helper?)"
                got = box[0]
            monkeypatch.setenv("FACTEX_SERVER", "0")
            assert got == in_process(monkeypatch, argv), argv


def _mapped_again(server) -> None:
    deadline = time.monotonic() + 120
    while "stored index (mapped)" not in server.status():
        assert time.monotonic() < deadline, server.status()
        time.sleep(0.05)


def test_searches_are_answered_from_the_mapped_index_whatever_the_helper_does(running, monkeypatch):
    """The loader and the index to update live in a helper process (cli/worker.py), started by
    an edit: once its index is stored and mapped, with it stopped (SIGSTOP), every search is
    still answered, from the stored, mapped index, and equals a fresh search. An edit then waits
    for it: the answer after it is never the mapped index's."""
    import signal
    import threading

    ws = running.ws
    in_process(monkeypatch, ["a", str(ws.root)])  # (stores the index: the server starts from it, mapped)
    server = running(env={**os.environ, "FACTEX_SERVER_SETTLE": "0"})
    edit(ws, random.Random(2))  # (the helper is started by a change)
    settle(ws.root)
    with monkeypatch.context() as m:
        m.setenv("FACTEX_CACHE", "0")
        _same_as_fresh(server, monkeypatch, ("a",), ws.root)
    _mapped_again(server)
    pid = helper_pid(server)
    os.kill(pid, signal.SIGSTOP)
    try:
        monkeypatch.setenv("FACTEX_CACHE", "0")  # (the reference: loaded from the files, nothing kept)
        _same_as_fresh(server, monkeypatch, ("a", "bob", "type:person", "kcna", "zzz"), ws.root, within=60)
        assert "stored index (mapped)" in server.status()
        card = ws.root / "facts" / "bob.yaml"
        card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
        got = {}
        asking = threading.Thread(target=lambda: got.setdefault("answer", served(server.path, ["jonas", str(ws.root)])))
        asking.start()
    finally:
        os.kill(pid, signal.SIGCONT)
    asking.join(120)
    monkeypatch.setenv("FACTEX_SERVER", "0")
    assert got["answer"] == in_process(monkeypatch, ["jonas", str(ws.root)])
    assert got["answer"][0] == 0 and b"Bob Jonas" in got["answer"][1]
    assert server.proc.poll() is None


def test_after_edits_the_helper_s_index_is_stored_and_mapped(running, monkeypatch):
    """Once quiet after an edit (FACTEX_SERVER_SETTLE seconds), the helper stores its index under
    a stamp the server takes, and the server answers from that stored copy again: each answer
    equals a fresh search's, and an in-process search reads what was stored."""
    from explorer.core.loading.loader import Loader
    from explorer.core.search import SearchIndex, store
    from tests.test_search_store import answers

    ws = running.ws
    in_process(monkeypatch, ["a", str(ws.root)])
    server = running(env={**os.environ, "FACTEX_SERVER_SETTLE": "0"})
    rng = random.Random(5)
    for step in range(4):
        what = edit(ws, rng)
        settle(ws.root)  # (files written a while ago: the index of them may be stored, see store.Stamp)
        with monkeypatch.context() as m:
            m.setenv("FACTEX_CACHE", "0")
            _same_as_fresh(server, monkeypatch, ("a", rng.choice(NAMES).split()[0].lower()), ws.root)
        deadline = time.monotonic() + 120
        while "stored index (mapped)" not in server.status():
            assert time.monotonic() < deadline, (step, what, server.status())
            time.sleep(0.05)
        with monkeypatch.context() as m:
            m.setenv("FACTEX_CACHE", "0")
            _same_as_fresh(server, monkeypatch, ("a", "type:person", rng.choice(NAMES).split()[0].lower()), ws.root)
            fresh = SearchIndex(Loader(ws.root).load(save=False))
        stored = store.load(ws.root, store.workspace_stamp(ws.root))
        assert stored is not None, (step, what)
        for query in ("a", "bob", "type:person", "zorba"):
            assert answers(stored[0], query) == answers(fresh, query), (step, what, query)


def test_a_helper_that_ends_is_started_again_and_answers_stay_fresh(running, monkeypatch):
    import signal

    ws = running.ws
    in_process(monkeypatch, ["a", str(ws.root)])
    server = running()
    monkeypatch.setenv("FACTEX_CACHE", "0")
    rng = random.Random(7)
    for step in range(3):
        edit(ws, rng)
        _same_as_fresh(server, monkeypatch, ("a", rng.choice(NAMES).split()[0].lower()), ws.root)
        pid = helper_pid(server)
        os.kill(pid, signal.SIGKILL)  # (the helper, with the only current index, gone)
        _same_as_fresh(server, monkeypatch, ("a", "type:person"), ws.root)
        edit(ws, rng)
        _same_as_fresh(server, monkeypatch, ("a", rng.choice(NAMES).split()[0].lower()), ws.root)
        assert helper_pid(server) != pid
    assert server.proc.poll() is None


def test_the_helper_ends_when_quiet_and_only_the_next_edit_starts_it_again(running, monkeypatch):
    """After FACTEX_SERVER_RELEASE quiet seconds the helper (the loader and the index to update,
    the memory that grows with the workspace) ends, and its process is gone; searches do not
    start it again, the next edit does; answers before and after edits stay those of a fresh
    search."""
    ws = running.ws
    in_process(monkeypatch, ["a", str(ws.root)])
    # (1 s quiet, not less: on a loaded machine more than 0.2 s passed between the last answer and
    # the status that names the helper, which had ended by then, and the test failed now and then)
    server = running(env={**os.environ, "FACTEX_SERVER_RELEASE": "1.0", "FACTEX_SERVER_SETTLE": "0"})
    monkeypatch.setenv("FACTEX_CACHE", "0")
    rng = random.Random(3)
    for step in range(3):
        edit(ws, rng)
        settle(ws.root)  # (its index may be stored at once: the helper is kept until then)
        _same_as_fresh(server, monkeypatch, ("a", rng.choice(NAMES).split()[0].lower()), ws.root)
        pid = helper_pid(server)
        deadline = time.monotonic() + 120
        while "helper process" in server.status():
            assert time.monotonic() < deadline, server.status()
            time.sleep(0.05)
        assert "no loader" in server.status() and "stored index (mapped)" in server.status()
        with pytest.raises(ProcessLookupError):  # (ended and reaped)
            os.kill(pid, 0)
        _same_as_fresh(server, monkeypatch, ("a", "type:person"), ws.root)
        assert "helper process" not in server.status(), server.status()
    assert server.proc.poll() is None


def test_what_the_server_says_is_printed_literally(ws, server_env, monkeypatch, capsys):
    """`factex server status` and `start` print what the server says, which names the workspace's
    folder: an escape, a newline or a bidi override in it shows as a marker."""
    import explorer.cli.server as server_cli

    said = "server 1 for /tmp/evil\nname\x1b]0;T\x07 \u202e: 3 records"
    monkeypatch.setattr(server_cli, "_ask", lambda path, kind: said)
    client.socket_path(ws.root, create=True)  # (its private folder)
    assert main(["server", "status", str(ws.root)]) == 0
    assert capsys.readouterr().out == "server 1 for /tmp/evil\u2424name\u241b]0;T\u2407 \u27e8U+202E\u27e9: 3 records\n"
    assert main(["server", "start", str(ws.root)]) == 0
    assert capsys.readouterr().out == "already running\n"


def test_a_server_over_a_damaged_stored_index_passes_and_ends_and_the_search_answers(running, monkeypatch, capfd):
    """A byte of the mapped index damaged (in place, as the server maps it) where a search reads
    it: the server does not answer from it, the client searches itself (building the index from
    the cards) and prints what a search without a server prints, and the server ends (the next
    one maps the index stored again)."""
    from explorer.core.search import store

    ws = running.ws
    argv = ["car", str(ws.root), "--format", "json"]
    expected = in_process(monkeypatch, argv)
    index = store.load(ws.root, store.workspace_stamp(ws.root))[0]
    blobs = index.kinds["entity"].records._blob
    at_load = set(blobs.checked)
    index.search("car")
    at, size, _ = max(w for w in blobs.checked - at_load if w[1])
    del index, blobs
    server = running()
    with open(store.index_file(ws.root), "r+b") as fh:
        good = fh.read()
        base = len(store.MAGIC) + 12 + int.from_bytes(good[len(store.MAGIC):len(store.MAGIC) + 8], "little")
        fh.seek(base + at + size // 2)
        fh.write(bytes([good[base + at + size // 2] ^ 0x80]))
    capfd.readouterr()
    status = main(["search", *argv])
    assert client.last["state"] != "answered"
    out, err = capfd.readouterr()
    assert (status, out.encode(), err.encode()) == expected
    assert server.ended()
    assert b"Traceback" not in server.proc.stderr.read()
