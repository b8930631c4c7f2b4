"""A title of several words inside a run of capitals parts what is before it from the person after
it: "UK Prime Minister Keir Starmer" is UK and Keir Starmer (it was "UK Prime", an organisation),
"NATO Secretary General Mark Rutte" is NATO and Mark Rutte (it was one person of five words), "New
York Attorney General Letitia James" is New York and Letitia James (it was one person: CNN's story
of Trump's testimony, tests/data/articles/cnn-trump-testimony.txt, from newspaper4k's test data,
MIT). The words that qualify a role word before it ("Prime", "Deputy", "Foreign", "Acting") and
after it ("General") are the title's. One place: suggest._role_at, which every run goes through."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import TITLES, suggest_in_source

HEADS = {"NATO": "NATO", "UK": "UK", "New York": "New York", "Texas": "Texas", "European Commission": "European Commission",
         "Australian Federal Police": "Australian Federal Police", "World Health Organization": "World Health Organization"}
BEFORE = [[], ["Prime"], ["Deputy", "Prime"], ["Foreign"], ["Acting"], ["Vice"], ["Deputy"]]
ROLES = ["Minister", "Secretary", "President", "Commissioner", "Governor", "Director", "Chairman", "Ambassador", "Attorney"]
AFTER = [[], ["General"]]
PEOPLE = ["Keir Starmer", "Mark Rutte", "Letitia James", "Andrew Colvin", "Ursula Lindqvist", "Tedros Adhanom"]


@given(st.sampled_from(sorted(HEADS)), st.sampled_from(BEFORE), st.sampled_from(ROLES), st.sampled_from(AFTER),
       st.sampled_from(PEOPLE))
@settings(max_examples=150, deadline=None)
def test_a_title_of_several_words_parts_the_head_from_the_person(head, before, role, after, person):
    title = " ".join([*before, role, *after])
    text = f"Report\n\nOn Monday, {head} {title} {person} said the talks would go on.\n"
    names = [s.name for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])]
    assert person in names, (text, names)
    assert not any(w.lower() in TITLES for n in names for w in n.split()), (text, names)
    if len(head.split()) > 1 or head.isupper() or head in ("Texas",):
        assert HEADS[head] in names, (text, names)
