"""A first load (nothing cached) does the same work as any other in another order: its walk takes
no stamps (each card's is the `fstat` of what was read, `Loader._walk(stat=False)`), and cards are
read and checked a chunk at a time (`Loader._prepare`). Whatever the workspace, it gives what a
load card by card gives, and the loads after it see every card it read as unchanged."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from test_incremental import PATHS, TEXTS, _apply
from explorer.core.loading import loader as loader_mod
from explorer.core.loading.loader import Loader


def _counting_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = loader_mod.read_card
    monkeypatch.setattr(loader_mod, "read_card", lambda path, *a, **kw: reads.append(os.path.basename(path)) or real(path, *a, **kw))
    return reads


def _workspace(cards) -> Path:
    """A new workspace (removed by the test) with the article and `cards` ((path, text index))."""
    root = Path(tempfile.mkdtemp(prefix="factex-cold-"))
    (root / "facts").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    for rel, text_index in cards:
        _apply(root, rel, text_index)
    return root


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cards=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from([-1, *range(len(TEXTS))])), min_size=1, max_size=10),
       chunk=st.sampled_from([1, 2, 3, 1000]))
def test_a_first_load_in_chunks_gives_what_a_load_card_by_card_gives(monkeypatch, cards, chunk):
    root = _workspace(cards)
    try:
        # the reference: one card at a time, each stamped by the walk
        monkeypatch.setattr(loader_mod, "_CHUNK", 1)
        reference = Loader(root, use_cache=False)
        reference._cache = {"facts/(none)": None}  # (something cached: the walk takes stamps)
        want = reference.load(save=False)
        monkeypatch.setattr(loader_mod, "_CHUNK", chunk)
        loader = Loader(root, use_cache=False)
        got = loader.load(save=False)
        assert got.to_json() == want.to_json()
        assert got.card_files == want.card_files
        assert {k: [r.id for r in v] for k, v in got.by_entity.items()} == {k: [r.id for r in v] for k, v in want.by_entity.items()}
        assert loader._read_key == reference._read_key  # the same stamps, from fstat as from the walk
        assert loader.last_fingerprint == loader.fingerprint()
        # nothing changed: the next load reads nothing again (every stamp was taken)
        reads = _counting_reads(monkeypatch)
        assert loader.load(save=False).to_json() == want.to_json()
        assert reads == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_after_a_first_load_only_the_card_written_is_read_again(ws, monkeypatch):
    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    first = loader.load(save=False)
    assert loader._walked.stamps and None not in loader._walked.stamps.values()
    reads = _counting_reads(monkeypatch)
    card = ws.root / "facts" / "bob.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("Bob", "Rob", 1), encoding="utf-8")  # the same size
    os.utime(card, ns=(card.stat().st_atime_ns, card.stat().st_mtime_ns + 5_000_000_000))
    base = loader.load(save=False)
    assert reads == ["bob.yaml"]
    assert base.entities.keys() == first.entities.keys()
    # and the load a walk without changes makes (a watcher's `changed` of nothing) reads none
    reads.clear()
    loader.load(save=False, changed=set())
    assert reads == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cards=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(range(len(TEXTS)))), min_size=2, max_size=10),
       stop_at=st.integers(1, 8), chunk=st.sampled_from([1, 3, 1000]))
@example(cards=[("facts/alice.yaml", 5), ("facts/bob.yaml", 0)], stop_at=2, chunk=1000)  # one that does not parse, read
def test_a_first_load_stopped_midway_leaves_nothing_half_read(monkeypatch, cards, stop_at, chunk):
    """Stopped between reading a chunk's cards and parsing them, the next load gives what a fresh
    one gives (no card is left cached unparsed, which would look clean)."""
    from explorer.core.errors import LoadCancelled

    root = _workspace(cards)
    try:
        monkeypatch.setattr(loader_mod, "_CHUNK", chunk)
        loader = Loader(root, use_cache=False)
        asked = []
        try:
            loader.load(save=False, stop=lambda: asked.append(1) or len(asked) >= stop_at)
        except LoadCancelled:
            pass
        got = loader.load(save=False)
        assert got.to_json() == Loader(root, use_cache=False).load(save=False).to_json()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cards=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from([-1, *range(len(TEXTS))])), min_size=1, max_size=10),
       then=st.sampled_from(["finish", "load", "save_cache"]))
def test_a_load_finished_later_tells_its_errors_at_once_and_gives_what_a_whole_load_gives(monkeypatch, cards, then):
    root = _workspace(cards)
    try:
        want = Loader(root, use_cache=False).load(save=False)
        loader = Loader(root, use_cache=False)
        got = loader.load(save=False, finish_later=True)
        # what a cold search answers from: the cards and their errors, before it is finished
        assert sorted(p.format() for p in got.errors) == sorted(p.format() for p in want.errors)
        assert list(got.entities) == list(want.entities) and list(got.relations) == list(want.relations)
        if then == "finish":
            loader.finish()
        elif then == "save_cache":
            loader.save_cache()
        else:  # the next load finishes it first, then reads nothing again
            reads = _counting_reads(monkeypatch)
            again = loader.load(save=False)
            assert reads == [] and again.to_json() == want.to_json()
        assert got.to_json() == want.to_json()  # the warnings across cards too, in order
        assert {k: [r.id for r in v] for k, v in got.by_entity.items()} == {k: [r.id for r in v] for k, v in want.by_entity.items()}
        loader.finish()  # (nothing left: a second call does nothing)
        assert got.to_json() == want.to_json()
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- a relation known clean is what the cross-check would find clean ------------------------------

from explorer.core.cardformat.cards import Issues  # noqa: E402
from explorer.core.cardformat.yamlsafe import Document  # noqa: E402
from explorer.core.loading.loader import FactBase, _clean_relation  # noqa: E402
from explorer.core.model import Evidence, Relation  # noqa: E402

_IDS = ["kim", "putin", "aurus", "gift", ""]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_IDS), st.sampled_from(_IDS), st.sampled_from([None, *_IDS]),
       st.dictionaries(st.sampled_from(["date", "place", "amount"]),
                       st.sampled_from(["Moscow", "2024-02-18", "18 February", "two cars", "1,000"]), max_size=2),
       st.sets(st.sampled_from(_IDS[:4])), st.sets(st.sampled_from(_IDS[:4])))
@example("kim", "putin", None, {"date": "18 February"}, {"kim", "putin"}, set())  # (its number in the quote)
@example("kim", "putin", "gift", {"amount": "1,000", "date": "2024-02-18"}, {"kim", "putin", "gift"}, set())
def test_a_relation_taken_as_clean_is_one_the_cross_check_finds_nothing_in(subject, obj, by, qualifiers, good, broken):
    rel = Relation(id="r", file="facts/r.yaml", subject=subject, object=obj, attribution=by, predicate="gave",
                   qualifiers=qualifiers, evidence=[Evidence("Putin gave Kim a car on 18 February", path=("evidence", 0))])
    loader_mod._import_checking()
    good = good - broken
    entity_ids = good | broken
    issues = Issues(Document(line=1))
    base = FactBase(Path("."))
    Loader(".")._check_relation(rel, issues, entity_ids, good, entity_ids | {"gift"}, broken, base,
                                {i: [f"facts/{i}.yaml"] for i in entity_ids})
    if _clean_relation(rel, good):
        assert issues.items == []
    elif subject and obj:  # (an empty id is the card's own problem, not the cross-check's)
        assert issues.items != []  # (numbers and dates in its quotes too: taken as clean, not checked again)


# -- each entity's relations, worked out when first asked, are what the load worked out before ----


def _eager_by_entity(base) -> dict:
    """What every load used to make before returning (its `finish`): each entity's relations,
    sorted by where their first quote stands, then id."""
    by_entity: dict = {}
    for rel_card in sorted(base.relations.values(), key=lambda r: (r.first_position, r.id)):
        by_entity.setdefault(rel_card.subject, []).append(rel_card)
        if rel_card.object != rel_card.subject:
            by_entity.setdefault(rel_card.object, []).append(rel_card)
    return by_entity


def _same_lists(got: dict, want: dict) -> bool:
    return got.keys() == want.keys() and all(
        len(got[k]) == len(want[k]) and all(a is b for a, b in zip(got[k], want[k])) for k in want)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(cards=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from([-1, *range(len(TEXTS))])), min_size=1, max_size=10),
       edits=st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), st.sampled_from(range(len(TEXTS))))), max_size=3),
       asked=st.booleans())
def test_each_entitys_relations_asked_after_a_load_are_what_the_load_made_before(cards, edits, asked):
    root = _workspace(cards)
    try:
        loader = Loader(root, use_cache=False)
        base = loader.load(save=False)
        assert base._by_entity is None  # (not made by the load)
        if asked:  # (a reload then updates the ones asked for, else leaves its own to be asked)
            assert _same_lists(base.by_entity, _eager_by_entity(base))
        changed = set()
        for rel, text_index in edits:
            changed |= _apply(root, rel, text_index)
        again = loader.load(save=False, changed=changed)
        assert _same_lists(again.by_entity, _eager_by_entity(again))
        fresh = Loader(root, use_cache=False).load(save=False)
        assert {k: [r.id for r in v] for k, v in again.by_entity.items()} == {k: [r.id for r in v] for k, v in fresh.by_entity.items()}
    finally:
        shutil.rmtree(root, ignore_errors=True)
