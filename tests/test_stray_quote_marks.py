"""A quote typed with quotation marks at its edges that the source does not have there gets the
passage without them, and says which mark to leave out. A writer puts a speaker's words in quotes
(“Oscar Isaac has had a pretty stellar year.”, of a sentence no mark opens) or closes the marks
where the excerpt stops (“He doesn't want to be a gangster, and he has never wanted to be one.”,
of a speech going on after "one."). Word by word the stray mark lined up with the source's next
word: did you mean offered a passage one word too long, "“He doesn't ... one. And", with "You
typed '"', the source has 'And'". Found carding a Fox News Latino story (newspaper's test data)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.safetext import quoted

WORDS = ["tension", "director", "actor", "gangster", "script", "audience", "city", "violence", "character",
         "business", "friend", "scene", "country", "interview", "year", "window"]
MARKS = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"), ("\u201e", "\u201c")]


def _story(text: str) -> list[Source]:
    return [Source("story", "seeds/story.txt", "Title\n\n" + text + "\n", "0" * 64)]


@st.composite
def _unquoted(draw):
    """A sentence no mark opens, typed inside marks (both, or one of them)."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    a = draw(st.integers(0, 3))
    b = draw(st.integers(a + 3, len(words)))
    opening, closing = draw(st.sampled_from(MARKS))
    lead, trail = draw(st.sampled_from([(True, True), (True, False), (False, True)]))
    passage = " ".join(words[a:b])
    typed = (opening if lead else "") + passage + (closing if trail else "")
    return " ".join(words) + ".", typed, passage, words[a], words[b - 1], lead, trail


@given(_unquoted())
@settings(max_examples=60, deadline=None)
def test_marks_around_words_the_source_does_not_quote_get_the_bare_passage(case):
    text, typed, passage, first, last, lead, trail = case
    r = anchor_quote(typed, _story(text))
    assert r.anchor is None
    where = " nor ".join(([f"before '{first}'"] if lead else []) + ([f"after '{last}'"] if trail else []))
    assert r.error == (f'quote not found in story; did you mean "{passage}" (line 3)? The source has no quotation mark '
                       f"{where}: leave the mark out (a quote is the source's own words)."), r.error


@st.composite
def _closed_early(draw):
    """A speech the source quotes, going on after the excerpt, which the writer closes."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    k = draw(st.integers(3, len(words) - 2))
    opening, closing = draw(st.sampled_from(MARKS))
    stop = draw(st.sampled_from(["", ".", ","]))
    said = " ".join(words[:k]) + stop + " " + " ".join(words[k:])
    text = f"{opening}{said}{closing} the director said."
    excerpt = " ".join(words[:k]) + stop
    return text, opening + excerpt + closing, opening + excerpt, words[k - 1] + stop


@given(_closed_early())
@settings(max_examples=60, deadline=None)
def test_a_mark_closing_an_excerpt_of_a_longer_speech_is_named_and_left_out(case):
    text, typed, passage, last = case
    r = anchor_quote(typed, _story(text))
    assert r.anchor is None
    assert r.error == (f'quote not found in story; did you mean {quoted(passage, double=True)} (line 3)? The source has no '
                       f"quotation mark after '{last}': leave the mark out (a quote is the source's own words)."), r.error


def test_a_mark_the_source_has_a_comma_away_is_a_punctuation_slip():
    # “I’ve signed away my organs,” he joked: typed without the comma, what differs is the comma
    r = anchor_quote('"I\'ve signed away my organs"', _story("\u201cI\u2019ve signed away my organs,\u201d he joked."))
    assert r.anchor is None
    assert "quotation mark" not in r.error and "','" in r.error, r.error


def test_marks_the_source_has_still_anchor():
    r = anchor_quote("\u201cThe audience gets a little bloodthirsty.\u201d",
                     _story("He said. \u201cThe audience gets a little bloodthirsty.\u201d"))
    assert r.error is None and r.anchor is not None
