"""Russian and Ukrainian decline a word by its ending, and write titles in lower case: an
institution's word in any case makes an organisation ("в Университете Северной Каролины" was a
person), a title's word alone is no name ("Министром" was an organisation), and a surname after a
title in lower case is a person ("сказал господин Панвалкар" was an organisation). Found carding
tests/real/russian."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

ORGS = ["Университете Северной Каролины", "Министерства Обороны", "Компании Газпром", "Агентства Рейтер",
        "Університету Шевченка", "Партии Регионов"]
TITLES = ["господин", "министр", "президент", "председатель", "депутат", "посол", "міністр"]
SURNAMES = ["Панвалкар", "Пэлл", "Ортефё", "Зеленський", "Дати"]


def suggested(text: str) -> dict:
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences), s
    return got


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(ORGS), st.sampled_from(TITLES), st.sampled_from(SURNAMES),
       st.sampled_from(["Министром", "Президентом", "Председателя", "Депутату"]))
def test_declined_institutions_titles_and_a_surname_after_a_title(org, title, surname, title_word):
    text = (f"Он выступил на стадионе в {org} в среду. «Был момент, — сказал {title} {surname}, — когда "
            f"мы должны были уйти». {title_word} назвал его фашистом.\n")
    got = suggested(text)
    assert got[org].type == "organization", {n: s.type for n, s in got.items()}
    assert got[surname].type == "person", {n: s.type for n, s in got.items()}
    assert title_word not in got, sorted(got)


def test_a_name_that_only_begins_like_a_title_is_still_a_name():
    text = "Он прилетел из Панамы в Москву. Договор подписали Панама и Генералов, сказал Президентов.\n"
    got = {s.name for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert {"Панама", "Генералов", "Президентов"} <= got, sorted(got)
