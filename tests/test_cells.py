"""A row is as wide on screen as Textual lays it out: a spacing combining mark (a Devanagari vowel
sign) takes the cell the terminal gives it (explorer/app/cells.py)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len

from explorer.app.cells import match_terminal

@functools.cache
def _spacing() -> list[str]:
    """The spacing combining marks (made when a test needs them, not as each worker collects
    this file: 0.1-0.2 CPU s)."""
    return [chr(c) for c in range(0x300, 0x20000) if unicodedata.category(chr(c)) == "Mc"]


def _libc_wcwidth():
    try:
        import locale

        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except (OSError, locale.Error):
        return None
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    return libc.wcwidth if libc.wcwidth("\u093e") == 1 else None


def test_every_spacing_mark_takes_a_cell_and_nonspacing_marks_none():
    match_terminal()
    assert match_terminal() == 0  # once is enough
    assert [c for c in _spacing() if cell_len(c) != 1] == []
    assert [c for c in "\u0301\u094d\u0902\u093c\u0e48\u05b8" if cell_len(c) != 0] == []
    # as tmux 3.3 places them (measured: 'प्रा' moves the cursor 3 cells, Rich said 2)
    assert cell_len("\u092a\u094d\u0930\u093e") == 3
    assert cell_len("\u092a\u094d\u0930\u0927\u093e\u0928\u092e\u0902\u0924\u094d\u0930\u0940") == 9


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.text(st.sampled_from(list("\u0915\u092e\u0930\u0937 \u093e\u093f\u0940\u094b\u0903\u094d\u0902\u0901\u093c"
                                    "\u0995\u09be\u09bf\u0bbe\u0bcd\u0e01\u0e48\u0e31abc\u00e9")), max_size=30))
def test_a_row_of_indic_text_is_as_wide_as_the_c_library_counts_it(text):
    wcwidth = _libc_wcwidth()
    if wcwidth is None:
        pytest.skip("no C library wcwidth with spacing marks one cell here")
    match_terminal()
    assert cell_len(text) == sum(wcwidth(c) for c in text)


def test_no_spacing_mark_is_in_planes_14_and_up():
    """What lets match_terminal() skip the tags and variation selectors' run (60% of its cost)."""
    import sys

    from explorer.app.cells import NO_SPACING_MARK_FROM

    categories = map(unicodedata.category, map(chr, range(NO_SPACING_MARK_FROM, sys.maxunicode + 1)))
    assert "Mc" not in set(categories)


def test_the_spacing_marks_table_is_unicodedata_s():
    """cells.SPACING_MARKS is every code point unicodedata calls Mc, in the version it is of."""
    import sys

    from explorer.app.cells import SPACING_MARKS, SPACING_MARKS_VERSION

    assert SPACING_MARKS_VERSION == "14.0.0"  # (Python 3.11's; another version asks unicodedata)
    from explorer.app.cells import spacing_marks

    if unicodedata.unidata_version == SPACING_MARKS_VERSION:
        assert list(SPACING_MARKS) == [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Mc"]
        assert spacing_marks() is SPACING_MARKS
    else:  # (Python 3.12 knows Unicode 15: the table of 14 is not used there)
        assert spacing_marks() is None
    assert list(SPACING_MARKS) == sorted(set(SPACING_MARKS))


@st.composite
def width_tables(draw):
    """Runs of code points in order, around spacing marks and other marks: (first, last, cells)."""
    around = draw(st.lists(st.sampled_from([ord(c) for c in _spacing()[:400:7]] + [0x300, 0x94D, 0x1D16C, 0xE0001]),
                           min_size=1, max_size=8, unique=True))
    edges = sorted({e for cp in around for e in (cp - draw(st.integers(0, 40)), cp + draw(st.integers(0, 40)))})
    table, start = [], 0x2FF
    for edge in edges:
        if edge > start:
            table.append((start, edge, draw(st.sampled_from([0, 0, 1, 2]))))
            start = edge + 1
    return table


@settings(max_examples=60, deadline=None)
@given(width_tables())
def test_spacing_marks_split_from_the_table_as_from_unicodedata(table):
    """The table gives each run the same split as asking unicodedata each code point's category."""
    from explorer.app.cells import spacing_marks, split_spacing_marks

    assert split_spacing_marks(table, spacing_marks()) == split_spacing_marks(table, None)


def test_rich_s_own_table_is_split_as_unicodedata_splits_it():
    from rich._unicode_data import load

    from explorer.app.cells import spacing_marks, split_spacing_marks

    widths = list(load("auto").widths)
    assert split_spacing_marks(widths, spacing_marks()) == split_spacing_marks(widths, None)
