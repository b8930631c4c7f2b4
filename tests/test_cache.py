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
