"""Nepali writes its case endings and postpositions onto the noun (बारामा "in Bara", मधेशका "of
Madhesh", कार्कीको, सरकारले, पीडितहरूलाई): a mention of a name in Devanagari may end where one of
them follows (explorer/core/mentions.py, NEPALI_ENDINGS), as before a Bengali ending. In
tests/real/nepali's story no card had a mention: बारा, पश्चिम नवलपरासी and माइतीघर are only ever
written with an ending (0 mentions, now 3). The mention is the name alone, at exact offsets;
another letter or vowel sign after the name makes it another word (बाराती is no mention of बारा)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.mentions import NEPALI_ENDINGS, NameIndex
from explorer.core.model import Entity

NAMES = ["बारा", "मधेश", "गौरीबहादुर कार्की", "पश्चिम नवलपरासी", "माइतीघर", "काठमाडौं", "नेपाल"]
NOT_ENDINGS = ["ती", "ी", "्", "न", "रू", "मान", "कार"]  # a letter or sign that makes another word
AROUND = ["", "सबैभन्दा बढी ", "पीडितहरू "]
AFTER = ["", " २१ हजार उजुरी परेका छन् ।", " धर्ना बसेपछि", " ।"]


def _found(text: str, *names: str) -> list[tuple[str, int, int]]:
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    entities = [Entity(id=f"e{k}", file=f"facts/e{k}.yaml", name=n, type="place") for k, n in enumerate(names)]
    return [(m.name, m.start, m.end) for m in NameIndex.build(entities).find(source)]


@given(st.sampled_from(NAMES), st.sampled_from(("",) + NEPALI_ENDINGS), st.sampled_from(AROUND), st.sampled_from(AFTER))
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
def test_a_name_before_a_nepali_ending_is_mentioned_the_name_alone(name, ending, before, after):
    text = f"{before}{name}{ending}{after}"
    start = len(before)
    assert _found(text, name) == [(name, start, start + len(name))], text


@given(st.sampled_from(NAMES), st.sampled_from(NOT_ENDINGS), st.sampled_from(AROUND), st.sampled_from(AFTER))
@settings(max_examples=80, deadline=None, derandomize=True, database=None)
def test_a_name_before_another_letter_is_another_word(name, letters, before, after):
    assert _found(f"{before}{name}{letters}{after}", name) == []


def test_the_story_of_tests_real_nepali():
    text = "बारामा २३ हजार ३ सय ९७ र पश्चिम नवलपरासीमा १ हजार ८ सय ६२ उजुरी परेका छन् । बाराती आए ।"
    assert _found(text, "बारा", "पश्चिम नवलपरासी") == [("बारा", 0, 4), ("पश्चिम नवलपरासी", 25, 40)]
