"""Background work in slices (explorer/core/pausing.py): a job the app runs beside the UI thread
(the loader's preparation for reloads, the mentions) reaches a checkpoint in every long stretch
of its work, where it waits while the user types; without a pause, a checkpoint does nothing."""

from __future__ import annotations

import sys
import threading

from explorer.core import pausing

ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence: [{quote}]\n"
RELATION = "kind: relation\nsubject: {a}\npredicate: met\nobject: {b}\nevidence: [{quote}]\n"


def _stack_names() -> set[str]:
    """The functions on the calling thread's stack (qualified by class where there is one)."""
    names = set()
    frame = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        names.add(getattr(code, "co_qualname", code.co_name))
        frame = frame.f_back
    return names


def test_a_checkpoint_calls_the_threads_own_pause_only_inside_pausing():
    calls: list[str] = []
    pausing.checkpoint()  # (no pause: nothing)
    with pausing.pausing(lambda: calls.append("outer")):
        pausing.checkpoint()
        with pausing.pausing(lambda: calls.append("inner")):
            pausing.checkpoint()
            other = threading.Thread(target=pausing.checkpoint)  # (another thread has none)
            other.start()
            other.join()
        pausing.checkpoint()
    pausing.checkpoint()
    assert calls == ["outer", "inner", "outer"]


def _workspace(ws, n: int):
    """`n` entities and `n` relations between them, quoting a source that names them all."""
    names = [f"Person{i} Smith" for i in range(n)]
    ws.source("article.txt", "".join(f"{name} met {names[(i + 1) % n]} today.\n\n" for i, name in enumerate(names)))
    for i, name in enumerate(names):
        ws.card(f"people/p{i}.yaml", ENTITY.format(name=name, quote=f"{name} met"))
        ws.card(f"meetings/m{i}.yaml", RELATION.format(a=f"p{i}", b=f"p{(i + 1) % n}",
                                                     quote=f"{name} met {names[(i + 1) % n]}"))
    return ws


def test_the_loaders_preparation_reaches_a_checkpoint_in_each_of_its_long_parts(ws, monkeypatch, tmp_path):
    """Started from the card cache's snapshot, as the app does at 30,000 cards (about a second of
    CPU, in one stretch before): the cache read waits between its chunks, the walk within a
    folder, the assembly within its passes over the cards, the sources' index source by source,
    and working out what each card was."""
    from explorer.core.loading import cache
    from explorer.core.loading.loader import Loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 16)
    n = 150
    _workspace(ws, n)
    Loader(ws.root).load()  # (the card cache and its snapshot)
    loader = Loader(ws.root)
    base = loader.load()
    assert len(base.entities) == n and len(base.relations) == n and not base.errors
    stacks: list[set[str]] = []
    with pausing.pausing(lambda: stacks.append(_stack_names())):
        same = loader.prepare_reloads()
    assert same is not None  # (the fact base a reload starts from: equal to the one shown)

    def count(name: str) -> int:
        return sum(name in s for s in stacks)

    assert count("_read") >= 2 * n // 16 - 1  # (between every two chunks of the card cache)
    assert count("Loader._walk") >= 2 * n // 64  # (every 64 cards of a folder)
    assert count("Loader._assemble") >= 2 * n // 64
    assert count("SourceIndex.__init__") >= 1
    assert count("Loader._derive") >= 2
    assert count("Loader.warm") >= 2


def test_finding_the_mentions_reaches_a_checkpoint_within_each_source(ws):
    from explorer.core.mentions import find_mentions

    n = 300
    _workspace(ws, n)
    base = ws.load()
    stacks: list[set[str]] = []
    with pausing.pausing(lambda: stacks.append(_stack_names())):
        found = find_mentions(base)
    assert len(found.of("p0")) == 2  # (the source names each person twice)
    assert sum("NameIndex.build" in s for s in stacks) >= n // 64
    # One source of 1,800 words: looked at in slices, not in one stretch.
    assert sum("NameIndex.find" in s for s in stacks) >= 2


def test_the_preloads_check_of_the_snapshot_waits_while_the_user_types(ws, monkeypatch, tmp_path):
    """Started from the card cache's snapshot, the app shows its fact base at once and the preload
    then checks that every card is unchanged (a walk and a stat of each: ~0.3 s of CPU at 30,000
    cards, just as the first keys come). While the app says the user is typing, that check waits
    at a checkpoint of its walk; never before the snapshot is handed over."""
    from explorer.app.preload import Preload
    from explorer.core.loading.loader import Loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _workspace(ws, 40)
    Loader(ws.root).load()  # (the card cache and its snapshot)
    preload = Preload(ws.root, wait_for_frame=True)
    paused = threading.Event()
    release = threading.Event()
    seen: list[tuple[bool, set[str]]] = []

    def typing() -> bool:
        if not paused.is_set():
            seen.append((preload.early is not None, _stack_names()))
            paused.set()
        return not release.is_set()

    preload.typing = typing
    try:
        preload.frame_shown.set()  # (the app's first frame: the check starts)
        assert paused.wait(30)
        assert preload.result is None  # (waiting, not done)
        handed_over, stack = seen[0]
        assert handed_over and "Loader._from_snapshot" in stack
        release.set()  # (the user stopped typing)
        preload.thread.join(30)
        assert preload.result is not None and preload.result[0] == "ok"
        assert preload.result[1] is preload.early  # (unchanged: the very fact base shown)
    finally:
        release.set()
        preload.cancel()


def test_the_search_index_build_steps_aside_at_its_checkpoints_while_a_key_is_not_on_screen(ws, monkeypatch, tmp_path):
    """A large workspace's search index is built beside the UI thread (~2 s of CPU at 30,000
    cards, when the stored one does not hold): in every long stretch of the build (the cards'
    records, each kind's table, the folding of its lines) it reaches a checkpoint, where the app
    has it wait while a key typed is not yet on screen (UiFirst.wait); it answers as an index
    built in one go."""
    from types import SimpleNamespace

    from explorer.app import app as app_mod
    from explorer.core.loading.loader import Loader
    from explorer.core.search import SearchIndex
    from explorer.core.search import table as table_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(app_mod, "INDEX_LATER_CARDS", 1)
    monkeypatch.setattr(table_mod._fold_all_pausing, "__defaults__", (16,))  # (chunks of 16 lines)
    n = 150
    _workspace(ws, n)
    base = Loader(ws.root).load()
    waits: list[set[str]] = []

    class KeyNotShown:  # (the UI thread's turn: a key typed and not drawn yet)
        def wait(self, cancelled) -> None:
            waits.append(_stack_names())

    fake = SimpleNamespace(_index_lock=threading.Lock(), search_index=None, _adopted=None, base=base, _exit=False,
                           ui_first=KeyNotShown(), _large=app_mod.FactexApp._large, _stored_index=lambda b: None)
    fake._key_first = lambda: app_mod.FactexApp._key_first(fake)
    built = []
    worker = threading.Thread(target=lambda: built.append(app_mod.FactexApp.ensure_search_index(fake, base)))
    worker.start()
    worker.join(60)
    assert built and fake.search_index is built[0]

    def count(name: str) -> int:
        return sum(name in s for s in waits)

    assert count("SearchIndex._build") >= 3 * n // 64  # (entities, relations, quotes: every 64 cards)
    assert count("build_table") >= 4 * 3  # (each kind's table, between its passes)
    assert count("_fold_all_pausing") >= 2 * n // 16  # (the folding of every line, a chunk at a time)
    want = SearchIndex(base)
    for query in ("person1", "met today", "smith"):
        assert [h.to_json() for h in built[0].search(query).hits] == [h.to_json() for h in want.search(query).hits]
