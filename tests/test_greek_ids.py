"""An id made from a Greek name ends its words with ς, as Greek writes them: `factex new entity
"Κυριάκος Μητσοτάκης"` (and the app's new cards) wrote facts/entities/κυριακοσ-μητσοτακησ.yaml, a
misspelling in every word that ends in sigma (casefold makes ς σ, as it must for comparing). Now
κυριακος-μητσοτακης; the two spellings are one id (`layout.id_key`), so a card named either way is
the same card. One place: layout.card_slug, which every id made from a name goes through."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.layout import card_slug, id_key

WORDS = ["Κυριάκος", "Μητσοτάκης", "ΑΛΕΞΗΣ", "Τσίπρας", "Οδυσσέας", "Ελύτης", "Αθήνα", "Σύριζα", "Νέα", "Δημοκρατία",
         "ΟΔΟΣ", "Πανεπιστημίου", "Θεσσαλονίκη", "Χρυσοχοΐδης", "Μιχάλης", "Ελληνική", "Αστυνομία", "Άρειος", "Πάγος"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from([" ", " - ", ", "]))
@settings(max_examples=100, deadline=None)
def test_a_greek_id_ends_its_words_with_final_sigma(words, sep):
    slug = card_slug(sep.join(words))
    for part in slug.split("-"):
        assert not part.endswith("σ") and "ς" not in part[:-1], slug
    assert id_key(slug) == id_key(slug.replace("ς", "σ"))  # (one id, spelt either way)
    assert slug.replace("ς", "σ") == "-".join(w for w in card_slug(sep.join(words)).replace("ς", "σ").split("-"))


def test_factex_new_writes_the_greek_spelling(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTEX_CACHE", "0")
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "athens.txt").write_text("Τίτλος\n\nΟ πρωθυπουργός Κυριάκος Μητσοτάκης δήλωσε.\n", encoding="utf-8")
    assert main(["new", "entity", "Κυριάκος Μητσοτάκης", str(tmp_path), "--type", "person",
                 "--quote", "Ο πρωθυπουργός Κυριάκος Μητσοτάκης δήλωσε"]) == 0
    assert [p.name for p in (tmp_path / "facts").rglob("*.yaml")] == ["κυριακος-μητσοτακης.yaml"]
