"""A text that writes one paragraph a line, with no blank line between (a scraped page, a database
dump: VnExpress's stories of tests/real/vietnamese), has a paragraph a line: its lines are far
longer than any hand-wrapping leaves (explorer/core/paragraphs.py, LINE_PARAGRAPH). They were all
one paragraph: factex add said "579 words in 1 paragraphs", `factex quote` "paragraph 1" of every
line, and a quote run on from one paragraph into the next (a lead into a photo's caption) was
taken. Hand-wrapped wire copy, short lines, and a run with no long line are read as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.paragraphs import count

LONG = 200  # (longer than any hand-wrapped line)

WORDS = ["mưa", "lũ", "kéo", "dài", "khiến", "nước", "sông", "dâng", "cao", "gây", "ngập", "nhiều", "nơi", "Bình",
         "Định", "the", "storm", "flooded", "roads"]


@st.composite
def _lines(draw):
    n = draw(st.integers(2, 6))
    lines = []
    for _ in range(n):
        short = draw(st.booleans())  # a headline or a caption between the paragraphs
        k = draw(st.integers(3, 8)) if short else draw(st.integers(40, 80))
        lines.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=k, max_size=k))) + ".")
    if all(len(x) <= LONG for x in lines):
        lines[0] = lines[0] + " " + " ".join(WORDS * 10) + "."
    return lines


@given(_lines())
@settings(max_examples=50, deadline=None, derandomize=True, database=None)
def test_a_run_with_a_long_line_has_a_paragraph_a_line(lines):
    assert count("\n".join(lines) + "\n") == len(lines)


def test_hand_wrapped_lines_and_short_lines_are_one_paragraph_as_before():
    wrapped = ("WASHINGTON, Feb 27 - The Tower Commission report, which\nsays President Reagan was ignorant "
               "about much of the Iran arms\ndeal, just about ends his prospects.\n")
    assert count(wrapped) == 1
    assert count("Roses are red,\nviolets are blue.\n") == 1


def test_a_quote_run_on_into_the_next_line_spans_paragraphs():
    lead = ("Mưa kéo dài kết hợp ảnh hưởng áp thấp nhiệt đới khiến mực nước sông, hồ đập các tỉnh từ Bình Định "
            "đến Khánh Hòa lên nhanh, gây ngập ở nhiều địa phương. Huyện Tuy Phước lũ dâng cao, có nơi gần một mét.")
    text = f"Nam Trung Bộ hứng đợt lũ mới\n{lead}\nTrường học, bệnh viện ở Nha Trang ngập trong lũ\n"
    r = anchor_quote("có nơi gần một mét. Trường học, bệnh viện", [Source("s", "seeds/s.txt", text, "0" * 64)])
    assert r.anchor is None and "spans paragraphs 2 and 3" in r.error, r.error
