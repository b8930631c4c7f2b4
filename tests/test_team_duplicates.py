"""Two teammates' cards of one id (the same file name in two folders, or names that differ only in
case, in Unicode normal form or in look-alike letters): each of the two files says so at 1:1, an
error at the later naming the first and a note at the first naming the later (it is left out too:
it vanished from the app with nothing said at its own file); the rest loads, and a reload after
the file events says the same as a fresh load."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.loading.loader import Loader

from conftest import SOURCE_TEXT, Workspace

CARD = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: {quote}\n"
SPELLINGS = ["bob", "Bob", "BOB", "b\u043eb"]  # (the last with a Cyrillic о)
FOLDERS = ["", "people/", "team-a/people/", "entities/"]


@settings(max_examples=20)
@given(st.sampled_from(SPELLINGS), st.sampled_from(SPELLINGS), st.lists(st.sampled_from(FOLDERS), min_size=2, max_size=2, unique=True))
def test_two_cards_of_one_id_are_said_at_both(tmp_path_factory, mine, theirs, folders):
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", CARD.format(name="Alice Smith", quote="Alice Smith met Bob Jones"))
    live = Loader(ws.root, use_cache=False)
    live.load(save=False)
    a, b = f"facts/{folders[0]}{mine}.yaml", f"facts/{folders[1]}{theirs}.yaml"
    ws.card(a[len("facts/"):], CARD.format(name="Bob Jones", quote="Bob said"))
    ws.card(b[len("facts/"):], CARD.format(name="Robert Jones", quote="Bob Jones"))
    fresh = Loader(ws.root, use_cache=False).load(save=False)
    again = live.load(save=False, changed={a, b})
    assert again.to_json() == fresh.to_json()
    first, later = sorted([a, b])
    said = {(p.file, p.line, p.column, p.severity) for p in fresh.problems}
    assert said == {(first, 1, 1, "note"), (later, 1, 1, "error")}, [p.format() for p in fresh.problems]
    (note,) = fresh.held_back
    assert later in note.message and "renamed" in note.message
    assert list(fresh.entities) == ["alice"]
