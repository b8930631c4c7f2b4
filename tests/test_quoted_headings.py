"""Quotation marks in did-you-mean, as live blogs and headlines use them. A heading quotes a
speaker in single marks and the update under it in double ones ("Starmer: 'We will not waver'",
then 'Starmer said: "We will not waver."'); a person types the heading with double marks, and
was offered the body's sentence ("You typed 'Starmer', the source has 'said'"): a mark of the
other kind cost as much as another word. Now it costs half, and the heading is offered ("The
source has "'" where you typed '"' (2 times)"). And a quote that leaves out the marks around a
quotation inside it (the alliance would stand with Ukraine ... for 'would "stand with Ukraine
... takes".') is offered the passage with both marks, not with the opening one alone. One place:
nearest.py's alignment."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

SPEAKERS = ["Starmer", "Rutte", "Zelensky", "Macron", "Scholz"]
WORDS = ["we", "will", "not", "waver", "stand", "firm", "hold", "the", "line", "never", "give", "up", "now"]


def source(text: str) -> Source:
    return Source("live", "seeds/live.txt", text, "0" * 64)


@given(st.sampled_from(SPEAKERS), st.lists(st.sampled_from(WORDS), min_size=3, max_size=6), st.sampled_from(["12:01", "09:45"]))
@settings(max_examples=60, deadline=None)
def test_a_heading_typed_with_the_other_quotation_marks_is_offered(speaker, words, time):
    said = " ".join(words).capitalize()
    text = (f"Live\n\n{time} GMT\n{speaker}: '{said}'\n\n{speaker} said: \"{said}.\" He added that more help "
            f"would come.\n")
    r = anchor_quote(f'{speaker}: "{said}"', [source(text)])
    assert r.anchor is None
    assert r.error.endswith(f"did you mean \"{speaker}: '{said}'\" (line 4)? The source has \"'\" where you typed '\"' (2 times)."), r.error


@given(st.sampled_from(SPEAKERS), st.lists(st.sampled_from(WORDS), min_size=3, max_size=8))
@settings(max_examples=60, deadline=None)
def test_a_quote_that_leaves_out_the_marks_around_a_quotation_is_offered_both(speaker, words):
    inner = " ".join(words)
    text = f"Live\n\nOn Monday {speaker} said the alliance would \"{inner}\". Talks went on.\n"
    r = anchor_quote(f"{speaker} said the alliance would {inner}", [source(text)])
    assert r.anchor is None
    assert f"did you mean '{speaker} said the alliance would \"{inner}\"' (line 3)?" in r.error, r.error
    assert r.error.endswith(f"The source has '\"' after 'would'; the source has '\"' after '{words[-1]}'."), r.error
