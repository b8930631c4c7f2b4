"""factex suggest on Turkish text cuts a name where an apostrophe brings its case suffix: Rusya'nın,
Pekin'in, Kırım'daki, Seagal'a Sırbistan were suggested as "Rusya'nın", "Pekin'in", "Kırım'daki" and
one name "Seagal'a Sırbistan"; now Rusya, Pekin, Kırım, Seagal and Sırbistan, each occurrence at its
exact place. Only where the text is Turkish (its sidecar, or ı, ğ and ş): "Sana'a" and "Hawai'i" in
English stay whole. Found on tests/real/turkish."""

from __future__ import annotations

from pathlib import Path

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

SEEDS = Path(__file__).parent / "real" / "turkish" / "seeds"


def _names(path: Path) -> dict[str, list[str]]:
    source = Source(path.stem, f"seeds/{path.name}", path.read_text(encoding="utf-8"), "0" * 64)
    return {s.name: [source.text[o.start : o.end] for o in s.occurrences] for s in suggest_in_source(source)}


def test_a_turkish_name_stops_at_the_apostrophe_of_its_suffix():
    names = {}
    for path in sorted(SEEDS.glob("*.txt")):
        names.update(_names(path))
    for name in ("Pekin", "Kırım", "Seagal", "Sırbistan", "Belgrad", "Vladivostok", "İngiltere", "Çin Halk Cumhuriyeti"):
        assert name in names, sorted(names)
        assert set(names[name]) == {name}  # each occurrence is the name as written, at its place
    assert not [n for n in names if "'" in n or "\u2019" in n], sorted(names)
    assert len(names["Seagal"]) == 3  # Seagal, Seagal, Seagal'a


def test_english_names_with_an_apostrophe_stay_whole(tmp_path):
    text = ("Rebels entered Sana'a on Monday. Visitors to Hawai'i rose, officials said.\n\n"
            "Officials in Sana'a and Hawai'i declined to comment.\n")
    path = tmp_path / "en.txt"
    path.write_text(text, encoding="utf-8")
    names = _names(path)
    assert "Sana'a" in names and "Hawai'i" in names, sorted(names)
