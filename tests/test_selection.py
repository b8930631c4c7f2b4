from explorer.core.anchoring.selection import Selector
from explorer.core.anchoring.sources import Source

from conftest import SOURCE_TEXT


def selector():
    return Selector(Source("article", "seeds/article.txt", SOURCE_TEXT, "0" * 64))


def test_starts_at_the_sentence_and_widens_by_word_and_sentence():
    sel = selector()
    offset = SOURCE_TEXT.index("Alice Smith met")
    s = sel.sentence_at(offset + 5)
    assert s.text == "Alice Smith met Bob Jones in Paris on March 3."
    s = sel.widen_word(s)
    assert s.text.endswith("March 3. Alice")
    s = sel.shrink_word(sel.shrink_word(s))
    assert s.text == "Alice Smith met Bob Jones in Paris on March"
    s = sel.widen_sentence(s)
    assert s.text.endswith("March 3.")
    s = sel.widen_sentence(s)
    assert s.text.endswith("a red car \u2014 a gift.")
    assert sel.widen_sentence(s).text == s.text  # never past the paragraph
    assert sel.widen_word(s).text == s.text
    s = sel.shrink_sentence(s)
    assert s.text == "Alice Smith met Bob Jones in Paris on March 3."


def test_moves_the_start_by_words_within_the_paragraph():
    sel = selector()
    s = sel.sentence_at(SOURCE_TEXT.index("Alice Smith met"))
    assert sel.start_earlier(s).text == s.text  # first word of the paragraph
    s = sel.start_later(sel.start_later(s))
    assert s.text.startswith("met Bob")
    assert sel.start_earlier(s).text.startswith("Smith met")


def test_shrinking_keeps_at_least_a_word():
    sel = selector()
    s = sel.sentence_at(SOURCE_TEXT.index("Alice Smith is"))
    for _ in range(10):
        s = sel.shrink_word(s)
    assert s.text == "Alice"
    for _ in range(10):
        s = sel.start_later(s)
    assert s.text == "Alice"
