"""A quote that joins two runs of the source's words, leaving out what the source has between them
without a mark saying so (a statement quoted across the attribution that interrupts it: "«Был
момент, — сказал господин Панвалкар, — когда он чувствовал...»" quoted as "Был момент, когда он
чувствовал..."), is never accepted and now says what it left out and the whole passage to quote:
"it leaves out '— сказал господин Панвалкар, —', which the source has between its words... or
the whole passage, "Был момент, — сказал господин Панвалкар, — когда..."" (it was a did-you-mean
pointing at a window that began inside the attribution: "You typed 'Был момент,', the source has
'Панвалкар, —'"). Found carding tests/real/russian."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote, edited_quote
from explorer.core.anchoring.sources import Source

REAL = Path(__file__).parent / "real"
TEXTS = {p.parent.parent.name + "/" + p.stem: p.read_text(encoding="utf-8")
         for p in sorted(REAL.glob("*/seeds/*.txt"))
         if p.parent.parent.name in ("reuters", "heraldsun", "aktualne", "latvian", "cnn", "elpais", "lefigaro", "russian")}
PARAGRAPHS = [(name, para) for name, text in TEXTS.items() for para in re.split(r"\r?\n\r?\n", text)
              if len(re.findall(r"[^\W_]+", para)) >= 8 and "..." not in para and "[" not in para]


def _two_runs_apart(para: str, data) -> tuple[str, str]:
    """Two runs of words of `para` (each with a letter or digit) with two or more words (at most
    150 characters) between them, as a quote that leaves those out joins them."""
    words = para.split()
    i = data.draw(st.integers(0, len(words) - 6))
    j = data.draw(st.integers(i + 2, len(words) - 4))
    k = data.draw(st.integers(j + 2, len(words) - 2))
    m = data.draw(st.integers(k + 2, min(len(words), k + 8)))
    head, gap, tail = " ".join(words[i:j]), " ".join(words[j:k]), " ".join(words[k:m])
    assume(len(re.findall(r"[^\W_]+", gap)) >= 2 and len(gap) <= 150)
    assume(all(re.search(r"[^\W_]", piece) for piece in (head, tail)))
    return head, tail


@given(st.sampled_from(PARAGRAPHS), st.data())
@settings(max_examples=60, deadline=None)
def test_a_quote_joining_two_runs_says_what_it_left_out_and_the_whole_passage(case, data):
    name, para = case
    head, tail = _two_runs_apart(para, data)
    source = Source("a", "seeds/a.txt", TEXTS[name], "0" * 64)
    quote = f"{head} {tail}"
    assume(anchor_quote(quote, [source]).anchor is None)  # (the words may meet elsewhere by chance)
    said = edited_quote(quote, [source])
    assert said is not None and said.startswith("it leaves out "), (quote, said)
    whole = said[said.rindex("the whole passage, ") + len("the whole passage, ") + 1 : -1]
    if "…" not in whole:  # (a long passage is shortened in its middle)
        assert anchor_quote(whole, [source]).anchor is not None, whole  # what it says to quote is there


def test_one_word_left_out_is_did_you_means_and_pieces_out_of_order_are_not_this():
    source = Source("a", "seeds/a.txt", "Scotland said on Monday that the risk was extremely low.\n", "0" * 64)
    assert edited_quote("Scotland said Monday that the risk", [source]) is None  # (did you mean: 'on')
    assert edited_quote("the risk was extremely low Scotland said on Monday", [source]) is None


@given(st.sampled_from(PARAGRAPHS), st.data())
@settings(max_examples=60, deadline=None)
def test_a_joined_quote_with_a_mark_typed_to_join_it_and_quotes_round_it_says_the_same(case, data):
    # "They were calling out to each other and reassuring each other. It was a shock." for the
    # Guardian's "...reassuring each other,” says Werner. “It was a shock." (tests/real/guardian):
    # the full stop typed to join the two, and the marks typed round the whole, are neither run's.
    # It was a did-you-mean ending on a lone opening mark: "...each other,” says Werner. “".
    name, para = case
    head, tail = _two_runs_apart(para, data)
    assume(head[-1].isalnum() and tail[-1].isalnum())  # (the marks added are the typist's, none the source's)
    mark = data.draw(st.sampled_from(".,;:"))
    source = Source("a", "seeds/a.txt", TEXTS[name], "0" * 64)
    quote = f"{head}{mark} {tail}"
    if data.draw(st.booleans()):
        quote = f'"{quote}"'  # (marks typed round the whole)
    assume(anchor_quote(quote, [source]).anchor is None)
    said = edited_quote(quote, [source])
    assert said is not None and said.startswith("it leaves out "), (quote, said)
    opened = said.rindex("the whole passage, ") + len("the whole passage, ")
    whole = said[opened + 1 : -1]
    if said[opened] == "'":  # (a passage with a double quote in it is shown in single quotes, its own escaped)
        whole = whole.replace("\\'", "'")
    if "…" not in whole:
        assert anchor_quote(whole, [source]).anchor is not None, whole
