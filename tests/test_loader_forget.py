"""`Loader.forget()`: files that events named are read again even when their stamps look unchanged.

On a coarse file clock two writes of the same size within one tick leave the same stamp (size,
modification and change times, inode); a loader that trusted the stamp would keep the first
write's card. The search server tells the loader which files events named; this shows they are
read again whatever their stamps say (the stale entry is made by hand: a real one needs two
writes within a clock tick)."""

from __future__ import annotations

import dataclasses

from explorer.core.loading.loader import Loader


def _stale(loader: Loader, rel: str, other_text: bytes) -> None:
    """Make the loader's entry for `rel` hold `other_text`'s card under the file's current stamp,
    as if the file had been written again within the same clock tick."""
    from explorer.core.loading.loader import read_card

    entry = loader._cache[rel]
    path = loader.root / "stale-copy.yaml"
    path.write_bytes(other_text)
    try:
        loader._cache[rel] = dataclasses.replace(entry, doc=read_card(str(path)), checked=None)
    finally:
        path.unlink()


def test_a_file_an_event_named_is_read_again_whatever_its_stamp(ws):
    ws.basic()
    card = ws.root / "facts" / "bob.yaml"
    loader = Loader(ws.root, use_cache=False)
    loader.load()
    old = card.read_bytes()
    _stale(loader, "facts/bob.yaml", old.replace(b"Bob Jones", b"Bob Jonas"))
    assert loader.load(changed=["facts/bob.yaml"]).entities["bob"].name == "Bob Jonas"  # (the stale entry kept)
    _stale(loader, "facts/bob.yaml", old.replace(b"Bob Jones", b"Bob Jonas"))
    loader.forget(["facts/bob.yaml"])
    assert loader.load(changed=["facts/bob.yaml"]).entities["bob"].name == "Bob Jones"


def test_forget_after_a_start_from_the_snapshot_is_not_undone_by_the_card_cache(ws):
    ws.basic()
    Loader(ws.root).load()  # (writes the card cache and the snapshot)
    loader = Loader(ws.root)
    loader.load()  # from the snapshot: the card cache is read later
    card = ws.root / "facts" / "bob.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    loader.forget(["facts/bob.yaml"])
    assert loader.load(changed=["facts/bob.yaml"]).entities["bob"].name == "Bob Jonas"
    loader.forget(["seeds/article.txt"])  # a source: the sources are read again
    assert loader.load(changed=["seeds/article.txt"]).entities["bob"].name == "Bob Jonas"
