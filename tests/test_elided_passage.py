"""A quote with words left out (`...`) gets the whole passage to copy in its message, where one
quote can take it (within a paragraph): the message said "or the whole passage" and left the
reader to find it; and where the parts are paragraphs apart it said so too, though no quote spans
a paragraph break (the card would then fail with "quote spans paragraphs")."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Workspace

PARAGRAPHS = ["“This attack today is meant to threaten authorities, to frighten tourists and to negatively "
              "affect the economy,” said Lotfi Azzouz, Tunisia country director for Amnesty International.",
              "Tourism is critical to Tunisia’s economy, accounting for 15 percent of its gross domestic product "
              "in 2013, according to the World Travel and Tourism Council, an industry body."]
ARTICLE = "\n\n".join(PARAGRAPHS) + "\n"


def _check(quote: str):
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("a.txt", ARTICLE)
        escaped = quote.replace("'", "''")
        ws.card("x.yaml", f"kind: entity\nname: X\ntype: person\nevidence:\n  - quote: '{escaped}'\n")
        return [(p.severity, p.message) for p in ws.load().problems]


def _runs(cuts, words):
    runs = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i + 1] > cuts[i]]
    return [r for k, r in enumerate(runs) if k == 0 or r[0] > runs[k - 1][1]]


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 1), st.lists(st.integers(0, 40), min_size=4, max_size=6, unique=True),
       st.sampled_from(["...", " ... ", " … ", " [...] "]))
def test_the_whole_passage_of_an_elided_quote_is_offered_and_checks_clean(which, cuts, mark):
    words = PARAGRAPHS[which].split()
    runs = _runs(sorted(c % len(words) for c in cuts), words)
    runs = [r for r in runs if r[1] > r[0]]
    if len(runs) < 2 or len({c % len(words) for c in cuts}) < len(cuts):
        return
    pieces = [" ".join(words[a:b]) for a, b in runs]
    if any(not re.search(r"\w", p) for p in pieces):
        return
    got = _check(mark.join(pieces))
    assert len(got) == 1 and got[0][0] == "error", got
    message = got[0][1]
    m = re.search(r'or the whole passage, "(.*)"(?:;|$)', message)
    assert m, message
    whole = m.group(1)
    if "…" not in whole:  # (a long passage is shown clipped in its middle)
        assert whole in ARTICLE and _check(whole) == [], (whole, _check(whole))


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 8), st.integers(1, 8))
def test_parts_paragraphs_apart_are_not_offered_as_one_passage(tail, head):
    first, second = PARAGRAPHS[0].split(), PARAGRAPHS[1].split()
    quote = " ".join(first[-tail - 3 : -tail]) + " ... " + " ".join(second[head : head + 3])
    got = _check(quote)
    assert len(got) == 1 and got[0][0] == "error", got
    assert "in different paragraphs" in got[0][1] and "whole passage" not in got[0][1], got[0][1]
