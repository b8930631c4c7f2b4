"""The on-disk card cache: a new process starts warm, and a bad cache is never trusted."""

import os
import pickle

from explorer.core.loading import cache
from explorer.core.loading import loader as loader_mod


def count_reads(monkeypatch):
    calls = []
    real = loader_mod.read_card
    monkeypatch.setattr(loader_mod, "read_card", lambda path, size=None, **kw: calls.append(os.path.basename(path)) or real(path, size, **kw))
    return calls


def test_a_new_loader_reuses_the_cache(ws, monkeypatch):
    ws.basic()
    first = loader_mod.Loader(ws.root).load()
    assert cache.cache_file(ws.root).exists()
    calls = count_reads(monkeypatch)
    second = loader_mod.Loader(ws.root).load()
    assert calls == []  # nothing parsed again
    assert second.to_json() == first.to_json()


def test_changed_card_is_reparsed_and_changed_source_reanchored(ws, monkeypatch):
    ws.basic()
    loader_mod.Loader(ws.root).load()
    ws.card("bob.yaml", "kind: entity\nname: Robert\ntype: person\nevidence: [Bob said]\n")
    calls = count_reads(monkeypatch)
    base = loader_mod.Loader(ws.root).load()
    assert calls == ["bob.yaml"] and base.entities["bob"].name == "Robert"
    # a source changes: cached anchors must not be trusted
    text = (ws.root / "seeds" / "article.txt").read_text(encoding="utf-8")
    ws.source("article.txt", "New first line.\n\n" + text)
    base = loader_mod.Loader(ws.root).load()
    ev = base.relations["alice-gave-bob-car"].evidence[0]
    assert base.sources["article"].text[ev.anchor.start : ev.anchor.end] == "Alice\u00a0gave Bob a red car"


def test_a_tampered_cache_is_ignored_and_runs_nothing(ws, tmp_path):
    ws.basic()
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = cache.cache_file(ws.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"digest": cache.code_digest(), "cards": Evil()}))
    base = loader_mod.Loader(ws.root).load()
    assert not marker.exists()
    assert set(base.entities) == {"alice", "bob"}


def test_garbage_cache_and_disabled_cache(ws, monkeypatch):
    ws.basic()
    path = cache.cache_file(ws.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle at all")
    assert set(loader_mod.Loader(ws.root).load().entities) == {"alice", "bob"}
    monkeypatch.setenv("FACTEX_CACHE", "0")
    path.unlink()
    loader_mod.Loader(ws.root).load()
    assert not path.exists()


def test_the_cache_can_be_written_after_the_cards_are_shown(ws):
    """The app shows a load's cards first and writes the cache after (load(save=False))."""
    ws.basic()
    loader = loader_mod.Loader(ws.root)
    base = loader.load(save=False)
    assert base.entities and not cache.cache_file(ws.root).exists()
    loader.save_cache()
    assert cache.cache_file(ws.root).exists()
    assert loader_mod.Loader(ws.root).load().to_json() == base.to_json()


# -- a damaged cache file ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

damage = st.tuples(st.sampled_from(["cards", "base"]), st.sampled_from(["cut", "flip", "letter", "letter", "frame"]),
                   st.floats(0, 1, exclude_max=True),
                   st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))


@settings(max_examples=80)
@given(damage)
def test_a_damaged_cache_file_is_not_read(tmp_path_factory, how):
    """A cache file cut short or with bytes changed on disk (one that still unpickles too: a
    letter of a source's id changed made every anchor name no source, and `factex export` ended
    on a KeyError; a length changed made a MemoryError or an OverflowError, which nothing caught)
    is not read: the load is a fresh one's."""
    from conftest import Workspace

    root = tmp_path_factory.mktemp("ws")  # (a cache file of its own: the key is the workspace's path)
    (root / "w").mkdir()
    ws = Workspace(root / "w")
    ws.basic()
    fresh = loader_mod.Loader(ws.root, use_cache=False).load(save=False).to_json()
    assert loader_mod.Loader(ws.root).load().to_json() == fresh
    which, kind, cut, flips = how
    path = cache.cache_file(ws.root) if which == "cards" else cache.snapshot_file(ws.root)
    data = bytearray(path.read_bytes())
    if kind == "cut":
        data = data[: int(cut * len(data))]
    elif kind == "letter":  # one letter of a name, an id or a quote changed: the pickle still reads
        words = [w for w in (b"article", b"Alice Smith", b"Bob Jones", b"alice", b"person", b"Alice Smith met Bob Jones")
                 if w in data]
        word = words[int(cut * len(words))]
        at = data.find(word) + int(flips[0][0] * len(word))
        data[at] = data[at] ^ 0x01
    elif kind == "frame":  # a length made huge: the length of a pickle's frame (protocol 4+: opcode 0x95, 8 bytes)
        frames = [i for i in range(len(data) - 9) if data[i] == 0x95]
        at = frames[int(cut * len(frames))] + 1 + int(flips[0][0] * 8)
        data[at] = flips[0][1] | 0x80
    else:
        for at, byte in flips:
            data[int(at * len(data))] = byte
    path.write_bytes(bytes(data))
    assert loader_mod.Loader(ws.root).load().to_json() == fresh


def test_a_cache_file_whose_sums_hold_runs_nothing(ws, tmp_path):
    """A pickle that would run code, written as factex writes its cache (each pickle's length and
    CRC-32 right): refused by the unpickler, which builds only factex's data classes."""
    ws.basic()
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for write in (lambda: cache._write(cache.cache_file(ws.root), {"cards": {"facts/alice.yaml": Evil()}}),
                  lambda: cache._write(cache.snapshot_file(ws.root), {"key": Evil(), "sources": Evil()})):
        write()
        base = loader_mod.Loader(ws.root).load(save=False)
        assert not marker.exists()
        assert set(base.entities) == {"alice", "bob"}
