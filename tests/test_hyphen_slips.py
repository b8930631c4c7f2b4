"""A quote with a hyphen typed as a space, or a space typed as a hyphen, case aside ("Attorney
General George Brandis" for "Attorney-General George Brandis", "high powered" for "HIGH-powered",
"service-providers" for "service providers") gets the whole passage and the words named: "the
source has 'Attorney-General' where you typed 'Attorney General'". Word by word the quote's first
word lined up with the hyphen: did you mean offered "-General George Brandis", a passage starting
inside a word, with "You typed 'Attorney', the source has '-'". Found carding the Herald Sun story
of tests/real/heraldsun."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.safetext import quoted

WORDS = ["federal", "government", "team", "security", "adviser", "matters", "police", "service", "providers",
         "media", "union", "board", "press", "council", "metadata", "warrant"]


@st.composite
def _case(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    k = draw(st.integers(1, len(words) - 3))  # words[k] and words[k + 1]: one compound, or two words
    hyphened = draw(st.booleans())  # the source hyphenates them (the quote spaces them), or the other way
    shout = draw(st.booleans())  # the source's compound starts in capitals ("HIGH-powered")
    first = words[k].upper() if shout and hyphened else words[k]
    source_words = words[:k] + [f"{first}-{words[k + 1]}" if hyphened else f"{words[k]} {words[k + 1]}"] + words[k + 2:]
    typed_pair = f"{words[k]} {words[k + 1]}" if hyphened else f"{words[k]}-{words[k + 1]}"
    a = draw(st.integers(0, k))
    b = draw(st.integers(k + 2, len(words)))
    typed = " ".join(words[a:k] + [typed_pair] + words[k + 2 : b])
    passage = " ".join(source_words[a : b - 1])  # (the pair is one item of source_words)
    return " ".join(source_words), typed, passage, source_words[k] if hyphened else f"{words[k]} {words[k + 1]}", typed_pair


@given(_case())
@settings(max_examples=80, deadline=None)
def test_a_hyphen_typed_as_a_space_or_the_other_way_gets_the_whole_passage(case):
    text, typed, passage, theirs, ours = case
    r = anchor_quote(typed, [Source("story", "seeds/story.txt", "Title\n\n" + text + ".\n", "0" * 64)])
    assert r.anchor is None
    head = f"quote not found in story; did you mean {quoted(passage, double=True)} (line 3)? "
    assert r.error.startswith(head), r.error  # the whole passage, never one starting at the hyphen
    said = r.error[len(head):]
    # where the words lined up, the alignment's own words ("The source has '-' after 'Linde'");
    # where they did not, the compound named
    assert said == f"The source has {quoted(theirs)} where you typed {quoted(ours)}." or "'-'" in said, r.error


@given(_case().filter(lambda c: " " in c[4] and c[1].startswith(c[4])))
@settings(max_examples=40, deadline=None)
def test_a_quote_starting_with_the_slip_gets_the_compound_named(case):
    # the words lined up wrong where the quote starts with the source's compound typed as two words
    text, typed, passage, theirs, ours = case
    r = anchor_quote(typed, [Source("story", "seeds/story.txt", "Title\n\n" + text + ".\n", "0" * 64)])
    assert r.error == (f"quote not found in story; did you mean {quoted(passage, double=True)} (line 3)? The source has "
                       f"{quoted(theirs)} where you typed {quoted(ours)}."), r.error


def test_the_herald_sun_attorney_general():
    text = "Justin Bassi, who advises Attorney-General George Brandis on crime and security matters.\n"
    r = anchor_quote("Attorney General George Brandis", [Source("story", "seeds/story.txt", text, "0" * 64)])
    assert r.error == ('quote not found in story; did you mean "Attorney-General George Brandis" (line 1)? The source '
                       "has 'Attorney-General' where you typed 'Attorney General'.")
