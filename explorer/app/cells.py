"""Cell widths as terminals count them: a spacing vowel sign takes a cell.

Rich (and so Textual) measures a row's width from its own table, made from the `wcwidth` project,
which gives every spacing combining mark (category Mc: the Devanagari vowel signs ा ि ी ो, the
visarga ः, and those of Bengali, Tamil, Telugu, Kannada, Malayalam, Sinhala, Myanmar...) no cell.
The terminal gives each one a cell: the C library's `wcwidth()` does (441 of the 445 Mc
characters: 1), and tmux, screen, xterm and VTE place text by it. Every such mark in a row made
the row one cell longer on screen than Textual had laid it out: a Hindi row pushed its end, and
the border after it, to the right, a cell per vowel sign ("Devanagari rows drift").

`match_terminal()` gives those marks one cell in the table Rich measures by (every measure reads
it: `rich.cells.cell_len`, `Segment` cutting, Textual's wrapping and `Content.cell_length`), once,
before the app draws anything. Nonspacing marks (Mn: the virama ्, the anusvara ं, Thai tone
marks, accents) stay at no cell, as the C library has them.

Left as they are, because terminals differ among themselves: emoji modifiers (👏🏽 is two cells
in Rich and in a terminal that joins it, four in tmux 3.3, which does not), a few symbols Rich
draws wide.
"""

from __future__ import annotations

import unicodedata

NO_SPACING_MARK_FROM = 0xE0000  # (planes 14 and up: see match_terminal)


def match_terminal() -> int:
    """Give every spacing combining mark one cell in Rich's width table (the one `"auto"` loads).
    Returns how many code points changed (0 the second time, or when Rich's private table is not
    what this expects: then nothing is touched)."""
    try:
        from rich import cells
        from rich._unicode_data import load

        widths = load("auto").widths
    except Exception:  # a Rich without this table: measure as it does
        return 0
    if not isinstance(widths, list):
        return 0
    out: list[tuple[int, int, int]] = []
    changed = 0
    category = unicodedata.category
    for start, end, width in widths:
        # (no run of marks is that long; skip the big ones. Nor is a spacing mark in planes 14
        # and up, tags and variation selectors: their run, 4,096 code points, was 60% of the
        # ~9 M instructions this cost each start; tests/test_cells.py checks both)
        if width != 0 or end - start > 4096 or start >= NO_SPACING_MARK_FROM:
            out.append((start, end, width))
            continue
        run = start
        for cp in range(start, end + 1):
            if category(chr(cp)) == "Mc":  # a spacing mark: out of the zero-width run (width 1)
                if run < cp:
                    out.append((run, cp - 1, 0))
                out.append((cp, cp, 1))
                run = cp + 1
                changed += 1
        if run <= end:
            out.append((run, end, 0))
    if changed:
        widths[:] = out
        cells.get_character_cell_size.cache_clear()
        cells.cached_cell_len.cache_clear()
    return changed
