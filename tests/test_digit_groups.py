"""A number searched without its thousands separators finds it with them, and the other way round:
'7842' finds "7,842" (it found nothing: a one-digit first group is no tight fuzzy run), '9000'
finds "9,000", '27662' "27.662", '1000' "1'000", '9,000' finds "9000". Search folds them away
on both sides (text.DIGIT_GROUP, in every fold search uses); a decimal keeps its mark, and a quote
keeps every character ("you typed '7842', the source has '7,842'": tests/real/reuters). Found
carding the Reuters article (tests/real/reuters)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex
from explorer.core.search.lines import fold_all
from explorer.core.text import DIGIT_GROUP, _scan_char, fold, fold_for_scan, fold_with_offsets, join_digit_groups


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


NUMBERS = st.integers(min_value=1000, max_value=99_999_999)
SEPS = st.sampled_from([",", ".", "'"])


@given(NUMBERS, SEPS, st.sampled_from(["", "über ", "with ", "más de ", "”"]), st.sampled_from(["", " deaths.", "€", ","]))
@settings(max_examples=100, deadline=None)
def test_every_fold_search_uses_drops_the_separators_alike(n, sep, before, after):
    text = f"{before}{grouped(n, sep)}{after}"
    folded = fold(text)
    assert str(n) in folded
    assert fold_for_scan(text) == folded.lower()
    assert fold_all([text]) == [folded]
    again, offsets = fold_with_offsets(text)
    assert again == folded
    assert "".join(text[o] for o in offsets[folded.index(str(n)) :][: len(str(n))]) == str(n)


def test_a_decimal_keeps_its_mark():
    assert fold("pi is 3.14159, e is 2,71828") == "pi is 3.14159, e is 2,71828"
    assert fold("3,5 Prozent") == "3,5 Prozent"


def test_a_number_searched_either_way_is_found_and_its_digits_highlighted(ws):
    ws.source("news.txt", "With more than 9,000 cases, 7,842 deaths.\n\nLas listas: 27.662 pacientes y 1'000 francos.\n\n"
                          "The 20000 figure.\n")
    ws.card("e.yaml", "kind: entity\nname: Cases\ntype: thing\nevidence: [With more than 9,000 cases]\n")
    index = SearchIndex(Loader(ws.root, use_cache=False).load(save=False))
    for term, digits in (("7842", "7842"), ("9000", "9000"), ("27662", "27662"), ("1000", "1000"),
                         ("20,000", "20000"), ("'7,842", "7842")):
        hits = [h for h in index.search(term).hits if h.kind == "passage"]
        assert hits, term
        assert "".join(hits[0].text[i] for i in hits[0].positions) == digits, term


# Pieces of long texts: numbers grouped or not, decimals, marks next to digits, digits of other
# scripts (DIGIT_GROUP's \d takes them too), typography and accents, a lone surrogate.
GROUP_PIECES = ["7,842", "1'000", "9.000", "12,345,678", "3.14159", "2,71828", "1,0000", "20000", ",000", "0,",
                "a", " ", ".", ",", "'", "9", "\u0661,\u0660\u0660\u0660", "\u0967,\u0966\u0966\u0966", "\u2019", "\u00e9",
                "\u2014", "\u00a0", "\x00", "\x01", "\ud800"]


@given(st.lists(st.sampled_from(GROUP_PIECES), max_size=30), st.sampled_from([1, 200]))
@settings(max_examples=300, deadline=None)
def test_a_long_text_drops_the_separators_the_pattern_finds(pieces, times):
    """`join_digit_groups` of a long ASCII text (what a search folds as one string) finds the
    separators in its bytes: the same text `DIGIT_GROUP.sub` makes, short or long, ASCII or not."""
    text = "".join(pieces) * times
    assert join_digit_groups(text) == DIGIT_GROUP.sub("", text)
    plain = "".join(p for p in pieces if p.isascii()) * times
    assert join_digit_groups(plain) == DIGIT_GROUP.sub("", plain)


@given(st.lists(st.sampled_from(GROUP_PIECES + ["\u0149", "\u02bc", "\ufb01", "\u212a", "\u0131", "K", "\u00bd"]), max_size=30),
       st.sampled_from([1, 200]))
@settings(max_examples=200, deadline=None)
def test_fold_for_scan_is_each_character_folded_then_the_separators_dropped(pieces, times):
    """`fold_for_scan` finds the characters past ASCII in the text's UTF-8 bytes: what it makes is
    each character folded on its own (`_scan_char`), the separators dropped, lower-cased."""
    text = "".join(pieces) * times
    each = "".join(c if c.isascii() else _scan_char(c) for c in text)
    assert fold_for_scan(text) == DIGIT_GROUP.sub("", each).lower()
