"""Arabic names romanised, as English (and French, Spanish) news writes them: the article or the
"son of" in lower case, joined by a hyphen ("Bashar al-Assad", "Abdel Fattah el-Sisi") or apart
("Mohammed bin Salman"). `factex suggest` took "Bashar" for the whole name, and a sentence's
"Ayman al-Zawahiri" was the lone "Ayman", dropped as the sentence's first word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

_GIVEN = ["Bashar", "Abdel Fattah", "Ayman", "Muqtada", "Abu Bakr", "Khalid", "Hassan", "Nour"]
_PARTICLE = ["al-", "el-", "ad-", "as-", "ash-", "bin ", "ibn "]
_SURNAME = ["Assad", "Sisi", "Zawahiri", "Sadr", "Baghdadi", "Sharaa", "Din", "Rashid"]
_PLACE = ["Syrian President", "Egyptian President", "Saudi Crown Prince", "", "Sheikh"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_GIVEN), st.sampled_from(_PARTICLE), st.sampled_from(_SURNAME), st.sampled_from(_PLACE),
       st.sampled_from(["start", "mid", "possessive"]), st.booleans())
def test_an_arabic_name_with_its_particle_is_one_person(given_name, particle, surname, title, where, bare):
    name = f"{given_name} {particle}{surname}"
    lead = f"{title} {name}".strip()
    if where == "start":
        first = f"{lead} spoke in Cairo on Monday."
    elif where == "mid":
        first = f"On Monday in Cairo, {lead} spoke to reporters."
    else:
        first = f"Reporters in Cairo heard {lead}'s speech on Monday."
    # the surname alone later: with its particle, or without it ("Assad" of "Bashar al-Assad")
    later = f"{particle}{surname}" if not bare or particle.startswith(("bin", "ibn")) else surname
    text = f"{first} Officials said that {later} would travel to Riyadh next week."
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert name in got, (text, sorted(got))
    assert got[name].type == "person", (text, got[name].type)
    assert given_name not in got and given_name.split()[0] not in got, (text, sorted(got))
    if "-" in particle:
        assert later in got[name].aliases and len(got[name].occurrences) == 2, (text, got[name])
    assert "Riyadh" in got and "Cairo" in got
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)


def test_an_article_written_alone_in_lower_case_is_a_name_only_with_its_capital():
    """"al-Qaeda" starts a name; a lower-case word after "al-" ("al-fresco"), and "al" alone, do not."""
    text = "Ayman al-Zawahiri led al-Qaeda for years. They dined al-fresco in the garden of al Sham."
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got["al-Qaeda"].type == "organization" and got["Ayman al-Zawahiri"].type == "person"
    assert not any("fresco" in n or n.startswith("al ") for n in got), sorted(got)
