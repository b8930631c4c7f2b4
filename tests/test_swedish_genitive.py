"""Swedish, Danish and Norwegian write the genitive as an s on the name ("Hong Kongs regering",
"Samsungs tillbakagång"): in such a source a mention of a capitalised name may end before that s
(explorer/core/mentions.py, _genitive_stems), the s not in the mention. tests/real/swedish: "Hong
Kongs" was no mention of Hong Kong (3 of its 4 found) and `factex suggest` listed it as a new person;
now 4 of 4, and it is not suggested. A name that ends in s, x or z takes no s; any other letters
after the name make another word; an English source is read as before."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main

from mentionhelpers import names_found

NAMES = ["Hong Kong", "Samsung", "Beijing", "Erik Solheim", "Clinton", "Kina", "Göteborg", "Ålands"]
BEFORE = ["Det är klart att ", "Han sade att det är ", ""]
AFTER = [" regering har inte sagt något och det är för tidigt.", " vd sade att det är som det är."]
NOT_ENDINGS = ["sk", "ska", "er", "ens", "en"]  # another word: "Kinas" is Kina's, "Kinesiska" no


_found = names_found


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(BEFORE), st.sampled_from(AFTER),
       st.sampled_from([None, "sv", "da", "nb"]))
def test_a_name_is_found_before_its_genitive_s(name, before, after, language):
    text = before + name + "s" + after
    found = _found(text, name, language=language)
    if name[-1] in "sxz":  # (Ålands: no genitive s written on a name in s; "Ålandss" is no word)
        assert found == []
    else:
        assert found == [(name, len(before), len(before) + len(name))]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(NOT_ENDINGS), st.sampled_from(AFTER))
def test_other_letters_after_the_name_make_another_word(name, ending, after):
    assert _found("Det är klart att " + name + ending + after, name, language="sv") == []


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([n for n in NAMES if n[-1] not in "sxz"]))
def test_an_english_source_is_read_as_before(name):
    assert _found(f"The {name}s said that it was too early to say.", name) == []
    assert _found(f"The {name}s said that it was too early to say.", name, language="en") == []


def test_a_lower_case_word_is_no_name():
    assert _found("Det är klart att kinas regering och det är för tidigt.", "kina", language="sv") == []


def test_the_swedish_story(monkeypatch, capsys):
    monkeypatch.setenv("FACTEX_CACHE", "0")
    monkeypatch.chdir(Path(__file__).parent / "real" / "swedish")
    main(["mentions", ".", "--entity", "hong-kong"])
    out = capsys.readouterr().out
    assert "seeds/hong-kong-eden.txt:5:1: hong-kong: Hong Kong\n" in out
    assert out.count(": hong-kong: Hong Kong\n") == 4
    main(["suggest", "."])
    assert "Hong Kongs" not in capsys.readouterr().out


# A source without a sidecar language is read by its own words: Swedish, Danish and Norwegian are;
# German, Dutch and Finnish are not (German's "den" and "er" made a German text read as Danish).
OWN_WORDS = [
    ("sv", True, "Regeringen har godkänt planen och han sade att det är bra för {}s folk. Det är inte säkert."),
    ("da", True, "Regeringen har godkendt planen, og han sagde, at det er godt for {}s folk. Det er ikke sikkert, men han står på sit."),
    ("nb", True, "Regjeringen har godkjent planen, og han sa at det er godt for {}s folk. Det er ikke sikkert, men han står på sitt."),
    ("de", False, "Die Regierung hat den Plan gebilligt, und er sagte, dass es für {}s Länder gut sei. Den Bürgern gefällt es nicht, aber er bleibt dabei."),
    ("nl", False, "De regering heeft het plan goedgekeurd en hij zei dat het goed is voor {}s landen. Één ding is zeker, zei hij."),
    ("fi", False, "Hän sanoi, että {}s on myös mukana ja se oli totta, kun hän oli siellä ja näin on."),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(OWN_WORDS), st.sampled_from([n for n in NAMES if n[-1] not in "sxz"]))
def test_a_source_is_read_as_scandinavian_by_its_own_words(case, name):
    _, scandinavian, sentence = case
    text = sentence.format(name)
    start = text.index(name + "s")
    assert _found(text, name) == ([(name, start, start + len(name))] if scandinavian else [])
