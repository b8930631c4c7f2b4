"""A text written decomposed, its accents and tone marks as combining characters after their
letters ("Hạ" as H, a, U+0323), as some input methods and tools leave Vietnamese, or a Mac file
name's NFD, gets the suggestions the same text gets composed: each name whole, as the source
writes it, each occurrence at its exact place. A word was cut at each mark: "Ba Hạ" was suggested
as "Ba Ha", "Đà Nẵng" not at all. Found carding VnExpress's flood story of tests/real/vietnamese,
whose paragraph on the dams is written so."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

SENTENCES = [
    "Ông {a} cho biết thủy điện sông {b} xả lũ với lưu lượng lớn.",
    "Tại {b}, nhiều tuyến đường bị ngập, theo lãnh đạo UBND {c}.",
    "Le ministre {a} est arrivé à {b} samedi, a indiqué {c}.",
    "Bà {a} nói rằng đợt lũ ở {c} đã làm nhiều người chết.",
]
NAMES = ["Đinh La Thăng", "Trần Doãn Mậu", "Ba Hạ", "Đà Nẵng", "Khánh Hòa", "Quảng Ngãi", "Thừa Thiên Huế",
         "Laurent Fabius", "Népal", "Bình Định", "Phú Yên"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(NAMES), st.sampled_from(NAMES),
                          st.sampled_from(NAMES), st.booleans()), min_size=2, max_size=6))
def test_a_decomposed_text_gets_the_suggestions_of_the_composed_one(parts):
    composed = "\n".join(t.format(a=a, b=b, c=c) for t, a, b, c, _ in parts) + "\n"
    # each sentence decomposed or not: a text mixes them as its paragraphs were typed
    mixed = "\n".join(unicodedata.normalize("NFD" if nfd else "NFC", t.format(a=a, b=b, c=c))
                      for t, a, b, c, nfd in parts) + "\n"
    want = suggest_in_source(Source("s", "seeds/s.txt", composed, "0" * 64), covered=[])
    got = suggest_in_source(Source("s", "seeds/s.txt", mixed, "0" * 64), covered=[])
    nfc = lambda x: unicodedata.normalize("NFC", x)  # noqa: E731
    assert [(nfc(s.name), s.type, [nfc(a) for a in s.aliases]) for s in got] == \
        [(s.name, s.type, s.aliases) for s in want], mixed
    for g, w in zip(got, want):
        assert [nfc(o.text) for o in g.occurrences] == [o.text for o in w.occurrences]
        assert all(mixed[o.start : o.end] == o.text for o in g.occurrences)
