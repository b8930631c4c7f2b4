"""A quote that occurs a few times is told, for each place, the words just before it that pick it:
a live blog repeats its headings ("What we know so far") under each update's time, and "quote
occurs 2 times ...: add `occurrence: N` or a `prefix`/`suffix`" left the person to find what tells
them apart. Now "...: `prefix: "13:10 GMT"` picks the one at 15:1, `prefix: "12:55 GMT"` picks the
one at 20:1": the fewest words (in Chinese, Japanese or Thai the fewest characters) on the same
paragraph that no other place has before it, each checked to pick its place. Up to three places;
none when one has nothing before it in its paragraph. One place: anchor._pick, every "occurs N
times" of a card's check."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

HEADS = ["What we know so far", "Key events", "Summary of the day"]
BODIES = ["Talks resumed in London.", "Drones hit Kyiv overnight.", "Markets fell sharply.", "The minister resigned."]


def source(text: str) -> Source:
    return Source("live", "seeds/live.txt", text, "0" * 64)


@given(st.integers(0, 10_000), st.integers(2, 3))
@settings(max_examples=60, deadline=None)
def test_each_place_of_a_repeated_heading_is_told_the_prefix_that_picks_it(seed, n):
    rng = random.Random(seed)
    times = sorted(rng.sample(range(8 * 60, 20 * 60), n), reverse=True)
    head = rng.choice(HEADS)
    text = "Live\n\n" + "\n\n".join(f"{m // 60:02d}:{m % 60:02d} GMT\n{head}\n{rng.choice(BODIES)}" for m in times) + "\n"
    r = anchor_quote(head, [source(text)])
    assert r.anchor is None and f"quote occurs {n} times" in r.error
    told = r.error.split("to pick one: ", 1)[1].split(", `prefix: ")
    assert len(told) == n, r.error
    for k, piece in enumerate(told):
        prefix = piece.removeprefix("`prefix: ").split('"')[1]
        assert prefix == f"{times[k] // 60:02d}:{times[k] % 60:02d} GMT"
        picked = anchor_quote(head, [source(text)], prefix=prefix)
        line = piece.rsplit(" at ", 1)[1].split(":")[0]
        assert picked.anchor is not None and str(picked.anchor.line) == line, (prefix, picked)


def test_none_is_told_when_a_place_has_nothing_before_it_or_there_are_many():
    assert "picks" not in anchor_quote("Key events", [source("Key events\n\nKey events today.\n")]).error
    many = "Live\n\n" + "\n\n".join(f"{h}:00 GMT\nKey events" for h in range(8, 13)) + "\n"
    assert "picks" not in anchor_quote("Key events", [source(many)]).error
