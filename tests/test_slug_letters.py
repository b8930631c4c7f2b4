"""A card's or a source's id is made from its name with the accents dropped ("Zürich" -> "zurich"),
and the Latin letters that carry a stroke or are ligatures, which no accent can be taken off, are
written as their base letters too: "Đinh La Thăng" was "đinh-la-thang" beside "thang" (the
ă's breve dropped, the Đ's stroke kept), "Łódź" "łodz", and factex add named VnExpress's "Nam Trung
Bộ hứng đợt lũ mới" (tests/real/vietnamese) "nam-trung-bo-hung-đot-lu"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.layout import card_slug, check_id

LETTERS = "ĐđŁłØøÆæŒœÞþÐðıĦħŦŧ" + "ĂăẠạỆệÜüÉéŃńŚśŹźÅå" + "abcxyz"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=8), min_size=1, max_size=4))
def test_a_latin_name_has_an_ascii_id(words):
    slug = card_slug(" ".join(words))
    assert slug.isascii() and check_id(slug) == slug and card_slug(slug) == slug, slug


@pytest.mark.parametrize("name, slug", [
    ("Đinh La Thăng", "dinh-la-thang"), ("Đà Nẵng", "da-nang"), ("Łódź", "lodz"), ("Øresund", "oresund"),
    ("Ægir", "aegir"), ("Œuvre complète", "oeuvre-complete"), ("Þór", "thor"), ("Kırıkkale", "kirikkale"),
    ("Nam Trung Bộ hứng đợt lũ mới", "nam-trung-bo-hung-dot-lu-moi"),
])
def test_named_letters(name, slug):
    assert card_slug(name) == slug
