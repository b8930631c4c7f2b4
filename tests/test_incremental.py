"""A reload after file events looks only at the cards they name, and redoes only the checks a
change can touch (explorer.core.loading.loader: `Loader.load(changed=...)`, `_walk_again`, `_Memo`).
Whatever the edits, the fact base it gives is the one a fresh load gives: generated sequences of
writes and removals (entities renamed, made duplicates, broken, relations naming them, folders
made) are loaded both ways after every step."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.loading.loader import Loader

ENTITY = "kind: entity\nname: {name}\ntype: person\n{extra}evidence:\n  - quote: {quote}\n"
RELATION = "kind: relation\nsubject: {s}\npredicate: met\nobject: {o}\n{extra}evidence:\n  - quote: Alice Smith met Bob Jones\n"

TEXTS = [
    ENTITY.format(name="Alice Smith", extra="aliases: [Alice]\n", quote="Alice Smith met Bob Jones"),
    ENTITY.format(name="Alice", extra="", quote="Alice Smith is a painter"),  # shares a name: a warning
    ENTITY.format(name="Bob Jones", extra="", quote="Bob said"),
    ENTITY.format(name="Bob Jones", extra="same_as: Q1\n", quote="Bob Jones"),
    ENTITY.format(name="Carol", extra="", quote="not in the article at all"),  # a quote not found
    "kind: entity\nname: [\n",  # does not parse
    "kind: entity\nname: Nobody\nevidence: [Alice]\n",  # no type: an error
    RELATION.format(s="alice", o="bob", extra=""),
    RELATION.format(s="alice", o="carol", extra=""),
    RELATION.format(s="alice", o="alise", extra=""),  # unknown: did you mean
    RELATION.format(s="bob", o="bob", extra=""),  # links to itself: a warning
    RELATION.format(s="alice", o="bob", extra="qualifiers: {date: March 4}\n"),  # a number not quoted
    RELATION.format(s="alice", o="met", extra=""),  # names a relation
    # shares two names with Alice Smith (name and alias both): which pair of names is said
    ENTITY.format(name="Alice", extra="aliases: [Alice Smith]\n", quote="Alice Smith is a painter"),
    ENTITY.format(name="Robert", extra="same_as: Q1\n", quote="Bob said"),  # one same_as with another card
    ENTITY.format(name="Bob Jones", extra="same_as: Q2\n", quote="Bob Jones"),  # same name, different same_as: no warning
    # ids that differ only in case or normal form are one id (layout.id_key): named by either spelling
    RELATION.format(s="Alice", o="BOB", extra=""),
    RELATION.format(s="jos\u00e9", o="jose\u0301", extra=""),
]
PATHS = ["facts/alice.yaml", "facts/bob.yaml", "facts/carol.yaml", "facts/met.yaml", "facts/alise.yaml",
         "facts/sub/alice.yaml", "facts/sub/bob.yaml", "facts/sub/deeper/met.yaml", "facts/other.yaml",
         "facts/v1.2/carol.yaml",  # (a folder name with a dot in it)
         "facts/Alice.yaml", "facts/sub/BOB.yaml", "facts/jos\u00e9.yaml", "facts/sub/jose\u0301.yaml",
         "facts/sub/\u0430lice.yaml"]  # (a Cyrillic а: looks like alice, one id with it)

steps = st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), st.just(-1), st.sampled_from(range(len(TEXTS))))),
                 min_size=1, max_size=12)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # as an editor saves: a new file renamed over the old


def _apply(root: Path, rel: str, text_index: int | None) -> set[str]:
    """Write (or remove, for None) one card; what file events would name."""
    path = root / rel
    changed = {rel}
    if text_index is None:
        if path.exists() or path.is_symlink():
            path.unlink()
        return changed
    if text_index == -1:  # a pipe where a card was: a problem, never read
        if path.exists() or path.is_symlink():
            path.unlink()
        folder = path.parent
        while not folder.exists():
            changed.add(folder.relative_to(root).as_posix())
            folder = folder.parent
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return changed
    if path.exists() and not path.is_file():
        path.unlink()  # (a pipe before)
    folder = path.parent
    while not folder.exists():  # a new folder is an event of its own
        changed.add(folder.relative_to(root).as_posix())
        folder = folder.parent
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(root, rel, TEXTS[text_index])
    return changed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps, start=st.lists(st.sampled_from(range(len(PATHS))), max_size=5, unique=True))
def test_a_reload_after_events_gives_what_a_fresh_load_gives(steps, start):
    root = Path(tempfile.mkdtemp(prefix="factex-incremental-"))
    try:
        (root / "facts").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for i, path_index in enumerate(start):
            _apply(root, PATHS[path_index], i % len(TEXTS))
        loader = Loader(root, use_cache=False)
        loader.load(save=False)
        for rel, text_index in steps:
            changed = _apply(root, rel, text_index)
            got = loader.load(save=False, changed=changed)
            want = Loader(root, use_cache=False).load(save=False)
            assert got.to_json() == want.to_json(), (rel, text_index)
            assert _relations_by_entity(got) == _relations_by_entity(want)
            assert got.card_files == want.card_files
            assert loader.last_fingerprint == loader.fingerprint()
            # the same events again (the app's own reload read that write already; an editor's
            # swap file): nothing changed since, so the very same fact base, nothing to redraw
            assert loader.load(save=False, changed=changed | {"facts/.x.yaml.swp"}) is got
            assert loader.last_fingerprint == loader.fingerprint()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_write_that_keeps_the_size_and_modification_time_is_still_reloaded(ws):
    """The same fact base is kept only when every stamp is the same: a card rewritten with text of
    the same length and its modification time set back (a write within one tick of a coarse file
    clock) has another change time or inode, and is read again."""
    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    first = loader.load(save=False)
    card = ws.root / "facts" / "bob.yaml"
    before = card.stat()
    card.write_text(card.read_text().replace("Bob Jones", "Bob Jonas"), encoding="utf-8")
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card.stat().st_size == before.st_size
    got = loader.load(save=False, changed={"facts/bob.yaml"})
    assert got is not first and got.entities["bob"].name == "Bob Jonas"
    assert loader.load(save=False, changed={"facts/bob.yaml"}) is got


def _relations_by_entity(base) -> dict:
    return {eid: [r.id for r in rels] for eid, rels in base.by_entity.items()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), st.sampled_from(range(len(TEXTS))))),
                               min_size=1, max_size=4), min_size=1, max_size=5),
       start=st.lists(st.sampled_from(range(len(PATHS))), max_size=6, unique=True))
# a card that moves to a folder in the same burst takes its new file's place in the order
@example(steps=[[("facts/alice.yaml", 0), ("facts/bob.yaml", 0)], [("facts/alice.yaml", None), ("facts/sub/alice.yaml", 0)]],
         start=[])
def test_a_reload_of_a_few_changed_cards_is_worked_out_from_the_last_one(steps, start):
    """A reload that changed some cards (several at once, as a burst) takes the short way
    (`Loader._assemble_changed`: only those cards and what they touch) and gives what a fresh
    load gives, card order, problems, relations by entity and all."""
    from explorer.core.loading import loader as loader_mod

    root = Path(tempfile.mkdtemp(prefix="factex-incremental-"))
    taken = []
    real = loader_mod.Loader._assemble_changed

    def counted(self, *a, **kw):
        got = real(self, *a, **kw)
        taken.append(got is not None)
        return got

    loader_mod.Loader._assemble_changed = counted
    try:
        (root / "facts").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for i, path_index in enumerate(start):
            _apply(root, PATHS[path_index], (i * 5) % len(TEXTS))
        loader = Loader(root, use_cache=False)
        loader.load(save=False)
        for burst in steps:
            changed = set()
            for rel, text_index in burst:
                changed |= _apply(root, rel, text_index)
            taken.clear()
            got = loader.load(save=False, changed=changed)
            want = Loader(root, use_cache=False).load(save=False)
            assert taken == [True]
            assert got.to_json() == want.to_json(), burst
            assert _relations_by_entity(got) == _relations_by_entity(want)
            assert got.card_files == want.card_files
            assert loader.last_fingerprint == loader.fingerprint()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_reload_after_events_does_not_walk_or_open_unchanged_cards(ws, monkeypatch):
    from explorer.core.loading import loader as loader_mod

    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    loader.load(save=False)
    ws.card("bob.yaml", ENTITY.format(name="Robert", extra="", quote="Bob said"))
    walks, reads = [], []
    real_walk, real_read = loader_mod.Loader._walk, loader_mod.read_card
    monkeypatch.setattr(loader_mod.Loader, "_walk", lambda self, ws_, *a: walks.append(1) or real_walk(self, ws_, *a))
    monkeypatch.setattr(loader_mod, "read_card", lambda path, *a, **kw: reads.append(os.path.basename(path)) or real_read(path, *a, **kw))
    base = loader.load(save=False, changed={"facts/bob.yaml"})
    assert base.entities["bob"].name == "Robert"
    assert walks == [] and reads == ["bob.yaml"]
    # a path that is not a card file in a folder walked before: everything is walked again
    ws.card("new/carol.yaml", ENTITY.format(name="Carol", extra="", quote="Alice Smith lives in Paris"))
    base = loader.load(save=False, changed={"facts/new", "facts/new/carol.yaml"})
    assert walks == [1] and "carol" in base.entities
    # a file that is not a card, written or removed: nothing is walked or read
    reads.clear()
    (ws.root / "facts" / "notes.txt").write_text("not a card", encoding="utf-8")
    loader.load(save=False, changed={"facts/notes.txt"})
    (ws.root / "facts" / "notes.txt").unlink()
    loader.load(save=False, changed={"facts/notes.txt"})
    assert walks == [1] and reads == []
    # a folder with a dot in its name, made with a card in it: walked
    (ws.root / "facts" / "v1.2").mkdir()
    ws.card("v1.2/dora.yaml", ENTITY.format(name="Dora", extra="", quote="Bob said"))
    base = loader.load(save=False, changed={"facts/v1.2"})
    assert walks == [1, 1] and "dora" in base.entities


def test_an_entity_freed_from_a_duplicate_id_is_compared_again(ws):
    """Removing a relation card that shared an entity's id makes that entity valid again, and so
    part of the "same name" comparison, though no entity card changed."""
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", TEXTS[0])
    ws.card("carol.yaml", TEXTS[1])  # named "Alice": Alice Smith's alias
    ws.card("sub/alice.yaml", TEXTS[7])  # a relation with the id alice: a duplicate
    loader = Loader(ws.root, use_cache=False)
    before = loader.load(save=False)
    assert "alice" not in before.entities and not any("also" in p.message for p in before.warnings)
    (ws.root / "facts" / "sub" / "alice.yaml").unlink()
    after = loader.load(save=False, changed={"facts/sub/alice.yaml"})
    assert after.to_json() == Loader(ws.root, use_cache=False).load(save=False).to_json()
    assert any("is also" in p.message for p in after.warnings)


def test_a_reload_that_changed_relations_only_keeps_the_mentions(ws):
    from explorer.core.mentions import carry_over, find_mentions, mentions_of

    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    first = loader.load(save=False)
    mentions = mentions_of(first)
    ws.card("alice-gave-bob-car.yaml", RELATION.format(s="bob", o="alice", extra=""))
    second = loader.load(save=False, changed={"facts/alice-gave-bob-car.yaml"})
    assert carry_over(first, second) and mentions_of(second) is mentions
    assert find_mentions(second) == mentions  # what finding them again gives
    ws.card("bob.yaml", ENTITY.format(name="Robert", extra="", quote="Bob said"))
    third = loader.load(save=False, changed={"facts/bob.yaml"})
    assert not carry_over(second, third)  # an entity changed: found again
