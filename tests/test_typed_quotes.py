"""Quotes typed by a person, from the real articles of tests/real: what `factex check` makes of each.

The cases come from tests/typed_quotes.py: real spans of each story (whole words, 3-60 of them,
standing once in the workspace; a few across a paragraph end) typed with one slip each. Keyboard
typography (straight or curly quotes, a hyphen for a dash, a line break, a non-breaking or
zero-width space pasted in, a tatweel, full-width punctuation) must anchor to the exact span it
was cut from; a real change (a letter missing, doubled or swapped, case, accents or vowel marks
left out, a space dropped, `...`/`…`/`[...]` for words, a word left out, a cut inside a word, an
Arabic keyboard's ي/ك, Thai run together, `.` for `。`) is never accepted unless the typed words
stand verbatim elsewhere, and is refused with help that names the passage it was cut from
(did-you-mean's passage covers at least half of it, or the finding names its line). Nothing is
accepted at offsets that cut a word, or whose text is not the quote's up to typography.

`python tests/typed_quotes.py 8` prints the counts per story and per slip class.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import typed_quotes as T

# Words left out of a quote of three words (or so) leave two, which another place of the source may
# hold with a word of its own beside them ("la Comey è" of "la moglie di Comey è": did you mean
# "di Comey è"?): the one slip whose help may name another passage (8 of its 755 cases in
# `python tests/typed_quotes.py 20 0 1`); never accepted wrong.
LOOSE = {"word left out"}


@pytest.mark.parametrize("story", T.STORIES)
def test_each_typed_quote_of_a_real_story_is_accepted_right_or_refused_with_its_passage(story):
    seen = {kind: 0 for kind in (T.TYPOGRAPHY, T.SLIP)}
    failures = []
    for case in T.cases(story, per_source=3):
        seen[case.kind] += 1
        o = T.classify(case)
        if case.kind == T.TYPOGRAPHY:
            ok = o.outcome == "accepted right"
        else:
            ok = o.outcome in ("accepted right", "helpful refusal") or case.slip in LOOSE and o.outcome != "accepted wrong"
        if not ok:
            failures.append(f"{case.slip}: {case.typed!r} -> {o.outcome}: {o.why or o.error}")
    assert seen[T.TYPOGRAPHY] and seen[T.SLIP]
    assert not failures, "\n".join(failures)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(story=st.sampled_from(T.STORIES), slip=st.sampled_from(sorted(T.SLIPS)), seed=st.integers(0, 10**6))
def test_a_random_span_typed_with_a_random_slip_keeps_the_invariants(story, slip, seed):
    make, kind = T.SLIPS[slip]
    if make is None:
        spans = list(T.across_paragraphs(story, 1, seed))
        assume(spans)
        source, start, end = spans[0]
        case = T.Case(story, source.id, start, end, slip, kind, source.text[start:end])
    else:
        spans = list(T.spans(story, 1, seed))
        assume(spans)
        source, start, end = spans[0]
        typed = make(random.Random(seed), source.text[start:end])
        assume(typed is not None)
        assume(kind == T.TYPOGRAPHY or T.normalize_quote(typed) != T.normalize_quote(source.text[start:end]))
        case = T.Case(story, source.id, start, end, slip, kind, typed)
    o = T.classify(case)
    assert o.outcome != "accepted wrong", o.why
    if kind == T.TYPOGRAPHY:
        assert o.outcome == "accepted right", o.error
    elif slip not in LOOSE:
        assert o.outcome in ("accepted right", "helpful refusal"), o.error


def test_the_generator_covers_every_slip_class_on_the_real_stories():
    """Every slip class applies somewhere (a class that never applies tests nothing)."""
    seen = set()
    for story in T.STORIES:
        seen.update(case.slip for case in T.cases(story, per_source=3))
    assert seen == set(T.SLIPS)


# Slips of the generator that main refused with no help ("no passage is close to it") or with
# another passage: a short quote whose one long word is misspelt (its short words vote anywhere or
# nowhere), a word or a space left out beside the quote's edge word, two letters swapped in a short
# word, a character left out of a few Chinese or Japanese ones. Each error in full.
NAMED = [
    ("heraldsun", "Memoris of the", 'did you mean "Memories of the" (line 37)? You typed \'Memoris\', the source has \'Memories\'.'),
    ("heraldsun", "das in an", 'did you mean "days in an" (line 3)? You typed \'das\', the source has \'days\'.'),
    ("guardian", "of the Ngātiwwai", 'did you mean "of the Ngātiwai" (line 5)? You typed \'Ngātiwwai\', the source has \'Ngātiwai\'.'),
    ("kubernetes", "restrts it if", 'did you mean "restarts it if" (kubernetes-1-1 line 21)? You typed \'restrts\', the source has '
     "'restarts'."),
    ("russian", "он позвлил бы", 'did you mean "он позволил бы" (kandidat line 1)? You typed \'позвлил\', the source has \'позволил\'.'),
    ("finnish", "maahanmuuton ehdokas julisti,", 'did you mean "maahanmuuton rajoittamiseen republikaanipuolueen ehdokas '
     "julisti,\" (ehdokas line 1)? The source has 'rajoittamiseen republikaanipuolueen' after 'maahanmuuton'."),
    ("arabic", "المبادرة أي وقتٍ", 'did you mean "المبادرة أكثر من أي وقتٍ" (uber-amazon line 3)? The source has \'أكثر من\' after '
     "'المبادرة'."),
    ("cnn", "of in the air.", 'did you mean "of balloons in the air." (line 35)? The source has \'balloons\' after \'of\'.'),
    ("arabic", "في الوقتنفسه,", 'did you mean "في الوقت نفسه," (wolmar-richmond line 5)? It differs only in spacing: you typed '
     "'الوقتنفسه,', the source has 'الوقت نفسه,'."),
    ("heraldsun", "receivea copy.", 'did you mean "receive a copy." (line 23)? You typed \'receivea\', the source has \'receive a\'.'),
    ("wiwo", "Milliarden Dollarund", 'did you mean "Milliarden Dollar und" (line 9)? You typed \'Dollarund\', the source has '
     "'Dollar und'."),
    ("wiwo", "Milliarden Dollar udn", 'did you mean "Milliarden Dollar und" (line 9)? You typed \'udn\', the source has \'und\'.'),
    ("bbc-chinese", "大开会始之际", 'did you mean "大会开始之际" (line 5)? You typed \'开会\', the source has \'会开\'.'),
    ("afpbb", "た」とべた。", 'did you mean "た」と述べた。" (line 9)? The source has \'述\' after \'と\'.'),
    # a full stop typed where the source goes on (main: the other place, "Milliarden Dollar.")
    ("wiwo", "Milliarden Dollar und.", 'did you mean "Milliarden Dollar und" (line 9)? The source does not have \'.\' here.'),
]


@pytest.mark.parametrize("story, typed, said", NAMED)
def test_a_short_quote_with_one_slip_gets_its_own_passage(story, typed, said):
    sources, index = T.workspace(story)
    result = T.anchor_quote(typed, list(sources.values()), index=index)
    assert result.anchor is None
    assert result.error.split("; ", 1)[1] == said, result.error


def test_words_left_out_after_a_common_first_word_name_the_nearest_placing():
    """Vietnamese writes a word a syllable at a time, so a quote's first piece ("chuyến", flight) is
    in many sentences: the pieces were placed from its first place on, a passage of two sentences
    across a line end (line 3), where the quote's own sentence (line 9) holds them all close."""
    sources, index = T.workspace("vietnamese")
    result = T.anchor_quote("chuyến ... cũng gặp khó", list(sources.values()), index=index)
    assert result.error.endswith('Its 2 parts are there, in order (dinh-la-thang-san-bay line 9): quote each as a quote of '
                                 'its own, or the whole passage, "chuyến bay cũng gặp khó"'), result.error
