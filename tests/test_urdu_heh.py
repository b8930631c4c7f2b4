"""Urdu writes h with its own letters, the heh goal ہ and the do-chashmi heh ھ (بھ, پھ), and a ۃ; an
Arabic or a Persian keyboard types ه for both (and ة), which look the same inside a word. A quote so
typed was told "You typed 'شهر', the source has 'شہر'" (tests/real/urdu, BBC Urdu: the two words
look the same on screen), where ي typed for ی is named; now "It differs only in letters or digits
that look alike (another keyboard's): the source has 'ہ' (U+06C1) where you typed 'ه' (U+0647)".
The quote is still not anchored (the letters differ): only "did you mean" says what differs."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

_UR_LETTERS = "\u0627\u0628\u067e\u062a\u062f\u0631\u0633\u0645\u0646\u0648\u06cc\u06a9\u06af\u06c1\u06be\u06d2"
_SWAP = {"\u06c1": "\u0647", "\u06be": "\u0647", "\u06c3": "\u0629", "\u06cc": "\u064a", "\u06a9": "\u0643"}


def _error(quote: str, text: str) -> str:
    r = anchor_quote(quote, [Source("story", "seeds/story.txt", text, "0" * 64)])
    assert r.anchor is None
    return r.error


@st.composite
def _urdu_typed_on_another_keyboard(draw):
    word = st.text(st.sampled_from(_UR_LETTERS + "\u06c3"), min_size=3, max_size=7)
    words = draw(st.lists(word, min_size=6, max_size=10, unique=True))
    start = draw(st.integers(0, len(words) - 4))
    quoted = " ".join(words[start : start + 4])
    swapped = draw(st.sets(st.sampled_from(sorted(_SWAP)), min_size=1))
    typed = "".join(_SWAP[c] if c in swapped else c for c in quoted)
    assume(typed != quoted)
    return " ".join(words), quoted, typed


@given(_urdu_typed_on_another_keyboard())
@settings(max_examples=80, deadline=None)
def test_urdu_letters_typed_on_an_arabic_keyboard_are_named(case):
    text, quoted, typed = case
    message = _error(typed, "Title\n\n" + text + "\u06d4\n")
    assert message.startswith(f'quote not found in story; did you mean "{quoted}" (line 3)? It differs only in '
                              "letters or digits that look alike (another keyboard's): the source has "), message
    first = next(c for c, t in zip(quoted, typed) if c != t)
    assert f"'{first}' (U+{ord(first):04X}) where you typed '{_SWAP[first]}' (U+{ord(_SWAP[first]):04X})" in message


def test_the_bbc_urdu_caption():
    text = "نرسوں کے عالمی دن کے موقع پر پاکستان کے شہر پشاور میں ایک نرس مریض کی دیکھ بھال کرتے ہوئے۔\n"
    assert _error("پاکستان کے شهر پشاور میں ایک نرس", text) == (
        'quote not found in story; did you mean "پاکستان کے شہر پشاور میں ایک نرس" (line 1)? It differs only in '
        "letters or digits that look alike (another keyboard's): the source has 'ہ' (U+06C1) where you typed 'ه' (U+0647).")
    # (typed with ہ, it is the source's own text)
    ok = anchor_quote("پاکستان کے شہر پشاور میں ایک نرس", [Source("story", "seeds/story.txt", text, "0" * 64)])
    assert ok.anchor is not None and text[ok.anchor.start : ok.anchor.end] == "پاکستان کے شہر پشاور میں ایک نرس"
