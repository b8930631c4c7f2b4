"""A checked card's text and parsed data are not kept (`Loader._check`): ~550 B a card, half a
100,000-card check's memory beyond the model. What needs them later reads the card again, through
the workspace's safe file layer: the positions of a problem its cross-check finds (`_ReadAgain`),
and a check against sources that changed. Every path gives what a fresh load gives."""

from __future__ import annotations

import os
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.loading import loader as loader_mod
from explorer.core.loading.loader import _NO_STAMP, Loader, _Parsed, _ReadAgain, _stamp_of
from explorer.core.cardformat.yamlsafe import Document

UNKNOWN = "kind: relation\nsubject: alice\npredicate: met\n# a comment\nobject:   alise\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
ALICE = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"


def fresh(root):
    return [p.format() for p in Loader(root, use_cache=False).load(save=False).problems]


def test_no_text_or_data_is_kept_and_a_cross_check_problem_still_has_its_place(ws):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", ALICE)
    ws.card("met.yaml", UNKNOWN)
    loader = Loader(ws.root, use_cache=False)
    base = loader.load(save=False)
    assert [p.format() for p in base.problems] == [
        "facts/met.yaml:5:11: error: `object` names unknown entity 'alise'; did you mean 'alice'?"]
    for entry in loader._cache.values():
        assert entry.doc.text is None and entry.doc.data is None and entry.checked is not None


def test_a_reload_that_checks_a_relation_again_reads_its_place_from_the_file(ws, monkeypatch):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", ALICE)
    ws.card("met.yaml", UNKNOWN)
    loader = Loader(ws.root, use_cache=False)
    loader.load(save=False)
    reads = []
    real = loader_mod.Loader._read_entry
    monkeypatch.setattr(loader_mod.Loader, "_read_entry", lambda self, path, rel, cached=None, **kw: reads.append(rel) or real(self, path, rel, cached, **kw))
    ws.card("alice.yaml", ALICE.replace("Alice Smith\n", "Alice S.\n"))  # the relation is checked again
    got = [p.format() for p in loader.load(save=False, changed={"facts/alice.yaml"}).problems]
    assert sorted(reads) == ["facts/alice.yaml", "facts/met.yaml"]  # the relation read again for its place
    assert got == fresh(ws.root) and "facts/met.yaml:5:11" in got[0]


def test_a_card_cache_without_texts_is_checked_again_when_the_sources_change(ws, monkeypatch):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", ALICE)
    ws.card("met.yaml", UNKNOWN)
    Loader(ws.root).load()  # the card cache and the snapshot, without texts
    from explorer.core.loading import cache

    os.unlink(cache.snapshot_file(ws.root))  # start from the card cache itself
    ws.source("article.txt", "New first line.\n\n" + SOURCE_TEXT)
    base = Loader(ws.root).load()
    assert [p.format() for p in base.problems] == fresh(ws.root)
    ev = base.entities["alice"].evidence[0]
    assert base.sources["article"].text[ev.anchor.start:ev.anchor.end] == "Alice Smith met Bob Jones"


def test_a_card_written_since_its_check_is_not_trusted_for_places(ws):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("met.yaml", UNKNOWN)
    loader = Loader(ws.root, use_cache=False)
    loader.load(save=False)
    entry = loader._cache["facts/met.yaml"]
    assert _ReadAgain(loader, "facts/met.yaml", entry).pos(("object",)) == (5, 11)
    ws.card("met.yaml", "\n\n" + UNKNOWN)  # moved down two lines: the stamp the check saw is gone
    assert _ReadAgain(loader, "facts/met.yaml", entry).pos(("object",)) == (1, 1)  # its first line
    stale = _Parsed(entry.stamp, Document(line=3))
    assert _ReadAgain(loader, "facts/met.yaml", stale).pos(("object",)) == (3, 1)


times = st.integers(-(1 << 63), (1 << 63) - 1)
stats = st.tuples(st.integers(0, (1 << 63) - 1), times, st.integers(0, (1 << 64) - 1), times)


@settings(max_examples=150)
@given(a=stats, b=stats)
def test_two_stamps_are_equal_only_when_size_times_and_inode_are(a, b):
    def stamp(fields):
        return _stamp_of(SimpleNamespace(st_size=fields[0], st_mtime_ns=fields[1], st_ino=fields[2], st_ctime_ns=fields[3]))

    assert (stamp(a) == stamp(b)) == (a == b)
    for i in range(4):  # one field off by one, the others the same
        c = list(a)
        c[i] += 1 if c[i] < (1 << 62) else -1
        assert stamp(tuple(c)) != stamp(a)
    assert stamp(a) != _NO_STAMP


def test_repeated_ids_words_and_certainties_are_kept_once(ws):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", ALICE)
    ws.card("bob.yaml", ALICE.replace("Alice Smith\n", "Bob Jones\n"))
    for n in (1, 2):
        ws.card(f"m{n}.yaml", f"kind: relation\nsubject: alice\npredicate: met\nobject: bob\ncertainty: reported\n"
                              f"attribution: bob\nevidence:\n  - quote: Alice Smith met Bob Jones\n    source: article\n")
    ws.card("bad.yaml", "kind: relation\nsubject: alice\npredicate: met\nobject: bob\ncertainty: relation\n"
                        "evidence:\n  - quote: Alice Smith met Bob Jones\n")
    base = Loader(ws.root, use_cache=False).load(save=False)
    m1, m2 = base.relations["m1"], base.relations["m2"]
    assert m1.subject is m2.subject is base.entities["alice"].id
    assert m1.attribution is m2.object is base.entities["bob"].id
    assert m1.certainty is m2.certainty and m1.predicate is m2.predicate
    assert base.entities["alice"].type is base.entities["bob"].type
    assert m1.evidence[0].source is m2.evidence[0].source and m1.evidence[0].path is m2.evidence[0].path
    assert any(p.file == "facts/bad.yaml" and "certainty" in p.message and p.severity == "error" for p in base.problems)


def test_a_loader_that_loads_once_lets_the_source_index_go(ws):
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", ALICE)
    ws.card("met.yaml", UNKNOWN)
    once = Loader(ws.root, use_cache=False, reloads=False)
    got = once.load(save=False)
    assert once._index is None
    again = Loader(ws.root, use_cache=False)
    want = again.load(save=False)
    assert again._index is not None  # (kept for the next load's anchoring)
    assert got.to_json() == want.to_json()
