"""The source index lists the places of its rare words only: a word's places stop being listed as
soon as it has more than MAX_POSTINGS (a common word, which never pins a quote down, is kept as
None), instead of being listed and then let go. The postings are the same as listing every place
and dropping the common words' lists after (the reference below): the same words, in the same
order, each rare word's places in the same order, across generated sources whose words occur
around the limit, in one source or spread over several, with empty tokens at the edges."""

import subprocess
import sys
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring import anchor
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
       st.integers(0, 40), st.booleans(), st.sampled_from([1, 2, 3, 5, 8, 13, anchor.PIECE]))
def test_the_postings_are_every_rare_words_places_in_order(texts, repeats, spaced, piece):
    """(The source split into tokens `piece` characters at a time, as a long one is: the same.)"""
    texts = [words + ["Kim"] * (repeats // len(texts)) for words in texts]  # (a word around the limit)
    sources = [Source(f"s{i}", f"seeds/s{i}.txt", (" " if spaced else "") + " ".join(words), "")
               for i, words in enumerate(texts)]
    with mock.patch.object(anchor, "PIECE", piece):
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


@settings(max_examples=200, deadline=None)
@given(st.text("ab  ", max_size=40), st.integers(1, 12))
def test_a_text_split_a_piece_at_a_time_is_split_whole(text, piece):
    with mock.patch.object(anchor, "PIECE", piece):
        pieces = list(anchor._token_pieces(text))
    assert [t for tokens, _ in pieces for t in tokens] == text.split(" ")
    for tokens, first in pieces:  # each piece where its tokens are
        assert text[first:first + len(" ".join(tokens))] == " ".join(tokens)


_INDEX_LONG = r"""
import re
from explorer.core.anchoring.anchor import SourceIndex
from explorer.core.anchoring.sources import Source

def status(key):
    with open("/proc/self/status") as f:
        return int(re.search(key + r":\s+(\d+)", f.read()).group(1)) * 1024

words = "Kim Jong Un gave Putin an Aurus Senat limousine, the state news agency said on Tuesday.".split()
text = " ".join(words[i % len(words)] + ("" if i % 7 else str(i % 50)) for i in range(350_000))
source = Source("s", "seeds/s.txt", text, "")
source.normalized  # (made before measuring: it is the source's, not the index's)
with open("/proc/self/clear_refs", "w") as f:  # the peak so far (the text's making) is forgotten
    f.write("5")
before = status("VmRSS")
index = SourceIndex([source])
print(status("VmHWM") - before, len(text), len(index.postings))
"""


def test_a_long_source_of_one_line_is_indexed_without_all_its_words_at_once():
    """A 2 MB source of one line (an article repeated: a few hundred distinct words): the index
    is made with memory of the order of a piece's words, not the source's. Split at once, its
    350,000 words were 350,000 strings at once, ~10x the text's own size.
    The peak is the memory the process touched (Linux's VmHWM, reset once the text is made,
    over VmRSS then), in a process of its own so that no memory freed by other tests is reused
    unseen; a quarter more than the bound and 2 MB are the allocator's slack, as in
    tests/test_text.py. (It was measured with tracemalloc, which traced every allocation: ~1.9
    CPU s for this test.)"""
    out = subprocess.run([sys.executable, "-c", _INDEX_LONG], capture_output=True, text=True, check=True)
    peak, length, postings = (int(n) for n in out.stdout.split())
    assert length > 2_000_000 and postings < 1_000
    assert peak < 1.25 * length + 2_000_000, (peak, length)
