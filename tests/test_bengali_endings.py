"""Bengali writes its case endings onto the noun (তৃণমূলের "of Trinamool", বীরভূমে "in Birbhum",
মমতার, দলকে, কলকাতায়): a mention of a Bengali name may end where one of them follows
(explorer/core/mentions.py, BENGALI_ENDINGS), as before a Korean particle. tests/real/bengali's
article: তৃণমূল in তৃণমূলের was no mention (9 mentions of its 7 entities), now it is (10). The
mention is the name alone, at exact offsets; another letter or vowel sign after the name makes it
another word; a quote still ends at whole words (tests/real/bengali: "লোকসভা নির্বাচনে তৃণমূল" is
refused with the whole word)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.mentions import BENGALI_ENDINGS, BENGALI_VOWEL_ENDINGS, NameIndex
from explorer.core.model import Entity

# names ending in a consonant (বীরভূম), in a vowel sign (মমতা, বিজেপি), of two words
CONSONANT_NAMES = ["বীরভূম", "তৃণমূল", "অনুব্রত মন্ডল", "তৃণমূল কংগ্রেস", "দুবরাজপুর", "মমতা বন্দ্যোপাধ্যায়"]
VOWEL_NAMES = ["মমতা", "বিজেপি", "কলকাতা"]
ALSO = ["", "ই", "ও"]  # "only", "also" after the ending
NOT_ENDINGS = ["া", "ি", "্র", "ক", "ন", "ের্", "তি"]  # a letter or sign that makes another word
AROUND = ["", "লোকসভা নির্বাচনে ", "তবে "]
AFTER = ["", " নজরে।", ", শাসক দল।", "।"]


def _found(text: str, *names: str) -> list[tuple[str, int, int]]:
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    entities = [Entity(id=f"e{k}", file=f"facts/e{k}.yaml", name=n, type="place") for k, n in enumerate(names)]
    return [(m.name, m.start, m.end) for m in NameIndex.build(entities).find(source)]


@given(st.sampled_from(CONSONANT_NAMES + VOWEL_NAMES), st.data(), st.sampled_from(ALSO), st.sampled_from(AROUND),
       st.sampled_from(AFTER), st.booleans())
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
def test_a_name_before_a_case_ending_is_mentioned_the_name_alone(name, data, also, before, after, decomposed):
    if name in VOWEL_NAMES:  # (a vowel sign follows a consonant only: মমতার, মমতাকে, never মমতাের)
        endings = BENGALI_VOWEL_ENDINGS + tuple(e for e in BENGALI_ENDINGS if not e.startswith("\u09c7"))
    else:
        endings = BENGALI_ENDINGS
    ending = data.draw(st.sampled_from(endings))
    if decomposed:  # (য় typed as one character or as য and a nukta: the same word)
        ending = unicodedata.normalize("NFC", ending.replace("\u09af\u09bc", "\u09df"))
    text = f"{before}{name}{ending}{also}{after}"
    start = len(before)
    assert _found(text, name) == [(name, start, start + len(name))], text


@given(st.sampled_from(CONSONANT_NAMES + VOWEL_NAMES), st.sampled_from(NOT_ENDINGS), st.sampled_from(AROUND),
       st.sampled_from(AFTER))
@settings(max_examples=80, deadline=None, derandomize=True, database=None)
def test_a_name_before_another_letter_is_another_word(name, letters, before, after):
    assert _found(f"{before}{name}{letters}{after}", name) == []


@given(st.sampled_from(CONSONANT_NAMES), st.sampled_from(BENGALI_VOWEL_ENDINGS), st.sampled_from(AROUND))
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
def test_an_ending_that_follows_only_a_vowel_does_not_follow_a_consonant(name, ending, before):
    # দলর is no word: "র" after a consonant is not the genitive (দলের is)
    assert _found(f"{before}{name}{ending} নজরে", name) == []


def test_the_longest_name_wins_and_each_reading_of_a_word_is_tried():
    assert _found("তৃণমূল কংগ্রেসের নেতা", "তৃণমূল", "তৃণমূল কংগ্রেস") == [("তৃণমূল কংগ্রেস", 0, 14)]
    # বন্দ্যোপাধ্যায়ের is the name and ের, or বন্দ্যোপাধ্যা and য়ের: the name says which
    assert _found("মমতা বন্দ্যোপাধ্যায়ের নির্দেশ", "মমতা বন্দ্যোপাধ্যায়") == [("মমতা বন্দ্যোপাধ্যায়", 0, 20)]
    # দুবরাজপুর is a name, or দুবরাজপু and র: the whole word wins
    assert _found("দুবরাজপুর বিধানসভা", "দুবরাজপু", "দুবরাজপুর") == [("দুবরাজপুর", 0, 9)]
