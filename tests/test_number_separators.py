"""A time or a number typed with another separator than the article's ("14:45 GMT" for a live
blog's "14.45 GMT", "13.10" for "13:10", "1,5bn" for "1.5bn") gets the passage with those digits
and "You typed '14:45', the source has '14.45'". A live blog stamps every update with a time, and
did-you-mean offered another update's time ("did you mean "14:32 GMT"? You typed '45', the source
has '32'"): every replaced word cost the same, and ":" cut a time into three words. One place:
the alignment of nearest.closest_passage (a number is one word whatever its separators, and one
written with other separators is half a difference)."""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

HEADS = ["Zelensky arrives in London", "What we know so far", "Drones hit Kyiv overnight", "Talks resume",
         "Markets fall", "Minister resigns", "Key events", "Rescue teams reach the village"]


def source(text: str) -> Source:
    return Source("live", "seeds/live.txt", text, "0" * 64)


@given(st.integers(0, 10_000), st.integers(3, 9), st.sampled_from([":", "."]), st.booleans())
@example(3526, 8, ":", False)  # (eight updates, the heading of the one meant under four times: its time must vote)
@settings(max_examples=80, deadline=None)
def test_a_time_typed_with_the_other_separator_finds_its_update(seed, updates, sep, with_zone):
    rng = random.Random(seed)
    minutes = sorted(rng.sample(range(8 * 60, 20 * 60), updates), reverse=True)
    times = [f"{m // 60:02d}{sep}{m % 60:02d}" for m in minutes]
    zone = " GMT" if with_zone else ""
    heads = [rng.choice(HEADS[:3]) for _ in times]  # (the same headings again and again, as live blogs have)
    text = "Live: the day's events\n\n" + "\n\n".join(f"{t}{zone}\n{h}" for t, h in zip(times, heads)) + "\n"
    k = rng.randrange(updates)
    other = ":" if sep == "." else "."
    typed = times[k].replace(sep, other)
    r = anchor_quote(f"{typed}{zone} {heads[k]}", [source(text)])  # (a time and its update's heading)
    assert r.anchor is None
    assert f"did you mean \"{times[k]}{zone} {heads[k]}\"" in r.error, (text, typed, r.error)
    assert f"You typed '{typed}', the source has '{times[k]}'" in r.error, r.error


@given(st.sampled_from(["1.5bn", "2,75", "3.2 million", "0,9%"]), st.sampled_from(["sent", "paid", "lost"]))
@settings(max_examples=20, deadline=None)
def test_a_decimal_typed_with_the_other_separator(number, verb):
    text = f"Headline\n\nThe government {verb} £{number} in aid, officials said. It {verb} £{number[0]}7 last year.\n"
    typed = number.replace(",", "#").replace(".", ",").replace("#", ".")
    r = anchor_quote(f"The government {verb} £{typed} in aid", [source(text)])
    digits = lambda n: n.split()[0].rstrip("%bn")  # noqa: E731  (the number, its unit a word of its own or part of it)
    assert r.anchor is None and "did you mean \"The government" in r.error, r.error
    assert f"the source has '{number.split()[0].rstrip('%')}'" in r.error or f"the source has '{digits(number)}'" in r.error, r.error


@given(st.integers(1000, 9_999_999), st.sampled_from(["", ",", "."]), st.sampled_from([" ", "\u00a0", "\u202f"]),
       st.sampled_from(["Français ont été localisés sains et saufs", "morts dans le séisme au Népal"]),
       st.sampled_from(["", "Environ 400 Français ont demandé à être rapatriés. "]))
@settings(max_examples=60, deadline=None)
def test_a_number_whose_groups_a_space_parts_typed_without_it(n, typed_sep, space, rest, before):
    # Libération writes "2 209 Français ont été localisés" (tests/real/liberation); "2209 Français"
    # was "did you mean "209 Français ..."? You typed '2209', the source has '209'": the number cut in
    # two, its first group left out of the passage offered.
    written = f"{n:,}".replace(",", space)
    text = f"Le bilan\n\n{before}{written} {rest}, selon le Quai d’Orsay.\n"
    typed = f"{n:,}".replace(",", typed_sep)
    r = anchor_quote(f"{typed} {rest}", [source(text)])
    assert r.anchor is None
    shown = f"{n:,}".replace(",", " ")  # (the source's own, as the message shows it: a no-break space as a space)
    assert f"did you mean \"{shown} {rest}\"" in r.error or f"did you mean \"{written} {rest}\"" in r.error, (text, r.error)
    assert f"You typed '{typed}', the source has '{written}'" in r.error or \
        f"You typed '{typed}', the source has '{shown}'" in r.error, r.error
