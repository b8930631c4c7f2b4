"""The stored search index (`explorer.core.search.store`): a second `factex search` on an unchanged
workspace reads it instead of building the index again, answers exactly as a built index does,
and is rebuilt once anything changed; a bad or foreign file is never trusted. `check`, `export`
and `quote` start from the fact-base snapshot."""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.loading import loader as loader_mod
from explorer.core.search import QueryError, SearchIndex, store


def settle(root) -> None:
    """Make every file look written a while ago (the store keeps no index of files written just
    now: see store.Stamp)."""
    past = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (past, past))


def search(capsys, *argv):
    code = main(["search", *argv, "--format", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def identity(path):
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def no_building(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("loaded the workspace or built the index instead of reading the stored one")

    monkeypatch.setattr(loader_mod.Loader, "load", fail)
    monkeypatch.setattr(SearchIndex, "__init__", fail)


def richer(ws):
    ws.basic()
    ws.card("kcna.yaml", """
        kind: entity
        name: Korean Central News Agency
        type: organization
        aliases: [KCNA]
        description: the state news agency
        evidence:
          - quote: Bob Jones
            note: a stand-in quote
    """)
    ws.card("bob-said.yaml", """
        kind: relation
        subject: bob
        predicate: praised
        object: alice
        certainty: hedged
        attribution: kcna
        qualifiers: {place: Paris}
        evidence:
          - quote: "It's the best car"
    """)
    ws.card("broken.yaml", "kind: entity\nname: [\n")
    return ws


QUERIES = ["car", "alice", "Alice", "'car", "'car'", "^bob", "jones$", "^Bob Jones$", "alice !smith", "kcna",
           "a | b", "type:person", "type:person,organization al", "certainty:hedged", "by:kcna", "by:KCNA car",
           "source:article", "sources:1", "sources:>1", "kind:quote car", "!kind:passage car", "kind:article paris",
           "!type:person", "zzz", "e", "best car ever", "type:robot", "by:nobody", "source:nope", "|", "kind:x"]


def answers(index, query, **kw):
    try:
        res = index.search(query, **kw)
    except QueryError as exc:
        return ("error", exc.hint, exc.position)
    return ([h.to_json() for h in res.hits], res.total, res.counts)


def test_the_stored_index_answers_as_the_built_one(richer_ws):
    base = loader_mod.Loader(richer_ws.root).load()
    built = SearchIndex(base)
    settle(richer_ws.root)
    stamp = store.workspace_stamp(richer_ws.root)
    assert store.save(richer_ws.root, stamp, built, {"errors": 1}) is not None
    stored, extra = store.load(richer_ws.root, stamp)
    assert extra == {"errors": 1} and stored.base is None
    for query in QUERIES:
        assert answers(stored, query) == answers(built, query), query
        assert answers(stored, query, limit=2) == answers(built, query, limit=2), query
    assert answers(stored, "car", kinds={"quote"}) == answers(built, "car", kinds={"quote"})


@pytest.fixture
def richer_ws(ws):
    return richer(ws)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abcdejklnorsty '!^$|:,", min_size=1, max_size=12))
def test_any_query_gets_the_same_answer_from_the_stored_index(richer_ws, query):
    if not hasattr(richer_ws, "indexes"):
        built = SearchIndex(loader_mod.Loader(richer_ws.root).load())
        settle(richer_ws.root)
        stamp = store.workspace_stamp(richer_ws.root)
        store.save(richer_ws.root, stamp, built)
        richer_ws.indexes = (built, store.load(richer_ws.root, stamp)[0])
    built, stored = richer_ws.indexes
    assert answers(stored, query) == answers(built, query)


def test_a_second_search_reads_the_stored_index_and_a_change_rebuilds_it(ws, capsys, monkeypatch):
    richer(ws)
    settle(ws.root)
    code, first, _ = search(capsys, "car", str(ws.root))
    assert main(["search", "car", str(ws.root)]) == 0
    text, err = capsys.readouterr()
    assert "1 error in the cards" in err
    path = store.index_file(ws.root)
    before = identity(path)
    with monkeypatch.context() as m:
        no_building(m)
        assert search(capsys, "car", str(ws.root))[:2] == (0, first)
        assert main(["search", "car", str(ws.root)]) == 0
        assert capsys.readouterr() == (text, err)  # the count of broken cards too
    assert identity(path) == before

    # a card changes (same size, same inode: only its times tell)
    card = ws.root / "facts" / "bob.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    settle(ws.root)
    code, third, _ = search(capsys, "jonas", str(ws.root))
    assert code == 0 and third["results"][0]["text"] == "Bob Jonas"
    assert identity(path) != before
    after = identity(path)
    with monkeypatch.context() as m:
        no_building(m)
        assert search(capsys, "jonas", str(ws.root))[1] == third
    assert identity(path) == after


@pytest.mark.parametrize("change", ["add", "remove", "source", "rename"])
def test_any_change_to_cards_or_sources_rebuilds(ws, capsys, change):
    ws.basic()
    settle(ws.root)
    search(capsys, "car", str(ws.root))
    old = store.workspace_stamp(ws.root).digest
    if change == "add":
        ws.card("sub/carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith]\n")
    elif change == "remove":
        (ws.root / "facts" / "bob.yaml").unlink()
    elif change == "source":
        (ws.root / "seeds" / "article.txt").write_text("Carol came.\n", encoding="utf-8")
    else:
        os.rename(ws.root / "facts" / "bob.yaml", ws.root / "facts" / "robert.yaml")
    assert store.workspace_stamp(ws.root).digest != old
    settle(ws.root)
    code, got, _ = search(capsys, "carol" if change in ("add", "source") else "bob", str(ws.root))
    fresh = SearchIndex(loader_mod.Loader(ws.root, use_cache=False).load())
    want = fresh.search("carol" if change in ("add", "source") else "bob")
    assert [h["text"] for h in (got or {"results": []})["results"]] == [h.text for h in want.hits]


def test_a_file_written_just_now_is_searched_but_not_stored(ws, capsys):
    ws.basic()
    assert search(capsys, "car", str(ws.root))[0] == 0
    assert not store.index_file(ws.root).exists()
    settle(ws.root)
    assert search(capsys, "car", str(ws.root))[0] == 0
    assert store.index_file(ws.root).exists()


def test_a_linked_card_folder_is_never_stored(ws, capsys, tmp_path_factory):
    ws.basic()
    (ws.root / "facts" / "more").symlink_to(ws.root / "facts")
    settle(ws.root)
    assert store.workspace_stamp(ws.root) is None
    search(capsys, "car", str(ws.root))
    assert not store.index_file(ws.root).exists()


def test_a_bad_or_foreign_index_file_is_not_trusted(ws, capsys, monkeypatch):
    ws.basic()
    settle(ws.root)
    _, want, _ = search(capsys, "car", str(ws.root))
    path = store.index_file(ws.root)
    good = path.read_bytes()
    for bad in (b"", good[:-1], good[:100], b"garbage" + good[7:], good + b"x"):
        path.write_bytes(bad)
        assert store.load(ws.root, store.workspace_stamp(ws.root)) is None
        assert search(capsys, "car", str(ws.root))[1] == want
    path.chmod(0o666)
    assert store.load(ws.root, store.workspace_stamp(ws.root)) is None
    monkeypatch.setenv("FACTEX_CACHE", "0")
    path.unlink()
    assert search(capsys, "car", str(ws.root))[1] == want
    assert not path.exists()


def test_check_export_and_quote_start_from_the_snapshot(ws, capsys, monkeypatch):
    ws.basic()
    for argv in (["check"], ["export", "--format", "json"], ["quote", "Alice Smith"]):
        assert main([*argv, str(ws.root)]) == 0, argv
        first = capsys.readouterr().out
        with monkeypatch.context() as m:
            def fail(self, progress):
                raise AssertionError("assembled the fact base instead of starting from the snapshot")

            m.setattr(loader_mod.Loader, "_assemble", fail)
            assert main([*argv, str(ws.root)]) == 0, argv
        assert capsys.readouterr().out == first


# -- searching in slices (the app's typing: a newer key stops the search of the last one) --------

def test_a_search_in_small_slices_finds_what_a_whole_scan_finds(richer_ws, monkeypatch):
    from explorer.core.search import run

    index = SearchIndex(loader_mod.Loader(richer_ws.root).load())
    whole = {q: answers(index, q) for q in QUERIES}
    for size in (1, 7, 64):
        monkeypatch.setattr(run, "SLICE", size)
        sliced = SearchIndex(loader_mod.Loader(richer_ws.root).load())  # (its own memo)
        for q in QUERIES:
            try:
                got = sliced.search(q, stop=lambda: False)
                got = ([h.to_json() for h in got.hits], got.total, got.counts)
            except QueryError as exc:
                got = ("error", exc.hint, exc.position)
            assert got == whole[q], (size, q)


def test_a_search_stops_when_asked_and_the_next_one_is_whole(richer_ws, monkeypatch):
    from explorer.core.search import SearchCancelled, run

    monkeypatch.setattr(run, "SLICE", 16)
    index = SearchIndex(loader_mod.Loader(richer_ws.root).load())
    asked = []

    def stop():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(SearchCancelled):
        index.search("car", stop=stop)
    assert len(asked) == 3  # asked between slices, and stopped at once
    fresh = SearchIndex(loader_mod.Loader(richer_ws.root).load())
    assert answers(index, "car") == answers(fresh, "car")  # nothing half-done was remembered


CARD_EDITS = [("bob.yaml", "Bob Jones", "Bob Jonas"), ("alice.yaml", "Alice Smith", "Alice Smyth"),
              ("kcna.yaml", "organization", "agency"), ("bob-said.yaml", "praised", "thanked")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.sampled_from(CARD_EDITS), min_size=1, max_size=3, unique=True),
       query=st.text(alphabet="abcdejklnorsty '!^$|:,", min_size=1, max_size=8))
def test_an_updated_index_is_stored_as_the_built_one(ws, edits, query):
    """An index updated after edits (SearchIndex.update: its new records take fresh tags) is
    stored as the index built anew from the same fact base would be (the file's reader takes a
    tag to be a record id plus the table's first): what is read back answers as that one."""
    if not hasattr(ws, "texts"):
        richer(ws)
        ws.texts = {p.name: p.read_text(encoding="utf-8") for p in (ws.root / "facts").iterdir()}
    for name, text in ws.texts.items():  # (each example starts from the same cards)
        (ws.root / "facts" / name).write_text(text, encoding="utf-8")
    settle(ws.root)
    loader = loader_mod.Loader(ws.root)
    index = SearchIndex(loader.load(save=False))
    for name, old, new in edits:
        card = ws.root / "facts" / name
        text = card.read_text(encoding="utf-8")
        assert old in text
        card.write_text(text.replace(old, new), encoding="utf-8")
    settle(ws.root)
    named = [f"facts/{name}" for name, _, _ in edits]
    loader.forget(named)
    base = loader.load(changed=named, save=False)
    updated = index.update(base)
    stamp = store.workspace_stamp(ws.root)
    assert store.save(ws.root, stamp, updated) is not None
    stored = store.load(ws.root, stamp)[0]
    fresh = SearchIndex(base)
    for q in (query, "a", "bob", "jonas", "type:person", "kcna", "agency"):
        assert answers(stored, q) == answers(fresh, q) == answers(updated, q), q


def test_a_cold_search_stamps_after_its_answer_and_never_stores_a_card_written_since_it_was_read(ws, capsys, monkeypatch):
    from explorer.cli import search as search_cli

    richer(ws)
    settle(ws.root)
    stamps = []
    real = store.workspace_stamp
    monkeypatch.setattr(store, "workspace_stamp", lambda *a, **kw: stamps.append(a) or real(*a, **kw))
    index, errors = search_cli.warm_index(ws.root)
    assert stamps == [] and errors == 1  # the answer does not wait for a stat of every file
    assert [h.text for h in index.search("jonas").hits] == []
    # a card written after the load read it, its times put back: only its change time tells
    card = ws.root / "facts" / "bob.yaml"
    st = card.stat()
    card.write_text(card.read_text(encoding="utf-8").replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    os.utime(card, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert search_cli.save_after_answer(detach=False)
    assert stamps  # taken by what stores, after the answer
    assert store.load(ws.root, real(ws.root)) is None  # what the answer came from is not stored as now
    code, got, _ = search(capsys, "jonas", str(ws.root))
    assert code == 0 and got["results"][0]["text"] == "Bob Jonas"
    # unchanged since: stored, and read by the next search
    assert store.load(ws.root, real(ws.root)) is not None


def test_the_snapshots_fact_base_finds_the_index_stored_of_it_without_a_stamp(ws, capsys, monkeypatch):
    """The app's first search, typed as the card cache's snapshot shows, maps the index stored of
    that snapshot's fact base (its digest saved with the index) without stamping every file; a
    snapshot of other cards, or no digest, finds none."""
    from types import SimpleNamespace

    from explorer.app import app as app_mod

    richer(ws)
    settle(ws.root)
    search(capsys, "car", str(ws.root))  # (stores the card cache's snapshot and the index)
    loader = loader_mod.Loader(ws.root)
    shown = []
    base = loader.load(save=False, early=shown.append)
    assert shown == [base] and loader.early_key == loader.read_digest()
    want = answers(SearchIndex(base), "car")

    def no_stamp(*args, **kwargs):
        raise AssertionError("stamped every file")

    with monkeypatch.context() as m:
        m.setattr(store, "workspace_stamp", no_stamp)
        got = store.load_of_snapshot(ws.root, loader.early_key)
        assert got is not None
        got[0].base = base
        assert answers(got[0], "car") == want
        assert store.load_of_snapshot(ws.root, None) is None
        assert store.load_of_snapshot(ws.root, b"") is None
        # the app: the preload's snapshot base, shown, searched with that index
        m.setattr(app_mod, "INDEX_LATER_CARDS", 1)
        fake = SimpleNamespace(root=ws.root, _preload=SimpleNamespace(early=base, loader=loader),
                               _large=app_mod.FactexApp._large, _index_stored=False)
        index = app_mod.FactexApp._stored_index(fake, base)
        assert index is not None and index.base is base and fake._index_stored
        assert answers(index, "car") == want
    old_key = loader.early_key

    ws.card("bob.yaml", "kind: entity\nname: Bob Jonas\ntype: person\nevidence: [Bob Jones]\n")
    settle(ws.root)
    search(capsys, "jonas", str(ws.root))
    assert store.load_of_snapshot(ws.root, old_key) is None  # (the index of other cards now)
    loader = loader_mod.Loader(ws.root)
    base = loader.load(save=False, early=lambda b: None)
    assert loader.early_key != old_key
    got = store.load_of_snapshot(ws.root, loader.early_key)
    assert got is not None
    got[0].base = base
    assert answers(got[0], "jonas") == answers(SearchIndex(base), "jonas")


def _flips(size: int, count: int, seed: int) -> list[tuple[int, int]]:
    """(offset, xor mask) pairs spread over a file of `size` bytes: every region (the magic, the
    header's length and sum, the header, the blobs) gets some."""
    import random

    rng = random.Random(seed)
    return [(rng.randrange(size), 1 << rng.randrange(8)) for _ in range(count)]


def test_a_damaged_stored_index_answers_right_or_is_rebuilt_never_raises(richer_ws):
    """Bytes flipped anywhere in a real stored index: `load` refuses it (then the index is built
    from the cards), or a search over it answers as the built index does, or raises
    `DamagedIndex` (what every searcher catches to build instead) when it first reads a damaged
    part. Never a UnicodeDecodeError, an EOFError or a wrong text. (Before the sums: 36 of 300
    flips ended a search on an error a user saw.)"""
    base = loader_mod.Loader(richer_ws.root).load()
    built = SearchIndex(base)
    settle(richer_ws.root)
    stamp = store.workspace_stamp(richer_ws.root)
    path = store.save(richer_ws.root, stamp, built, {"errors": 1})
    good = path.read_bytes()
    queries = ["car", "alice", "^Bob Jones$", "type:person", "by:kcna", "source:article", "e", "kind:quote car"]
    expected = {q: answers(built, q) for q in queries}
    # (an edit over the damaged index too: an update reads the file's sort keys, filters, spans)
    loader = loader_mod.Loader(richer_ws.root, use_cache=False)
    loader.load(save=False)
    richer_ws.card("bob.yaml", "kind: entity\nname: Robert Jones\ntype: person\nevidence: [Bob said]\n")
    after = loader.load(save=False, changed={"facts/bob.yaml"})
    expected_after = {q: answers(SearchIndex(after), q) for q in queries + ["robert"]}
    outcomes = {"refused": 0, "right": 0, "damaged": 0}
    for at, mask in _flips(len(good), 300, seed=15):
        bad = bytearray(good)
        bad[at] ^= mask
        path.write_bytes(bytes(bad))
        got = store.load(richer_ws.root, stamp)
        if got is None:
            outcomes["refused"] += 1
            continue
        try:
            for q in queries:
                assert answers(got[0], q) == expected[q], (at, mask, q)
            mapped = got[0]
            mapped.base = base
            updated = mapped.update(after)
            for q in expected_after:
                assert answers(updated, q) == expected_after[q], (at, mask, q)
        except store.DamagedIndex:
            outcomes["damaged"] += 1
        else:
            outcomes["right"] += 1
    assert outcomes["damaged"] and outcomes["refused"], outcomes


def test_factex_search_over_a_damaged_stored_index_rebuilds_it(ws, capsys):
    """The command line: each part of the stored index a search reads after `load` (the strings
    it scans, the records it shows) damaged in turn, `factex search` answers as over the good
    file (the cards loaded, the index built) with no error line, and stores a good one again."""
    richer(ws)
    settle(ws.root)
    code, first, _ = search(capsys, "car", str(ws.root))
    assert search(capsys, "car", str(ws.root))[:2] == (code, first)  # (stored by now)
    path = store.index_file(ws.root)

    def read_by_a_search():
        """The parts of the stored file a search reads after `load`, and where they start."""
        index = store.load(ws.root, store.workspace_stamp(ws.root))[0]
        blobs = index.kinds["entity"].records._blob
        at_load = set(blobs.checked)
        assert answers(index, "car")[1] == first["total"]
        return [w for w in sorted(blobs.checked - at_load) if w[1]], blobs.base

    n = 0
    while True:  # (the file is stored anew each time, where each part is may change)
        lazy, base = read_by_a_search()
        assert len(lazy) > 5
        if n >= len(lazy):
            break
        at, size, _ = lazy[n]
        bad = bytearray(path.read_bytes())
        bad[base + at + size // 2] ^= 0x80
        path.write_bytes(bytes(bad))
        code2, again, err = search(capsys, "car", str(ws.root))
        assert (code2, again) == (code, first), (at, size)
        assert "Traceback" not in err and "Error" not in err, err
        assert path.read_bytes() != bad  # (stored again)
        n += 1
