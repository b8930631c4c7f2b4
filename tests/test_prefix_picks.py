"""A prefix picking one of a phrase's many occurrences: what it picks, and how much it looks at.

A live blog repeats a heading under each update's time, and a card per update quotes it with
`prefix:` the time. Each quote tried its prefix on every occurrence of the heading: 4,000 such
quotes took 17 s (quadratic). The occurrences are kept by the characters that end the text before
each (`anchor.picked_by_prefix`), so a prefix is tried only where it can fit; what is anchored,
and every message, is what trying each occurrence gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring import anchor
from explorer.core.anchoring.sources import Source

HEADING = "What we know so far"
LEADS = ["13:10 GMT.", "13:10 GMT", "GMT.", "Update 7", "7", "update 7:", "«Live»", "北京", "x", "10", "Update",
         "13:10  GMT.", "—", "a-b", "so far"]
GAPS = [" ", "  ", "\n", " \n", "   ", "", "\t"]


@st.composite
def blogs(draw):
    n = draw(st.integers(1, 90))
    parts = [draw(st.sampled_from(LEADS)) + draw(st.sampled_from(GAPS)) + HEADING + draw(st.sampled_from([" ", ".\n\n", "\n\n", ": "]))
             for _ in range(n)]
    picks = draw(st.lists(st.tuples(st.sampled_from(LEADS + ["", "  ", "nowhere"]),
                                    st.sampled_from([None, "so", "Update", ""]),
                                    st.sampled_from([None, 1, 2, 5, 0])), min_size=1, max_size=8))
    return "".join(parts), picks


def _said(result) -> tuple:
    a = result.anchor
    return (result.error, None if a is None else (a.source, a.start, a.end, a.line, a.column))


@settings(max_examples=150, deadline=None)
@given(blogs(), st.sampled_from([1, 2, 64]))
def test_a_prefix_picks_what_trying_every_occurrence_picks(case, many):
    """Generated blogs (leads, spacing, scripts, a heading 1-90 times) and prefixes, suffixes and
    occurrence numbers, fitting or not: the anchor or the error is the same with the occurrences
    kept by their ends as with the prefix tried on each."""
    text, picks = case
    source = Source("blog", "seeds/blog.txt", text, "0" * 64)
    for prefix, suffix, occurrence in picks:
        plain = Source("blog", "seeds/blog.txt", text, "0" * 64)
        whole, anchor.MANY = anchor.MANY, 1 << 40
        try:
            expected = _said(anchor.anchor_quote(HEADING, [plain], prefix=prefix, suffix=suffix, occurrence=occurrence))
        finally:
            anchor.MANY = whole
        anchor.MANY, whole = many, anchor.MANY
        try:
            got = _said(anchor.anchor_quote(HEADING, [source], prefix=prefix, suffix=suffix, occurrence=occurrence))
        finally:
            anchor.MANY = whole
        assert got == expected, (prefix, suffix, occurrence)


def test_thousands_of_quotes_of_one_phrase_each_try_their_prefix_once(ws, monkeypatch):
    """4,000 cards quote one heading that stands 4,000 times, each picking its own by the time
    before it: every card anchors at its own, and the prefix checks done are about one a quote
    (they were one per quote and occurrence: 16 million)."""
    n = 4000
    ws.source("blog.txt", "".join(f"Update {i} at {i // 60:02d}:{i % 60:02d} GMT. {HEADING}\nThe council met.\n\n"
                                  for i in range(n)))
    for i in range(n):
        ws.card(f"e{i}.yaml", f"kind: entity\nname: Council {i}\ntype: organization\nevidence:\n"
                              f"  - quote: {HEADING}\n    prefix: \"{i // 60:02d}:{i % 60:02d} GMT.\"\n")
    calls = []
    real = anchor._context_fits
    monkeypatch.setattr(anchor, "_context_fits", lambda *a: calls.append(1) or real(*a))
    from explorer.core.loading.loader import Loader

    base = Loader(ws.root, use_cache=False).load(save=False)
    assert not [p for p in base.problems if p.severity == "error"]
    lines = sorted(base.entities[f"e{i}"].evidence[0].anchor.line for i in range(n))
    assert lines == [1 + 3 * i for i in range(n)]
    assert len(calls) <= 2 * n


def test_what_a_source_keeps_for_prefixes_is_bounded(monkeypatch):
    """Prefixes of many lengths, and several quotes of many occurrences, keep a bounded number of
    tables and occurrences: at most _TABLES tables a quote, and a source forgets what it kept
    past _KEPT occurrences; each quote is still anchored where its prefix says."""
    monkeypatch.setattr(anchor, "_KEPT", 500)
    text = "".join(f"{'x' * (i % 70 + 1)} {i} stop. Heading here\n\n" for i in range(300))
    source = Source("blog", "seeds/blog.txt", text, "0" * 64)
    for i in range(0, 300, 7):
        got = anchor.anchor_quote("Heading here", [source], prefix=f"{'x' * (i % 70 + 1)} {i} stop.")
        assert got.anchor is not None and got.anchor.line == 1 + 2 * i
        assert len(source.__dict__["_befores"]["Heading here"].by) <= anchor._TABLES
    for quote, prefix in (("Heading", "1 stop."), ("here", "1 stop. Heading"), ("Heading here", "xx 1 stop."),
                          ("stop. Heading", "xx 1")):
        got = anchor.anchor_quote(quote, [source], prefix=prefix)
        assert got.anchor is not None and got.anchor.line == 3
        assert source.__dict__["_befores_kept"] <= 500 and len(source.__dict__["_befores"]) <= 2
