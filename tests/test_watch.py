"""Live reload by file events (explorer/app/watch.py): no polling while events work, a burst of
writes reloads a few times at most, and polling takes over where events are not available."""

from __future__ import annotations

import pytest

from apphelpers import ready, wait_for

ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence: [Bob said]\n"


@pytest.fixture
def no_polling(monkeypatch):
    from explorer.app.app import FactexApp

    def refuse(self):
        raise AssertionError("polled although file events are available")

    monkeypatch.setattr(FactexApp, "_poll_files", refuse)


async def test_a_saved_card_is_picked_up_by_file_events_without_polling(ws, no_polling):
    from explorer.app.app import FactexApp

    ws.basic()
    app = FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app._watcher is not None)
        ws.card("carol.yaml", ENTITY.format(name="Carol"))
        await wait_for(pilot, lambda: "carol" in app.base.entities)
        ws.card("carol.yaml", ENTITY.format(name="Caroline"))
        await wait_for(pilot, lambda: app.base.entities.get("carol") and app.base.entities["carol"].name == "Caroline")
        (ws.root / "facts" / "carol.yaml").unlink()
        await wait_for(pilot, lambda: "carol" not in app.base.entities)


async def test_a_burst_of_writes_reloads_once_and_reads_only_what_it_wrote(ws, no_polling, monkeypatch):
    """A branch switch writing hundreds of cards at once: one reload, worked out from the last
    fact base (Loader._assemble_changed), which reads the cards written and no other."""
    from explorer.app import app as app_module
    from explorer.core.loading import loader as loader_mod

    ws.basic()
    reloads, reads, short = [], [], []
    real = app_module.FactexApp.on_facts_loaded

    def counted(self, message):
        if message.reloaded:
            reloads.append(len(message.base.entities))
        return real(self, message)

    real_read, real_changed = loader_mod.read_card, loader_mod.Loader._assemble_changed
    monkeypatch.setattr(app_module.FactexApp, "on_facts_loaded", counted)
    monkeypatch.setattr(loader_mod, "read_card", lambda path, *a, **kw: reads.append(path) or real_read(path, *a, **kw))
    monkeypatch.setattr(loader_mod.Loader, "_assemble_changed",
                        lambda self, *a: short.append(1) or real_changed(self, *a))
    # A burst is over once nothing has changed for BURST_QUIET_MS; on a busy machine the 300
    # writes below can pause longer than the shipped 400 ms, which is a second burst, not a bug.
    from explorer.app import watch

    monkeypatch.setattr(watch, "BURST_QUIET_MS", 3000)
    (ws.root / "facts" / "burst").mkdir()
    for i in range(300):
        ws.card(f"burst/p{i:03}.yaml", ENTITY.format(name=f"Person {i}"))
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        reads.clear(), short.clear()
        for i in range(300):  # a branch switch rewriting many cards at once
            ws.card(f"burst/p{i:03}.yaml", ENTITY.format(name=f"Someone {i}"))
        await wait_for(pilot, lambda: reloads and app.base.entities["p299"].name == "Someone 299", timeout=30)
        await pilot.pause()
    assert reloads == [302]
    assert len(reads) == 300 and short == [1]


async def test_dot_files_and_backups_do_not_reload(ws, no_polling, monkeypatch):
    from explorer.app.app import FactexApp
    from explorer.app.watch import FileWatcher

    ws.basic()
    watcher = FileWatcher(ws.root, lambda changes: None)
    root = str(ws.root)
    assert watcher.relevant(None, f"{root}/facts/a/b.yaml")
    assert watcher.relevant(None, f"{root}/facts/a")  # a folder: its cards come or go with it
    assert watcher.relevant(None, f"{root}/seeds/article.txt")
    assert not watcher.relevant(None, f"{root}/facts/.b.yaml.swp")
    assert not watcher.relevant(None, f"{root}/facts/b.yaml~")
    (ws.root / "facts" / "notes.txt").write_text("not a card", encoding="utf-8")
    assert not watcher.relevant(None, f"{root}/facts/notes.txt")
    assert not watcher.relevant(None, f"{root}/README.md")


async def test_folders_with_a_dot_in_their_name_are_watched(ws, no_polling, tmp_path):
    """A folder named "v1.2" (or "2024.03") moved into facts/ brings its cards, and moved out
    takes them away: the only events are the folder's own, and its name looks like a file's."""
    import os

    from explorer.app.app import FactexApp
    from explorer.app.watch import FileWatcher

    ws.basic()
    root = str(ws.root)
    watcher = FileWatcher(ws.root, lambda changes: None)
    (ws.root / "facts" / "v1.2").mkdir()
    assert watcher.relevant(None, f"{root}/facts/v1.2")  # a folder now
    assert watcher.relevant(None, f"{root}/facts/2024.03")  # gone: it may have held cards
    outside = tmp_path / "release.2024"
    outside.mkdir()
    (outside / "carol.yaml").write_text(ENTITY.format(name="Carol"), encoding="utf-8")
    app = FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        os.rename(outside, ws.root / "facts" / "release.2024")
        await wait_for(pilot, lambda: "carol" in app.base.entities)
        os.rename(ws.root / "facts" / "release.2024", outside)
        await wait_for(pilot, lambda: "carol" not in app.base.entities)


async def test_polling_takes_over_without_file_events(ws, monkeypatch):
    import explorer.app.app as app_module
    from explorer.app.watch import FileWatcher

    monkeypatch.setattr(FileWatcher, "start", lambda self, wait=5.0: None)
    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.05)
    ws.basic()
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app._watcher is None
        ws.card("carol.yaml", ENTITY.format(name="Carol"))
        await wait_for(pilot, lambda: "carol" in app.base.entities)


async def test_polling_takes_over_when_watching_fails_later(ws, monkeypatch):
    import explorer.app.app as app_module
    from explorer.app.watch import FileWatcher

    def broken(self, ready):
        self._fail(OSError("inotify watch limit reached"), ready)

    monkeypatch.setattr(FileWatcher, "run", broken)
    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.05)
    ws.basic()
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        ws.card("carol.yaml", ENTITY.format(name="Carol"))
        await wait_for(pilot, lambda: "carol" in app.base.entities)


async def test_polling_a_removed_workspace_says_so_once_and_goes_on(ws, monkeypatch):
    """The workspace folder removed while the app polls: no traceback, the last facts stay, and
    the polls that follow do not reload (and notify) again and again."""
    import os
    import shutil

    import explorer.app.app as app_module
    from explorer.app.watch import FileWatcher
    from explorer.core.loading.loader import Loader

    monkeypatch.setattr(FileWatcher, "start", lambda self, wait=5.0: None)
    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.02)
    polls, loads = [], []
    real_fingerprint, real_load = Loader.fingerprint, Loader.load
    monkeypatch.setattr(Loader, "fingerprint", lambda self: polls.append(1) or real_fingerprint(self))
    monkeypatch.setattr(Loader, "load", lambda self, *a, **kw: loads.append(1) or real_load(self, *a, **kw))
    ws.basic()
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        loads.clear()
        gone = ws.root.with_name(ws.root.name + "-gone")
        os.rename(ws.root, gone)  # (at once: a poll never sees it half removed)
        shutil.rmtree(gone)
        await wait_for(pilot, lambda: any("Cannot load the workspace" in n.message for n in app._notifications))
        polls.clear()
        await wait_for(pilot, lambda: len(polls) >= 8)
        assert len(loads) == 1 and "alice" in app.base.entities
    assert app.return_code in (None, 0)


async def test_after_a_start_from_the_snapshot_the_first_edit_updates_the_search_index(ws, no_polling, monkeypatch, tmp_path):
    """A start from the card cache's snapshot, then the background preparation (`_warm_loader`:
    Loader.prepare_reloads, the app taking its equal fact base): the first saved card is a
    reload of that card only, and the search index is updated, not built again."""
    import explorer.core.search.index as index_mod
    from explorer.app.app import FactexApp
    from explorer.core.loading.loader import Loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws.basic()
    Loader(ws.root).load()  # (writes the card cache and its snapshot)
    updates = []
    real = index_mod.SearchIndex._updated
    monkeypatch.setattr(index_mod.SearchIndex, "_updated",
                        lambda self, old, base: (lambda got: updates.append(got is not None) or got)(real(self, old, base)))
    app = FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        shown = app.base
        assert app.loader._memo is None  # (started from the snapshot)
        app._warm_loader()
        await wait_for(pilot, lambda: app.base is not shown and app.search_index.base is app.base)
        assert app.base.to_json() == shown.to_json()
        ws.card("bob.yaml", ENTITY.format(name="Robert"))
        await wait_for(pilot, lambda: app.base.entities["bob"].name == "Robert"
                       and app.search_index is not None and app.search_index.base is app.base)
        assert updates == [True]
        assert [h.text for h in app.search_index.search("robert").hits][:1] == ["Robert"]


@pytest.mark.parametrize("from_snapshot", [True, False])
async def test_once_prepared_a_save_is_reloaded_from_its_event_alone_and_nothing_written_before_is_missed(
        ws, no_polling, monkeypatch, tmp_path, from_snapshot):
    """The background preparation (`_warm_loader`) walks every card once the watches are in place
    (or checks the stamps, when the load just made the memo), so a card written after the load
    but before the watches (no event for it) is shown; from then on a saved card is reloaded
    from its event alone: that path is stat-checked, no folder walked again."""
    from explorer.app import app as app_module
    from explorer.core.loading.loader import Loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws.basic()
    if from_snapshot:
        Loader(ws.root).load()  # (the card cache and its snapshot)
    deaf, unheard = [True], []
    real_changed = app_module.FactexApp._files_changed
    monkeypatch.setattr(app_module.FactexApp, "_files_changed",
                        lambda self, changes: unheard.append(changes) if deaf[0] else real_changed(self, changes))
    walks = []
    real_walk = Loader._walk
    monkeypatch.setattr(Loader, "_walk", lambda self, *a, **kw: walks.append(1) or real_walk(self, *a, **kw))
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app._watcher is not None and app._watcher.ready.is_set())
        # (and the look at the disk once the watches are in place has been made: a card written
        # before it would be read by it, not by the preparation this test is about)
        await wait_for(pilot, lambda: app._watch_decided.is_set()
                       and not any(w.group == "watch-start" and not w.is_finished for w in app.workers))
        ws.card("carol.yaml", ENTITY.format(name="Carol"))  # as if before the watches: no event
        await wait_for(pilot, lambda: unheard)
        deaf[0] = False
        app._warm_loader()
        await wait_for(pilot, lambda: "carol" in app.base.entities)
        await wait_for(pilot, lambda: not app._loading and app.loader.prepared[0] is from_snapshot)
        await pilot.pause()
        walks.clear()
        ws.card("bob.yaml", ENTITY.format(name="Robert"))
        await wait_for(pilot, lambda: app.base.entities["bob"].name == "Robert")
        assert walks == []  # (the event named the card: nothing else was looked at)
        assert app.base.to_json() == Loader(ws.root, use_cache=False).load(save=False).to_json()


async def test_the_watcher_starts_once_start_up_keys_pause_and_nothing_written_before_is_missed(ws, no_polling, monkeypatch):
    """Keys typed as the app comes up (`/` and a query as soon as the facts show) go first: the
    file watcher's threads start once the keys pause (each thread's start waits on the UI thread
    for the interpreter), and a card written before it started is still shown (the loader's
    preparation waits for the watcher, then compares what is on disk with what was loaded)."""
    import time

    from explorer.app import app as app_module
    from explorer.app.watch import FileWatcher

    monkeypatch.setattr(app_module, "QUIET_BEFORE_WORK", 0.4)
    monkeypatch.setattr(app_module, "INDEX_DELAY", 0.05)
    started = []
    real_start = FileWatcher.start
    monkeypatch.setattr(FileWatcher, "start", lambda self, wait=5.0: started.append(time.monotonic()) or real_start(self, wait))
    typing = [True]
    real_mount = app_module.FactexApp.on_mount

    def typing_at_start(self):
        def key() -> None:  # (a person typing from the moment the app mounts, until told to stop)
            if typing[0]:
                self._last_key = time.monotonic()

        key()
        self.set_interval(0.05, key)
        return real_mount(self)

    monkeypatch.setattr(app_module.FactexApp, "on_mount", typing_at_start)
    ws.basic()
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.pause(0.2)
        assert started == [] and app._watcher is None  # (not while the keys come)
        ws.card("carol.yaml", ENTITY.format(name="Carol"))  # (before any watch: no event for it)
        typing[0] = False
        await wait_for(pilot, lambda: "carol" in app.base.entities)
        assert len(started) == 1 and started[0] - app._last_key >= 0.4
        assert app._watcher is not None
        ws.card("dave.yaml", ENTITY.format(name="Dave"))  # (and from then on, by its event)
        await wait_for(pilot, lambda: "dave" in app.base.entities)


@pytest.mark.parametrize("from_snapshot", [True, False])
async def test_an_unchanged_workspace_is_not_reloaded_when_the_watches_are_in_place(ws, no_polling, monkeypatch, tmp_path, from_snapshot):
    """The look at the disk once the watcher is ready finds nothing changed: no reload, no toast."""
    from explorer.app import app as app_module
    from explorer.core.loading.loader import Loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws.basic()
    if from_snapshot:
        Loader(ws.root).load()
    looked, reloads = [], []
    real_unchanged = Loader.unchanged
    monkeypatch.setattr(Loader, "unchanged", lambda self: (lambda got: looked.append(got) or got)(real_unchanged(self)))
    real_loaded = app_module.FactexApp.on_facts_loaded
    monkeypatch.setattr(app_module.FactexApp, "on_facts_loaded",
                        lambda self, m: (m.reloaded and reloads.append(1)) or real_loaded(self, m))
    app = app_module.FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: looked)
        await pilot.pause(0.1)
        assert looked == [True] and reloads == []
        assert not app._notifications


def test_the_ui_thread_never_imports_watchfiles(ws):
    """Starting the watcher only asks whether watchfiles is installed: importing it (and anyio,
    which parses its own source as it is imported: 20-50 ms) is done by the watching threads,
    never by the thread that starts them (the app's UI thread)."""
    import subprocess
    import sys

    ws.basic()
    script = (
        "import sys, threading\n"
        "seen = {}\n"
        "class Finder:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        f, importing = sys._getframe(1), False\n"
        "        while f is not None and not importing:\n"
        "            importing, f = f.f_code.co_name == '_find_and_load', f.f_back\n"
        "        if importing and name in ('watchfiles', 'anyio'):  # (an import, not a look: find_spec)\n"
        "            seen.setdefault(name, threading.current_thread() is threading.main_thread())\n"
        "        return None\n"
        "sys.meta_path.insert(0, Finder())\n"
        "from explorer.app.watch import FileWatcher\n"
        "watcher = FileWatcher(sys.argv[1], lambda changes: None).start(wait=5)\n"
        "assert watcher is not None and watcher.failed is None\n"
        "watcher.stop()\n"
        "print(sorted(seen.items()))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(ws.root)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('anyio', False), ('watchfiles', False)]"


def _inotify_watches() -> int:
    """Inotify watches this process holds (Linux: /proc/self/fdinfo)."""
    import os

    count = 0
    for fd in os.listdir("/proc/self/fdinfo"):
        try:
            with open(f"/proc/self/fdinfo/{fd}") as fh:
                count += fh.read().count("inotify wd:")
        except OSError:
            pass
    return count


LINKS_OUT = {  # a link under facts/ or seeds/ to a folder outside the workspace, or in a loop
    "facts/out": "{outside}", "seeds/out": "{outside}/d0", "facts/deeper": "{outside}/d1/d1",
    "facts/self": ".", "facts/up": "..", "seeds/loop": "loop",
}


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="counts inotify watches: Linux")
async def test_links_to_folders_outside_the_workspace_are_never_watched(ws, no_polling, tmp_path_factory):
    """The Rust notifier's recursive watch followed links: a `facts/usr -> /usr` put 15,807 inotify
    watches on /usr (a per-user limit other programs share) in 15 s, `seeds/root -> /` walked the
    whole file system. Now no folder outside the workspace is watched, whether the link was there at
    the start or made while the app runs; a link to a folder inside it is (a load reads it), and a
    folder made while the app runs brings its cards."""
    import os

    from explorer.app.app import FactexApp

    ws.basic()
    outside = tmp_path_factory.mktemp("outside")
    for i in range(3):
        for j in range(3):
            for k in range(40):
                (outside / f"d{i}" / f"d{j}" / f"e{k}").mkdir(parents=True)  # 363 folders
    (ws.root / "shared").mkdir()
    os.symlink("../shared", ws.root / "facts" / "more")  # inside: watched (a load reads it)
    for link, target in LINKS_OUT.items():
        os.symlink(target.format(outside=outside), ws.root / link)
    app = FactexApp(ws.root, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app._watcher is not None and app._watcher.ready.is_set())
        assert _inotify_watches() < 100  # (363 folders outside, and their links)
        folders = app._watcher.watched_folders(app._watcher.folders())
        inside = os.path.realpath(ws.root) + os.sep
        assert all(os.path.realpath(f).startswith(inside) for f in folders), folders
        assert str(ws.root / "facts" / "more") in folders
        (ws.root / "shared" / "carol.yaml").write_text(ENTITY.format(name="Carol"), encoding="utf-8")
        await wait_for(pilot, lambda: "more/carol" in app.base.entities or any("carol" in k for k in app.base.entities))
        os.symlink(outside, ws.root / "facts" / "late")  # made while it runs
        (ws.root / "facts" / "new").mkdir()
        (ws.root / "facts" / "new" / "dave.yaml").write_text(ENTITY.format(name="Dave"), encoding="utf-8")
        await wait_for(pilot, lambda: any("dave" in k for k in app.base.entities))
        assert _inotify_watches() < 100
        (ws.root / "facts" / "new" / "erin.yaml").write_text(ENTITY.format(name="Erin"), encoding="utf-8")
        await wait_for(pilot, lambda: any("erin" in k for k in app.base.entities))
