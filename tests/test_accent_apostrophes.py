"""An accented vowel typed as the vowel and an apostrophe, as Italian keyboards make people type
("e'" for "è", "perche'" for "perché", "citta'" for "città", "piu'" for "più"): the quote is not
the source's words and is never accepted, and did-you-mean says the accents differ and names
each word. It said "the source does not have "'" here (4 times)", and of one at the quote's end,
"the source has '.' where you typed "'"" (the apostrophe read as a closing quotation mark)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

ACCENTED = ["è", "perché", "città", "più", "così", "università", "lunedì", "Cantù", "poiché", "però"]
PLAIN = ["il", "premier", "ha", "detto", "che", "la", "sera", "pronto", "governo", "Roma", "oggi", "ferma"]


@given(st.lists(st.sampled_from(PLAIN), min_size=6, max_size=10, unique=True), st.lists(st.sampled_from(ACCENTED), min_size=1,
       max_size=3, unique=True), st.data())
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_an_accent_typed_as_an_apostrophe_is_named(plain, accented, data):
    words = list(plain)
    for word in accented:
        words.insert(data.draw(st.integers(1, len(words) - 1)), word)
    text = "Titolo\n\n" + " ".join(words) + ".\n"
    typed = " ".join(w[:-1] + w[-1].translate(str.maketrans("èéàùìò", "eeauio")) + "'" if w in accented else w
                     for w in words)
    r = anchor_quote(typed, [Source("a", "seeds/a.txt", text, "0" * 64)])
    assert r.anchor is None
    shown = ", ".join(f"'{w}'" for w in dict.fromkeys(w for w in words if w in accented))
    assert r.error == (f'quote not found in a; did you mean "{" ".join(words)}" (line 3)? It differs only in accents, '
                       f"each typed as an apostrophe after its letter: the source has {shown}."), r.error
