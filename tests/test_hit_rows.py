"""A search hit whose match lies far into its text (a passage is a whole paragraph of the article)
is shown from a little before the match: its row, cut at the list's width, showed the paragraph's
start and never the match ('sirbistan' in tests/real/turkish showed "Bu yılın başlarında başkent
Belgrad'da bir dövüş sanatları okulu kurmayı teklif etmes…", the match and the source cropped
away). Found searching the real articles (tests/real)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.app.screens.search import FAR, LEAD, shown_part

WORDS = ["Bu", "yılın", "başlarında", "with", "the", "7,842", "epidemic", "ナイジェリア北東部", "ภาษาไทย", "e\u0301t\u0301e\u0301",
         "👍🏽", "Sırbistan", "", "a"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.data())
@settings(max_examples=100, deadline=None)
def test_the_row_shows_the_match_and_only_text_of_the_hit(words, data):
    text = " ".join(words)
    first = data.draw(st.integers(0, len(text) - 1)) if text else 0
    if not text:
        return
    positions = list(range(first, min(len(text), first + data.draw(st.integers(1, 6)))))
    shown, moved = shown_part(text, positions)
    if first <= FAR:
        assert (shown, moved) == (text, positions)
        return
    assert shown.startswith("…") and text.endswith(shown[1:])
    assert [shown[p] for p in moved] == [text[p] for p in positions]  # the same letters lit
    assert moved[0] <= LEAD + 1 + max(map(len, WORDS)) + 1  # near the row's start: on screen
    assert unicodedata.category(shown[1])[0] != "M" and shown[1] not in "\u200d\ufe0f"


def test_the_turkish_passage_shows_its_match():
    text = ("Bu yılın başlarında başkent Belgrad'da bir dövüş sanatları okulu kurmayı teklif etmesinin "
            "ardından Seagal'a Sırbistan vatandaşlığı verildi.")
    at = text.index("Sırbistan")
    shown, moved = shown_part(text, range(at, at + 9))
    assert shown == "…etmesinin ardından Seagal'a Sırbistan vatandaşlığı verildi."
    assert "".join(shown[p] for p in moved) == "Sırbistan"
