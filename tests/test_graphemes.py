"""A quote never starts or ends inside a grapheme cluster (what a reader sees as one character):
not 👏 of 👏🏽, not half a flag, not an emoji before its zero-width joiner, not a letter before its
accent, not a base before its variation selector or tag characters (anchor._cuts_cluster)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import SourceIndex, anchor_quote, find_all
from explorer.core.anchoring.sources import Source
from explorer.core.text import cuts_cluster, normalize_quote

# Clusters, by the kind of token they make. In a word token the word rule holds too: a quote may not
# start or end between two of its clusters. In a Thai token (a script written without spaces) and a
# token of symbols, any cluster boundary is a place a quote may start or end.
WORD = ["a", "q", "\u00e9", "e\u0301", "q\u0307", "n\u0303\u0323", "\u0915", "\u0915\u093e", "\u092e\u094d",
        "1\ufe0f\u20e3", "\u05e9\u05c1\u05b8"]
THAI = ["\u0e01", "\u0e01\u0e34", "\u0e19", "\u0e02\u0e49", "\u0e21\u0e38\u0e48"]
SYMBOL = ["#", "*", "\u00a9", "#\ufe0f\u20e3", "\U0001f44f", "\U0001f44f\U0001f3fd", "\u2764\ufe0f", "\u261d\U0001f3fb",
          "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468",
          "\U0001f1eb\U0001f1f7", "\U0001f1fa\U0001f1f8", "\U0001f1f7\U0001f1fa",
          "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "\u2600\ufe0e"]
KINDS = {"word": WORD, "thai": THAI, "symbol": SYMBOL}


@st.composite
def texts(draw):
    """(text, cluster boundaries, boundaries a quote may have as whole words): tokens of 1-3
    clusters of one kind, apart by a space or CR LF."""
    text, boundaries, words_ok = "", {0}, {0}
    for n in range(draw(st.integers(1, 4))):
        if n:
            text += draw(st.sampled_from([" ", " ", "\r\n"]))
            boundaries.add(len(text))
            words_ok.add(len(text))
        kind = draw(st.sampled_from(sorted(KINDS)))
        for k, cluster in enumerate(draw(st.lists(st.sampled_from(KINDS[kind]), min_size=1, max_size=3))):
            if k and kind != "word":
                words_ok.add(len(text))
            text += cluster
            boundaries.add(len(text))
        words_ok.add(len(text))
    return text, boundaries, words_ok


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(texts())
def test_a_quote_is_found_exactly_when_its_ends_are_character_and_word_boundaries(made):
    text, boundaries, words_ok = made
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    index = SourceIndex([source])
    index.MAX_POSTINGS = 0  # (scanned, as a quote of few or common words is)
    assert [i for i in range(len(text) + 1) if cuts_cluster(text, i)] == [i for i in range(len(text) + 1) if i not in boundaries]
    for i in range(len(text)):
        if text[i].isspace():
            continue
        for j in range(i + 1, len(text) + 1):
            if text[j - 1].isspace():
                continue
            nq = normalize_quote(text[i:j])
            if not nq:  # (a lone joiner)
                continue
            hits = find_all(source, nq)
            found = (i, j) in {source.to_original(p, p + len(nq)) for p in hits}
            expected = i in boundaries and j in boundaries and i in words_ok and j in words_ok
            assert found == expected, (text, i, j)
            assert [p for _, p in index.find(nq)] == hits
            if not hits and find_all(source, nq, whole=False):
                error = anchor_quote(text[i:j], [source], index=index).error
                assert error.startswith(("quote is not found as whole characters: it ", "quote is not found as whole words: it "))


def test_the_error_names_the_character_cut_and_where():
    source = Source("s", "seeds/s.txt", "Title\n\nBravo \U0001f44f\U0001f3fd and \U0001f1eb\U0001f1f7\U0001f1fa\U0001f1f8.\n", "0" * 64)
    assert anchor_quote("Bravo \U0001f44f", [source]).error == (
        "quote is not found as whole characters: it ends inside the character '\U0001f44f\U0001f3fd' (U+1F44F U+1F3FD) "
        '(seeds/s.txt:3:7); the whole characters are "Bravo \U0001f44f\U0001f3fd"')
    assert anchor_quote("\U0001f1f7\U0001f1fa", [source]).error == (
        "quote is not found as whole characters: it starts inside the character '\U0001f1eb\U0001f1f7' (U+1F1EB U+1F1F7) "
        "and ends inside the character '\U0001f1fa\U0001f1f8' (U+1F1FA U+1F1F8) (seeds/s.txt:3:14); "
        'the whole characters are "\U0001f1eb\U0001f1f7\U0001f1fa\U0001f1f8"')
    r = anchor_quote("Bravo \U0001f44f\U0001f3fd and \U0001f1eb\U0001f1f7", [source])
    assert r.error is None and source.text[r.anchor.start : r.anchor.end] == "Bravo \U0001f44f\U0001f3fd and \U0001f1eb\U0001f1f7"
    # a lone tag character or modifier is shown by its code point, never raw
    assert "\U000e0067" not in anchor_quote("x", [Source("t", "seeds/t.txt", "x\U000e0067\U000e007f", "0" * 64)]).error


# --- mentions: an entity's name is matched with the same guarantee (mentions.NameIndex.find) ------


@st.composite
def texts_and_names(draw):
    """A text of clusters (as above) and names cut from it at cluster and word boundaries, with a
    letter or digit in them (a name without one is never looked for)."""
    text, boundaries, words_ok = draw(texts())
    ok = sorted(boundaries & words_ok)
    spans = []
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(ok[:-1]))
        j = draw(st.sampled_from([b for b in ok if b > i]))
        if normalize_quote(text[i:j]) == text[i:j].strip() and any(c.isalnum() for c in text[i:j]):
            spans.append((i, j))
    # and a name that is only part of a cluster or a word, which must never be found there
    i = draw(st.integers(0, len(text) - 1))
    return text, boundaries, words_ok, spans, text[i:draw(st.integers(i + 1, len(text)))]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(texts_and_names())
def test_a_mention_never_starts_or_ends_inside_a_character_or_a_word(made):
    from explorer.core.mentions import NameIndex
    from explorer.core.model import Entity

    text, boundaries, words_ok, spans, part = made
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    names = [text[i:j].strip() for i, j in spans] + [part]
    entities = [Entity(id=f"e{k}", file=f"facts/e{k}.yaml", name=n, type="thing", aliases=[]) for k, n in enumerate(names)]
    mentions = NameIndex.build(entities).find(source)
    for m in mentions:
        assert m.start in boundaries and m.end in boundaries, (text, m)  # whole characters
        assert m.start in words_ok and m.end in words_ok, (text, m)  # whole words
        assert m.text == text[m.start : m.end]
    for i, j in spans:  # every name cut at whole characters and words is found where it was cut
        i += len(text[i:j]) - len(text[i:j].lstrip())
        j -= len(text[i:j]) - len(text[i:j].rstrip())
        assert any(m.start < j and i < m.end and m.end - m.start >= j - i for m in mentions), (text, i, j, mentions)


def test_names_in_scripts_without_spaces_and_with_marks_are_found_whole():
    from explorer.core.mentions import NameIndex
    from explorer.core.model import Entity

    def found(text, name):
        source = Source("s", "seeds/s.txt", text, "0" * 64)
        entity = Entity(id="e", file="facts/e.yaml", name=name, type="person", aliases=[])
        return [text[m.start : m.end] + f"@{m.start}" for m in NameIndex.build([entity]).find(source)]

    # a name inside a run of Han or Thai (no spaces between words) is found
    assert found("香港行政长官梁振英在各方压力下", "梁振英") == ["梁振英@6"]
    assert found("คนสนิทของนายสุรชัย แซ่ด่าน", "สุรชัย") == ["สุรชัย@12"]
    # never before the vowel sign of its last letter (रामि), nor inside a longer word (रामलला)
    assert found("रामि राम रामलला", "राम") == ["राम@5"]
    # never before a skin tone modifier: 👏 is not 👏🏽
    assert found("q \U0001f44f\U0001f3fd, q \U0001f44f.", "q \U0001f44f") == ["q \U0001f44f@6"]
