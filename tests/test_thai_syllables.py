"""In Thai (and Lao), written without spaces between words, a quote may start and end between any
two characters but never inside a syllable where the spelling says it goes on: after a leading
vowel (เ แ โ ใ ไ are written before the consonant they are spoken after: "หายตัวไปเ" ends inside
เมื่อ, "ขาเป็น" starts inside เขา) or before a following vowel or mark (ะ า ำ ๅ ๆ ฯ belong to what is
before them: "...แล้วว่" lost the า of ว่า, "กรุงเทพ" of "กรุงเทพฯ"). Such a quote anchored, on a
syllable cut in two. Whole words cannot be known without a dictionary (none is used: Python has no
Thai word breaker, and ICU's, PyICU, is a C++ build and a dictionary to ship); these edges need
none. The error widens to where a syllable surely starts or ends (its leading vowel, or the run's
end) and what it offers anchors. One place: text.cuts_word, which every quote, occurrence count and
mention goes through. tests/real/prachatai pins a selection that lost its last vowel."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.mentions import NameIndex
from explorer.core.model import Entity

# Thai words (each a whole word, from tests/real/prachatai and common news words), some with a
# leading vowel, some with a following one
WORDS = ["เขา", "เป็น", "เมื่อ", "แซ่", "ด่าน", "หาย", "ตัว", "ไป", "เดือน", "นัก", "ไหว", "ใน", "โรง", "ทำ", "ประชา",
         "ไทย", "ข่าว", "ว่า", "นาย", "สุรชัย", "ตาม", "ดี", "มา", "แม่", "น้ำ", "โขง", "กะ", "ภรรยา", "แล้ว", "ใจ"]
LEADING = "เแโใไ"
FOLLOWING = "ะาำๅๆฯ"


def source(text: str) -> Source:
    return Source("story", "seeds/story.txt", text, "0" * 64)


@st.composite
def _story(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=6, max_size=14))
    text = "".join(w + (" " if draw(st.integers(0, 5)) == 0 else "") for w in words)
    return words, text.rstrip() + "\n"


@given(_story(), st.data())
@settings(max_examples=100, deadline=None)
def test_a_quote_of_whole_words_anchors(story, data):
    words, text = story
    starts = [0]
    for w in words:
        starts.append(starts[-1] + len(w) + (1 if text[starts[-1] + len(w)] == " " else 0))
    a = data.draw(st.integers(0, len(words) - 1))
    b = data.draw(st.integers(a + 1, len(words)))
    quote = text[starts[a] : starts[b]].strip()
    r = anchor_quote(quote, [source(text)])
    assert r.error is None or "occurs" in r.error, (text, quote, r.error)


@given(_story(), st.data())
@settings(max_examples=75, deadline=None)
def test_a_quote_that_cuts_a_syllable_is_told_the_whole_words_and_they_anchor(story, data):
    words, text = story
    line = text.rstrip("\n")
    # every place the spelling says a syllable goes on: after a leading vowel, before a following one
    cuts = [i for i in range(1, len(line)) if line[i - 1] in LEADING or line[i] in FOLLOWING]
    i = data.draw(st.sampled_from(cuts))
    if data.draw(st.booleans()):  # the quote starts there
        end = data.draw(st.integers(i + 1, len(line)))
        if end < len(line) and (line[end - 1] in LEADING or line[end] in FOLLOWING):
            return
        quote = line[i:end]
    else:  # it ends there
        start = data.draw(st.integers(0, i - 1))
        if start > 0 and (line[start - 1] in LEADING or line[start] in FOLLOWING):
            return
        quote = line[start:i]
    if not quote.strip() or quote != quote.strip() or line.count(quote) != 1:
        return  # (a quote found elsewhere, whole, is another case)
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is None, (text, quote)
    if not r.error.startswith("quote is not found as whole words"):
        assert "occurs" not in r.error and "whole characters" in r.error, r.error
        return
    whole = r.error.rsplit("; the whole words are ", 1)[1][1:-1]
    assert quote in whole
    found = anchor_quote(whole, [source(text)])
    assert found.anchor is not None or "occurs" in found.error, (text, quote, whole, found.error)


def test_the_messages_name_the_syllable():
    text = "นายสุรชัย แซ่ด่าน หายตัวไปเมื่อเดือนธันวาคม เขาเป็นนักเคลื่อนไหว กรุงเทพฯ\n"
    cases = {
        "ขาเป็น": "it starts inside 'เขา' (line 1); the whole words are \"เขาเป็น\"",
        "หายตัวไปเ": "it ends inside 'เมื่อ' (line 1); the whole words are \"หายตัวไปเมื่อ\"",
        "มื่อเดือน": "it starts inside 'เมื่อ' (line 1); the whole words are \"เมื่อเดือน\"",
        "สุรชัย แซ่ด่": "it ends inside 'แซ่ด่าน' (line 1); the whole words are \"สุรชัย แซ่ด่าน\"",
        "กรุงเทพ": "it ends inside 'เทพฯ' (line 1); the whole words are \"กรุงเทพฯ\"",
    }
    for quote, said in cases.items():
        assert anchor_quote(quote, [source(text)]).error == "quote is not found as whole words: " + said


def test_a_name_is_still_found_inside_a_run_of_thai_but_not_inside_a_syllable():
    text = "นายสุรชัยแซ่ด่านหายตัวไป กรุงเทพฯ\n"
    names = [Entity(id="s", name="สุรชัย", type="person", file="f"), Entity(id="d", name="แซ่ด", type="person", file="f"),
             Entity(id="k", name="กรุงเทพ", type="place", file="f")]
    assert [m.text for m in NameIndex.build(names).find(source(text))] == ["สุรชัย"]
