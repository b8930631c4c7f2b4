from explorer.core.anchor import anchor_quote, describe_differences
from explorer.core.sources import Source

from conftest import SOURCE_TEXT


def src(text=SOURCE_TEXT, sid="article"):
    return Source(sid, f"seeds/{sid}.txt", text, "0" * 64)


def span(result, source):
    assert result.error is None, result.error
    return source.text[result.anchor.start : result.anchor.end]


def test_exact_quote_anchors_with_offsets_line_and_paragraph():
    s = src()
    r = anchor_quote("Alice Smith met Bob Jones", [s])
    assert span(r, s) == "Alice Smith met Bob Jones"
    assert (r.anchor.line, r.anchor.column, r.anchor.paragraph) == (3, 1, 2)
    assert r.anchor.start == SOURCE_TEXT.index("Alice Smith met")


def test_typography_is_ignored_and_original_span_reported():
    s = src()
    # plain space for a non-breaking one, hyphen for an em dash
    assert span(anchor_quote("Alice gave Bob a red car - a gift", [s]), s) == "Alice\u00a0gave Bob a red car \u2014 a gift"
    # straight quotes and apostrophe, three dots for an ellipsis
    assert span(anchor_quote('"It\'s the best car... ever."', [s]), s) == "\u201cIt\u2019s the best car\u2026 ever.\u201d"
    # runs of whitespace and a line break inside the quote
    assert anchor_quote("Alice   Smith\nmet Bob", [s]).anchor is not None


def test_case_and_words_are_not_ignored():
    s = src()
    r = anchor_quote("alice smith met bob jones", [s])
    assert r.anchor is None and "differs only in case" in r.error
    r = anchor_quote("Alice Smith met Bob Jonas", [s])
    assert r.anchor is None
    assert 'did you mean "Alice Smith met Bob Jones"' in r.error
    assert "'Jonas' where the source has 'Jones'" in r.error
    assert "(line 3)" in r.error


def test_not_found_far_from_anything():
    r = anchor_quote("Completely unrelated words about quantum chromodynamics", [src()])
    assert r.error == "quote not found in article, and no passage is close to it"


def test_ambiguous_lists_lines_and_how_to_fix():
    r = anchor_quote("Alice Smith", [src()])
    assert r.anchor is None
    assert "quote occurs 3 times in article (lines 3, 7, 7)" in r.error
    assert "occurrence: N" in r.error


def test_occurrence_prefix_and_suffix_pick_one():
    s = src()
    r = anchor_quote("Alice Smith", [s], occurrence=2)
    assert r.anchor.start == SOURCE_TEXT.index("Alice Smith is")
    r = anchor_quote("Alice Smith", [s], prefix="is a painter.")
    assert r.anchor.start == SOURCE_TEXT.index("Alice Smith lives")
    r = anchor_quote("Alice Smith", [s], suffix="is a")
    assert r.anchor.start == SOURCE_TEXT.index("Alice Smith is")
    assert "matches none" in anchor_quote("Alice Smith", [s], suffix="zzz").error
    assert "occurs 3 time(s)" in anchor_quote("Alice Smith", [s], occurrence=4).error


def test_empty_quote_and_paragraph_spanning():
    assert anchor_quote("   ", [src()]).error == "quote is empty"
    r = anchor_quote("a gift. Bob said", [src()])
    assert "spans paragraphs 2 and 3" in r.error


def test_bom_and_crlf_sources_keep_offsets_right():
    raw = "\ufeffTitle\r\n\r\nOne line here.\r\nSecond\u00a0line.\r\n"
    text = raw.encode("utf-8").decode("utf-8-sig")
    s = src(text)
    r = anchor_quote("One line here. Second line.", [s])
    assert span(r, s) == "One line here.\r\nSecond\u00a0line."
    assert r.anchor.line == 3 and r.anchor.paragraph == 2


def test_several_sources():
    a, b = src("First text about Alice.", "a"), src("Second text about Bob and Alice.", "b")
    assert anchor_quote("about Bob", [a, b]).anchor.source == "b"
    assert "found in 2 sources (a, b)" in anchor_quote("Alice", [a, b]).error


def test_describe_differences():
    assert describe_differences("a b c", "a x c") == "Differs: 'b' where the source has 'x'"
    assert "is not in the source" in describe_differences("a b c", "a c")


# -- the index finds exactly what a scan finds ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explorer.core.anchor import SourceIndex, find_all  # noqa: E402
from explorer.core.text import normalize_quote  # noqa: E402

_WORDS = ["the", "car", "Kim", "Kim's", "gift", "a", "Putin", "said", "red", "car.", "-", "...", "it"]
_texts = st.lists(st.sampled_from(_WORDS + ["\n\n", "\u2019s", "\u00a0"]), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(_texts, min_size=1, max_size=4), st.data())
def test_index_finds_what_a_scan_finds(texts, data):
    sources = [src(text, f"s{i}") for i, text in enumerate(texts)]
    index = SourceIndex(sources)
    index.MAX_POSTINGS = data.draw(st.sampled_from([0, 2, 16]))  # pinned by a rare word, or scanned
    for _ in range(5):
        # a piece of one source (whole or cut words), or words that may be nowhere
        if data.draw(st.booleans()):
            hay = data.draw(st.sampled_from(sources)).normalized
            a = data.draw(st.integers(0, max(0, len(hay) - 1)))
            nq = normalize_quote(hay[a : a + data.draw(st.integers(1, 40))])
        else:
            nq = normalize_quote(" ".join(data.draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5))))
        if not nq:
            continue
        within = data.draw(st.sampled_from([None, sources[:1], sources[-1:], sources]))
        scan = [(s.id, p) for s in (within or sources) for p in find_all(s, nq)]
        assert [(s.id, p) for s, p in index.find(nq, within)] == scan
