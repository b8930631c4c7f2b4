"""A quote typed in Latin letters where the source writes Cyrillic (or Greek) ones that look the
same: BBC Ukrainian writes the BBC as "ВВС", Cyrillic letters, and a quote typed "BBC News Україна"
was told "You typed 'BBC', the source has 'ВВС'" (tests/real/ukrainian), two words that look the
same on screen. key_text (explorer/core/text.py, what did-you-mean compares by) keys such a letter as
the Latin one it looks like (layout.LOOKALIKES, as ids are compared), so the message names the
letters and their code points: "It differs only in letters or digits that look alike (another
keyboard's): the source has 'В' (U+0412) where you typed 'B' (U+0042), ...". The quote is still not
anchored (the letters differ)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

# Latin letter -> the Cyrillic letter that looks like it
TWINS = {"A": "\u0410", "B": "\u0412", "E": "\u0415", "K": "\u041a", "M": "\u041c", "H": "\u041d", "O": "\u041e",
         "P": "\u0420", "C": "\u0421", "T": "\u0422", "X": "\u0425", "a": "\u0430", "e": "\u0435", "o": "\u043e",
         "p": "\u0440", "c": "\u0441", "x": "\u0445"}
CYRILLIC = ["кореспондентка", "журналістів", "розповідала", "програми", "Україна", "Ірена", "Таранюк", "новини"]


def _error(quote: str, text: str) -> str:
    r = anchor_quote(quote, [Source("story", "seeds/story.txt", text, "0" * 64)])
    assert r.anchor is None, (quote, text)
    return r.error


@st.composite
def _latin_typed_for_cyrillic(draw):
    word = draw(st.text(st.sampled_from(sorted(TWINS)), min_size=2, max_size=6))
    written = "".join(TWINS[c] if draw(st.booleans()) else c for c in word)  # the source's mix
    assume(written != word)
    before = draw(st.lists(st.sampled_from(CYRILLIC), min_size=2, max_size=3, unique=True))
    after = draw(st.lists(st.sampled_from(CYRILLIC), min_size=1, max_size=3, unique=True))
    reverse = draw(st.booleans())  # (or Cyrillic typed where the source writes Latin letters)
    if reverse:
        word, written = written, word
    return " ".join(before + [written] + after), " ".join(before[-2:] + [word] + after[:1]), word, written


@given(_latin_typed_for_cyrillic())
@settings(max_examples=100, deadline=None)
def test_latin_letters_typed_for_cyrillic_ones_are_named(case):
    text, typed, word, written = case
    message = _error(typed, "Заголовок\n\n" + text + ".\n")
    passage = typed.replace(word, written)
    assert message.startswith(f'quote not found in story; did you mean "{passage}" (line 3)? It differs only in '
                              "letters or digits that look alike (another keyboard's): the source has "), message
    w, q = next((w, q) for w, q in zip(written, word) if w != q)
    assert f"'{w}' (U+{ord(w):04X}) where you typed '{q}' (U+{ord(q):04X})" in message


def test_the_bbc_ukrainian_byline():
    text = ("Про те, чим це загрожує Британії і Європі, кореспондентка ВВС News Україна Ірена Таранюк, розповідала "
            'в ефірі програми "Факти" з Оксаною Гутцайт на телеканалі ICTV.\n')
    assert _error("кореспондентка BBC News Україна Ірена Таранюк", text) == (
        'quote not found in story; did you mean "кореспондентка ВВС News Україна Ірена Таранюк" (line 1)? It differs '
        "only in letters or digits that look alike (another keyboard's): the source has 'В' (U+0412) where you typed "
        "'B' (U+0042), 'С' (U+0421) where you typed 'C' (U+0043).")


def test_a_real_misspelling_in_cyrillic_is_still_said_as_one():
    text = "Про те, чим це загрожує Британії і Європі.\n"
    assert _error("чим це загрожує Британії і Европі", text).endswith("You typed 'Европі', the source has 'Європі'.")
