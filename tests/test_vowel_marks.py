"""Hebrew and Arabic script written with some vowel marks (niqqud, harakat: הִרבה, مخصوصاً) and
quoted as everyone types them, without: the quote is not the source's text and is never anchored,
but "did you mean" says it "differs only in vowel marks" and names them, where it said "you typed
'הרבה', the source has 'הִרבה'", two words a terminal draws alike. Found on a real article:
tests/real/hebrew (Hebrew Wikipedia, partial niqqud) and tests/real/persian (a Persian interview,
tanwin). And a number in Persian or Arabic-Indic digits typed in ASCII ones says which digits the
source writes."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

HEBREW = ("\u05d1\u05d2\u05d3\u05d4\u05d5\u05db\u05dc\u05de\u05e0\u05e1\u05e4\u05e8\u05e9\u05ea",
          "\u05b0\u05b4\u05b5\u05b6\u05b7\u05b8\u05b9\u05bc\u05bf\u05c1")
ARABIC = ("\u0628\u062a\u062c\u062f\u0631\u0633\u0639\u0641\u0642\u06a9\u0644\u0645\u0646\u06cc",
          "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")


def anchor(quote: str, text: str):
    return anchor_quote(quote, [Source("story", "seeds/story.txt", text, "0" * 64)])


@st.composite
def _pointed_text(draw):
    letters, marks = draw(st.sampled_from([HEBREW, ARABIC]))
    bare = st.text(st.sampled_from(letters), min_size=3, max_size=6)
    words = draw(st.lists(bare, min_size=8, max_size=12, unique=True))
    start = draw(st.integers(0, len(words) - 5))
    k = draw(st.integers(start, start + 4))  # a word of the quote the source writes with marks
    chars = list(words[k])
    for at in sorted(draw(st.sets(st.integers(0, len(chars) - 1), min_size=1, max_size=2)), reverse=True):
        chars.insert(at + 1, draw(st.sampled_from(marks)))
    pointed = list(words)
    pointed[k] = unicodedata.normalize("NFC", "".join(chars))
    typed_pointed = draw(st.booleans())  # the quote has the marks and the source not, or the other way
    source_words, typed_words = (words, pointed) if typed_pointed else (pointed, words)
    return " ".join(source_words), " ".join(typed_words[start : start + 5]), source_words[k], " ".join(source_words[start : start + 5])


@given(_pointed_text())
@settings(max_examples=80, deadline=None)
def test_a_quote_that_differs_only_in_vowel_marks_is_not_anchored_and_says_so(case):
    text, typed, word, passage = case
    r = anchor(typed, "Title\n\n" + text + ".\n")
    assert r.anchor is None
    assert r.error.startswith(f'quote not found in story; did you mean "{passage}" (line 3)? It differs only in '
                              f"vowel marks: the source has '{word}'"), r.error
    named = r.error.rsplit("(", 1)[1].rstrip(").")
    assert named and "u+" not in named.lower(), r.error  # the marks by name (hiriq, fathatan)


def test_the_vowel_marks_are_named_and_the_words_shown_as_the_source_has_them():
    r = anchor("\u05d4\u05e8\u05d1\u05d4 \u05de\u05e0\u05d3\u05dc\u05d9 \u05dc\u05db\u05ea\u05d5\u05d1",
               "Title\n\n\u05d1\u05ea\u05d7\u05d9\u05dc\u05ea \u05d3\u05e8\u05db\u05d5 \u05d4\u05b4\u05e8\u05d1\u05d4 "
               "\u05de\u05e0\u05d3\u05dc\u05d9 \u05dc\u05db\u05ea\u05d5\u05d1 \u05e1\u05e4\u05e8\u05d9.\n")
    assert r.error.endswith("It differs only in vowel marks: the source has '\u05d4\u05b4\u05e8\u05d1\u05d4' (hiriq)."), r.error
    r = anchor("\u0645\u062e\u0635\u0648\u0635\u0627 \u0647\u0632\u06cc\u0646\u0647 \u062c\u0627\u0631\u06cc",
               "Title\n\n\u0628\u0648\u062f\u062c\u0647 \u0648 \u0645\u062e\u0635\u0648\u0635\u0627\u064b "
               "\u0647\u0632\u06cc\u0646\u0647 \u062c\u0627\u0631\u06cc \u062f\u0648\u0644\u062a\n")
    assert r.error.endswith("It differs only in vowel marks: the source has "
                            "'\u0645\u062e\u0635\u0648\u0635\u0627\u064b' (fathatan)."), r.error


def test_a_hamza_left_out_is_still_said_as_hamza():
    r = anchor("\u06cc\u06a9 \u062a\u0627\u062b\u06cc\u0631\u06af\u0630\u0627\u0631\u06cc \u0645\u0646\u0641\u06cc",
               "Title\n\n\u0627\u0648\u067e\u06a9 \u06cc\u06a9 \u062a\u0623\u062b\u06cc\u0631\u06af\u0630\u0627\u0631\u06cc "
               "\u0645\u0646\u0641\u06cc \u062f\u0631\n")
    assert "It differs only in hamza: the source has" in r.error, r.error


_DIGITS = {"Extended Arabic-Indic digits, as Persian and Urdu write them": 0x06F0, "Arabic-Indic digits": 0x0660,
           "Devanagari digits": 0x0966}


@given(st.sampled_from(sorted(_DIGITS)), st.integers(10, 99999), st.booleans())
@settings(max_examples=40, deadline=None)
def test_a_number_typed_in_other_digits_says_which_digits_the_source_writes(name, number, ascii_typed):
    theirs = "".join(chr(_DIGITS[name] + int(d)) for d in str(number))
    ours = str(number)
    if not ascii_typed:  # the source has ASCII digits, the quote another script's
        theirs, ours = ours, theirs
        name = "ASCII digits"
    text = f"Title\n\nthe price in year {theirs} was higher than before\n"
    r = anchor(f"the price in year {ours} was higher", text)
    assert r.anchor is None
    assert r.error.endswith(f"It differs only in how its digits are written: the source has '{theirs}' where you "
                            f"typed '{ours}' ({name})."), r.error


def test_a_fully_pointed_text_quoted_without_its_points_gets_its_passage():
    """No word of the quote is written as the source writes it (a verse, pointed throughout): the
    words are looked for again without their marks."""
    verse = ("\u05d1\u05bc\u05b0\u05e8\u05b5\u05d0\u05e9\u05c1\u05b4\u05d9\u05ea \u05d1\u05bc\u05b8\u05e8\u05b8\u05d0 "
             "\u05d0\u05b1\u05dc\u05b9\u05d4\u05b4\u05d9\u05dd \u05d0\u05b5\u05ea \u05d4\u05b7\u05e9\u05bc\u05c1\u05b8"
             "\u05de\u05b7\u05d9\u05b4\u05dd \u05d5\u05b0\u05d0\u05b5\u05ea \u05d4\u05b8\u05d0\u05b8\u05e8\u05b6\u05e5")
    bare = "".join(c for c in verse if not unicodedata.combining(c))
    text = "Title\n\nOther words first.\n\n" + verse + ".\n"
    r = anchor(" ".join(bare.split()[1:5]), text)
    assert r.anchor is None
    assert r.error.startswith(f'quote not found in story; did you mean "{" ".join(verse.split()[1:5])}" (line 5)? '
                              "It differs only in vowel marks: the source has "), r.error
    r = anchor(" ".join(verse.split()[2:6]), "Title\n\n" + bare + ".\n")  # the quote pointed, the source not
    assert r.error.startswith(f'quote not found in story; did you mean "{" ".join(bare.split()[2:6])}" (line 3)? '
                              "It differs only in vowel marks: the source has "), r.error
