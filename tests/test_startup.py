"""The start-up path: an unchanged workspace starts from the card cache's snapshot, the app takes a
load started before it, and no worker formats the fact base (see bench/onscreen.py for timings)."""

from __future__ import annotations

import os

import pytest

from explorer.core.loading import cache
from explorer.core.loading import loader as loader_mod

from apphelpers import ready, wait_for


def count_reads(monkeypatch):
    calls = []
    real = loader_mod.read_card
    monkeypatch.setattr(loader_mod, "read_card", lambda path, size=None, **kw: calls.append(os.path.basename(path)) or real(path, size, **kw))
    return calls


def held(monkeypatch, name: str = "load"):
    """Loader.`name` held until the returned event is set (a load that ends after the app started)."""
    import threading

    gate = threading.Event()
    real = getattr(loader_mod.Loader, name)

    def slow(self, *args, **kwargs):
        gate.wait(30)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(loader_mod.Loader, name, slow)
    return gate


def no_assembling(monkeypatch):
    def fail(self, progress):
        raise AssertionError("assembled the fact base instead of starting from the snapshot")

    monkeypatch.setattr(loader_mod.Loader, "_assemble", fail)


def test_an_unchanged_workspace_starts_from_the_snapshot(ws, monkeypatch):
    ws.basic()
    ws.card("broken.yaml", "kind: entity\nname: [\n")
    first = loader_mod.Loader(ws.root).load()
    assert cache.snapshot_file(ws.root).exists()
    with monkeypatch.context() as m:
        no_assembling(m)
        loader = loader_mod.Loader(ws.root)
        second = loader.load()
    assert second.to_json() == first.to_json()  # problems included
    assert loader.last_fingerprint == loader.fingerprint()
    # the first reload after an edit reads the card cache and re-parses only the changed card
    ws.card("bob.yaml", "kind: entity\nname: Robert\ntype: person\nevidence: [Bob said]\n")
    calls = count_reads(monkeypatch)
    third = loader.load()
    assert calls == ["bob.yaml"] and third.entities["bob"].name == "Robert"


def _change(ws, change: str | None) -> None:
    """One change to a loaded workspace (None: nothing)."""
    if change == "edit":
        ws.card("bob.yaml", "kind: entity\nname: Robert\ntype: person\nevidence: [Bob said]\n")
    elif change == "add":
        ws.card("sub/carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith]\n")
    elif change == "remove":
        (ws.root / "facts" / "bob.yaml").unlink()
    elif change == "source":
        text = (ws.root / "seeds" / "article.txt").read_text(encoding="utf-8")
        ws.source("article.txt", "New first line.\n\n" + text)
    elif change == "touch":  # same content, written again: the stamp changes, so the card is looked at again
        path = ws.root / "facts" / "bob.yaml"
        path.write_bytes(path.read_bytes())
        os.utime(path, ns=(0, 12345))


@pytest.mark.parametrize("change", ["edit", "add", "remove", "source", "touch"])
def test_the_snapshot_is_not_used_once_anything_changed(ws, change):
    ws.basic()
    loader_mod.Loader(ws.root).load()
    _change(ws, change)
    fresh = loader_mod.Loader(ws.root, use_cache=False).load().to_json()
    assert loader_mod.Loader(ws.root).load().to_json() == fresh


def test_a_snapshot_of_another_version_or_tampered_is_ignored(ws, tmp_path):
    ws.basic()
    first = loader_mod.Loader(ws.root).load().to_json()
    path = cache.snapshot_file(ws.root)
    import pickle

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path.write_bytes(pickle.dumps({"digest": cache.code_digest(), "key": Evil()}))
    assert loader_mod.Loader(ws.root).load().to_json() == first and not marker.exists()
    path.write_bytes(pickle.dumps({"digest": "another version", "key": None}))
    assert loader_mod.Loader(ws.root).load().to_json() == first


def test_the_snapshot_keeps_no_derived_source_data(ws):
    ws.basic()
    base = loader_mod.Loader(ws.root).load()
    source = base.sources["article"]
    source.line_starts, source.normalized  # computed and cached on the object
    assert {"id", "path", "text", "sha256", "title"} <= set(source.__getstate__())
    assert not {"line_starts", "normalized", "_norm"} & set(source.__getstate__())


async def test_no_worker_formats_the_fact_base(ws, monkeypatch):
    """Textual describes a worker without `description=` by formatting its arguments; `repr()` of
    a fact base is tens of megabytes at 30,000 cards. Every worker names itself."""
    from explorer.app.app import FactexApp

    def refuse(self):
        raise AssertionError("a worker formatted the fact base")

    monkeypatch.setattr(loader_mod.FactBase, "__repr__", refuse)
    ws.basic()
    app = FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.load_facts(True)  # a reload, too
        await wait_for(pilot, lambda: not app._loading)
        await pilot.press("slash", "a", "l")
        await wait_for(pilot, lambda: getattr(app.screen, "rows", None))
    assert app.return_code in (None, 0)


async def test_the_app_shows_a_load_started_before_it(ws):
    from explorer.app.app import FactexApp
    from explorer.app.preload import Preload

    ws.basic()
    preload = Preload(ws.root)
    preload.thread.join(30)
    app = FactexApp(ws.root, watch=False, preload=preload)
    async with app.run_test(size=(100, 30)) as pilot:
        # ready before the app mounted: the facts are there from the first frame on
        assert app.base is not None and set(app.base.entities) == {"alice", "bob"}
        await ready(pilot)
        assert app.main_screen.entity_rows
    preload.cancel()


async def test_the_app_takes_a_load_that_ends_after_it_started(ws, monkeypatch):
    from explorer.app.app import FactexApp
    from explorer.app.preload import Preload

    ws.basic()
    gate = held(monkeypatch)
    preload = Preload(ws.root)
    app = FactexApp(ws.root, watch=False, preload=preload)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.base is None
        gate.set()
        await ready(pilot)
        assert set(app.base.entities) == {"alice", "bob"}
    preload.cancel()


def test_the_shipped_workspace_starts_from_the_snapshot(tmp_path, monkeypatch):
    """Everything a real workspace's fact base holds (source sidecars included) survives the
    snapshot's restricted unpickler: a class it refuses would silently cost a full load."""
    import shutil

    from conftest import REPO

    for folder in ("facts", "seeds"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    first = loader_mod.Loader(tmp_path).load()
    no_assembling(monkeypatch)
    assert loader_mod.Loader(tmp_path).load().to_json() == first.to_json()


def test_every_worker_names_itself():
    """Every `@work(...)` in the app gives `description=` (the runtime test above sees only the
    workers its steps start; this one reads them all, including views added later)."""
    import ast
    from pathlib import Path

    missing = []
    for path in sorted((Path(loader_mod.__file__).resolve().parents[2] / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for deco in node.decorator_list:
                    name = deco.func if isinstance(deco, ast.Call) else deco
                    if getattr(name, "id", getattr(name, "attr", None)) != "work":
                        continue
                    if not isinstance(deco, ast.Call) or not any(k.arg == "description" for k in deco.keywords):
                        missing.append(f"{path.name}:{node.lineno} {node.name}")
    assert not missing, missing


@pytest.mark.parametrize("change", [None, "edit", "add", "remove", "source"])
def test_the_snapshot_is_shown_early_and_then_kept_or_replaced(ws, change):
    """`early` gets the last session's fact base before the walk that checks it; the load returns
    that very object when nothing changed, else a fresh load's base (never the stale one)."""
    ws.basic()
    first = loader_mod.Loader(ws.root).load()
    _change(ws, change)
    seen = []
    loader = loader_mod.Loader(ws.root)
    base = loader.load(early=seen.append)
    assert len(seen) == 1 and seen[0].to_json() == first.to_json()
    if change is None:
        assert base is seen[0]
    else:
        assert base is not seen[0]
        assert base.to_json() == loader_mod.Loader(ws.root, use_cache=False).load().to_json()
    assert loader.last_fingerprint == loader.fingerprint()
    assert loader_mod.Loader(ws.root).load(early=seen.append) is seen[-1]  # (the new snapshot holds)


def test_the_snapshot_key_digest_is_the_same_for_equal_keys_only():
    from hypothesis import given, settings, strategies as st

    rel = st.text(min_size=1, max_size=8)
    stamp = st.tuples(*[st.integers(-2**63, 2**63 - 1)] * 4)
    key = st.tuples(st.lists(st.tuples(rel, stamp), max_size=5).map(tuple),
                    st.one_of(st.none(), st.lists(st.tuples(rel, st.integers(0, 9))).map(tuple)),
                    st.lists(st.tuples(rel, rel), max_size=2).map(tuple))

    @settings(max_examples=60, deadline=None)
    @given(key, key)
    def check(a, b):
        import copy

        assert loader_mod._key_digest(a) == loader_mod._key_digest(copy.deepcopy(a))
        assert (loader_mod._key_digest(a) == loader_mod._key_digest(b)) == (a == b)

    check()


async def test_the_app_shows_the_snapshot_early_then_the_checked_base(ws, monkeypatch):
    """While the preload checks the snapshot, the app shows it; a changed card replaces it."""
    from explorer.app.app import FactexApp
    from explorer.app.preload import Preload

    ws.basic()
    loader_mod.Loader(ws.root).load()
    ws.card("bob.yaml", "kind: entity\nname: Robert\ntype: person\nevidence: [Bob said]\n")
    gate = held(monkeypatch, "_walk_cards")
    preload = Preload(ws.root, wait_for_frame=True)
    app = FactexApp(ws.root, watch=False, preload=preload)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.base is not None, 30)
        assert app.base.entities["bob"].name == "Bob Jones" and app.main_screen.entity_rows
        early = app.base
        await wait_for(pilot, preload.frame_shown.is_set, 30)  # the check waits for the first frame
        gate.set()
        await wait_for(pilot, lambda: app.base is not early, 30)
        assert app.base.entities["bob"].name == "Robert"
        def row(i):
            content = app.main_screen._render_entity(i)
            return content[0].plain if isinstance(content, tuple) else content.plain

        await wait_for(pilot, lambda: any("Robert" in row(i) for i in range(len(app.main_screen.entity_rows))), 30)
    preload.cancel()


def test_a_snapshot_written_in_chunks_reads_back_whole(ws, monkeypatch):
    """The cache files are written a part and a chunk at a time (the pickler's memo of a whole
    fact base cost ~200 MB at 100,000 cards): read back, the snapshot is the same fact base, and
    an entity's relations are the very objects of `relations`."""
    monkeypatch.setattr(cache, "CHUNK", 1)
    ws.basic()
    ws.card("carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith]\n")
    first = loader_mod.Loader(ws.root).load()
    with monkeypatch.context() as m:
        no_assembling(m)
        second = loader_mod.Loader(ws.root).load()
    assert second.to_json() == first.to_json()
    assert len(second.relations) and all(r is second.relations[r.id] for rels in second.by_entity.values() for r in rels)
    assert set(cache.load(ws.root)) == {rel for rel, _ in loader_mod.Loader(ws.root).card_paths()}


# -- a first start reads its cards in a helper process (explorer/app/preload.py _start_helper) ---------


def _with_helper(ws, monkeypatch, loader=None):
    """A preload as the command line starts it, on a first start (pytest runs threads of its own;
    the command line starts none before it)."""
    from explorer.app import preload as preload_mod

    monkeypatch.setattr(preload_mod, "_only_thread", lambda: True)
    preload = preload_mod.Preload(ws.root, loader=loader, helper=True)
    preload.thread.join(60)
    return preload


class _InHelper(loader_mod.Loader):
    """A loader whose load does `then(self)` in the helper process only (after writing the cache)."""

    def __init__(self, root, then):
        super().__init__(root)
        self.parent, self.then = os.getpid(), then

    def load(self, *args, **kwargs):
        if os.getpid() == self.parent:
            return super().load(*args, **kwargs)
        base = super().load(*args, **kwargs)
        self.then(self)
        return base


def test_a_first_start_reads_its_cards_in_a_helper_and_starts_from_what_it_wrote(ws, monkeypatch):
    ws.basic()
    ws.card("broken.yaml", "kind: entity\nname: [\n")
    assert not cache.snapshot_file(ws.root).exists()
    parent = os.getpid()
    real = loader_mod.Loader._assemble

    def only_in_the_helper(self, progress):
        assert os.getpid() != parent, "this process assembled the fact base: the helper's cache was not used"
        return real(self, progress)

    monkeypatch.setattr(loader_mod.Loader, "_assemble", only_in_the_helper)
    preload = _with_helper(ws, monkeypatch)
    assert preload.helper_pid is not None and preload.result[0] == "ok", preload.result
    monkeypatch.setattr(loader_mod.Loader, "_assemble", real)
    assert preload.result[1].to_json() == loader_mod.Loader(ws.root, use_cache=False).load().to_json()  # problems too
    with pytest.raises(ChildProcessError):  # the helper was waited for: no zombie left
        os.waitpid(preload.helper_pid, os.WNOHANG)
    preload.cancel()


def test_a_card_written_after_the_helper_read_it_is_the_one_shown(ws, monkeypatch):
    ws.basic()

    def edit(_loader):
        ws.card("bob.yaml", "kind: entity\nname: Robert\ntype: person\nevidence: [Bob said]\n")

    preload = _with_helper(ws, monkeypatch, _InHelper(ws.root, edit))
    assert preload.helper_pid is not None and preload.result[0] == "ok", preload.result
    assert preload.result[1].entities["bob"].name == "Robert"
    assert preload.result[1].to_json() == loader_mod.Loader(ws.root, use_cache=False).load().to_json()
    preload.cancel()


def test_a_helper_that_fails_leaves_the_load_to_this_process(ws, monkeypatch):
    ws.basic()

    def fail(_loader):
        cache.snapshot_file(ws.root).unlink()  # (what it wrote is gone: as if it never wrote)
        raise RuntimeError("the helper broke")

    preload = _with_helper(ws, monkeypatch, _InHelper(ws.root, fail))
    assert preload.helper_pid is not None and preload.result[0] == "ok", preload.result
    assert preload.result[1].to_json() == loader_mod.Loader(ws.root, use_cache=False).load().to_json()
    preload.cancel()


def test_a_preload_cancelled_while_its_helper_works_ends_at_once(ws, monkeypatch):
    import signal
    import time

    ws.basic()
    from explorer.app import preload as preload_mod

    monkeypatch.setattr(preload_mod, "_only_thread", lambda: True)
    preload = preload_mod.Preload(ws.root, loader=_InHelper(ws.root, lambda _l: time.sleep(60)), helper=True)
    try:
        started = time.monotonic()
        preload.cancel()
        assert not preload.thread.is_alive() and time.monotonic() - started < 3
        assert preload.result is None
    finally:
        os.kill(preload.helper_pid, signal.SIGKILL)
        os.waitpid(preload.helper_pid, 0)


@pytest.mark.parametrize("why", ["snapshot", "large", "no cache", "threads"])
def test_no_helper_where_it_cannot_help(ws, monkeypatch, why):
    from explorer.app import preload as preload_mod

    ws.basic()
    monkeypatch.setattr(preload_mod, "_only_thread", lambda: why != "threads")
    if why == "snapshot":
        loader_mod.Loader(ws.root).load()
    elif why == "large":
        monkeypatch.setattr(preload_mod, "HELPER_CARDS", 2)  # (basic() has three cards)
    elif why == "no cache":
        monkeypatch.setenv("FACTEX_CACHE", "0")
    preload = preload_mod.Preload(ws.root, helper=True)
    preload.thread.join(60)
    assert preload.helper_pid is None and preload.result[0] == "ok"
    assert set(preload.result[1].entities) == {"alice", "bob"}
    preload.cancel()


def test_no_collector_pass_from_the_start_until_the_facts_show(ws, monkeypatch):
    """`factex` keeps the garbage collector off while it imports and builds the first screen, and
    turns it back on once the facts are on screen (the app calls `facts_shown`), or at the end."""
    import gc

    from explorer.app import app as app_mod
    from explorer.app import preload as preload_mod
    from explorer.cli import app as cli_app

    ws.basic()
    monkeypatch.setattr(preload_mod, "_start_helper", lambda loader: None)  # (no fork in a test)
    seen = []

    def run(self, **kwargs):
        seen.append(gc.isenabled())
        self._facts_shown()
        # (the preload's check of the cards' stamps, which waits for that frame, is held off too)
        self._preload.frame_shown.set()
        self._preload.thread.join(30)
        seen.append(gc.isenabled())

    def fails(self, **kwargs):
        raise RuntimeError("the app could not start")

    was = gc.isenabled()
    gc.enable()  # (as a user's `factex` starts; an earlier test in this process may have left it off)
    try:
        monkeypatch.setattr(app_mod.FactexApp, "run", run)
        assert cli_app.run([str(ws.root)]) == 0
        assert seen == [False, True] and gc.isenabled()
        monkeypatch.setattr(app_mod.FactexApp, "run", fails)
        with pytest.raises(RuntimeError):
            cli_app.run([str(ws.root)])
        assert gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()


async def test_the_app_says_once_when_the_facts_are_on_screen(ws):
    from explorer.app.app import FactexApp

    ws.basic()
    calls = []
    app = FactexApp(ws.root, watch=False, facts_shown=lambda: calls.append(sorted(app.base.entities)))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        ws.card("carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith]\n")
        app.load_facts(True)
        await wait_for(pilot, lambda: any(p.card == "carol" for p in app.base.problems))  # (reloaded)
    assert calls == [["alice", "bob"]]


async def test_a_bug_in_showing_a_load_started_before_the_app_ends_the_app_with_one_line(ws, monkeypatch):
    """The load started before the app (explorer.app.preload) hands its result over from its own
    thread, through `call_from_thread`. A bug in showing it went back to that thread only, which
    ended unseen: the app stayed on "Loading cards…" for ever. It now ends the app as a bug on
    the app's own loop does (the one line; the traceback in last-error.txt), said once."""
    import threading

    from explorer.app.app import FactexApp
    from explorer.app.preload import Preload
    from explorer.core import crash

    ws.basic()
    gate = held(monkeypatch)

    def broken(self, result):
        raise RuntimeError("showing the facts failed")

    monkeypatch.setattr(FactexApp, "_preload_done", broken)
    monkeypatch.setattr(crash, "deferred", [])
    monkeypatch.setattr(threading, "excepthook", crash.thread_excepthook)
    monkeypatch.delenv("FACTEX_DEBUG")
    said = []
    real_handle = FactexApp._handle_exception

    def handle(self, error):
        real_handle(self, error)
        said.extend(str(r) for r in self._exit_renderables)

    monkeypatch.setattr(FactexApp, "_handle_exception", handle)
    preload = Preload(ws.root)
    app = FactexApp(ws.root, watch=False, preload=preload)
    with pytest.raises(RuntimeError, match="showing the facts failed"):
        async with app.run_test(size=(100, 30)) as pilot:
            assert app.base is None
            gate.set()
            await wait_for(pilot, lambda: app.return_code is not None, 30)
    preload.thread.join(30)
    assert app.return_code == 1 and not preload.thread.is_alive()
    (line,) = said
    assert line.startswith("factex: stopped on an error it did not expect, a bug (RuntimeError: showing the facts failed)")
    from explorer.core.loading.cache import cache_dir

    assert "in broken" in (cache_dir() / crash.CRASH_FILE).read_text()
    assert crash.deferred == []  # (said once, by the app)
    preload.cancel()
