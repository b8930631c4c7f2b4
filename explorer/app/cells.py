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


# --- line breaks in Chinese and Japanese ---------------------------------------------------------

# Chinese and Japanese put no spaces between words, and a line may break between any two of their
# characters. Rich (and so Textual's Content, which wraps with Rich's `divide_line`) breaks only
# at spaces, so a run of them was one long "word": moved whole to the next line when it did not
# fit the rest of one (a quote's heading, or a line of Latin text before it, was left half empty),
# then cut at the width. `break_cjk_lines()` lets a line break at each character of those scripts,
# keeping the rules typesetters follow (kinsoku): never before a closing bracket, a comma, a full
# stop, a small kana or the prolonged sound mark, never after an opening bracket, never before a
# mark. Thai, Lao, Khmer and Myanmar also go unspaced but break only between words, which takes a
# dictionary: they break at their spaces, as before. Korean spaces its words.
_CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff01-\uff60\uff66-\uff9f\U00020000-\U0003ffff"
)
OPENING = "([{\u2018\u201c\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\u301d\uff08\uff3b\uff5b\uff5f"
CLOSING = (
    ")]}.,:;!?%\u2019\u201d\u2026\u2025\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b"
    "\u301e\u301f\u3005\u303b\u309b\u309c\u309d\u309e\u30fb\u30fc\u30fd\u30fe"
    "\uff09\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff3d\uff5d\uff60\uff61\uff64\uff65\uff70\uff9e\uff9f"
    "\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u3095\u3096"
    "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6\u31f0-\u31ff"
)
_PATTERNS: list = []


def _patterns():
    if not _PATTERNS:
        import re

        cjk = f"[{_CJK}]"
        # a place between two characters that are not spaces, one of them Chinese or Japanese, the
        # one before not opening, the one after not closing
        _PATTERNS.append(re.compile(cjk))
        _PATTERNS.append(re.compile(
            rf"(?<=\S)(?<![{re.escape(OPENING)}])(?=\S)(?![{re.escape(CLOSING)}])(?:(?<={cjk})|(?={cjk}))"))
    return _PATTERNS


def cjk_break_points(text: str) -> list[int]:
    """The indexes inside `text` (between two characters, neither a space) where a line may break
    because a Chinese or Japanese character is on one side of it (see above)."""
    if text.isascii() or max(text) < "\u2e80":
        return []  # (no character of those scripts: the patterns, slow to compile, are not made)
    has_cjk, place = _patterns()
    if has_cjk.search(text) is None:
        return []
    category = unicodedata.category
    return [i for i in (m.start() for m in place.finditer(text))
            if 0 < i < len(text) and category(text[i])[0] != "M" and text[i] not in "\u200c\u200d"
            and not 0xFE00 <= ord(text[i]) <= 0xFE0F]


def words_breaking_cjk(text: str):
    """Rich's `_wrap.words` (each word with the spaces after it), a word also ending at each of
    `cjk_break_points(text)`."""
    points = cjk_break_points(text)
    if not points:
        yield from _RICH_WORDS[0](text)
        return
    k = 0
    for start, end, word in _RICH_WORDS[0](text):
        while k < len(points) and points[k] <= start:
            k += 1
        cut = start
        while k < len(points) and points[k] < end:
            yield cut, points[k], text[cut : points[k]]
            cut = points[k]
            k += 1
        yield cut, end, text[cut:end] if cut != start else word


_RICH_WORDS: list = []


def break_cjk_lines() -> bool:
    """Let Rich's (and Textual's) wrapping break lines inside Chinese and Japanese text, once.
    Returns False when Rich's private `_wrap.words` is not what this expects (nothing touched)."""
    try:
        from rich import _wrap
    except Exception:
        return False
    if _RICH_WORDS:
        return True
    if not callable(getattr(_wrap, "words", None)) or not callable(getattr(_wrap, "divide_line", None)):
        return False
    _RICH_WORDS.append(_wrap.words)
    _wrap.words = words_breaking_cjk
    return True
