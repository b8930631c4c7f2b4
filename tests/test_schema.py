"""The JSON Schema of cards: generated from the field tables, committed, and in step with the checker."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml

from explorer.cli import main
from explorer.core.cardformat.cards import ENTITY_FIELDS, EVIDENCE_FIELDS, RELATION_FIELDS, Issues, validate_card
from explorer.core.cardformat.schema import SCHEMA_DIR, SCHEMA_KINDS, card_schema, schema_filename, schema_json
from explorer.core.cardformat.yamlsafe import parse_card

from conftest import REPO

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is missing: pip install -e '.[test]'")

SCHEMA_LINE = "# yaml-language-server: $schema=../../explorer/schema/card.schema.json"
SHIPPED = sorted((REPO / "facts").rglob("*.yaml"))


@pytest.fixture(scope="module")
def validators():
    """The card schema under the 2020-12 validator it declares, and under draft 7, which is what
    older YAML language servers implement (the schema keeps to keywords both understand)."""
    schema = card_schema("card")
    return [jsonschema.Draft202012Validator(schema), jsonschema.Draft7Validator(schema)]


def errors(validators, data) -> list[str]:
    found = []
    for v in validators:
        found.extend(e.message for e in v.iter_errors(data))
    return found


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_files_are_what_the_generator_makes(kind):
    path = SCHEMA_DIR / schema_filename(kind)
    assert path.read_text(encoding="utf-8") == schema_json(kind), (
        f"{path} is out of date: run `python -m explorer.core.cardformat.schema` to regenerate it"
    )
    assert path.parent == REPO / "explorer" / "schema"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schemas_are_valid_json_schema(kind):
    schema = card_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_follows_the_field_tables():
    for kind, table in (("entity", ENTITY_FIELDS), ("relation", RELATION_FIELDS)):
        schema = card_schema(kind)
        assert list(schema["properties"]) == list(table)
        assert schema["required"] == [f.name for f in table.values() if f.required]
        assert schema["additionalProperties"] is False
        assert schema["properties"]["kind"]["const"] == kind
        for spec in table.values():
            assert schema["properties"][spec.name]["description"] == spec.help
    evidence = card_schema("entity")["$defs"]["evidence"]["anyOf"][1]
    assert list(evidence["properties"]) == list(EVIDENCE_FIELDS)
    assert evidence["required"] == ["quote"] and evidence["additionalProperties"] is False
    assert evidence["properties"]["occurrence"] == {
        "description": EVIDENCE_FIELDS["occurrence"].help, "type": "integer", "minimum": 1, "maximum": 999999,
    }
    combined = card_schema("card")
    assert combined["oneOf"] == [{"$ref": "#/$defs/entity"}, {"$ref": "#/$defs/relation"}]


def test_factex_schema_prints_the_committed_files(capsys):
    for kind in SCHEMA_KINDS:
        assert main(["schema", "--kind", kind]) == 0
        assert capsys.readouterr().out == (SCHEMA_DIR / schema_filename(kind)).read_text(encoding="utf-8")
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "factex card"


def test_every_shipped_card_starts_with_the_schema_line():
    assert len(SHIPPED) > 100
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == SCHEMA_LINE, path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMA_DIR / "card.schema.json").resolve(), path


def test_every_shipped_card_validates(validators):
    for path in SHIPPED:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert errors(validators, data) == [], path


def checker_errors(text: str) -> list[str]:
    doc = parse_card(textwrap.dedent(text))
    assert not doc.issues
    issues = Issues(doc)
    validate_card("x", "facts/x.yaml", doc, issues)
    return [p.message for p in issues.items if p.severity == "error"]


GOOD_ENTITY = """\
    kind: entity
    name: Alice Smith
    type: person
    aliases: [Alice]
    description: A painter.
    evidence:
      - Alice Smith met Bob Jones
      - quote: Alice Smith
        source: article
        note: the first mention
        prefix: x
        suffix: met
        occurrence: 1
"""
GOOD_RELATION = """\
    kind: relation
    subject: alice
    predicate: met
    object: bob
    qualifiers: {place: paris, date: March 3}
    certainty: reported
    attribution: bob
    evidence:
      - quote: Alice Smith met Bob Jones in Paris on March 3
"""


@pytest.mark.parametrize("text", [GOOD_ENTITY, GOOD_RELATION])
def test_a_card_with_every_field_passes_both(text, validators):
    assert checker_errors(text) == []
    assert errors(validators, yaml.safe_load(textwrap.dedent(text))) == []


BAD_CARDS = {
    "unknown field": GOOD_ENTITY.replace("    aliases: [Alice]", "    alias: [Alice]"),
    "missing name": GOOD_ENTITY.replace("    name: Alice Smith\n", ""),
    "name as a list": GOOD_ENTITY.replace("name: Alice Smith", "name: [Alice, Smith]"),
    "name blank": GOOD_ENTITY.replace("name: Alice Smith", "name: '  '"),
    "bad certainty": GOOD_RELATION.replace("certainty: reported", "certainty: likely"),
    "type Person": GOOD_ENTITY.replace("type: person", "type: Person"),
    "type with a space": GOOD_ENTITY.replace("type: person", "type: head of state"),
    "empty evidence": GOOD_ENTITY[: GOOD_ENTITY.index("    evidence:")] + "    evidence: []\n",
    "missing evidence": GOOD_ENTITY[: GOOD_ENTITY.index("    evidence:")],
    "qualifiers as a list": GOOD_RELATION.replace("qualifiers: {place: paris, date: March 3}", "qualifiers: [paris]"),
    "qualifier key uppercase": GOOD_RELATION.replace("{place: paris", "{Place: paris"),
    "qualifier value a list": GOOD_RELATION.replace("place: paris", "place: [paris]"),
    "aliases as text": GOOD_ENTITY.replace("aliases: [Alice]", "aliases: Alice"),
    "evidence item without quote": GOOD_ENTITY.replace("      - quote: Alice Smith\n", "      - suffix: x\n").replace("        suffix: met\n", ""),
    "unknown evidence field": GOOD_ENTITY.replace("note: the first mention", "comment: the first mention"),
    "occurrence zero": GOOD_ENTITY.replace("occurrence: 1", "occurrence: 0"),
    "occurrence as text": GOOD_ENTITY.replace("occurrence: 1", "occurrence: first"),
    "evidence item a list": GOOD_ENTITY.replace("      - Alice Smith met Bob Jones", "      - [Alice]"),
    "kind unknown": GOOD_ENTITY.replace("kind: entity", "kind: thing"),
    "no kind": GOOD_ENTITY.replace("    kind: entity\n", ""),
    "relation field on an entity": GOOD_ENTITY.replace("type: person", "type: person\n    subject: bob"),
    "subject as a mapping": GOOD_RELATION.replace("subject: alice", "subject: {id: alice}"),
    "not a mapping": "- kind: entity\n",
}


@pytest.mark.parametrize("name", BAD_CARDS)
def test_cards_the_checker_rejects_fail_the_schema_too(name, validators):
    text = BAD_CARDS[name]
    assert checker_errors(text), f"the checker accepts {name!r}"
    assert errors(validators, yaml.safe_load(textwrap.dedent(text))), f"the schema accepts {name!r}"
