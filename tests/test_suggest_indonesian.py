"""Indonesian (and Malay) news, as Kompas.com and the Cabinet Secretariat write it (tests/real/indonesian):
"di" (at, in) between two capitalised words joins no name ("Menteri Sekretariat Negara Pratikno di
Istana Negara" was one name, "Mahfud di Istana" another); a day's or a month's name before a date
is no name ("Kamis (1/2/2024)", "Rabu", "sejak 19 Oktober 2019" were organisations); a title before
a name is not the name's ("Presiden Joko Widodo", "Pak Luhut", "Mantan ... Erry Rijana"). Italian's
"di", which does join names ("Scuola d'Arte di Glasgow"), is left as it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

PEOPLE = ["Joko Widodo", "Mahfud MD", "Ganjar Pranowo", "Jusuf Kalla", "Erry Rijana", "Anies Baswedan"]
PLACES = ["Istana Negara", "Istana Merdeka", "Pamekasan", "Tanjung Priok", "Kalimantan Timur", "Madura"]
TITLES = ["Presiden", "Pak", "Mantan Menteri", "Wakil Presiden", "Bu"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
MONTHS = ["Januari", "Februari", "Maret", "Agustus", "Oktober", "Desember"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.sampled_from(PLACES), st.sampled_from(TITLES),
       st.sampled_from(DAYS), st.sampled_from(MONTHS), st.integers(1, 28))
def test_di_days_months_and_titles_are_not_in_names(person, other, place, title, day, month, d):
    text = (f"{title} {person} menerima surat pengunduran diri dari {other} di {place}, {day} ({d}/2/2024). "
            f"Menurut dia, surat itu sudah disiapkan sejak {d} {month} 2024 dan akan diserahkan kepada "
            f"{person} di {place}. Ini adalah hal yang biasa, kata {other} kepada wartawan, dan tidak ada "
            f"masalah dengan keputusan tersebut yang telah dibuat oleh {person} pada {day} pagi.\n")
    got = {s.name: s for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])}
    assert {person, other, place} <= set(got), sorted(got)
    for name in got:
        assert " di " not in f" {name} ", name
        assert not set(name.split()) & set(DAYS + MONTHS), name
        assert not name.startswith(tuple(t + " " for t in TITLES)), name
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)


def test_italian_di_still_joins_a_name():
    text = ("Rocco Catalano ha studiato alla Scuola d'Arte di Glasgow e poi ha lavorato a Londra. "
            "Il suo lavoro è stato esposto in una galleria di Glasgow che la città ha aperto per lui, "
            "e che il pubblico ha visitato con molto interesse per tutta la stagione.\n")
    names = {s.name for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])}
    assert "Scuola d'Arte di Glasgow" in names, names


def test_a_korean_pak_in_english_is_still_a_name():
    text = "Premier Pak Jong Chon met Kim Jong Un in Pyongyang, and Pak Jong Chon said the talks went well.\n"
    names = {s.name for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64), covered=[])}
    assert "Pak Jong Chon" in names, names
