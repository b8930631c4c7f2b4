"""A quote typed across a paragraph break with a slip in it (a letter without its accent, a typo)
was offered a did-you-mean passage that spans the two paragraphs, as if fixing the slip would do:
the passage is shown on one line, the break unseen, and the quote fixed as told is refused again
("quote spans paragraphs 5 and 6"). It now says so at once: "That passage spans paragraphs 5 and
6: split it into one evidence item per paragraph." Found carding the Guardian's whale story
(tests/real/guardian): 'We feel that is ridiculous." Whale experts regard New Zealand - or
Aotearoa as it is called by Maori'."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

REAL = Path(__file__).parent / "real"
TEXTS = {p.parent.parent.name + "/" + p.stem: p.read_text(encoding="utf-8")
         for p in sorted(REAL.glob("*/seeds/*.txt"))
         if p.parent.parent.name in ("guardian", "liberation", "reuters", "heraldsun", "aktualne", "elpais", "lefigaro", "cnn")}
PAIRS = [(name, k) for name, text in TEXTS.items() for k in range(len(re.split(r"\r?\n\r?\n", text)) - 1)]


@given(st.sampled_from(PAIRS), st.integers(3, 8), st.integers(3, 8))
@settings(max_examples=60, deadline=None)
def test_a_did_you_mean_across_a_paragraph_break_says_to_split_it(pair, before, after):
    name, k = pair
    paras = re.split(r"\r?\n\r?\n", TEXTS[name])
    left, right = paras[k].split(), paras[k + 1].split()
    assume(len(left) >= before and len(right) >= after)
    words = left[-before:] + right[:after]
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[longest]
    assume(len(w) >= 6 and w[len(w) // 2].isalpha())
    words[longest] = w[: len(w) // 2] + ("x" if w[len(w) // 2] != "x" else "y") + w[len(w) // 2 + 1 :]  # a typo
    source = Source("a", "seeds/a.txt", TEXTS[name], "0" * 64)
    r = anchor_quote(" ".join(words), [source])
    assert r.anchor is None
    if "did you mean" not in r.error or "…" in r.error:
        return  # (another finding, or a long passage shortened in its middle)
    shown = r.error.split("did you mean ", 1)[1]
    shown = shown[1 : shown.rindex(" (line ") - 1].replace("\\'", "'").replace("⟨U+00AD⟩", "\u00ad")
    found = re.search(r"\s+".join(re.escape(w) for w in shown.split()), TEXTS[name])
    assert found is not None, (shown, r.error)
    spans = bool(re.search(r"\r?\n\r?\n", found.group()))
    assert ("That passage spans paragraphs" in r.error) == spans, r.error
