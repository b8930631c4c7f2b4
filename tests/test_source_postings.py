"""The source index lists the places of its rare words only: a word's places stop being listed as
soon as it has more than MAX_POSTINGS (a common word, which never pins a quote down, is kept as
None), instead of being listed and then let go. The postings are the same as listing every place
and dropping the common words' lists after (the reference below): the same words, in the same
order, each rare word's places in the same order, across generated sources whose words occur
around the limit, in one source or spread over several, with empty tokens at the edges."""

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import SourceIndex
from explorer.core.anchoring.sources import Source


def reference(sources: list[Source], limit: int) -> dict:
    shift = max(1, len(sources).bit_length())
    postings: dict = {}
    for i, source in enumerate(sources):
        start = 0
        for token in source.normalized.split(" "):
            postings.setdefault(token, []).append(start << shift | i)
            start += len(token) + 1
    return {token: (places if len(places) <= limit else None) for token, places in postings.items()}


_WORDS = st.sampled_from(["the", "a", "Kim", "said", "x", "Bay", "of", "Seoul", "Tower", "7"])


@settings(max_examples=75, deadline=None)
@given(st.lists(st.lists(st.one_of(_WORDS, st.text("abcé-", min_size=1, max_size=4)), max_size=60), min_size=1, max_size=4),
       st.integers(0, 40), st.booleans())
def test_the_postings_are_every_rare_words_places_in_order(texts, repeats, spaced):
    texts = [words + ["Kim"] * (repeats // len(texts)) for words in texts]  # (a word around the limit)
    sources = [Source(f"s{i}", f"seeds/s{i}.txt", (" " if spaced else "") + " ".join(words), "")
               for i, words in enumerate(texts)]
    index = SourceIndex(sources)
    want = reference(sources, SourceIndex.MAX_POSTINGS)
    assert list(index.postings) == list(want)
    assert index.postings == want


def test_a_word_at_the_limit_keeps_its_places_and_one_past_it_is_common():
    limit = SourceIndex.MAX_POSTINGS
    sources = [Source("a", "seeds/a.txt", " ".join(["rare"] * limit + ["common"] * (limit + 1)), "")]
    index = SourceIndex(sources)
    assert len(index.postings["rare"]) == limit
    assert index.postings["common"] is None
