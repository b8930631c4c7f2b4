"""Vietnamese names a place by the word before it: "ở Bình Định" (in), "tại Phú Yên" (at), "tỉnh"
(province), "huyện" (district), "xã" (commune), "sông" (river), "đường" (street), "từ Quảng Ngãi
đến Bình Thuận" (from ... to). A name after one is suggested as a place: VnExpress's flood story of
tests/real/vietnamese had every province, district and river as a person."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

PLACES = ["Bình Định", "Phú Yên", "Khánh Hòa", "Tuy Phước", "Quảng Ngãi", "Nha Trang", "Ninh Thuận"]
BEFORE = ["ở", "tại", "tỉnh", "huyện", "xã", "sông", "đường", "từ", "đến"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(PLACES), st.sampled_from(BEFORE))
def test_a_name_after_a_place_word_is_a_place(place, before):
    text = (f"Mưa lũ kéo dài khiến nước dâng cao, gây ngập nhiều nơi {before} {place}. "
            f"Người dân được sơ tán ra nơi an toàn.\n")
    got = {s.name: s.type for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])}
    assert got.get(place) == "place", got


@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["Trần Châu", "Đinh La Thăng", "Trần Doãn Mậu", "Đỗ Tất Bình"]))
def test_ong_mr_is_not_in_the_name(person):
    text = (f"Ông {person} - Phó chủ tịch UBND tỉnh Bình Định - cho hay, hôm nay toàn tỉnh có mưa giông. "
            f"Lượng mưa cao nhất là 260 mm.\n")
    got = {s.name: s.type for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])}
    assert got.get(person) == "person" and not any(n.startswith("Ông") for n in got), got
