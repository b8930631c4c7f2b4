"""Spanish, Portuguese, French and Italian wire copy names its courts, treasury and royal household
by a head word a person's name never has ("Juzgado de Instrucción", "Audiencia de Palma", "Hacienda
Pública", "Casa Real"; they were suggested as people), calls an institution by its head or its
name alone further on ("la Audiencia", "Nóos" of "Instituto Nóos"), writes a title capitalised for
its one holder ("la hija del Rey", "la Infanta": they were organisations), and may write a name
with and without its accent ("caso Nóos", "caso Noos": two suggestions). A lone word first seen
with no cue ("de Palma") and later after "en" is a place (it stayed an organisation)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

_INSTITUTIONS = [("Audiencia de {city}", "Audiencia"), ("Juzgado de Instrucción de {city}", "Juzgado"),
                 ("Hacienda Pública", "Hacienda"), ("Casa Real", "Casa"), ("Junta de Andalucía", "Junta"),
                 ("Corte Suprema", "Corte")]
_CITIES = ["Palma", "Sevilla", "Toledo", "Oviedo", "Lugo"]
_TITLES = ["Rey", "Infanta", "Príncipe", "Reina"]
_PEOPLE = ["Pedro Horrach", "Antonio Salinas", "Miquel Roca", "Ana Mato"]
_STREETS = ["Vía Alemania", "Avenida Diagonal", "Paseo Colón", "Calle Mayor", "Plaza Mayor"]


_OPENERS = ["Después", "Ayer", "Mientras", "Además", "Hoy", "Según", "Depois", "Ontem", "Hier", "Selon", "Ieri", "Dopo"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_INSTITUTIONS), st.sampled_from(_CITIES), st.sampled_from(_TITLES),
       st.sampled_from(_PEOPLE), st.sampled_from(_STREETS), st.sampled_from(["Nóos", "Aizoon", "Urbán"]),
       st.sampled_from(_OPENERS))
def test_institutions_titles_streets_and_places_in_spanish_wire_copy(institution, city, title, person, street, name,
                                                                      opener):
    whole, head = institution
    whole = whole.format(city=city)
    plain = name.replace("ó", "o").replace("á", "a")
    text = (f"El fiscal {person} recurrió el auto de la {whole}, que cita a la hija del {title} "
            f"el próximo 8 de marzo. La {head} decidirá en abril, dijo {person} a los periodistas "
            f"a su llegada a los juzgados de {street}. El juez cita a declarar por el caso {name} "
            f"y la empresa Instituto {name}. Del caso {plain} habló el fiscal, que vive en {city} "
            f"desde hace años y no quiso hablar del {title}. {opener} {person.split()[-1]} calló.")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got[whole].type == "organization", (whole, got[whole].type)
    assert head in got[whole].aliases or head == whole.split()[0] and head not in got, (whole, sorted(got))
    assert title not in got, sorted(got)
    assert not any(n.startswith(opener + " ") for n in got), sorted(got)  # "Después Horrach"
    assert got[street].type == "place"
    assert got[person].type == "person"
    # the name with and without its accent is one, with the institution it names
    assert f"Instituto {name}" in got and name not in got and plain not in got, sorted(got)
    if city not in whole:
        assert got[city].type == "place", (city, got[city].type)
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)


def test_a_title_alone_in_english_and_a_lone_name_with_no_cue_stay_as_they_were():
    """English keeps its reading: a lone word with no cue anywhere is still an organisation, one
    with a cue only later becomes a place, and an institution's head alone in English is no alias."""
    text = ("Investors sold Aizoon shares on Friday. Officials of Sevilla met. The team flew to Sevilla on Monday. "
            "The House Committee met, and the House voted.")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got["Aizoon"].type == "organization"
    assert got["Sevilla"].type == "place" and len(got["Sevilla"].occurrences) == 2
