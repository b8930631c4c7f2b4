"""One concept, one place: each rule that several parts of factex need is defined once, and every
part that needs it reads that definition (errors, certainty, the card template, card locations)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import explorer
from explorer.core.errors import AuthoringError, FactexError, QueryError, WorkspaceError
from explorer.core.model import CERTAINTIES, CERTAINTY_MEANINGS, DEFAULT_CERTAINTY

from conftest import SOURCE_TEXT


def _modules(include_app: bool):
    for info in pkgutil.walk_packages(explorer.__path__, "explorer."):
        if info.name.startswith("explorer.app") and not include_app:
            continue
        if info.name.endswith("__main__"):
            continue
        yield importlib.import_module(info.name)


def _source(module) -> str:
    with open(module.__file__, encoding="utf-8") as f:
        return f.read()


# -- errors ---------------------------------------------------------------------------------------


def test_every_public_error_is_a_factex_error():
    """An exception class factex defines for its users derives from FactexError (private ones,
    used for control flow inside a module, start with _)."""
    found = {}
    for module in _modules(include_app=True):
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    public = {name: cls for name, cls in found.items() if not name.rsplit(".", 1)[1].startswith("_")}
    assert {WorkspaceError, AuthoringError, QueryError} <= set(public.values())
    assert all(issubclass(cls, FactexError) for cls in public.values()), sorted(public)
    # and the names they were known by still work
    from explorer.core.authoring import AuthoringError as A
    from explorer.core.search import QueryError as Q
    from explorer.core.loading.loader import WorkspaceError as W

    assert (A, Q, W) == (AuthoringError, QueryError, WorkspaceError)


def test_a_factex_error_no_command_caught_is_a_message_not_a_traceback(monkeypatch, capsys):
    from explorer import cli
    from explorer.cli import check

    def broken(argv):
        raise AuthoringError("the \x1b[2Jcard cannot be made")

    monkeypatch.setattr(check, "run", broken)
    assert cli.main(["check"]) == 1
    assert capsys.readouterr().err == "factex: the \u241b[2Jcard cannot be made\n"

    def usage(argv):
        raise QueryError("bad query")

    monkeypatch.setattr(check, "run", usage)
    assert cli.main(["check"]) == 2


# -- certainty ------------------------------------------------------------------------------------


def test_certainty_is_defined_once_and_read_everywhere():
    from explorer.app import render
    from explorer.cli import new
    from explorer.core import export
    from explorer.core.cardformat import schema
    from explorer.core.cardformat.cards import RELATION_FIELDS

    assert CERTAINTIES == ("stated", "reported", "hedged", "opinion") and DEFAULT_CERTAINTY == "stated"
    # every place that says something per certainty says it for exactly these
    for table in (render.CERTAINTY_GLYPH, render.CERTAINTY_STYLE, render.CERTAINTY_MEANING, export.EDGE_STYLES):
        assert tuple(table) == CERTAINTIES
    card = schema.card_schema("relation")
    assert card["properties"]["certainty"]["enum"] == list(CERTAINTIES)
    assert card["properties"]["certainty"]["default"] == DEFAULT_CERTAINTY
    assert all(c in RELATION_FIELDS["certainty"].help for c in CERTAINTIES)
    relation = new.parser()._subparsers._group_actions[0].choices["relation"]
    (action,) = [a for a in relation._actions if a.dest == "certainty"]
    assert tuple(action.choices) == CERTAINTIES


def test_help_explains_every_certainty():
    from explorer.app.app import binding_sections
    from explorer.app.screens.help import help_content

    shown = help_content(binding_sections()).plain
    for certainty, meaning in CERTAINTY_MEANINGS.items():
        assert certainty in shown and meaning in shown


def test_no_module_spells_out_the_certainty_list():
    """The four words as a list (or a `a | b | c | d` hint) appear only where they are defined;
    tables keyed by certainty are checked above to have exactly these keys."""
    import re

    q = "[\"']"
    listed = re.compile(rf"{q}stated{q},\s*{q}reported{q},\s*{q}hedged{q},\s*{q}opinion{q}|stated \| reported")
    offenders = [m.__name__ for m in _modules(include_app=True) if listed.search(_source(m))]
    assert offenders == [], offenders


# -- the card template ----------------------------------------------------------------------------


def _two_sources(ws, name: str):
    ws.source("article.txt", SOURCE_TEXT)
    ws.source(name, "Another Article\n\nCarol Doe met the mayor of Lyon on Friday.\n")


@pytest.mark.parametrize("kind", ["entity", "relation"])
def test_a_passage_card_from_a_source_named_with_yaml_syntax_reads_back(ws, kind):
    """`a: b.txt` is a source id YAML would read as a mapping if written plain: the passage card
    quotes it, and once filled in the card checks clean with its quote anchored in that source."""
    from explorer.core.authoring import card_from_passage, create_card

    _two_sources(ws, "a: b.txt")
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith met Bob]\n")
    ws.card("carol.yaml", "kind: entity\nname: Carol Doe\ntype: person\nevidence: [Carol Doe met]\n")
    card = card_from_passage(ws.root, kind, "the mayor of Lyon", "a: b", "alice" if kind == "relation" else None)
    create_card(card.path, card.text)
    lines = card.text.splitlines()
    assert lines[card.line - 1].startswith("name:" if kind == "entity" else "predicate:")
    filled = card.text.replace("\nname:", "\nname: Lyon mayor #").replace("\ntype:", "\ntype: person #")
    filled = filled.replace("\npredicate:", "\npredicate: met #").replace("\nobject:", "\nobject: carol #")
    card.path.write_text(filled, encoding="utf-8")
    base = ws.load()
    assert [p.format() for p in base.problems] == []
    loaded = base.card(card.id)
    assert loaded.evidence[0].anchor.source == "a: b"
    text = base.sources["a: b"].text
    assert text[loaded.evidence[0].anchor.start:loaded.evidence[0].anchor.end] == "the mayor of Lyon"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["a: b", "#x", "- y", "'q'", "yes", "null", "[z]", "{w}", "&a", "*b", "!t", "%p",
                             "@c", "`d`", "a #b", "1e3", "0x1F", "~", "é: ü", "\u202ex"]),
       kind=st.sampled_from(["entity", "relation"]))
def test_passage_cards_quote_any_source_id_as_yaml_that_reads_back(tmp_path_factory, name, kind):
    """Whatever the source is called, the template's `source:` reads back as that id."""
    from explorer.core.authoring import card_from_passage
    from explorer.core.cardformat.yamlsafe import parse_card

    root = tmp_path_factory.mktemp("ws")
    (root / "facts").mkdir()
    card = card_from_passage(root, kind, "a quote: with # and \"marks\"", name)
    doc = parse_card(card.text)
    assert not doc.issues
    assert doc.data["evidence"][0] == {"quote": "a quote: with # and \"marks\"", "source": name}


def test_the_passage_template_is_the_authoring_template(ws):
    """The app's card from a passage and `factex new` write the same fields in the same order,
    with the same help comments (one template)."""
    from explorer.core.authoring import card_from_passage, new_entity_card

    ws.basic()
    quote = "Alice Smith met Bob Jones"
    from_passage = card_from_passage(ws.root, "entity", quote, None).text.splitlines()
    from_cli = new_entity_card(ws.root, "X", quotes=[quote]).text.splitlines()
    keys = lambda lines: [l.split(":")[0].lstrip("# ") for l in lines if ":" in l and not l.startswith("  ")]  # noqa: E731
    assert keys(from_passage) == keys(from_cli)
    comments = lambda lines: [l.split("#", 1)[1] for l in lines if "#" in l and not l.startswith("# yaml")]  # noqa: E731
    assert set(comments(from_passage)) <= set(comments(from_cli)) | {" The name the explorer shows."}


# -- card locations -------------------------------------------------------------------------------


def test_card_location_is_one_function(ws):
    from explorer.core.navigation import Location, card_location

    ws.basic()
    base = ws.load()
    rel = next(iter(base.relations.values()))
    assert card_location(rel) == Location(entity=rel.subject, relation=rel.id)
    assert card_location(base.entities["alice"]) == Location(entity="alice")
    # the app's screens ask it rather than building locations from cards themselves
    import re

    for module in _modules(include_app=True):
        if module.__name__ != "explorer.core.navigation":
            assert not re.search(r"Location\(entity=\w+\.subject", _source(module)), module.__name__


# -- fields ---------------------------------------------------------------------------------------


def _all_field_specs():
    from explorer.core.cardformat.cards import EVIDENCE_FIELDS, FIELDS_BY_KIND
    from explorer.core.cardformat.provenance import SOURCE_FIELDS

    return [spec for table in (*FIELDS_BY_KIND.values(), EVIDENCE_FIELDS, SOURCE_FIELDS) for spec in table.values()]


def test_one_field_spec_and_one_check_serve_cards_evidence_and_sidecars():
    """Cards, evidence items and sidecars are described by the one FieldSpec, and every type in
    their tables is checked by the one `check_value` and described by the one schema mapping."""
    from explorer.core.cardformat import cards, fields, provenance, schema
    from explorer.core.cardformat.yamlsafe import parse_card

    specs = _all_field_specs()
    assert all(type(spec) is fields.FieldSpec for spec in specs)
    for module in (cards, provenance, schema):
        assert "class FieldSpec" not in _source(module)
    assert "def _check(" not in _source(provenance)
    doc = parse_card("x: y\n")
    for spec in specs:
        schema._type_schema(spec, "entity")  # raises for a type it does not know
        for value in ("", "x", "a\nb", ["x"], {"k": "v"}):
            cards.check_value(spec, value, ("x",), cards.Issues(doc), doc)  # raises AssertionError likewise


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(["title", "url", "outlet", "authors", "published", "language", "byline"]),
                       st.one_of(st.text(max_size=12), st.lists(st.text(max_size=6), max_size=3), st.none()), max_size=4))
def test_a_sidecar_field_checked_alone_or_in_a_sidecar_is_checked_alike(data):
    """check_sidecar() gives each known field exactly what check_value() gives it alone."""
    from explorer.core.cardformat.cards import Issues, check_value
    from explorer.core.cardformat.provenance import SOURCE_FIELDS, SourceMeta, check_sidecar
    from explorer.core.cardformat.yamlsafe import parse_card

    doc = parse_card("x: y\n")
    meta = check_sidecar(type(doc)(data=data, text=doc.text), Issues(doc))
    for key, value in data.items():
        if key in SOURCE_FIELDS and value is not None:
            alone = check_value(SOURCE_FIELDS[key], value, (key,), Issues(doc), doc)
            assert getattr(meta, key) == (alone if alone is not None else getattr(SourceMeta(), key))
