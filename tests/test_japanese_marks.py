"""In Japanese, written without spaces, a quote may start and end between any two characters but
never before one that belongs to the character before it: the prolonged sound mark (コンピューター),
a small kana (ジャ, まって) or an iteration mark (人々): "の祝いから帰る途中の人" lost the 々 of 人々
(tests/real/afpbb), "コンピュータ" the ー of コンピューター. Such quotes anchored, on a word cut in
two; now "quote is not found as whole words: it ends inside '人々'", with the whole words, which
anchor. The same rule as for Thai's following vowels (text.cuts_word), and as for where a line may
not start (explorer/app/cells.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

WORDS = ["東京", "人々", "コンピューター", "ジャーナリスト", "待って", "時々", "ボコ・ハラム", "ナイジェリア", "の", "が",
         "を", "は", "少女", "攻撃", "ニュース", "チョコレート", "日本", "おっしゃる"]
ATTACHED = set("ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々ゝゞヽヾ")


def source(text: str) -> Source:
    return Source("story", "seeds/story.txt", text, "0" * 64)


@given(st.lists(st.sampled_from(WORDS), min_size=5, max_size=12), st.data())
@settings(max_examples=75, deadline=None)
def test_an_edge_before_a_mark_that_belongs_to_the_character_before_cuts_a_word(words, data):
    line = "".join(words) + "。"
    text = "見出し\n\n" + line + "\n"
    cuts = [i for i in range(1, len(line)) if line[i] in ATTACHED]
    if not cuts:
        return
    i = data.draw(st.sampled_from(cuts))
    if data.draw(st.booleans()):
        quote = line[data.draw(st.integers(0, i - 1)) : i]
        if quote[:1] in ATTACHED:
            return
    else:
        end = data.draw(st.integers(i + 1, len(line)))
        if end < len(line) and line[end] in ATTACHED:
            return
        quote = line[i:end]
    if line.count(quote) != 1:
        return
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is None, (line, quote)
    assert r.error.startswith("quote is not found as whole words"), r.error
    whole = r.error.rsplit("; the whole words are ", 1)[1][1:-1]
    found = anchor_quote(whole, [source(text)])
    assert quote in whole and (found.anchor is not None or "occurs" in found.error), (line, quote, whole)


@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=10), st.data())
@settings(max_examples=100, deadline=None)
def test_a_quote_of_whole_words_anchors(words, data):
    line = "".join(words) + "。"
    a = data.draw(st.integers(0, len(words) - 1))
    b = data.draw(st.integers(a + 1, len(words)))
    quote = "".join(words[a:b])
    r = anchor_quote(quote, [source("見出し\n\n" + line + "\n")])
    assert r.anchor is not None or "occurs" in r.error, (line, quote, r.error)
