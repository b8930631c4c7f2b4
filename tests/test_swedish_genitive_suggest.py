"""`factex suggest` in a Swedish, Danish or Norwegian source lists a name and its genitive (the
name with an s written onto it, "Hong Kongs regering") as one uncarded name, the genitive's
occurrences ending before the s: "Hong Kongs" was listed beside "Hong Kong" as a new person
(tests/real/swedish with Hong Kong not carded). A name ending in s, x or z takes no s; an English
source is read as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

NAMES = ["Hong Kong", "Samsung", "Erik Solheim", "Göteborg", "Angela Merkel", "Kina"]
SWEDISH = ("Det är klart att {a} har sagt något, och det är inte för tidigt. "
           "Han sade att {b} regering inte har svarat på frågan och att det är för sent.")


def _suggested(text: str, language: str | None = "sv"):
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    if language:
        source.meta.language = language
    return suggest_in_source(source)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMES))
def test_a_name_and_its_genitive_are_one_uncarded_name(name):
    text = SWEDISH.format(a=name, b=name + "s")
    found = [s for s in _suggested(text) if s.name.startswith(name.split()[0])]
    assert [s.name for s in found] == [name], [(s.name, len(s.occurrences)) for s in found]
    [sug] = found
    assert len(sug.occurrences) == 2
    for o in sug.occurrences:
        assert text[o.start:o.end] == o.text == name  # (the genitive's occurrence ends before its s)


def test_a_name_ending_in_s_x_or_z_and_an_english_text_keep_their_names():
    text = SWEDISH.format(a="Paris", b="Pariss")  # (no genitive of Paris: another word)
    assert sorted(s.name for s in _suggested(text) if s.name.startswith("Par")) == ["Paris", "Pariss"]
    english = ("It is clear that Hong Kong has said something, and it is not too soon. "
               "He said that Hong Kongs government has not answered, and that it is too late.")
    names = sorted(s.name for s in _suggested(english, language="en") if s.name.startswith("Hong"))
    assert names == ["Hong Kong", "Hong Kongs"]
