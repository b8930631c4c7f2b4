"""A quote that differs from the source only in its spacing ("U.S.government" typed for "U.S.
government", "50%" for "50 %") is told where, by the source's words around each place: the
message was "It differs only in spacing", and the reader hunted for the place in a sentence of
thirty words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

TEXT = ("White House press secretary Josh Earnest condemned the attack and said the U.S. government was willing "
        "to assist, as Aizoon shared 50 % of the company with him ; the court said no and left.\n")
# the spaces beside a mark or a symbol ("U.S. government", "50 %", "him ;"): left out,
# the words either side are the same tokens (two words run together are a word typed otherwise,
# "JoshEarnest", told as such)
_GAPS = [m.start() for m in re.finditer(" ", TEXT) if not (TEXT[m.start() - 1].isalnum() and TEXT[m.start() + 1].isalnum())]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.integers(0, len(_GAPS) - 1), st.integers(4, 12), st.integers(3, 12))
def test_a_space_left_out_is_named_with_the_words_around_it(k, before, after):
    gap = _GAPS[k]
    start = max(0, TEXT.rfind(" ", 0, max(1, gap - before * 5)) + 1)
    end = TEXT.find(" ", gap + after * 4)
    end = len(TEXT) - 1 if end < 0 else end
    quote = TEXT[start:gap] + TEXT[gap + 1 : end]
    r = anchor_quote(quote, [Source("story", "seeds/story.txt", TEXT, "0" * 64)])
    if r.anchor is not None:
        return  # (typography a quote may fold: "50%" typed for "50 %" is not among them, a word-space is)
    assert "differs only in spacing" in r.error, r.error
    m = re.search(r"differs only in spacing: the source has '([^']*)'", r.error)
    assert m, r.error
    theirs = m.group(1)
    # the source's words around the gap, as the source has them, that the quote holds but for the space
    assert theirs in TEXT and TEXT.index(theirs) < gap + 1 < TEXT.index(theirs) + len(theirs), (theirs, gap)
    assert theirs.replace(" ", "") in quote.replace(" ", ""), (theirs, quote)
