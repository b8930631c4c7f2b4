"""A line that is a date stamp and nothing else above the headline ("Thứ ba, 13/12/2016 | 14:16
GMT+7" on VnExpress, "Senin, 05 Feb 2024 10:00 WIB", "Tuesday, March 3, 2015 9:41 AM EST") is not
the article's title: factex add gave VnExpress's story of tests/real/vietnamese the title "Thứ ba,
13/12/2016 | 14:16 GMT+7" and made its id from it. The headline under it is the title. A headline
that starts with a place and a date and goes on ("Paris, 13 November 2015: the night ...") stays
one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.cardformat.provenance import guess_title

WEEKDAYS = ["", "Thứ ba, ", "Chủ nhật, ", "Senin, ", "Tuesday, ", "Mardi ", "Dienstag, ", "Wtorek, "]
DATES = ["13/12/2016", "1/2/2024", "13.12.2016", "05 Feb 2024", "3 March 2015", "March 3, 2015", "2016-12-13",
         "5. Februar 2024"]
TIMES = ["", " | 14:16 GMT+7", " 10:00 WIB", " 9:41 AM EST", ", 14:16 Uhr", " - 08:30", " 20h40"]
HEADLINES = ["Ông Đinh La Thăng đề nghị điều tiết bay, giảm tải cho Tân Sơn Nhất",
             "Presiden Jokowi Terima Surat Pengunduran Diri Mahfud MD", "Storm snarls Thanksgiving travel"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(WEEKDAYS), st.sampled_from(DATES), st.sampled_from(TIMES), st.sampled_from(HEADLINES))
def test_a_date_stamp_line_is_not_the_title(weekday, date, time, headline):
    text = f"{weekday}{date}{time}\n{headline}\nThe story starts here, and it goes on for a while in its lead.\n"
    assert guess_title(text, "x") == headline


def test_a_headline_with_a_place_and_a_date_is_still_the_title():
    line = "Paris, 13 November 2015: the night of the attacks"
    assert guess_title(f"{line}\n\nThe story starts here, and it goes on for a while.\n", "x") == line
