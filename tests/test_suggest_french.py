"""French news copy (found carding Libération's story of the Nepal earthquake, tests/real/liberation):
a country written with its accents is a country ("Népal" was an organisation), a place after "à",
"au", "aux", "en", "dans" is a place ("arrivé à Katmandou" was an organisation), the people of a
country are no name ("Un troisième Français"), an elided article is not part of the name
("L’Airbus A350" was a person named so) and an elided "de" inside one is ("Quai d’Orsay" was
"Quai"), and a model's number makes a thing, not a person ("Airbus A350")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source


def suggested(text: str) -> dict:
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences), s
    return got


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["Népal", "Pérou", "Sénégal", "Brésil", "Mexique", "Équateur", "Perú", "México"]),
       st.sampled_from(["à Katmandou", "au Caire", "aux Emirats", "en Normandie", "dans Bamako", "à Roissy"]),
       st.sampled_from(["’", "'"]), st.sampled_from(["Airbus A350", "Airbus A320neo"]),
       st.sampled_from(["Quai d{a}Orsay", "Palais de l{a}Élysée"]))
def test_french_news_copy(country, where, apos, model, institution):
    prep, place = where.split(" ")
    institution = institution.format(a=apos)
    text = (f"Un troisième Français a été tué dans le tremblement de terre samedi au {country}, a déclaré "
            f"jeudi le ministre. L{apos}{model} s{apos}est posé {prep} {place} peu avant 5h45, selon une source "
            f"du {institution}. Les Français rapatriés du {country} sont arrivés {prep} {place}, a précisé le "
            f"{institution}.\n")
    got = suggested(text)
    from explorer.core.text import fold
    if fold(country) in ("Nepal", "Peru", "Senegal", "Mexico"):  # (those the list of countries holds)
        assert got[country].type == "country", {n: s.type for n, s in got.items()}
    assert got[place].type == "place", {n: s.type for n, s in got.items()}
    assert got[model].type != "person" and not any(n.startswith("L" + apos) for n in got), sorted(got)
    assert institution in got and len(got[institution].occurrences) == 2, sorted(got)
    assert "Français" not in got, sorted(got)
