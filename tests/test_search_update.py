"""The search index after a reload is updated, not built anew (`SearchIndex.update`): only the
changed cards' records (and the relations naming a changed entity) are made again. Whatever the
edits, an updated index answers every query as a freshly built one does: generated sequences of
card writes and removals are loaded incrementally, the index updated step after step, and a set
of queries (fuzzy, exact, filters, negations, listings) compared hit for hit."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex

ENTITY = "kind: entity\nname: {name}\ntype: {type}\n{extra}evidence:\n  - quote: {quote}\n"
RELATION = ("kind: relation\nsubject: {s}\npredicate: {p}\nobject: {o}\n{extra}evidence:\n"
            "  - quote: {quote}\n")

TEXTS = [
    ENTITY.format(name="Alice Smith", type="person", extra="aliases: [Alice]\n", quote="Alice Smith met Bob Jones"),
    ENTITY.format(name="Alicia Smythe", type="person", extra="", quote="Alice Smith is a painter."),  # a whole sentence
    ENTITY.format(name="Bob Jones", type="person", extra="description: a collector of cars\n", quote="Bob said"),
    ENTITY.format(name="Paris", type="place", extra="aliases: [City of Light]\n", quote="Alice Smith lives in Paris."),
    ENTITY.format(name="Red Car", type="thing", extra="", quote="a red car"),
    ENTITY.format(name="Zed", type="person", extra="", quote="Alice Smith is a painter."),  # the same sentence again
    RELATION.format(s="alice", p="met", o="bob", extra="", quote="Alice Smith met Bob Jones in Paris on March 3."),
    RELATION.format(s="alice", p="gave a car to", o="bob", extra="attribution: bob\ncertainty: reported\n",
                    quote="Alice gave Bob a red car"),
    RELATION.format(s="bob", p="praised", o="car", extra="qualifiers: {where: paris}\n",
                    quote="It's the best car... ever."),
    RELATION.format(s="alice", p="lives in", o="paris", extra="", quote="Alice Smith lives in Paris."),
    "kind: entity\nname: [\n",  # does not parse: no card
]
PATHS = ["facts/alice.yaml", "facts/bob.yaml", "facts/paris.yaml", "facts/car.yaml", "facts/zed.yaml",
         "facts/met.yaml", "facts/gave.yaml", "facts/praised.yaml", "facts/lives.yaml", "facts/sub/alice2.yaml"]
QUERIES = ["a", "alice", "smith", "'Smith", "bob car", "paris", "light", "painter", "^alice", "paris$",
           "!bob", "car | paris", "type:person", "type:place a", "kind:quote", "kind:relation alice",
           "certainty:reported", "by:bob", "source:article", "sources:1", "!paris alice", "collector",
           "where", "zed", "alicia", "ALICE"]

steps = st.lists(st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), st.sampled_from(range(len(TEXTS))))),
                          min_size=1, max_size=3), min_size=1, max_size=6)


def _apply(root: Path, rel: str, text_index: int | None) -> None:
    path = root / rel
    if text_index is None:
        if path.exists():
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXTS[text_index], encoding="utf-8")


def _answers(index: SearchIndex) -> list:
    out = []
    for query in QUERIES:
        try:
            got = index.search(query, limit=8)
        except Exception as exc:  # noqa: BLE001 - a QueryError ("no entity has type place") must be the same too
            out.append((query, type(exc).__name__, str(exc)))
            continue
        out.append((query, got.total, got.counts, [(h.kind, h.card, h.evidence, h.source, h.start, h.text, h.detail,
                                                   h.positions, h.score) for h in got.hits]))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps, start=st.lists(st.sampled_from(range(len(PATHS))), min_size=1, max_size=8, unique=True))
def test_an_updated_index_answers_as_a_fresh_one(steps, start):
    import explorer.core.search.index as index_mod

    root = Path(tempfile.mkdtemp(prefix="factex-search-update-"))
    rebuilt = []
    real = index_mod.SearchIndex._updated

    def spy(self, old, base):
        got = real(self, old, base)
        rebuilt.append(got is None)
        return got

    index_mod.SearchIndex._updated = spy
    try:
        (root / "facts").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for i, path_index in enumerate(start):
            _apply(root, PATHS[path_index], (i * 3) % len(TEXTS))
        loader = Loader(root, use_cache=False)
        index = SearchIndex(loader.load(save=False))
        for burst in steps:
            for rel, text_index in burst:
                _apply(root, rel, text_index)
            base = loader.load(save=False, changed={rel for rel, _ in burst})
            rebuilt.clear()
            index = index.update(base)
            assert index.base is base
            assert rebuilt == [False], "updated, not built anew"
            assert _answers(index) == _answers(SearchIndex(base)), burst
    finally:
        index_mod.SearchIndex._updated = real
        shutil.rmtree(root, ignore_errors=True)


def test_an_update_makes_only_the_changed_cards_records(ws, monkeypatch):
    """Renaming an entity makes its record, its quotes' and its relations' (whose sentences hold
    its name) again, nothing else; the old index is left as it was."""
    from explorer.core.search import index as index_mod

    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    before = loader.load(save=False)
    index = SearchIndex(before)
    old_answers = _answers(index)
    ws.card("bob.yaml", "kind: entity\nname: Robert Jones\ntype: person\nevidence: [Bob said]\n")
    after = loader.load(save=False, changed={"facts/bob.yaml"})
    made = []
    for name in ("entity_row", "relation_row", "quote_rows"):
        real = getattr(index_mod, name)
        monkeypatch.setattr(index_mod, name, lambda card, *a, _real=real, _name=name: made.append((_name, card.id)) or _real(card, *a))
    updated = index.update(after)
    made_now = {(name, cid) for name, cid in made}
    relations = {r.id for r in after.relations.values() if "bob" in (r.subject, r.object, r.attribution)}
    assert relations and made_now == ({("entity_row", "bob"), ("quote_rows", "bob")}
                                      | {("relation_row", rid) for rid in relations})
    assert [h.text for h in updated.search("robert").hits][:1] == ["Robert Jones"]
    assert _answers(index) == old_answers  # (a search may still be running over the old one)
