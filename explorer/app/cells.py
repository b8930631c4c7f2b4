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
from bisect import bisect_left

NO_SPACING_MARK_FROM = 0xE0000  # (planes 14 and up: see match_terminal)

# The spacing marks (category Mc) of Unicode 14.0.0, the version Python 3.11's unicodedata knows, in
# order: match_terminal finds those of each zero-width run here instead of asking unicodedata the
# category of each of the ~2,600 code points of Rich's zero-width runs (~2 M instructions of each
# start). Under another Unicode version it asks unicodedata, as before; tests/test_cells.py checks
# the table against unicodedata.
SPACING_MARKS_VERSION = "14.0.0"
SPACING_MARKS = (
    0x903, 0x93B, 0x93E, 0x93F, 0x940, 0x949, 0x94A, 0x94B, 0x94C, 0x94E, 0x94F, 0x982, 0x983, 0x9BE, 0x9BF,
    0x9C0, 0x9C7, 0x9C8, 0x9CB, 0x9CC, 0x9D7, 0xA03, 0xA3E, 0xA3F, 0xA40, 0xA83, 0xABE, 0xABF, 0xAC0, 0xAC9,
    0xACB, 0xACC, 0xB02, 0xB03, 0xB3E, 0xB40, 0xB47, 0xB48, 0xB4B, 0xB4C, 0xB57, 0xBBE, 0xBBF, 0xBC1, 0xBC2,
    0xBC6, 0xBC7, 0xBC8, 0xBCA, 0xBCB, 0xBCC, 0xBD7, 0xC01, 0xC02, 0xC03, 0xC41, 0xC42, 0xC43, 0xC44, 0xC82,
    0xC83, 0xCBE, 0xCC0, 0xCC1, 0xCC2, 0xCC3, 0xCC4, 0xCC7, 0xCC8, 0xCCA, 0xCCB, 0xCD5, 0xCD6, 0xD02, 0xD03,
    0xD3E, 0xD3F, 0xD40, 0xD46, 0xD47, 0xD48, 0xD4A, 0xD4B, 0xD4C, 0xD57, 0xD82, 0xD83, 0xDCF, 0xDD0, 0xDD1,
    0xDD8, 0xDD9, 0xDDA, 0xDDB, 0xDDC, 0xDDD, 0xDDE, 0xDDF, 0xDF2, 0xDF3, 0xF3E, 0xF3F, 0xF7F, 0x102B, 0x102C,
    0x1031, 0x1038, 0x103B, 0x103C, 0x1056, 0x1057, 0x1062, 0x1063, 0x1064, 0x1067, 0x1068, 0x1069, 0x106A,
    0x106B, 0x106C, 0x106D, 0x1083, 0x1084, 0x1087, 0x1088, 0x1089, 0x108A, 0x108B, 0x108C, 0x108F, 0x109A,
    0x109B, 0x109C, 0x1715, 0x1734, 0x17B6, 0x17BE, 0x17BF, 0x17C0, 0x17C1, 0x17C2, 0x17C3, 0x17C4, 0x17C5,
    0x17C7, 0x17C8, 0x1923, 0x1924, 0x1925, 0x1926, 0x1929, 0x192A, 0x192B, 0x1930, 0x1931, 0x1933, 0x1934,
    0x1935, 0x1936, 0x1937, 0x1938, 0x1A19, 0x1A1A, 0x1A55, 0x1A57, 0x1A61, 0x1A63, 0x1A64, 0x1A6D, 0x1A6E,
    0x1A6F, 0x1A70, 0x1A71, 0x1A72, 0x1B04, 0x1B35, 0x1B3B, 0x1B3D, 0x1B3E, 0x1B3F, 0x1B40, 0x1B41, 0x1B43,
    0x1B44, 0x1B82, 0x1BA1, 0x1BA6, 0x1BA7, 0x1BAA, 0x1BE7, 0x1BEA, 0x1BEB, 0x1BEC, 0x1BEE, 0x1BF2, 0x1BF3,
    0x1C24, 0x1C25, 0x1C26, 0x1C27, 0x1C28, 0x1C29, 0x1C2A, 0x1C2B, 0x1C34, 0x1C35, 0x1CE1, 0x1CF7, 0x302E,
    0x302F, 0xA823, 0xA824, 0xA827, 0xA880, 0xA881, 0xA8B4, 0xA8B5, 0xA8B6, 0xA8B7, 0xA8B8, 0xA8B9, 0xA8BA,
    0xA8BB, 0xA8BC, 0xA8BD, 0xA8BE, 0xA8BF, 0xA8C0, 0xA8C1, 0xA8C2, 0xA8C3, 0xA952, 0xA953, 0xA983, 0xA9B4,
    0xA9B5, 0xA9BA, 0xA9BB, 0xA9BE, 0xA9BF, 0xA9C0, 0xAA2F, 0xAA30, 0xAA33, 0xAA34, 0xAA4D, 0xAA7B, 0xAA7D,
    0xAAEB, 0xAAEE, 0xAAEF, 0xAAF5, 0xABE3, 0xABE4, 0xABE6, 0xABE7, 0xABE9, 0xABEA, 0xABEC, 0x11000, 0x11002,
    0x11082, 0x110B0, 0x110B1, 0x110B2, 0x110B7, 0x110B8, 0x1112C, 0x11145, 0x11146, 0x11182, 0x111B3,
    0x111B4, 0x111B5, 0x111BF, 0x111C0, 0x111CE, 0x1122C, 0x1122D, 0x1122E, 0x11232, 0x11233, 0x11235,
    0x112E0, 0x112E1, 0x112E2, 0x11302, 0x11303, 0x1133E, 0x1133F, 0x11341, 0x11342, 0x11343, 0x11344,
    0x11347, 0x11348, 0x1134B, 0x1134C, 0x1134D, 0x11357, 0x11362, 0x11363, 0x11435, 0x11436, 0x11437,
    0x11440, 0x11441, 0x11445, 0x114B0, 0x114B1, 0x114B2, 0x114B9, 0x114BB, 0x114BC, 0x114BD, 0x114BE,
    0x114C1, 0x115AF, 0x115B0, 0x115B1, 0x115B8, 0x115B9, 0x115BA, 0x115BB, 0x115BE, 0x11630, 0x11631,
    0x11632, 0x1163B, 0x1163C, 0x1163E, 0x116AC, 0x116AE, 0x116AF, 0x116B6, 0x11720, 0x11721, 0x11726,
    0x1182C, 0x1182D, 0x1182E, 0x11838, 0x11930, 0x11931, 0x11932, 0x11933, 0x11934, 0x11935, 0x11937,
    0x11938, 0x1193D, 0x11940, 0x11942, 0x119D1, 0x119D2, 0x119D3, 0x119DC, 0x119DD, 0x119DE, 0x119DF,
    0x119E4, 0x11A39, 0x11A57, 0x11A58, 0x11A97, 0x11C2F, 0x11C3E, 0x11CA9, 0x11CB1, 0x11CB4, 0x11D8A,
    0x11D8B, 0x11D8C, 0x11D8D, 0x11D8E, 0x11D93, 0x11D94, 0x11D96, 0x11EF5, 0x11EF6, 0x16F51, 0x16F52,
    0x16F53, 0x16F54, 0x16F55, 0x16F56, 0x16F57, 0x16F58, 0x16F59, 0x16F5A, 0x16F5B, 0x16F5C, 0x16F5D,
    0x16F5E, 0x16F5F, 0x16F60, 0x16F61, 0x16F62, 0x16F63, 0x16F64, 0x16F65, 0x16F66, 0x16F67, 0x16F68,
    0x16F69, 0x16F6A, 0x16F6B, 0x16F6C, 0x16F6D, 0x16F6E, 0x16F6F, 0x16F70, 0x16F71, 0x16F72, 0x16F73,
    0x16F74, 0x16F75, 0x16F76, 0x16F77, 0x16F78, 0x16F79, 0x16F7A, 0x16F7B, 0x16F7C, 0x16F7D, 0x16F7E,
    0x16F7F, 0x16F80, 0x16F81, 0x16F82, 0x16F83, 0x16F84, 0x16F85, 0x16F86, 0x16F87, 0x16FF0, 0x16FF1,
    0x1D165, 0x1D166, 0x1D16D, 0x1D16E, 0x1D16F, 0x1D170, 0x1D171, 0x1D172,
)


def spacing_marks() -> tuple[int, ...] | None:
    """The table, when the running Python's Unicode is the table's; else None (ask unicodedata)."""
    return SPACING_MARKS if unicodedata.unidata_version == SPACING_MARKS_VERSION else None


def split_spacing_marks(widths: list[tuple[int, int, int]], marks: tuple[int, ...] | None) -> tuple[list, int]:
    """Rich's width table `widths` ((first, last, cells) runs, in order) with each spacing mark
    of a zero-width run in a run of its own of one cell, and how many there were. `marks`: every
    spacing mark, in order (SPACING_MARKS), or None to ask unicodedata the category of each
    code point."""
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
        if marks is None:
            inside = [cp for cp in range(start, end + 1) if category(chr(cp)) == "Mc"]
        else:
            i = bisect_left(marks, start)
            if i == len(marks) or marks[i] > end:  # (most runs: none)
                out.append((start, end, width))
                continue
            inside = marks[i:bisect_left(marks, end + 1, i)]
        run = start
        for cp in inside:  # each out of the zero-width run (width 1)
            if run < cp:
                out.append((run, cp - 1, 0))
            out.append((cp, cp, 1))
            run = cp + 1
            changed += 1
        if run <= end:
            out.append((run, end, 0))
    return out, changed


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
    out, changed = split_spacing_marks(widths, spacing_marks())
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
