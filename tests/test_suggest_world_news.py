"""What a world news story names beside its people, read from the Washington Post's story of the
Bardo museum attack (tests/real/wapo): institutions headed by a title's word ("Interior Ministry",
"State Department", "Supreme Court": the title was taken off and the institution's word alone
dropped, so none was suggested), regions ("North Africa" was "Africa", an organisation), an event a
people names ("Arab Spring" was "Spring"), faiths and movements named by their followers ("Tunisian
Islamists", "hard-line Muslims", "the Islamist Muslim Brotherhood": suggested, the Brotherhood as a
person), Arabic words heading a group's name ("Ansar al-Sharia" was a person), "a London-based
group" (London an organisation) and a dateline's dash ("CAIRO — Gunmen": an organisation)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

_INSTITUTIONS = ["Interior Ministry", "State Department", "Supreme Court", "Foreign Ministry", "Justice Department",
                 "General Assembly", "Defense Ministry", "Foreign Office"]
_REGIONS = ["North Africa", "Middle East", "West Africa", "Latin America", "Southeast Asia", "Eastern Europe"]
_EVENTS = ["Arab Spring", "Iranian Revolution", "Palestinian Intifada"]
_FOLLOWERS = ["Islamists", "Muslims", "Salafists", "Jihadists", "Copts", "Sunnis", "Shiites", "Catholics"]
_GROUPS = [("Muslim Brotherhood", "Islamist"), ("Ansar al-Sharia", "jihadist"), ("Jabhat al-Nusra", "Syrian"),
           ("Hizb ut-Tahrir", "Islamist"), ("Kataib Hezbollah", "Iraqi")]
_PLACES = ["CAIRO", "TUNIS", "BEIRUT", "BAGHDAD"]
_CITIES = ["London", "Geneva", "Doha"]
_PEOPLE = ["Habib Essid", "Lotfi Azzouz", "Ned Price", "Rachid Ghannouchi"]


@settings(max_examples=50, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_INSTITUTIONS), st.sampled_from(_REGIONS), st.sampled_from(_EVENTS),
       st.sampled_from(_FOLLOWERS), st.sampled_from(_GROUPS), st.sampled_from(_PLACES), st.sampled_from(_CITIES),
       st.sampled_from(_PEOPLE), st.sampled_from(["Tunisian", "Egyptian", "Libyan", "hard-line"]))
def test_a_world_news_story_names_its_institutions_regions_groups_and_people(
        institution, region, event, followers, group, dateline, city, person, adjective):
    name, group_adjective = group
    text = (f"Attack stokes instability fears in {region}\n\n"
            f"{dateline} — Gunmen opened fire on visitors on Wednesday, officials said, in a country seen as "
            f"the lone success of the {event}.\n\n"
            f"The {institution} condemned the attack, said {person}, who heads a {city}-based rights group. "
            f"{adjective} {followers} have clashed with the police, and the {group_adjective} {name} denied any role. "
            f"Later {person.split()[-1]} said the {institution} would act.\n")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got[institution].type == "organization" and len(got[institution].occurrences) == 2, (text, sorted(got))
    assert got[region].type == "place", (text, sorted(got))
    assert got[event].type == "event", (text, sorted(got))
    assert got[name].type == "organization", (text, got.get(name))
    assert got[person].type == "person"
    assert got[city].type == "place", (text, got[city].type)
    assert got[dateline.title() if dateline.title() in got else dateline].type == "place"
    assert "Gunmen" not in got
    for n in got:  # followers, adjectives and a lone region's continent are no names of their own
        assert followers not in n and not n.startswith((adjective, group_adjective)), (n, sorted(got))
    assert region.split()[-1] not in got and event.split()[-1] not in got, sorted(got)
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)
