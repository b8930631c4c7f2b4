"""A line of Chinese or Japanese breaks between its characters, not only at spaces
(explorer/app/cells.py, `break_cjk_lines`): a quote's heading or a line of Latin text is no longer
left half empty before a run of them, and no line starts with a closing bracket, a comma or full
stop, a small kana or the prolonged sound mark, nor ends with an opening bracket where a break
elsewhere was possible. Thai and Korean break at their spaces, as before. Found reading the
evidence pane of tests/real/afpbb, whose heading broke after '【6月18日' (25 of 64 cells used)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import _wrap
from rich.cells import cell_len
from textual.content import Content

from explorer.app.cells import CLOSING, OPENING, break_cjk_lines, cjk_break_points, words_breaking_cjk

HEADING = ("── quote 1 of 1 【6月18日 AFP】ナイジェリア北東部ボルノ（Borno）州で16日夜、イスラム過激派組織「ボコ・ハラム"
           "（Boko Haram）」によるものと思われる少女を使った自爆攻撃が起き、31人が死亡した。")
PIECES = ["の", "日本", "語", "中文", "、", "。", "「", "」", "（", "）", "ー", "ッ", "ゃ", "が", "か\u3099", "AFP", "Borno",
          "16", " ", "  ", "が\ufe0f", "ภาษาไทย", "한국어", "é", "e\u0301", "!", "."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _lines(text: str, width: int) -> list[str]:
    return [line.plain for line in Content(text).wrap(width)]


def test_a_heading_before_japanese_is_filled_not_left_half_empty():
    break_cjk_lines()
    lines = _lines(HEADING, 40)
    assert all(cell_len(line) <= 40 for line in lines)
    assert all(cell_len(line) >= 37 for line in lines[:-1] if not line.endswith("Boko")), lines
    assert lines[0] == "── quote 1 of 1 【6月18日 AFP】ナイジェ"
    assert "".join(lines).replace(" ", "") == HEADING.replace(" ", "")


@given(TEXTS)
@settings(max_examples=150, deadline=None)
def test_words_split_only_where_a_line_may_break(text):
    break_cjk_lines()  # (Rich's words, which this calls, are kept by it: the test ran alone, it found none)
    words = list(words_breaking_cjk(text))
    if text.strip():  # (Rich yields no word for a text of spaces alone)
        assert "".join(w for _, _, w in words) == text  # every character, in order, once
    assert all(text[a:b] == w for a, b, w in words)
    for i in cjk_break_points(text):
        before, after = text[i - 1], text[i]
        assert not before.isspace() and not after.isspace()
        assert before not in OPENING and after not in CLOSING
        assert unicodedata.category(after)[0] != "M" and after not in "\ufe0f\u200d"
    if not any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text):
        assert not cjk_break_points(text)  # Latin, Thai, Korean: Rich's own words, spaces only
        assert words == [(m.start(), m.end(), m.group()) for m in _wrap.re_word.finditer(text)]


@given(TEXTS, st.integers(min_value=4, max_value=30))
@settings(max_examples=150, deadline=None)
def test_every_wrapped_line_fits_and_the_text_is_whole(text, width):
    break_cjk_lines()
    lines = _lines(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_text_without_chinese_or_japanese_compiles_no_pattern(monkeypatch):
    """The patterns take milliseconds to compile (~60 M instructions at the first start, where no
    text holds those scripts): a text with no character of them never asks for them."""
    from explorer.app import cells

    monkeypatch.setattr(cells, "_PATTERNS", [])
    monkeypatch.setattr(cells, "_patterns", lambda: (_ for _ in ()).throw(AssertionError("compiled")))
    for text in ("plain ASCII text", "Jos\u00e9 Mar\u00eda \u201cquoted\u201d \u2014 dashed", "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35"):
        assert cells.cjk_break_points(text) == []
    monkeypatch.undo()
    assert cells.cjk_break_points("\u5317\u4eac\u5e02") == [1, 2]
