"""A reload moves only the entity rows it changed (MainScreen._update_rows: each by bisection);
whatever the edits and filters, the rows are the ones a fresh fill of the list gives
(MainScreen._fill_entities), header counts, order and all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.loading.loader import Loader

ENTITY = "kind: entity\nname: {name}\ntype: {type}\nevidence:\n  - quote: {quote}\n"
RELATION = "kind: relation\nsubject: {s}\npredicate: met\nobject: {o}\ncertainty: {c}\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
TEXTS = [
    ENTITY.format(name="Alice Smith", type="person", quote="Alice Smith met Bob Jones"),
    ENTITY.format(name="alice smith", type="person", quote="Alice Smith is a painter"),  # the same name, lower case
    ENTITY.format(name="Bob Jones", type="person", quote="Bob said"),
    ENTITY.format(name="Zed", type="person", quote="Bob said"),
    ENTITY.format(name="Paris", type="place", quote="in Paris on March 3"),
    ENTITY.format(name="Paris", type="organization", quote="lives in Paris"),
    ENTITY.format(name="Car", type="vehicle", quote="a red car"),
    "kind: entity\nname: [\n",  # does not parse: the entity leaves the list
    RELATION.format(s="alice", o="bob", c="stated"),
    RELATION.format(s="alice", o="paris", c="hedged"),
    RELATION.format(s="bob", o="car", c="reported"),
    RELATION.format(s="car", o="car", c="hedged"),
]
PATHS = ["facts/alice.yaml", "facts/bob.yaml", "facts/paris.yaml", "facts/car.yaml", "facts/a/zed.yaml",
         "facts/r1.yaml", "facts/r2.yaml", "facts/sub/r3.yaml", "facts/sub/alice.yaml", "facts/zz.yaml"]
FILTERS = st.tuples(st.sampled_from([None, "person", "place"]), st.sampled_from([None, "hedged", "stated"]))


def _rows(screen) -> tuple:
    return list(screen.entity_rows), dict(screen._row_keys), dict(screen._groups)


@settings(max_examples=40)
@given(start=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(range(len(TEXTS)))), max_size=8),
       steps=st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), st.sampled_from(range(len(TEXTS))))),
                      min_size=1, max_size=10),
       filters=FILTERS)
def test_rows_moved_by_a_reload_are_the_rows_a_fresh_fill_gives(start, steps, filters):
    from explorer.app.screens.main import MainScreen, _changed_entities

    root = Path(tempfile.mkdtemp(prefix="factex-rows-"))
    try:
        (root / "seeds").mkdir()
        (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
        for rel, i in start:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(TEXTS[i], encoding="utf-8")
        (root / "facts").mkdir(exist_ok=True)
        loader = Loader(root, use_cache=False)
        base = loader.load(save=False)
        shown = MainScreen()
        shown.type_filter, shown.certainty_filter = filters
        shown._fill_entities(base)
        moved = 0
        for rel, i in steps:
            path = root / rel
            if i is None:
                if path.exists():
                    path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name("." + path.name + ".tmp")
                tmp.write_text(TEXTS[i], encoding="utf-8")
                os.replace(tmp, path)
            new = loader.load(save=False, changed={rel})
            changed = _changed_entities(base, new, 1000)
            assert changed is not None
            if shown._update_rows(new, changed):
                moved += 1
            else:
                shown._fill_entities(new)
            fresh = MainScreen()
            fresh.type_filter, fresh.certainty_filter = filters
            fresh._fill_entities(new)
            assert _rows(shown) == _rows(fresh), (rel, i)
            # every row where its key says (how the cursor is put back)
            for j, (kind, eid, _) in enumerate(shown.entity_rows):
                if kind == "e":
                    assert shown._entity_index(eid) == j
            base = new
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_an_unchanged_reload_moves_no_row(ws):
    from explorer.app.screens.main import MainScreen, _changed_entities

    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    base = loader.load(save=False)
    screen = MainScreen()
    screen._fill_entities(base)
    ws.card("alice-gave-bob-car.yaml", (ws.root / "facts" / "alice-gave-bob-car.yaml").read_text() + "# a comment\n")
    new = loader.load(save=False, changed={"facts/alice-gave-bob-car.yaml"})
    changed = _changed_entities(base, new, 1000)
    assert changed == {"alice", "bob"}  # (the relation was read again: both ends' lists are new)
    rows = list(screen.entity_rows)
    assert screen._update_rows(new, changed) and screen.entity_rows == rows
