"""bench/keys.py times the final results from the chunk of the app's output that first shows them.

The echoes of the keys are read chunk by chunk; the loop that reads them stopped only once no
chunk was left, so the chunk that brought the results (right after the last key's) was often
read there, and the final was stamped with whatever the app wrote next (a cursor blink, a status
line: 0.5-1.2 s later; 15-25% of the at-once sessions). Here a session's output is replayed into
an offline terminal: the results come k chunks after the last echo (k = 0: in the same chunk),
then a later chunk that changes nothing; the final is the results' chunk, whatever k."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _term  # noqa: E402
import keys  # noqa: E402

QUERY = "harbour audit"


def frame(typed: str, hint: str = "") -> bytes:
    """The search box as the app draws it: its titled border, the input, the hint line."""
    width = 60
    top = "╭─ Search " + "─" * (width - 11) + "╮"
    row = "│" + (" " + typed).ljust(width - 2) + "│"
    hint_row = "│" + (" " + hint).ljust(width - 2) + "│"
    return ("\x1b[H\x1b[2J" + top + "\r\n" + row + "\r\n" + hint_row + "\r\n").encode()


@pytest.mark.parametrize("results_after", [0, 1, 2, 3])
@pytest.mark.parametrize("total", [1, 26, 1200])
def test_the_final_is_the_chunk_that_first_shows_the_results(results_after, total):
    t = _term.Terminal.offline()
    reader = keys.Stamped(t, read=False)
    stamp = 10.0
    chunks = []
    for i in range(1, len(QUERY)):  # the keys echoed one by one, the results of older queries below
        stamp += 0.06
        chunks.append((stamp, frame(QUERY[:i], f"{i * 7} results")))
    results_at = None
    for j in range(results_after + 1):  # the last key, then the results `results_after` chunks on
        stamp += 0.01
        done = j == results_after
        chunks.append((stamp, frame(QUERY, f"{total:,} results" if done else "searching")))
        if done:
            results_at = stamp
    reader.chunks.extend(chunks)
    sent = [10.0 + 0.06 * i for i in range(len(QUERY))]

    echoes = keys.read_echoes(reader, QUERY, "Search", sent, [len(QUERY)])

    assert len(echoes) == len(QUERY)
    reader.chunks.append((stamp + 0.8, frame(QUERY, f"{total:,} results")))  # (a blink, later)
    final = reader.wait_for(lambda s: keys.input_row(s, "Search") == QUERY and keys.hint_total(s) == total,
                            timeout=1.0)
    assert final == results_at
    reader.stop()
