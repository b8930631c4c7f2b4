"""Ids and names that look alike but are spelt with letters of other scripts ("Trojan" look-alikes:
`pаris` with a Cyrillic `а`, "Kіm Jong Un" with a Cyrillic `і`): a reader cannot tell the two
entities apart in any pane. Two such ids are one id (layout.id_key: a duplicate-id error naming
the letter and its code point, at the second card; the rest loads); two such names are one name
(the "is also the name of" warning, naming the letter)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.layout import LOOKALIKES, id_key
from explorer.core.loading.corpus import name_key

from conftest import SOURCE_TEXT, Workspace

# Latin letter -> the Cyrillic and Greek letters that look like it (the table, read backwards)
SWAPS: dict[str, list[str]] = {}
for code, latin in LOOKALIKES.items():
    SWAPS.setdefault(latin, []).append(chr(code))

ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: {quote}\n"


@st.composite
def lookalike_pair(draw, words=("alice", "bob", "paris", "smith", "jones")):
    word = draw(st.sampled_from(words))
    places = [i for i, c in enumerate(word) if c in SWAPS]
    i = draw(st.sampled_from(places))
    other = draw(st.sampled_from(SWAPS[word[i]]))
    if draw(st.booleans()):
        other = other.upper()
    return word, word[:i] + other + word[i + 1:], other


@settings(max_examples=25)
@given(lookalike_pair())
def test_two_ids_that_look_alike_are_one_id(tmp_path_factory, pair):
    plain, alike, letter = pair
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    ws.card(f"{plain}.yaml", ENTITY.format(name="Alice Smith", quote="Alice Smith met Bob Jones"))
    ws.card(f"sub/{alike}.yaml", ENTITY.format(name="Bob Jones", quote="Bob said"))
    ws.card("carol.yaml", ENTITY.format(name="Carol", quote="Alice Smith is a painter"))
    base = ws.load()
    errors = [p for p in base.problems if p.severity == "error"]
    assert [p.file for p in errors] == [f"facts/sub/{alike}.yaml"], [p.format() for p in base.problems]
    (error,) = errors
    assert (error.line, error.column) == (1, 1) and "duplicate id" in error.message
    assert f"U+{ord(letter):04X}" in error.message and "look alike" in error.message
    assert sorted(base.entities) == ["carol"]  # the rest loads (the two wait for a rename, as ids differing in case do)


@settings(max_examples=25)
@given(lookalike_pair(words=("Alice Smith", "Bob Jones")))
def test_two_names_that_look_alike_are_one_name(tmp_path_factory, pair):
    plain, alike, letter = pair
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("one.yaml", ENTITY.format(name=plain, quote="Alice Smith met Bob Jones"))
    ws.card("two.yaml", ENTITY.format(name=alike, quote="Bob said"))
    base = ws.load()
    assert sorted(base.entities) == ["one", "two"]
    (warning,) = base.problems
    assert (warning.file, warning.line, warning.column, warning.severity) == ("facts/two.yaml", 2, 7, "warning")
    assert "is also the name of one" in warning.message and f"U+{ord(letter):04X}" in warning.message


def test_the_letters_of_one_script_keep_their_keys_apart():
    """Two words of one script never share a key by the table: the Russian, Ukrainian, Serbian and
    Greek alphabets' letters (each case) have keys of their own, and a word and its capitalised form
    have one key."""
    alphabets = ["абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
                 "абвгдђежзијклљмнњопрстћуфхцчџш", "αβγδεζηθικλμνξοπρστυφχψωϳ",
                 "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ"]
    for letters in alphabets:
        keys = {}
        for c in letters:
            for form in (c, c.upper()):
                key = id_key(form)
                assert keys.setdefault(key, c) == c, (c, keys[key])
    for word in ("москва", "Москва", "ΑΘΗΝΑ", "Αθήνα", "Paris", "paris"):
        assert id_key(word) == id_key(word.upper()) == id_key(word.lower())
    assert name_key("\u0420aris") == name_key("Paris") != name_key("Parіs ii")
    for a, b in itertools.combinations(["кот", "кит", "код", "рот"], 2):
        assert id_key(a) != id_key(b) and name_key(a) != name_key(b)


# Forms of one letter that Unicode's compatibility normalisation (NFKC) makes one: full-width
# (East Asian input methods), mathematical alphanumerics (copied from a styled "font" generator),
# ligatures, circled and superscript letters.
FORMS = {"a": ["\uff41", "\U0001d41a", "\U0001d5ba", "\u24d0", "\u1d43"], "p": ["\uff50", "\U0001d429"],
         "s": ["\uff53", "\U0001d42c"], "o": ["\uff4f", "\U0001d428", "\u2092"], "b": ["\uff42", "\U0001d41b"]}


@settings(max_examples=25)
@given(st.sampled_from(["alice", "bob", "paris", "jones", "oslo"]), st.data())
def test_ids_in_other_forms_of_their_letters_are_one_id(tmp_path_factory, word, data):
    places = [i for i, c in enumerate(word) if c in FORMS]
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, unique=True))
    alike = "".join(data.draw(st.sampled_from(FORMS[c])) if i in chosen else c for i, c in enumerate(word))
    assert id_key(alike) == id_key(word)
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    ws.card(f"{word}.yaml", ENTITY.format(name="Alice Smith", quote="Alice Smith met Bob Jones"))
    ws.card(f"sub/{alike}.yaml", ENTITY.format(name="Bob Jones", quote="Bob said"))
    base = ws.load()
    (error,) = [p for p in base.problems if p.severity == "error"]
    assert error.file == f"facts/sub/{alike}.yaml" and "duplicate id" in error.message
    first = alike[chosen[0]] if len(chosen) == 1 else None
    assert "they differ only in forms of" in error.message
    if first is not None and len(alike) == len(word):
        assert f"U+{ord(first):04X}" in error.message, error.message
