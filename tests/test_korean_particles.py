"""Korean writes a name's particle onto it (노소영이, 최 회장의, 김 이사장에게): a mention of a Hangul
name may end where a particle follows (explorer/core/mentions.py, PARTICLES), so the article view
and the mention counts find Korean names at all (tests/real/korean's article: 12 mentions of its
three people and their titles before, 27 now). The mention is the name alone, at exact offsets;
any other syllable after the name makes it another word, no mention; a quote still ends at whole
words (a quote that stops before the particle is refused with the whole word: tests/real/korean)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.mentions import PARTICLES, NameIndex
from explorer.core.model import Entity

NAMES = ["노소영", "최태원", "김희영", "최 회장", "노 관장", "김 이사장", "SK그룹", "서울"]
SECOND = ["", "은", "는", "의", "도", "만"]
NOT_PARTICLES = ["다", "학", "촌", "국", "님이", "들"]  # syllables that make another word
AROUND = ["", "지난 17일 ", "그러면서 "]
AFTER = ["", " 말했다.", ", 이어 주장했다.", "."]


def _found(text: str, *names: str) -> list[tuple[str, int, int]]:
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    entities = [Entity(id=f"e{k}", file=f"facts/e{k}.yaml", name=n, type="person") for k, n in enumerate(names)]
    return [(m.name, m.start, m.end) for m in NameIndex.build(entities).find(source)]


@given(st.sampled_from(NAMES), st.sampled_from(PARTICLES), st.sampled_from(SECOND), st.sampled_from(AROUND),
       st.sampled_from(AFTER))
@settings(max_examples=120, deadline=None)
def test_a_name_before_a_particle_is_mentioned_the_name_alone(name, particle, second, before, after):
    text = f"{before}{name}{particle}{second}{after}"
    start = len(before)
    assert _found(text, name) == [(name, start, start + len(name))], text


@given(st.sampled_from(NAMES), st.sampled_from(NOT_PARTICLES), st.sampled_from(AROUND), st.sampled_from(AFTER))
@settings(max_examples=60, deadline=None)
def test_a_name_before_another_syllable_is_another_word(name, syllable, before, after):
    if name[-1].isascii():
        return
    assert _found(f"{before}{name}{syllable}{after}", name) == []


def test_a_particle_inside_a_name_is_not_a_break_and_other_scripts_are_as_before():
    # 노 관장이 최 회장: no name "관장 최" across the particle; a longer name wins
    assert _found("노 관장이 최 회장의 급여를", "관장 최", "최 회장") == [("최 회장", 6, 10)]
    assert _found("최태원 회장이 말했다", "최태원 회장", "최태원") == [("최태원 회장", 0, 6)]
    assert _found("Kimi met Kimbap and Kim은", "Kim") == [("Kim", 20, 23)]
