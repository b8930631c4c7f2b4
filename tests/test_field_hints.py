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
    ("said_by", "attribution", "bob"), ("speaker", "attribution", "bob"), ("Attributed_To", "attribution", "bob"),
    ("reported_by", "attribution", "bob"), ("reliability", "certainty", "hedged"),
])
def test_a_field_of_the_card_typed_under_a_quote_says_it_belongs_to_the_card(ws, typed, field, value):
    got = _problems(ws, HEAD + QUOTE + f"    {typed}: {value}\n")
    assert got == [f"facts/rel.yaml:7:5: error: unknown field '{typed}' in evidence: '{field}' is a field of the "
                   "relation card, not of a quote (write it once, at the top level, beside `evidence:`)"]
    ws.card("rel.yaml", HEAD + f"{field}: {value}\n" + QUOTE)  # (as it says)
    assert [p.format() for p in ws.load().problems if p.file == "facts/rel.yaml" and p.severity == "error"] == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÁéñ -", min_size=1, max_size=12).map(str.strip).filter(
    lambda t: t and t[0].isalpha() and t[-1].isalpha())


@settings(max_examples=40, deadline=None)
@given(st.lists(_NAME, min_size=2, max_size=4))
def test_aliases_typed_on_one_line_get_the_list_that_reads_them_back(names):
    """`aliases: Flores, Carmen` is most often several aliases typed as one line: the problem writes
    them as a list, and typing that in gives those aliases."""
    from explorer.core.cardformat.cards import Issues, validate_card
    from explorer.core.cardformat.yamlsafe import parse_card

    line = ", ".join(names)
    head = "kind: entity\nname: X\ntype: person\n"
    tail = "evidence: [X]\n"
    doc = parse_card(head + f"aliases: {line}\n" + tail)
    issues = Issues(doc)
    validate_card("x", "facts/x.yaml", doc, issues)
    messages = [i.message for i in issues.items]
    hint = next(m for m in messages if m.startswith("`aliases` must be a list: write ["))
    suggested = hint[len("`aliases` must be a list: write "): hint.index("] for ") + 1]
    again = parse_card(head + f"aliases: {suggested}\n" + tail)
    assert again.data["aliases"] == names


import pytest as _pytest  # noqa: E402


@_pytest.mark.parametrize("typed", ["article.txt", "seeds/article.txt", "./seeds/article.txt", "seeds\\\\article.txt",
                                    "/home/me/news/seeds/article.txt"])
@_pytest.mark.parametrize("where", ["card", "quote"])
def test_a_source_given_by_its_file_name_says_the_id_to_write(ws, typed, where):
    """`source: article.txt` or a path to it: the id to write is named, and writing it is valid."""
    from conftest import SOURCE_TEXT

    ws.source("article.txt", SOURCE_TEXT)

    def card(source: str) -> str:
        if where == "card":
            return f'kind: entity\nname: Alice Smith\ntype: person\nsource: "{source}"\nevidence: [Alice Smith met]\n'
        return f'kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met\n    source: "{source}"\n'

    ws.card("alice.yaml", card(typed))
    got = [p.message for p in ws.load().problems if p.severity == "error"]
    shown = typed.replace("\\\\", "\\")
    assert len(got) == 1 and got[0].endswith("a source id is the file name in seeds/ without its extension, "
                                             "never a path; write 'article'"), got
    assert shown in got[0]
    ws.card("alice.yaml", card("article"))  # (as it says)
    assert [p for p in ws.load().problems if p.severity == "error"] == []


@_pytest.mark.parametrize("field, typed", [("name", "Name"), ("type", "TYPE"), ("evidence", "evidences"),
                                           ("evidence", "quotes")])
def test_a_required_field_typed_another_way_is_one_problem_naming_it(ws, field, typed):
    """`Name:` for `name:`: one problem, the unknown field with the one to write; not also 'card is
    missing name'. Writing it as said makes the card valid."""
    from conftest import SOURCE_TEXT

    ws.source("article.txt", SOURCE_TEXT)
    lines = {"kind": "kind: entity", "name": "name: Alice Smith", "type": "type: person",
             "evidence": "evidence: [Alice Smith met]"}
    card = "\n".join(line if key != field else line.replace(f"{field}:", f"{typed}:", 1) for key, line in lines.items()) + "\n"
    ws.card("alice.yaml", card)
    got = [p.message for p in ws.load().problems]
    assert got == [f"unknown field '{typed}' on an entity card; did you mean '{field}'?"], got
    ws.card("alice.yaml", "\n".join(lines.values()) + "\n")
    assert ws.load().problems == []


@pytest.mark.parametrize("line, fixed_line", [
    ("  - quote: {v}\n", "  - quote: {w}\n"),
    ("  - {v}\n", "  - {w}\n"),
    ("predicate: {v}\n", "predicate: {w}\n"),
])
@pytest.mark.parametrize("value", ["#1 in the polls", "#MeToo, she wrote", "# of votes: 12", "#'s it"])
def test_a_value_starting_with_a_hash_is_a_comment_and_the_message_quotes_it(ws, line, fixed_line, value):
    """`- quote: #1 in the polls`: YAML reads ` #...` as a comment, so the value is empty; the
    message says so and gives the value quoted, which, written as said, reads as typed."""
    import yaml

    if line.startswith("predicate"):
        card = "kind: relation\nsubject: alice\n" + line.format(v=value) + "object: bob\n" + QUOTE
    else:
        card = HEAD + "evidence:\n" + line.format(v=value)
    (got,) = [p for p in _problems(ws, card) if "empty" in p]
    written = got.rsplit("put the value in quotes: ", 1)[1]
    assert written[0] == written[-1] == '"', got
    fixed = card.replace(line.format(v=value), fixed_line.format(w=written[1:-1]))
    data = yaml.safe_load(fixed)
    read = data["predicate"] if line.startswith("predicate") else data["evidence"][0]
    assert (read["quote"] if isinstance(read, dict) else read) == value, fixed  # as typed
    assert not [p for p in _problems(ws, fixed) if "empty" in p], fixed


@pytest.mark.parametrize("indicator", [">", "|", ">-"])
@pytest.mark.parametrize("key, lines", [
    ("description", ["A painter: she lives in Paris", "and paints cars."]),
    ("description", ["Painter: Paris"]),
    ("description", ["Painter: Paris", "Born: 1970"]),
])
def test_a_block_of_text_that_yaml_reads_as_keys_says_how_far_to_indent(ws, indicator, key, lines):
    """`description: >` then its text at the key's own indentation: valid YAML (an empty text,
    then keys), so no syntax error; the empty field says where its text is and how far to indent
    it, and indented so the card is valid."""
    from conftest import SOURCE_TEXT

    head = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met\n"
    card = head + f"{key}: {indicator}\n" + "".join(line + "\n" for line in lines)
    ws.source("article.txt", SOURCE_TEXT)
    ws.card("alice.yaml", card)
    got = [p.format() for p in ws.load().problems if p.file == "facts/alice.yaml"]
    # (an empty text then a key: the empty field says it, at its key; a line YAML cannot read as a
    # key: the syntax error says it, at the text)
    assert (got[0].startswith("facts/alice.yaml:6:") and "is empty: its text (line 7) must be indented more than" in got[0]
            or got[0].startswith("facts/alice.yaml:7:1:") and "must be indented more than `description`" in got[0]), got
    need = int(got[0].rsplit("start its lines with ", 1)[1].split(" ")[0])
    ws.card("alice.yaml", head + f"{key}: {indicator}\n" + "".join(" " * need + line + "\n" for line in lines))
    assert [p.format() for p in ws.load().problems if p.file == "facts/alice.yaml"] == []


@pytest.mark.parametrize("typed", ["qoute", "quot", "qutoe", "quotes", "Quote", "qote"])
@pytest.mark.parametrize("note", [False, True])
def test_a_misspelt_quote_key_is_one_error_that_names_it(ws, typed, note):
    # `- qoute: ...` was two errors at one place: "evidence item has no `quote`" and "unknown field
    # 'qoute' in evidence; did you mean 'quote'?"; the second is the one to read
    extra = "    note: as said\n" if note else ""
    got = _problems(ws, HEAD + f"evidence:\n  - {typed}: Alice Smith met Bob Jones\n{extra}")
    assert got == [f"facts/rel.yaml:6:5: error: unknown field '{typed}' in evidence; did you mean 'quote'?"]
    ws.card("rel.yaml", HEAD + f"evidence:\n  - quote: Alice Smith met Bob Jones\n{extra}")  # (as it says)
    assert [p.format() for p in ws.load().problems if p.file == "facts/rel.yaml"] == []


def test_an_evidence_item_without_a_quote_still_says_so(ws):
    got = _problems(ws, HEAD + "evidence:\n  - note: Alice Smith met Bob Jones\n")
    assert got == ["facts/rel.yaml:6:5: error: evidence item has no `quote`"]
    got = _problems(ws, HEAD + "evidence:\n  - quote: Alice Smith met Bob Jones\n  - colour: red\n    note: x\n")
    assert got == ["facts/rel.yaml:7:5: error: evidence item has no `quote`",
                   "facts/rel.yaml:7:5: error: unknown field 'colour' in evidence"]
