"""Names a story writes around other words, typed as what they are (found carding the Guardian's
whale story, tests/real/guardian, and CNN's and Reuters' in tests/real): a holiday after a greeting
("Happy Thanksgiving" was a person), a disease ("diagnosed with Ebola" was an organisation), the
people of a country ("New Zealanders" was a person), a harbour or a beach ("Whangārei Harbour",
"Ninety Mile beach" were people), a person and what they belong to ("ranger Jamie Werner of
Ngātiwai" was one person), a sentence's first participle ("Neighbouring Liberia" was a person),
and a surname used as a modifier ("the Tower report" was offered as John Tower's alias)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

FIRSTS = ["Jamie", "Hori", "Latasha", "Kofi", "Yuki", "Pedro"]
LASTS = ["Werner", "Parata", "Abney", "Mensah", "Tanaka", "Ramirez"]
GROUPS = ["Ngātiwai", "Patriots", "Greenpeace", "Arsenal"]


def suggested(text: str) -> dict:
    return {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}


def assert_exact(text: str, got: dict) -> None:
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences), s


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["Thanksgiving", "Christmas", "Easter", "Ramadan", "Hanukkah", "Diwali", "Halloween"]),
       st.sampled_from(["Happy", "Merry"]), st.sampled_from(FIRSTS), st.sampled_from(LASTS))
def test_a_holiday_after_a_greeting_is_an_event(holiday, greeting, first, last):
    text = (f"Travellers wished each other a {greeting} {holiday} at the airport, {first} {last} said.\n\n"
            f"Roads before {holiday} were slow, and {last} waited four hours.\n")
    got = suggested(text)
    assert got[holiday].type == "event" and len(got[holiday].occurrences) == 2, sorted(got)
    assert not any(greeting in name for name in got), sorted(got)
    assert got[f"{first} {last}"].type == "person"
    assert_exact(text, got)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["Ebola", "Zika", "HIV", "Covid-19", "Mpox", "SARS"]), st.sampled_from(FIRSTS),
       st.sampled_from(LASTS))
def test_a_disease_is_a_disease(disease, first, last):
    text = (f"A healthcare worker, {first} {last}, has been diagnosed with {disease} in Glasgow, officials said. "
            f"The number of cases of {disease} has passed 20,000.\n")
    got = suggested(text)
    assert got[disease].type == "disease", {n: s.type for n, s in got.items()}
    assert_exact(text, got)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["New Zealand", "Iceland", "Finland", "New York", "Maryland", "Switzerland"]),
       st.sampled_from(["Harbour", "Beach", "Mountain", "Falls", "Creek"]), st.sampled_from(["Whangārei", "Ninety Mile", "Bondi"]))
def test_the_people_of_a_country_are_no_name_and_a_harbour_is_a_place(country, feature, name):
    text = (f"The practice elicits horror from some {country}ers and visitors. {name} {feature} was quiet "
            f"on Monday, and whales stranded on {name} beach.\n")
    got = suggested(text)
    assert f"{country}ers" not in got and not any(n.endswith("ers") for n in got), sorted(got)
    assert got[f"{name} {feature}"].type == "place", {n: s.type for n, s in got.items()}
    assert_exact(text, got)


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(FIRSTS), st.sampled_from(LASTS), st.sampled_from(GROUPS))
def test_a_person_of_a_group_is_two_names_and_an_institution_of_a_place_one(first, last, group):
    text = (f"Conservation ranger {first} {last} of {group} attended his first mass beaching. \u201cIt was a "
            f"shock,\u201d says {last}. The Bank of England and the Democratic Republic of Congo sent aid, as did "
            f"the United States of America.\n")
    got = suggested(text)
    person = got.get(f"{first} {last}")
    assert person is not None and person.type == "person" and len(person.occurrences) == 2, sorted(got)
    assert group in got and got[group].type != "person", sorted(got)
    assert not any(" of " + group in n for n in got)
    for name in ("Bank of England", "Democratic Republic of Congo", "United States of America"):
        assert name in got, sorted(got)
    assert_exact(text, got)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(FIRSTS), st.sampled_from(LASTS), st.sampled_from(["report", "administration", "era", "inquiry"]),
       st.sampled_from([" ", "\n"]))
def test_a_surname_as_a_modifier_is_no_mention_of_the_person(first, last, noun, space):
    text = (f"WASHINGTON, Feb 27 - Analysts commented on the {last}{space}{noun} made public today.\n"
            f"Board chairman {first} {last}, a longtime senator, told a press conference it was clear.\n")
    got = suggested(text)
    person = got[f"{first} {last}"]
    assert [o.text for o in person.occurrences] == [f"{first} {last}"], person
    assert person.aliases == [] and last not in got, sorted(got)
    assert_exact(text, got)


def test_a_sentence_s_first_participle_is_no_part_of_a_name():
    text = ("Sierra Leone accounts for half of the cases. Neighbouring Liberia has been hit hard, "
            "officials in Liberia said.\n")
    got = suggested(text)
    assert "Liberia" in got and got["Liberia"].type != "person" and not any("Neighbouring" in n for n in got), sorted(got)
