"""Fields typed at the wrong level, as people do: a relation's date on the card instead of under
`qualifiers:`, the card's `certainty:` or `by:` under a quote. The problem names where the field
goes, and moving it there makes the card valid."""

from __future__ import annotations

import pytest

from explorer.core.cardformat.cards import QUALIFIER_WORDS

HEAD = "kind: relation\nsubject: alice\npredicate: met\nobject: bob\n"
QUOTE = "evidence:\n  - quote: Alice Smith met Bob Jones\n"
ENTITIES = {
    "alice.yaml": "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith met]\n",
    "bob.yaml": "kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob Jones]\n",
}


def _problems(ws, card: str) -> list[str]:
    from conftest import SOURCE_TEXT

    ws.source("article.txt", SOURCE_TEXT)
    for name, text in ENTITIES.items():
        ws.card(name, text)
    ws.card("rel.yaml", card)
    return [p.format() for p in ws.load().problems if p.file == "facts/rel.yaml"]


@pytest.mark.parametrize("key", sorted(QUALIFIER_WORDS))
def test_a_circumstance_on_a_relation_card_goes_under_qualifiers(ws, key, tmp_path):
    got = _problems(ws, HEAD + f"{key}: March 3\n" + QUOTE)
    assert got == [f"facts/rel.yaml:5:1: error: unknown field '{key}' on a relation card; a '{key}' goes under "
                   f"`qualifiers:` ({key}: ... indented below it)"]
    ws.card("rel.yaml", HEAD + f"qualifiers:\n  {key}: March 3\n" + QUOTE)  # (as it says)
    assert [p.format() for p in ws.load().problems if p.file == "facts/rel.yaml" and p.severity == "error"] == []


@pytest.mark.parametrize("typed, field, value", [
    ("certainty", "certainty", "reported"), ("confidence", "certainty", "reported"),
    ("attribution", "attribution", "bob"), ("by", "attribution", "bob"), ("according_to", "attribution", "bob"),
])
def test_a_field_of_the_card_typed_under_a_quote_says_it_belongs_to_the_card(ws, typed, field, value):
    got = _problems(ws, HEAD + QUOTE + f"    {typed}: {value}\n")
    assert got == [f"facts/rel.yaml:7:5: error: unknown field '{typed}' in evidence: '{field}' is a field of the "
                   "relation card, not of a quote (write it once, at the top level, beside `evidence:`)"]
    ws.card("rel.yaml", HEAD + f"{field}: {value}\n" + QUOTE)  # (as it says)
    assert [p.format() for p in ws.load().problems if p.file == "facts/rel.yaml" and p.severity == "error"] == []
