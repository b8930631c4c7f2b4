"""What an id may be (explorer.core.layout.id_problem), for a card in facts/ and a source in seeds/:
a letter or a digit, no character that shows as something else, no space at either end. A file
whose name without its extension is no such id (` .yaml`, `-.yaml`, `.yaml` alone, `..yaml`, a
name of combining marks only, of zero-width or bidi characters, a tab or a line break in it) is
not read, and says why at its 1:1, by a full load, by the reload after its file events and through
the watcher's filter; the rest loads. Names a team may well use (`Anna Berg.yaml`, `con.yaml`,
`-rf.yaml`, Persian with its zero-width non-joiner, Devanagari with its marks, bytes that are not
UTF-8) are still read.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.layout import card_slug, hidden_name, id_problem
from explorer.core.loading.loader import Loader
from explorer.core.safetext import visible

from conftest import SOURCE_TEXT
from test_leftovers import GOOD, two_card_workspace


# Characters no one sees (or sees as another): format characters (bidi overrides and isolates,
# zero-width ones, tag characters, soft hyphen, invisible operators), separators, controls.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069", "\u200e",
             "\u061c", "\u2061", "\U000e0041", "\u00ad", "\u2028", "\u2029", "\x85", "\x1b", "\x7f", "\t", "\n",
             "\r", "\x9b", "\ue000", "\u180e"]
SPACES = [" ", "\u00a0", "\u3000", "\u2003", "\u202f"]
MARKS = ["\u0301", "\u0308", "\u0327", "\u20dd", "\u0489", "\u093c", "\u3099"]
PUNCT = list("-_.~'!@%^&()[]{}+=,;")

bad_stems = st.one_of(
    st.just(""),
    st.text(st.sampled_from(PUNCT + SPACES), min_size=1, max_size=4).filter(lambda s: not s.startswith(".") or s.strip(".") == ""),
    st.text(st.sampled_from(MARKS), min_size=1, max_size=4),
    st.text(st.sampled_from(INVISIBLE + MARKS), min_size=1, max_size=3),
    st.tuples(st.sampled_from(["carl", "anna", "東京", "x1", "Anna Berg"]), st.sampled_from(INVISIBLE),
              st.sampled_from(["", "lmay", "x", "2"])).map("".join),
    st.tuples(st.sampled_from(SPACES), st.sampled_from(["anna", "x"])).map("".join),
    st.tuples(st.sampled_from(["anna", "x"]), st.sampled_from(SPACES)).map("".join),
    st.just("z" + "\u0301" * 30),
)
GOOD_STEMS = ["Anna Berg", "con", "-rf", "x.", "--x", "a:b", "می\u200cخواهم", "नमस्ते", "caf\u00e9", "cafe\u0301", "東京",
              "a\u00a0b", "[b]x", os.fsdecode(b"caf\xe9"), "_x", "x~y", "l'homme"]


def test_names_a_team_may_use_are_ids():
    for stem in GOOD_STEMS:
        assert id_problem(stem) is None, stem


@settings(max_examples=150)
@given(bad_stems)
def test_a_name_that_is_no_id_says_why(stem):
    why = id_problem(stem)
    assert why is not None, repr(stem)
    assert visible(why) == why  # (said with markers: nothing in the message is invisible)


@settings(max_examples=30)
@given(st.lists(st.tuples(st.sampled_from(["facts", "facts/sub", "seeds"]), bad_stems), min_size=1, max_size=5,
                unique_by=lambda p: (p[0], p[1])))
def test_a_file_whose_name_is_no_id_is_said_by_a_load_a_reload_and_the_watcher(tmp_path_factory, picked):
    from explorer.app.watch import FileWatcher

    root, loader = two_card_workspace(tmp_path_factory.mktemp("ws"))
    watcher = FileWatcher(root, lambda *a: None)
    said, changed = set(), set()
    for folder, stem in picked:
        if "\n" in stem and folder == "seeds":
            continue
        ext = ".txt" if folder == "seeds" else ".yaml"
        name = stem + ext
        if folder == "seeds" and hidden_name(name):
            continue  # (.txt, ..txt: a dot name in seeds/ stays hidden)
        rel = f"{folder}/{name}"
        path = root / folder / name
        if path.exists():
            continue  # (two stems one file on this file system)
        path.write_text(SOURCE_TEXT if folder == "seeds" else GOOD.replace("Alice Smith\n", "Alice S.\n", 1))
        changed.add(rel)
        said.add(rel)
        assert watcher.relevant(None, str(path)), rel
    fresh = Loader(root, use_cache=False).load(save=False)
    again = loader.load(save=False, changed=changed)  # the watcher's way
    assert again.to_json() == fresh.to_json()
    # the rest as it was; one error for each file, at its 1:1, saying why its name is no id
    assert sorted(fresh.entities) == ["alice", "bob"]
    assert [s.path for s in fresh.sources.values()] == ["seeds/article.txt"]
    assert sorted(p.file for p in fresh.problems) == sorted(said), [p.format() for p in fresh.problems]
    for p in fresh.problems:
        assert (p.line, p.column, p.severity) == (1, 1, "error")
        assert p.message.startswith("not read as a card: its id" if p.file.startswith("facts/") else "not read as a source: its id")
        assert "\n" not in visible(p.message), p.message
        stem = p.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug = card_slug(stem)
        assert (f"to '{slug}." in p.message) == bool(slug and slug != stem), p.message


def test_names_a_team_may_use_load(tmp_path):
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT)
    for n, stem in enumerate(GOOD_STEMS):
        if stem == "cafe\u0301":
            continue  # (one id with café: a duplicate, tests/test_id_keys.py)
        with open(os.path.join(os.fsencode(root / "facts"), os.fsencode(stem + ".yaml")), "w") as fh:
            fh.write(f"kind: entity\nname: Person {n}\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n")
    base = Loader(root, use_cache=False).load(save=False)
    assert not [p for p in base.problems if "its id" in p.message], [p.format() for p in base.problems]
    assert len(base.entities) == len(GOOD_STEMS) - 1
