"""The stored, memory-mapped index is updated by an overlay (`SearchIndex.update` over tables read
back by `store.load`): the changed cards' records are made again, every other record stays in the
file. Whatever the workspace and the edits (cards added, changed, removed, entities renamed),
the index read back and updated step after step answers every query as an index freshly built on
the edited workspace: hits, their order, totals and counts. The pool of candidates scored
precisely (`run.POOL_MIN`) is made small, so that its pre-selection (word starts, close letters
in the first third of a kind's string, the shortest texts) decides what is shown here too."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex, run as run_mod, store
from explorer.core.search.table import Layered

NAMES = ["Alice Smith", "Alicia Smythe", "Bob Jones", "Paris", "Red Car", "Zed", "Kim Jong Un", "Pyongyang",
         "City of Light", "Smith & Sons", "Bob", "Al"]
TYPES = ["person", "place", "thing", "organization"]
QUOTES = ["Alice Smith met Bob Jones", "Alice Smith is a painter.", "Bob said", "Alice Smith lives in Paris.",
          "a red car", "Alice Smith met Bob Jones in Paris on March 3.", "Alice gave Bob a red car",
          "It's the best car... ever.", "not in the article at all"]
PREDICATES = ["met", "gave a car to", "praised", "lives in", "is near"]
IDS = ["alice", "bob", "paris", "car", "zed", "kim"]
QUERIES = ["a", "al", "alice", "smith", "'Smith", "bob car", "paris", "light", "painter", "^alice", "paris$",
           "!bob", "car | paris", "type:person", "type:place a", "kind:quote", "kind:relation alice",
           "certainty:reported", "by:bob", "source:article", "sources:1", "!paris alice", "collector",
           "where", "zed", "alicia", "ALICE", "mt", "ea", "kim jong", "s"]

entity = st.builds(
    lambda name, type_, aliases, desc, quotes: (
        f"kind: entity\nname: {name}\ntype: {type_}\n"
        + (f"aliases: [{', '.join(aliases)}]\n" if aliases else "")
        + (f"description: {desc}\n" if desc else "")
        + "evidence:\n" + "".join(f"  - quote: {q}\n" for q in quotes)),
    st.sampled_from(NAMES), st.sampled_from(TYPES), st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
    st.sampled_from(["", "a collector of cars", "the state news agency"]),
    st.lists(st.sampled_from(QUOTES), min_size=1, max_size=3))
relation = st.builds(
    lambda s, p, o, extra, quotes: (
        f"kind: relation\nsubject: {s}\npredicate: {p}\nobject: {o}\n{extra}evidence:\n"
        + "".join(f"  - quote: {q}\n" for q in quotes)),
    st.sampled_from(IDS), st.sampled_from(PREDICATES), st.sampled_from(IDS),
    st.sampled_from(["", "attribution: bob\ncertainty: reported\n", "qualifiers: {where: paris}\n",
                     "certainty: hedged\n"]),
    st.lists(st.sampled_from(QUOTES), min_size=1, max_size=2))
# an entity card under its id's name (a new text there renames the entity), a relation's, a broken one
card = st.one_of(
    st.tuples(st.sampled_from(IDS).map(lambda i: f"facts/{i}.yaml"), entity),
    st.tuples(st.integers(0, 7).map(lambda n: f"facts/rel/r{n}.yaml"), relation),
    st.tuples(st.sampled_from(IDS).map(lambda i: f"facts/{i}.yaml"), st.none()),  # removed
    st.tuples(st.integers(0, 7).map(lambda n: f"facts/rel/r{n}.yaml"), st.none()),
    st.tuples(st.just("facts/broken.yaml"), st.sampled_from(["kind: entity\nname: [\n", None])),
)


def _apply(root: Path, rel: str, text: str | None) -> None:
    path = root / rel
    if text is None:
        if path.exists():
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _answers(index: SearchIndex) -> list:
    out = []
    for query in QUERIES:
        for limit in (3, 50):
            try:
                got = index.search(query, limit=limit)
            except Exception as exc:  # noqa: BLE001 - a QueryError must be the same too
                out.append((query, type(exc).__name__, str(exc)))
                continue
            out.append((query, limit, got.total, got.counts,
                        [(h.kind, h.card, h.evidence, h.source, h.start, h.end, h.text, h.detail, h.positions, h.score)
                         for h in got.hits]))
    return out


def _stored(root: Path, index: SearchIndex) -> SearchIndex:
    """`index` written and read back (memory-mapped), as the app and the server read it."""
    stamp = store.Stamp("test", 0, 10**19)
    assert store.save(root, stamp, index) is not None
    got = store.load(root, stamp)
    assert got is not None
    mapped = got[0]
    assert mapped.updatable
    mapped.base = index.base
    return mapped


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(start=st.lists(card, min_size=2, max_size=12), steps=st.lists(st.lists(card, min_size=1, max_size=3),
                                                                      min_size=1, max_size=5))
def test_a_stored_index_updated_by_edits_answers_as_a_fresh_one(start, steps, monkeypatch):
    monkeypatch.setattr(run_mod, "POOL_MIN", 2)  # (the pool's pre-selection decides here too)
    root = Path(tempfile.mkdtemp(prefix="factex-overlay-"))
    try:
        (root / "facts").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for rel, text in start:
            _apply(root, rel, text)
        loader = Loader(root, use_cache=False)
        index = _stored(root, SearchIndex(loader.load(save=False)))
        for n, burst in enumerate(steps):
            for rel, text in burst:
                _apply(root, rel, text)
            base = loader.load(save=False, changed={rel for rel, _ in burst})
            rebuilt = []
            monkeypatch.setattr(SearchIndex, "_build", lambda self, *a, _real=SearchIndex._build: rebuilt.append(1) or _real(self, *a))
            updated = index.update(base)
            monkeypatch.undo()
            monkeypatch.setattr(run_mod, "POOL_MIN", 2)
            assert updated.base is base and updated.updatable
            assert not rebuilt, "updated, not built anew"
            assert _answers(updated) == _answers(SearchIndex(base)), burst
            if n == 1:  # (later edits over an updated index read back once more: as the app's next session)
                updated = _stored(root, updated)
            index = updated
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_an_update_of_a_stored_index_keeps_the_other_records_in_the_file(ws):
    """Renaming an entity over a stored index: its record, its quotes and its relations are made
    again; the other records are read from the file only when a hit shows them (no record
    object per record), and the old index answers as before."""
    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    before = loader.load(save=False)
    mapped = _stored(ws.root, SearchIndex(before))
    old_answers = _answers(mapped)
    ws.card("bob.yaml", "kind: entity\nname: Robert Jones\ntype: person\nevidence: [Bob said]\n")
    after = loader.load(save=False, changed={"facts/bob.yaml"})
    updated = mapped.update(after)
    entities = updated.kinds["entity"]
    assert isinstance(entities.records, Layered)
    assert entities.records.base is mapped.kinds["entity"].records  # (the file's records, not copies)
    assert len(entities.state.extra) == 1  # (Bob's record alone made again)
    assert [h.text for h in updated.search("robert").hits][:1] == ["Robert Jones"]
    assert _answers(updated) == _answers(SearchIndex(after))
    assert _answers(mapped) == old_answers


@pytest.mark.parametrize("sources_change", [False, True])
def test_a_changed_source_builds_the_index_of_a_stored_one_anew(ws, sources_change):
    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    mapped = _stored(ws.root, SearchIndex(loader.load(save=False)))
    if sources_change:
        (ws.root / "seeds" / "article.txt").write_text(SOURCE_TEXT + "\nA new sentence about Bob.\n", encoding="utf-8")
        base = loader.load(save=False, changed={"seeds/article.txt"})
    else:
        ws.card("zed.yaml", "kind: entity\nname: Zed\ntype: person\nevidence: [Bob said]\n")
        base = loader.load(save=False, changed={"facts/zed.yaml"})
    updated = mapped.update(base)
    assert isinstance(updated.kinds["entity"].records, Layered) is not sources_change
    assert _answers(updated) == _answers(SearchIndex(base))


def _mapped(index: SearchIndex) -> bool:
    return all(isinstance(index.kinds[k].records, store._Records) for k in ("entity", "relation", "quote"))


@pytest.mark.parametrize("stored_first", [True, False])
def test_the_server_s_helper_holds_the_mapped_index_and_an_overlay(ws, stored_first):
    """The search server's helper (cli/worker.py) starts from the stored index, mapped, when there
    is one of the files as they are (else builds one); an edit updates it by an overlay (the
    other records stay in the file); once its child has stored the index, the stored copy is
    mapped in place of what it held. Its answers are a fresh index's throughout."""
    import os
    import time as time_mod

    from explorer.cli.worker import Prepared

    ws.basic()
    past = time_mod.time() - 3600
    for folder, _, files in os.walk(ws.root):
        for name in files:
            os.utime(os.path.join(folder, name), (past, past))
    if stored_first:
        index = SearchIndex(Loader(ws.root, use_cache=False).load(save=False))
        assert store.save(ws.root, store.workspace_stamp(ws.root), index) is not None
    prepared = Prepared(str(ws.root))
    assert prepared.prepare()
    assert _mapped(prepared.built) is stored_first
    ws.card("bob.yaml", "kind: entity\nname: Robert Jones\ntype: person\nevidence: [Bob said]\n")
    os.utime(ws.root / "facts" / "bob.yaml", (past, past))
    assert prepared.reload(["facts/bob.yaml"], False)
    fresh = SearchIndex(Loader(ws.root, use_cache=False).load(save=False))
    assert _answers(prepared.built) == _answers(fresh)
    entities = prepared.built.kinds["entity"]
    assert isinstance(entities.records, Layered) and len(entities.state.extra) == 1
    assert isinstance(entities.records.base, store._Records) is stored_first
    stamp = store.workspace_stamp(ws.root)
    prepared.store(stamp.digest, stamp.newest, stamp.taken)
    pid = prepared.storing[0]
    os.waitpid(pid, 0)
    assert prepared.remap(pid)
    assert _mapped(prepared.built) and prepared.storing is None
    assert _answers(prepared.built) == _answers(fresh)
    ws.card("paris.yaml", "kind: entity\nname: Lutetia\ntype: place\nevidence: [Bob said]\n")
    assert prepared.reload(["facts/paris.yaml"], False)
    assert _answers(prepared.built) == _answers(SearchIndex(Loader(ws.root, use_cache=False).load(save=False)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(start=st.lists(card, min_size=2, max_size=12), steps=st.lists(st.lists(card, min_size=1, max_size=3),
                                                                      min_size=1, max_size=3))
def test_a_helper_started_after_edits_updates_the_stored_index_from_the_stale_snapshot(start, steps, monkeypatch):
    """The search server starts its helper (cli/worker.py) only once the files changed; the helper
    is told the stamp of the stored index the server maps, and updates it: the card cache's
    snapshot, stale now, is the fact base that index was stored from (the digest stored with the
    index says so), and only the cards that differ from it are indexed again (the records made
    again are at most those of the entity cards written; every card object read back is another
    object, equal or not: fails without `_changed` comparing values). Its answers and its count of
    errors are those of a fresh load of the edited workspace, edits after edits."""
    from explorer.cli.worker import Prepared

    monkeypatch.setattr(run_mod, "POOL_MIN", 2)
    root = Path(tempfile.mkdtemp(prefix="factex-stale-"))
    try:
        (root / "facts").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for rel, text in start:
            _apply(root, rel, text)
        loader = Loader(root)  # (as a cold search stores: the card cache, its snapshot, the index)
        base = loader.load(save=False)
        loader.save_cache()
        digest = store.workspace_stamp(root).digest
        assert store.save(root, store.Stamp(digest, 0, 10**19), SearchIndex(base),
                          {"errors": len(base.errors), "snapshot": loader.read_digest()}) is not None
        written: set[str] = set()
        for burst in steps:
            for rel, text in burst:
                _apply(root, rel, text)
                written.add(rel)
            prepared = Prepared(str(root))
            assert prepared.prepare(mapped=digest)
            fresh = Loader(root, use_cache=False).load(save=False)
            unchanged = store.workspace_stamp(root).digest == digest  # (a burst that removed nothing there)
            assert prepared.how == ("stored" if unchanged else "updated")
            assert _answers(prepared.built) == _answers(SearchIndex(fresh)), burst
            assert prepared.errors == len(fresh.errors)
            entities = prepared.built.kinds["entity"]
            made = len(entities.state.extra) if isinstance(entities.records, Layered) else 0
            assert made <= len([rel for rel in written if not rel.startswith("facts/rel/")]), (made, written)
    finally:
        shutil.rmtree(root, ignore_errors=True)
