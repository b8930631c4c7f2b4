"""JSON Schema (draft 2020-12) for cards, generated from the field tables in `explorer.core.cardformat.cards`.

The schema files in `explorer/schema/` are this module's output, committed so that editors can use
them (the YAML language server in VS Code, Neovim, Helix, ... reads the
`# yaml-language-server: $schema=...` line at the top of each card). A test checks that the
committed files equal what `card_schema` produces, so the two cannot drift. To regenerate them:

    python -m explorer.core.cardformat.schema

The schema checks the shape of a card (fields, types, required fields); the checker (`factex
check`) also checks what a schema cannot: that quotes are in the sources, that ids exist, and so
on. Where YAML readers disagree, the schema is the stricter: the checker reads every scalar as
text (`name: 1984` is the name "1984"), while editors read a bare `1984` or `true` as a number or
a boolean, so the schema asks for text to be written as text (quote it: `name: '1984'`).
"""

from __future__ import annotations

import json
from pathlib import Path

from explorer.core.cardformat.cards import EVIDENCE_FIELDS, FIELDS_BY_KIND, KINDS
from explorer.core.cardformat.fields import DATE_RE, KEY_RE, LANGUAGE_RE, URL_RE, WORD_RE, FieldSpec
from explorer.core.model import CERTAINTIES, DEFAULT_CERTAINTY
from explorer.core.cardformat.provenance import SOURCE_FIELDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_KINDS = (*KINDS, "card", "source")
SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "schema"

_TITLES = {
    "entity": "factex entity card",
    "relation": "factex relation card",
    "card": "factex card",
    "source": "factex source sidecar",
}
_DESCRIPTIONS = {
    "entity": "Something the article names (a person, organisation, country, place, thing, ...), "
    "with quotes from the article that name or describe it. The card's id is its file name.",
    "relation": "What the article says connects two entities, read as the sentence "
    "'subject predicate object', with quotes from the article that back it. "
    "The card's id is its file name.",
    "card": "A factex card: an entity (`kind: entity`) or a relation (`kind: relation`).",
    "source": "Where a source comes from: seeds/ID.yaml next to seeds/ID.txt (or .md). Every field "
    "is optional; the title replaces the one guessed from the text.",
}
_EVIDENCE_ITEM_HELP = "A quote from the source: just the text, or a mapping with `quote:` and optional fields."
_EVIDENCE_REF = "#/$defs/evidence"

# The checker's limits, mirrored (see explorer.core.cardformat.cards.check_value).
_MAX_ID = 200
_MAX_COUNT = 999_999  # at most six digits

_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}  # not empty, not only blanks


def _pattern(regex) -> str:
    """A Python regex as a JSON Schema pattern (ECMA-262: the same for these simple classes)."""
    return regex.pattern


def _type_schema(spec: FieldSpec, kind: str | None) -> dict:
    t = spec.type
    if t == "kind":
        return {"const": kind}
    if t in ("text", "line"):
        return dict(_TEXT)
    if t == "word":
        return {"type": "string", "pattern": _pattern(WORD_RE)}
    if t == "id":
        return {"type": "string", "minLength": 1, "maxLength": _MAX_ID, "pattern": r"^[^\n]*\S[^\n]*$"}
    if t == "texts":
        return {"type": "array", "items": dict(_TEXT)}
    if t == "names":  # a list, or one name as text
        return {"anyOf": [{"type": "array", "items": dict(_TEXT)}, dict(_TEXT)]}
    if t == "qualifiers":
        return {
            "type": "object",
            "propertyNames": {"pattern": _pattern(KEY_RE)},
            "additionalProperties": dict(_TEXT),
        }
    if t == "certainty":
        return {"enum": list(CERTAINTIES), "default": DEFAULT_CERTAINTY}
    if t == "count":
        return {"type": "integer", "minimum": 1, "maximum": _MAX_COUNT}
    if t == "evidence":
        return {"type": "array", "minItems": 1, "items": {"$ref": _EVIDENCE_REF}}
    if t == "url":
        return {"type": "string", "pattern": _pattern(URL_RE)}
    if t == "date":
        return {"type": "string", "pattern": _pattern(DATE_RE)}
    if t == "language":
        return {"type": "string", "pattern": _pattern(LANGUAGE_RE)}
    raise ValueError(f"no JSON Schema for field type {t!r}")  # a new type in cards.py: map it here


def _object(fields: dict[str, FieldSpec], kind: str | None) -> dict:
    properties = {}
    for spec in fields.values():
        prop = _type_schema(spec, kind)
        if spec.help:
            prop = {"description": spec.help, **prop}
        properties[spec.name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in fields.values() if spec.required],
        "additionalProperties": False,
    }


def evidence_schema() -> dict:
    """One evidence item: the quote as plain text, or a mapping with `quote` and optional fields."""
    return {
        "description": _EVIDENCE_ITEM_HELP,
        "anyOf": [
            {"description": EVIDENCE_FIELDS["quote"].help, **_TEXT},
            _object(EVIDENCE_FIELDS, None),
        ],
    }


def source_schema() -> dict:
    """A source sidecar: every field optional; `authors` a list, or one name as text."""
    body = _object(SOURCE_FIELDS, None)
    return {"title": _TITLES["source"], "description": _DESCRIPTIONS["source"], **body}


def _kind_body(kind: str) -> dict:
    return {"title": _TITLES[kind], "description": _DESCRIPTIONS[kind], **_object(FIELDS_BY_KIND[kind], kind)}


def card_schema(kind: str = "card") -> dict:
    """The JSON Schema of an `entity` card, a `relation` card, or any `card` (oneOf on `kind`)."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"kind must be one of {', '.join(SCHEMA_KINDS)}, not {kind!r}")
    head = {"$schema": DRAFT}
    if kind == "source":
        return {**head, **source_schema()}
    if kind in KINDS:
        return {**head, **_kind_body(kind), "$defs": {"evidence": evidence_schema()}}
    return {
        **head,
        "title": _TITLES["card"],
        "description": _DESCRIPTIONS["card"],
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"description": "What the card is.", "enum": list(KINDS)}},
        "oneOf": [{"$ref": f"#/$defs/{k}"} for k in KINDS],
        "$defs": {**{k: _kind_body(k) for k in KINDS}, "evidence": evidence_schema()},
    }


def schema_json(kind: str = "card") -> str:
    """The schema as the text of its file in `explorer/schema/`."""
    return json.dumps(card_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def write_schema_files(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        path = folder / schema_filename(kind)
        path.write_text(schema_json(kind), encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for path in write_schema_files():
        print(path)
