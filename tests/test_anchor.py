from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.nearest import describe_differences
from explorer.core.anchoring.sources import Source

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
    assert "You typed 'Jonas', the source has 'Jones'." in r.error
    assert "(line 3)" in r.error


def test_not_found_far_from_anything():
    r = anchor_quote("Completely unrelated words about quantum chromodynamics", [src()])
    assert r.error == "quote not found in article, and no passage is close to it"


def test_ambiguous_lists_lines_and_how_to_fix():
    r = anchor_quote("Alice Smith", [src()])
    assert r.anchor is None
    assert "quote occurs 3 times in article (at line:column 3:1, 7:1, 7:27)" in r.error
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
    assert describe_differences("a b c", "a x c") == "you typed 'b', the source has 'x'"
    assert describe_differences("a b c", "a c") == "the source does not have 'b' here"
    assert describe_differences("a c", "a b c") == "the source has 'b' after 'a'"
    assert describe_differences("a, c", "a; c") == "the source has ';' where you typed ','"
    assert describe_differences("Jose said", "Jos\u00e9 said") == "differs only in accents: the source has 'Jos\u00e9'"
    assert describe_differences("jose said", "Jos\u00e9 said") == "differs only in case and accents: the source has 'Jos\u00e9'"
    assert describe_differences("he was drunk", "he was drunken") == "you typed 'drunk', the source has 'drunken'"


# -- the index finds exactly what a scan finds ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explorer.core.anchoring.anchor import SourceIndex, find_all  # noqa: E402
from explorer.core.text import normalize_quote  # noqa: E402

_WORDS = ["the", "car", "Kim", "Kim's", "gift", "a", "Putin", "said", "red", "car.", "-", "...", "it"]
_texts = st.lists(st.sampled_from(_WORDS + ["\n\n", "\u2019s", "\u00a0"]), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
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



@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.text("ab\U0010ffff", min_size=1, max_size=4), min_size=1, max_size=30), min_size=1, max_size=4),
       st.text("ab\U0010ffff", max_size=3), st.sampled_from([0, 1, 3, 64]), st.booleans())
def test_the_sources_a_quote_edge_can_be_in_are_those_holding_a_token_it_begins_or_ends(texts, prefix, limit, flip):
    sources = [src(" ".join(words), f"s{i}") for i, words in enumerate(texts)]
    index = SourceIndex(sources)
    index.MAX_EDGE_TOKENS = limit
    table = index._reversed if flip else index._sorted
    beginning = [t for t in table if t.startswith(prefix)]
    want = index._all if not prefix or len(beginning) > limit else 0
    if want == 0:
        for token in beginning:
            want |= index.mask(token[::-1] if flip else token)
    assert index._edge(table, prefix, flip) == want

# -- whole words ---------------------------------------------------------------------------------

from explorer.core.anchoring.anchor import cuts_word, is_whole  # noqa: E402


def test_a_quote_inside_words_is_an_error_showing_the_whole_words():
    s = src("Title\n\nAlice met Bob in Paris.\n")
    r = anchor_quote("lice met Bo", [s])
    assert r.anchor is None
    assert r.error == ("quote is not found as whole words: it starts inside 'Alice' and ends inside 'Bob' "
                       '(line 3); the whole words are "Alice met Bob"')
    r = anchor_quote("met Bo", [s])
    assert r.error == "quote is not found as whole words: it ends inside 'Bob' (line 3); the whole words are \"met Bob\""


def test_he_does_not_anchor_inside_she():
    s = src("Title\n\nShe said it was fine.\n")
    r = anchor_quote("he said it", [s])
    assert r.anchor is None and "starts inside 'She'" in r.error
    # with both in the source, the whole-word one is the only match (no ambiguity, no occurrence:)
    s = src("Title\n\nShe said it in an e-mail. Later he said it in an e-mail.\n")
    r = anchor_quote("he said it in an e-mail", [s])
    assert span(r, s) == "he said it in an e-mail" and r.anchor.start == s.text.index("Later he") + 6


def test_occurrence_prefix_suffix_count_whole_word_matches_only():
    text = "Title\n\nEl juez del titular del Juzgado dijo que el titular del Juzgado calla.\n"
    s = src(text)
    r = anchor_quote("el titular del Juzgado", [s])  # once as whole words ("del titular" does not count)
    assert span(r, s) == "el titular del Juzgado" and r.anchor.start == text.index("que el") + 4
    assert "occurs 1 time(s)" in anchor_quote("el titular del Juzgado", [s], occurrence=2).error
    s = src("Title\n\nthe cat sat. Then the cat ran. the cat\n")
    # prefix "he" must not match the end of "The"/"the"; prefix "Then" picks the second
    assert "matches none" in anchor_quote("the cat", [s], prefix="en").error
    assert anchor_quote("the cat", [s], prefix="Then").anchor.start == s.text.index("Then the") + 5
    assert "matches none" in anchor_quote("the cat", [s], suffix="ra").error
    assert anchor_quote("the cat", [s], suffix="ran").anchor.start == s.text.index("Then the") + 5


def test_unspaced_scripts_may_be_quoted_anywhere():
    s = src("标题\n\n俄罗斯总统普京向朝鲜领导人金正恩赠送了一辆汽车。東京都は日本の首都です。ภาษาไทยง่ายมาก\n")
    for quote in ("普京", "金正恩赠送", "日本の首", "ไทยง่าย"):
        assert span(anchor_quote(quote, [s]), s) == quote


def test_word_characters_of_every_script_and_marks():
    assert cuts_word("a", "b") and cuts_word("é", "1") and cuts_word("Ж", "ы") and cuts_word("ا", "ل")
    assert cuts_word("e", "\u0301")  # a combining accent belongs to its letter
    assert cuts_word("क", "\u093e")  # a Devanagari vowel sign too
    assert not cuts_word("a", " ") and not cuts_word("'", "s") and not cuts_word("-", "m")
    assert not cuts_word("京", "都") and not cuts_word("a", "京")
    assert is_whole("e-mail", 2, 6) and not is_whole("e-mail", 3, 6)


# Whole-word anchoring as a property: a quote anchors exactly when some occurrence of it has word
# boundaries at both ends, and the anchored span is such an occurrence.
_word_texts = st.lists(st.sampled_from(["she", "he", "said", "Alice", "lice", "met", "Bob", "Bo", "e-mail", "mail", ",", "."]),
                       min_size=1, max_size=30).map(" ".join)


@settings(max_examples=75, deadline=None, derandomize=True, database=None)
@given(_word_texts, st.data())
def test_anchored_span_always_has_word_boundaries(text, data):
    s = src(text)
    hay = s.normalized
    a = data.draw(st.integers(0, len(hay) - 1))
    b = data.draw(st.integers(a + 1, len(hay)))
    nq = normalize_quote(hay[a:b])
    if not nq:
        return
    raw = []
    i = hay.find(nq)
    while i >= 0:
        raw.append(i)
        i = hay.find(nq, i + 1)
    whole = [p for p in raw if is_whole(hay, p, p + len(nq))]
    index = SourceIndex([s])
    assert [p for _, p in index.find(nq)] == whole == find_all(s, nq)
    assert [p for _, p in index.find(nq, whole=False)] == raw == find_all(s, nq, whole=False)
    r = anchor_quote(nq, [s], index=index, occurrence=1 if whole else None)
    if whole:
        assert r.anchor is not None and r.anchor.start == s.norm_offsets[whole[0]]
    else:
        assert r.anchor is None and "not found as whole words" in r.error


# -- the quick edge check agrees with the general one ---------------------------------------------

from explorer.core.anchoring.anchor import _cuts_cluster, _edges, _words_at, whole_at  # noqa: E402

# ASCII words and punctuation (the quick path), and what only the general checks settle: letters
# outside ASCII, combining marks, a zero-width joiner, emoji modifiers, regional indicators,
# unspaced scripts, no-break and other spaces.
_EDGE_PIECES = ["a", "Kim", "1", " ", ",", ".", "-", "'", "(", "\n", "\n\n", "é", "e\u0301", "\u0301", "Ж", "京",
                "\u200d", "👏", "👏🏽", "\U0001f1f0\U0001f1f7", "\U0001f1f0", "\u00a0", "\u2019", "_", "\u093e"]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_EDGE_PIECES), min_size=1, max_size=24).map("".join))
def test_whole_at_quick_path_agrees_with_the_general_checks(text):
    s = src(text)
    hay = s.normalized
    for start in range(len(hay)):
        for end in range(start + 1, min(len(hay), start + 8) + 1):
            general = (_words_at(hay, start, end - start, _edges(hay[start:end]))
                       and not _cuts_cluster(s, hay, start, end))
            assert whole_at(s, hay, start, end - start) == general, (text, start, end)
            assert whole_at(s, hay, start, end - start, _edges(hay[start:end])) == general


# -- a quote of common inner words is found by its edge words' places, without a scan -------------

_COMMON = ["the", "said", "a", "of", "in", "to"]
_RARE = ["Kim", "Putin's", "(Kim", "\u201cKimchi", "Kim,", "skim", "Ki"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.sampled_from(_COMMON * 3 + _RARE), min_size=20, max_size=80), min_size=1, max_size=3),
       st.data())
def test_a_quote_of_common_inner_words_is_found_by_its_edge_words_without_a_scan(texts, data):
    from explorer.core.anchoring import anchor

    # every common word occurs more often than a posting list holds: only the edges pin it down
    sources = [src(" ".join(words + _COMMON * 17), f"s{i}") for i, words in enumerate(texts)]
    index = SourceIndex(sources)
    hay = data.draw(st.sampled_from(sources)).normalized
    tokens = hay.split(" ")
    k = data.draw(st.integers(0, len(tokens) - 2))
    n = data.draw(st.integers(2, min(6, len(tokens) - k)))
    first, last = tokens[k], tokens[k + n - 1]
    first = first[data.draw(st.integers(0, max(0, len(first) - 1))):]  # (the end of a word, or all of it)
    last = last[: data.draw(st.integers(1, max(1, len(last))))]  # (the start of a word, or all of it)
    nq = " ".join([first, *tokens[k + 1 : k + n - 1], last])
    whole = data.draw(st.booleans())
    scans = {(s.id, p) for s in sources for p in find_all(s, nq, whole)}
    found = set()

    def scan(*args, **kwargs):
        found.add(True)
        return find_all(*args, **kwargs)

    original, anchor.find_all = anchor.find_all, scan
    try:
        hits = [(s.id, p) for s, p in index.find(nq, None, whole)]
    finally:
        anchor.find_all = original
    assert hits == sorted(scans, key=lambda h: (int(h[0][1:]), h[1]))
    edges_rare = all(index.postings.get(t) is not None for t in index.postings if t.endswith(first)) or \
        all(index.postings.get(t) is not None for t in index.postings if t.startswith(last))
    if edges_rare and all(index.postings.get(t) is None for t in nq.split(" ")[1:-1]):
        assert not found, f"{nq!r} was scanned for"


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.sampled_from(_COMMON * 3 + _RARE), min_size=1, max_size=80), min_size=1, max_size=4))
def test_a_tokens_mask_is_the_sources_holding_it_and_common_ones_are_worked_out_only_when_asked(texts):
    sources = [src(" ".join(words), f"s{i}") for i, words in enumerate(texts)]
    index = SourceIndex(sources)
    for s in sources:  # (quotes found by a rare word or edge: no common token's mask is needed)
        for token in s.normalized.split(" "):
            if index.postings[token] is not None:
                index.find(f"{token} {token}", None)
    assert "_common" not in index.__dict__
    for token in {t for s in sources for t in s.normalized.split(" ")} | {"nowhere", ""}:
        want = sum(1 << i for i, s in enumerate(sources) if token in s.normalized.split(" "))
        assert index.mask(token) == want


_PIECES = ["word", "Kim \u201csaid\u201d", "a  b", "\n", "\n\n", "\r\n", "\r\n\r\n", "  \n", "\u00a0x", "-", "\u2014"]


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join), st.data())
def test_locate_is_the_span_its_line_column_and_paragraphs_as_each_is_told_alone(text, data):
    source = src(text)
    n = len(source.normalized)
    nstart = data.draw(st.integers(0, n))
    nend = data.draw(st.integers(nstart, n))
    start, end = source.to_original(nstart, nend)
    want = (start, end, source.line_of(start), source.column_of(start), source.paragraph_of(start),
            source.paragraph_of(end - 1))
    assert source.locate(nstart, nend) == want


_LINE_PIECES = _PIECES + ["\r", "\n  Indented wire copy", "\n\tTabbed", "\n \n", " "]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40).map("".join))
def test_the_paragraphs_counted_by_line_are_those_a_bisection_counts_at_every_offset(text):
    # Source.locate takes a line's paragraph count (_paras_by_line) instead of bisecting the
    # paragraph starts: the same at every offset, wire copy's indented paragraphs and every line end.
    from bisect import bisect_right

    source = src(text)
    by_line = source._paras_by_line
    assert by_line is not None  # (every paragraph starts where a line does)
    for offset in range(len(text) + 1):
        line = source.line_of(offset)
        assert by_line[line - 1] == bisect_right(source._para_starts, offset), (offset, line)


def test_paragraphs_that_do_not_start_a_line_are_bisected():
    source = src("first line\nsecond\n\nthird")
    source.__dict__["paragraphs"] = [(0, 10), (14, 19)]  # (one starting inside a line: not as paragraph_spans makes them)
    assert source._paras_by_line is None
    assert source.locate(15, 16)[4:] == (2, 2)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES + ["\u2026", "...", "\u00ad", "e\u0301", "\u201e", " \u00bb"]), min_size=1, max_size=30)
       .map("".join), st.data())
def test_a_normalised_span_maps_back_as_its_first_and_last_characters_do(text, data):
    offsets = src(text).norm_offsets
    n = len(offsets) - 1
    nstart = data.draw(st.integers(0, n))
    nend = data.draw(st.integers(nstart, n))
    start = offsets._at(nstart)
    assert offsets.span(nstart, nend) == ((start, offsets._end(nend - 1)) if nend > nstart else (start, start))


def test_the_first_quotes_of_common_words_are_scanned_for_before_the_common_tokens_table_is_made():
    sources = [src(" ".join(_COMMON * 20 + [f"name{i}"]), f"s{i}") for i in range(3)]
    index = SourceIndex(sources)
    quote = "the said a of"  # (every word, edges too, in every source more often than postings hold)
    scan = [(s.id, p) for s in sources for p in find_all(s, quote)]
    for n in range(index.SCANS_BEFORE_COMMON):
        assert [(s.id, p) for s, p in index.find(quote)] == scan
        assert "_common" not in index.__dict__, n
    assert [(s.id, p) for s, p in index.find(quote)] == scan
    assert "_common" in index.__dict__  # (past a few: the table narrows the sources down)
    assert [(s.id, p) for s, p in index.find("name1 of", [sources[1]])] == \
        [(sources[1].id, p) for p in find_all(sources[1], "name1 of")]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES + [" ", "\t", "\u2003", "\r", " \n", "\t\n", "x."]), min_size=0, max_size=30).map("".join))
def test_paragraphs_are_the_runs_of_lines_that_hold_text(text):
    """`paragraphs` (a source's passages, the cold search's passage units) asks only a run that
    starts with a space whether it is all spaces: the same spans as asking every run."""
    from explorer.core.anchoring.sources import _PARAGRAPH, paragraphs

    assert paragraphs(text) == [m.span() for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]
