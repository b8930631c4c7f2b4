"""Authoring: factex new (cards written only when good, never over a file), factex quote, ids."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer
from explorer.cli import main
from explorer.core.layout import card_slug, unique_id
from explorer.core.authoring import (
    AuthoringError, create_card, new_entity_card, new_relation_card, yaml_scalar,
)
from explorer.core.cardformat.schema import card_schema
from explorer.core.cardformat.yamlsafe import parse_card


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def tree(root):
    """Every file under facts/ with its bytes: to show that nothing was written."""
    return {p: p.read_bytes() for p in sorted((root / "facts").rglob("*")) if p.is_file()}


def schema_errors(path) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is missing: pip install -e '.[test]'")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [e.message for e in jsonschema.Draft202012Validator(card_schema()).iter_errors(data)]


# --- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("parts, slug", [
    (("Kim Jong Un",), "kim-jong-un"),
    (("Putin's Aurus Senat limousine",), "putins-aurus-senat-limousine"),
    (("Zürich — “the city”",), "zurich-the-city"),
    (("vladimir-putin", "gifted an Aurus car to", "kim-jong-un"), "vladimir-putin-gifted-an-aurus-car-to-kim-jong-un"),
    (("  U.S. Government  ",), "u-s-government"),
    (("snake_case name",), "snake-case-name"),
    (("김정은",), "김정은"),
    (("!!!",), ""),
    (("NUL",), "nul-card"),
    # the vowel signs and viramas of Indic scripts are part of the word, not accents
    (("नरेंद्र मोदी",), "नरेंद्र-मोदी"),
    (("தமிழ் நாடு",), "தமிழ்-நாடு"),
    (("Tiếng Việt",), "tieng-viet"),
])
def test_card_slug(parts, slug):
    assert card_slug(*parts) == slug


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_slug_is_always_a_valid_id_and_stable(name):
    from explorer.core.layout import check_id

    slug = card_slug(name)
    if slug:
        assert check_id(slug) == slug
        assert card_slug(slug) == slug


def test_card_slug_cuts_long_names_at_a_hyphen():
    slug = card_slug("word " * 40)
    assert len(slug) <= 80 and slug.endswith("word") and "--" not in slug


def test_unique_id():
    assert unique_id("kim", {"alice"}) == "kim"
    assert unique_id("kim", {"kim", "kim-2"}) == "kim-3"


# --- YAML text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Kim Jong Un", "no", "yes", "1984", "2024-02-18", "1:30", "null", "~", "", " x ",
                                   "a: b", "#tag", "- dash", "it's", 'say "hi"', "back\\slash", "two\nlines",
                                   "\x1b[2J", "\u202eevil", "tab\there", "&anchor", "*alias", "!tag", "%x", "@at", "0o17"])
def test_yaml_scalar_reads_back_as_the_same_text(value):
    written = yaml_scalar(value)
    assert parse_card(f"name: {written}\n").data == {"name": value}
    assert yaml.safe_load(f"name: {written}\n") == {"name": value}  # any YAML reader agrees
    assert "\x1b" not in written and "\u202e" not in written and "\n" not in written


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_yaml_scalar_round_trips_any_text(value):
    written = yaml_scalar(value)
    assert parse_card(f"name: {written}\n").data == {"name": value}
    assert yaml.safe_load(f"name: {written}\n") == {"name": value}


# --- factex new entity --------------------------------------------------------------------------


def test_new_entity_writes_a_card_that_checks_clean(ws, capsys, monkeypatch):
    ws.basic()
    monkeypatch.chdir(ws.root)
    code, out, err = run(["new", "entity", "Paris", "--type", "place", "--quote", "in Paris on March 3",
                          "--alias", "the city", "--description", "A city."], capsys)
    assert (code, err) == (0, "")
    assert out == "facts/entities/paris.yaml\n"
    path = ws.root / "facts" / "entities" / "paris.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    target = (path.parent / lines[0].split("=", 1)[1]).resolve()
    assert target.name == "card.schema.json" and target.is_file()
    assert lines[1:5] == ["kind: entity", "name: Paris", "type: place", "aliases:"]
    assert "  - quote: in Paris on March 3" in lines
    assert ws.problems() == []
    assert ws.load().entities["paris"].aliases == ["the city"]
    assert schema_errors(path) == []


@pytest.mark.parametrize("saved", [[], ["card.schema.json"], ["facts/card.schema.json"],
                                   ["card.schema.json", "facts/card.schema.json"]])
def test_new_cards_point_at_the_schema_the_workspace_keeps(ws, capsys, saved):
    """A team's workspace keeps the schema (`factex schema > card.schema.json`, as the README
    says): every card written points at that file, the same line whoever wrote it; before, each
    pointed at the schema installed on its writer's machine (`../../../../home/ana/.local/...`).
    Without a saved copy, the installed schema, as before."""
    ws.basic()
    for rel in saved:
        (ws.root / rel).write_text(run(["schema"], capsys)[1], encoding="utf-8")
    assert run(["new", "entity", "Paris", "--type", "place", "--quote", "in Paris on", "-w", str(ws.root)], capsys)[0] == 0
    assert run(["new", "relation", "alice", "met", "bob", "--quote", "Alice Smith met Bob Jones", "-w", str(ws.root)],
               capsys)[0] == 0
    written = [ws.root / "facts" / "entities" / "paris.yaml", *(ws.root / "facts" / "relations").glob("*.yaml")]
    written = [p for p in written if p.read_text(encoding="utf-8").startswith("# yaml-language-server")]
    assert len(written) == 2
    for path in written:
        line = path.read_text(encoding="utf-8").splitlines()[0]
        target = os.path.normpath(path.parent / line.split("=", 1)[1])
        want = ws.root / saved[0] if saved else Path(explorer.__file__).parent / "schema" / "card.schema.json"
        assert target == os.path.normpath(want), line
        assert ws.problems() == []


def test_new_entity_template_lists_the_optional_fields_as_comments(ws, capsys):
    ws.basic()
    assert run(["new", "entity", "Paris", "--type", "place", "--quote", "Paris", "--quote", "lives in Paris",
                "-w", str(ws.root)], capsys)[0] == 1  # "Paris" alone occurs twice: nothing written
    code, out, err = run(["new", "entity", "Paris", "--type", "place", "--quote", "in Paris on", "-w", str(ws.root)], capsys)
    assert code == 0, err
    text = (ws.root / "facts" / "entities" / "paris.yaml").read_text(encoding="utf-8")
    assert "\n# aliases:" in text and "\n# description:" in text and "    # note:" in text
    assert ws.problems() == []


def test_new_entity_id_is_unique_across_the_tree(ws, capsys):
    ws.basic()  # facts/alice.yaml exists, at the top of facts/
    code, out, _ = run(["new", "entity", "Alice", "--type", "person", "--quote", "Alice Smith is a painter", "-w", str(ws.root)], capsys)
    assert code == 0 and out.strip().endswith("facts/entities/alice-2.yaml")
    code, out, _ = run(["new", "entity", "ALICE", "--type", "person", "--quote", "Alice Smith lives", "-w", str(ws.root)], capsys)
    assert code == 0 and out.strip().endswith("facts/entities/alice-3.yaml")
    # Both check clean; being three cards named Alice, they get the same-name warning (a merge hint).
    found = ws.problems()
    assert not [p for p in found if ": error: " in p]
    assert found and all("is also the name of" in p or "is also an alias of" in p for p in found)


def test_new_entity_with_a_taken_id_writes_nothing(ws, capsys):
    ws.basic()
    before = tree(ws.root)
    code, out, err = run(["new", "entity", "Bob", "--id", "bob", "--type", "person", "--quote", "Bob said", "-w", str(ws.root)], capsys)
    assert code == 1 and out == ""
    assert "a card with the id 'bob' exists: facts/bob.yaml" in err
    code, _, err = run(["new", "entity", "Bob", "--id", "../escape", "-w", str(ws.root)], capsys)
    assert code == 1 and "cannot be an id" in err
    assert tree(ws.root) == before


def test_quote_not_found_prints_did_you_mean_and_writes_nothing(ws, capsys):
    ws.basic()
    before = tree(ws.root)
    code, out, err = run(["new", "entity", "Car", "--type", "vehicle", "--quote", "Alice gave Bob a red kar", "-w", str(ws.root)], capsys)
    assert code == 1 and out == ""
    assert 'did you mean "Alice\u00a0gave Bob a red car"' in err or 'did you mean "Alice gave Bob a red car"' in err
    assert "You typed 'kar', the source has 'car'." in err
    assert tree(ws.root) == before


def test_bad_type_is_refused_with_a_suggestion(ws, capsys):
    ws.basic()
    code, _, err = run(["new", "entity", "Paris", "--type", "Place", "-w", str(ws.root)], capsys)
    assert code == 1 and "did you mean 'place'?" in err


def test_new_entity_without_type_or_quote_leaves_them_to_fill_in(ws, capsys):
    ws.basic()
    code, out, err = run(["new", "entity", "Paris", "-w", str(ws.root)], capsys)
    # written as a template, but a card that fails the check is never a success (issue 13)
    assert code == 1 and out.strip().endswith("facts/entities/paris.yaml")
    assert "does not check clean yet" in err
    # The checker's own words, with the lines to go to.
    assert "paris.yaml:4:" in err and "`type` is empty" in err and "`quote` is empty" in err
    problems = ws.problems()
    assert len(problems) == 2 and all(p.startswith("facts/entities/paris.yaml") for p in problems)


def test_hostile_name_is_written_safely(ws, capsys):
    ws.basic()
    name = 'Evil "x" \\ y\nz \x1b[2J \u202e no'
    card = new_entity_card(ws.root, name, type="thing", quotes=["Alice Smith is a painter"])
    assert "\x1b" not in card.text and "\u202e" not in card.text
    create_card(card.path, card.text)
    base = ws.load()
    assert base.problems == [] and base.entities[card.id].name == name
    assert card.id == "evil-x-y-z-2j-no"


def test_invalid_text_is_refused_never_written(ws):
    ws.basic()
    with pytest.raises(AuthoringError):
        new_entity_card(ws.root, "bad \udcff bytes", type="thing", quotes=["Bob said"])  # undecodable argv


# --- factex new relation ------------------------------------------------------------------------


def test_new_relation_writes_a_card_that_checks_clean(ws, capsys):
    ws.basic()
    code, out, err = run(["new", "relation", "alice", "met", "bob", "--certainty", "reported", "--attribution", "bob",
                          "--qualifier", "place=Paris", "--qualifier", "date=March 3",
                          "--quote", "Alice Smith met Bob Jones in Paris on March 3", "-w", str(ws.root)], capsys)
    assert (code, err) == (0, "")
    path = ws.root / "facts" / "relations" / "alice-met-bob.yaml"
    assert out.strip().endswith("facts/relations/alice-met-bob.yaml")
    assert ws.problems() == []
    rel = ws.load().relations["alice-met-bob"]
    assert (rel.subject, rel.predicate, rel.object, rel.certainty, rel.attribution) == ("alice", "met", "bob", "reported", "bob")
    assert rel.qualifiers == {"place": "Paris", "date": "March 3"}
    assert schema_errors(path) == []


def test_new_relation_needs_existing_entities(ws, capsys):
    ws.basic()
    before = tree(ws.root)
    code, _, err = run(["new", "relation", "alicee", "met", "bob", "-w", str(ws.root)], capsys)
    assert code == 1 and "subject 'alicee' is not an entity id; did you mean 'alice' (Alice Smith)?" in err
    code, _, err = run(["new", "relation", "alice", "met", "Bob Jones", "-w", str(ws.root)], capsys)
    assert code == 1 and "did you mean 'bob' (Bob Jones)?" in err
    code, _, err = run(["new", "relation", "alice", "met", "alice-gave-bob-car", "-w", str(ws.root)], capsys)
    assert code == 1 and "is a relation, not an entity" in err
    code, _, err = run(["new", "relation", "alice", "met", "bob", "--attribution", "nobody", "-w", str(ws.root)], capsys)
    assert code == 1 and "attribution 'nobody'" in err
    code, _, err = run(["new", "relation", "alice", "met", "bob", "--qualifier", "nokey", "-w", str(ws.root)], capsys)
    assert code == 2 and "KEY=VALUE" in err
    assert tree(ws.root) == before


@pytest.mark.parametrize("role", ["subject", "object", "attribution"])
def test_new_relation_to_an_entity_not_carded_yet_says_how_to_card_it(ws, capsys, role):
    # "object 'reuters' is not an entity id" said nothing of what to do (a relation written before
    # the card of one of its entities, as a person goes through an article)
    from explorer.core.authoring import new_entity_card, write_card

    ws.basic()
    given = {"subject": "alice", "object": "bob", "attribution": "bob", role: "paris-police"}
    argv = ["new", "relation", given["subject"], "met", given["object"], "--attribution", given["attribution"],
            "--quote", "Alice Smith met Bob Jones in Paris", "-w", str(ws.root)]
    code, _, err = run(argv, capsys)
    assert code == 1 and (f"{role} 'paris-police' is not an entity id: no entity card has this id yet: card the "
                          "entity first (factex new entity NAME --id 'paris-police'), or correct the id") in err, err
    write_card(new_entity_card(ws.root, "Paris", type="organization", quotes=["Bob Jones in Paris"], id="paris-police"))
    code, _, err = run(argv, capsys)  # (as it says)
    assert code == 0, err


def test_new_relation_warnings_are_shown(ws, capsys):
    ws.basic()
    code, _, err = run(["new", "relation", "alice", "says", "bob", "--certainty", "reported", "--quote", "Bob said",
                        "-w", str(ws.root)], capsys)
    assert code == 0 and "warning: a reported fact should say who reports it" in err


def test_relation_api_reuses_a_loaded_base(ws):
    ws.basic()
    base = ws.load()
    card = new_relation_card(ws.root, "bob", "said something to", "alice", quotes=["Bob said"], base=base)
    assert card.rel == "facts/relations/bob-said-something-to-alice.yaml" and card.notes == []
    assert not card.path.exists()  # nothing is written until create_card
    create_card(card.path, card.text)
    assert ws.problems() == []


# --- create_card --------------------------------------------------------------------------------


def test_create_card_never_replaces_a_file(tmp_path):
    path = tmp_path / "facts" / "entities" / "x.yaml"
    create_card(path, "first\n")
    with pytest.raises(FileExistsError):
        create_card(path, "second\n")
    assert path.read_text() == "first\n"
    assert os.listdir(path.parent) == ["x.yaml"]  # no temporary file left behind


def test_create_card_without_hard_links(tmp_path, monkeypatch):
    def no_links(src, dst, **_):
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "x.yaml"
    create_card(path, "first\n")
    with pytest.raises(FileExistsError):
        create_card(path, "second\n")
    assert path.read_text() == "first\n" and os.listdir(tmp_path) == ["x.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask exist only on POSIX systems (Linux, macOS)")
def test_create_card_gives_ordinary_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    path = create_card(tmp_path / "x.yaml", "x\n")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# --- factex quote -------------------------------------------------------------------------------


def test_quote_found_with_line_paragraph_and_context(ws, capsys):
    ws.basic()
    code, out, _ = run(["quote", "It's the best car... ever.", str(ws.root)], capsys)  # straight quotes, three dots
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "seeds/article.txt:5:12: article line 5, paragraph 3" or lines[0].endswith(
        "article.txt:5:12: article line 5, paragraph 3")
    assert lines[1] == "  Bob said: \u201cIt\u2019s the best car\u2026 ever.\u201d The car cost $245,000."
    assert lines[2] == "1 occurrence in article"
    assert "\x1b" not in out  # not a terminal: no marking


def test_quote_lists_every_occurrence(ws, capsys):
    ws.basic()
    code, out, _ = run(["quote", "Alice Smith", str(ws.root)], capsys)
    assert code == 0
    heads = [line for line in out.splitlines() if not line.startswith("  ")]
    assert [h.split(": ", 1)[1] for h in heads[:-1]] == [
        "article line 3, paragraph 2", "article line 7, paragraph 4", "article line 7, paragraph 4"]
    assert heads[-1].startswith("3 occurrences in article: a card quoting it needs `occurrence: N`")


def test_quote_marks_the_span_on_a_terminal(ws, capsys, monkeypatch):
    ws.basic()
    from explorer.cli import options

    monkeypatch.setattr(options, "colour", lambda stream: True)
    code, out, _ = run(["quote", "red car", str(ws.root)], capsys)
    assert code == 0 and "Bob a \x1b[7mred car\x1b[27m \u2014 a gift." in out


def test_quote_not_found_shows_the_nearest_passage(ws, capsys):
    ws.basic()
    code, out, _ = run(["quote", "Alice gave Bob a blue car", str(ws.root)], capsys)
    assert code == 1
    assert out.startswith("not found in article; the nearest passage:\n")
    assert "article line 3, paragraph 2 (" in out and "% alike)" in out
    assert "you typed 'blue', the source has 'red'" in out
    code, out, _ = run(["quote", "zzzz qqqq xxxx", str(ws.root)], capsys)
    assert code == 1 and "no passage is close to it" in out


def test_quote_source_text_is_made_visible(ws, capsys):
    ws.source("evil.txt", "Title\n\nBefore \x1b]52;c;x\x07 the passage \u202e after.\n")
    ws.card("x.yaml", "kind: entity\nname: X\ntype: thing\nevidence: [Title]\n")
    code, out, _ = run(["quote", "the passage", str(ws.root)], capsys)
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\u241b]52;c;x\u2407 the passage \u27e8U+202E\u27e9 after." in out


def test_quote_usage_errors(ws, capsys):
    ws.basic()
    assert run(["quote", "  ", str(ws.root)], capsys)[0] == 2
    code, _, err = run(["quote", "Bob", str(ws.root), "--source", "artcle"], capsys)
    assert code == 2 and "did you mean 'article'?" in err


# --- the command line as a whole ----------------------------------------------------------------


@pytest.mark.parametrize("argv", [["new"], ["new", "entity"], ["new", "relation"], ["quote"], ["schema"], ["export"], ["check"]])
def test_every_subcommand_help_has_a_description_and_an_example(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert "example" in out and f"factex {' '.join(argv)}" in out


def test_the_command_line_offers_every_certainty():
    from explorer.cli import new
    from explorer.core.model import CERTAINTIES

    relation = new.parser()._subparsers._group_actions[0].choices["relation"]
    (certainty,) = [a for a in relation._actions if a.dest == "certainty"]
    assert tuple(certainty.choices) == CERTAINTIES


# --- one passage among several with the same words ------------------------------------------------


def test_new_entity_occurrence_pins_the_quote_given_before_it(ws, capsys, monkeypatch):
    ws.source("article.txt", "Title\n\nSo the mayor spoke. Later the mayor left.\n\nAgain the mayor returned.\n")
    monkeypatch.chdir(ws.root)
    code, out, err = run(["new", "entity", "Mayor", "--type", "person", "--quote", "the mayor"], capsys)
    assert code == 1 and out == "" and "occurs 3 times" in err and "give --occurrence N right after that --quote" in err
    assert "(at line:column 3:4, 3:27, 5:7)" in err
    assert tree(ws.root) == {}
    code, out, err = run(["new", "entity", "Mayor", "--type", "person", "--quote", "the mayor", "--occurrence", "3"],
                         capsys)
    assert (code, err) == (0, "")
    card = ws.load().entities["mayor"]
    anchor = card.evidence[0].anchor
    assert (anchor.line, anchor.column) == (5, 7)
    assert "    occurrence: 3" in (ws.root / out.strip()).read_text(encoding="utf-8")
    for bad in (["--occurrence", "2", "--quote", "the mayor"], ["--quote", "x", "--occurrence", "0"],
                ["--quote", "x", "--occurrence", "two"]):
        with pytest.raises(SystemExit) as exit_:
            main(["new", "entity", "M", *bad])
        assert exit_.value.code == 2
    capsys.readouterr()
    code, _, err = run(["new", "entity", "M", "--quote", "the mayor", "--occurrence", "4"], capsys)
    assert code == 1 and "occurrence 4 asked for, but the quote occurs 3 time(s)" in err


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["Kim met Putin.", "Putin met Kim.", "Kim met Putin again.", "Then Kim left."]),
                min_size=2, max_size=8),
       st.data())
def test_a_passage_is_pinned_to_itself_wherever_its_words_repeat(sentences, data):
    """Any whole-word span of a source gives an evidence item that the checker anchors at that
    very span: with `occurrence:` when its words stand there more than once."""
    from explorer.core.anchoring.anchor import anchor_quote
    from explorer.core.anchoring.sources import Source
    from explorer.core.authoring import pin_passage

    text = "Title\n\n" + " ".join(sentences) + "\n"
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    words = [m.span() for m in __import__("re").finditer(r"\w+", text)][1:]  # (not the title)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, min(len(words) - 1, i + 4)))
    start, end = words[i][0], words[j][1]
    item = pin_passage(source, start, end)
    occurrence = int(item["occurrence"]) if "occurrence" in item else None
    anchor = anchor_quote(item["quote"], [source], occurrence=occurrence).anchor
    assert anchor is not None and (anchor.start, anchor.end) == (start, end)


@pytest.mark.parametrize("typed, inside, words", [
    ("ice Smith", "it starts inside 'Alice'", "Alice Smith"),
    ("Alice Smi", "it ends inside 'Smith'", "Alice Smith"),
    ("\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926", "it ends inside '\u092e\u094b\u0926\u0940'",
     "\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940"),
    ("\u092e\u094b\u0926", "it ends inside '\u092e\u094b\u0926\u0940'", "\u092e\u094b\u0926\u0940"),
])
def test_quote_found_only_inside_words_says_so_as_check_does(ws, capsys, typed, inside, words):
    """`factex quote` said "no passage is close to it" of a quote that is in the source, inside a
    word (a Hindi name cut before its last vowel sign); it now says what `factex check` says."""
    ws.basic()
    ws.source("hindi.txt", "\u0936\u0940\u0930\u094d\u0937\u0915\n\n\u092a\u094d\u0930\u0927\u093e\u0928\u092e\u0902\u0924\u094d\u0930\u0940 "
              "\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940 \u0928\u0947 \u0915\u0939\u093e\u0964\n")
    code, out, _ = run(["quote", typed, str(ws.root)], capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("not found in ") and " as whole words: " + inside in first, out
    assert f'the whole words are "{words}"' in first
    assert "no passage is close" not in out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["\u0915", "\u0930", "\u094d", "\u0947", "\u0902", "\u093e", " ", "a", "e\u0301",
                                 "\u0628", "\u064e", "\u200c"]), min_size=150, max_size=300),
       st.integers(0, 1000))
def test_quote_context_is_not_cut_inside_a_letter(chars, at):
    """`factex quote` shows a passage's line cut to 60 characters each side: the cut never leaves a
    vowel sign, accent or joiner without its letter, nor splits a conjunct after its virama."""
    from explorer.core.anchoring.sources import Source
    from explorer.core.authoring import Passage, context

    def inside(i: int) -> bool:  # is text[i] drawn with text[i - 1]?
        return (unicodedata.category(text[i])[0] == "M" or "\u200c" in (text[i], text[i - 1])
                or unicodedata.combining(text[i - 1]) == 9)

    text = "x" + "".join(chars)
    start = 70 + at % (len(text) - 150)
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    before, _, after = context(Passage(source, start, start + 4, 1, 1, 1, 1))
    if before.startswith("\u2026"):
        assert not inside(start - len(before) + 1), before
    if after.endswith("\u2026"):
        assert not inside(start + 4 + len(after) - 1), after


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["\u5730", "\u30dc", "\u3002", "\uff08", "A", "1", " ", "\u0915\u093e", "\u0e01\u0e48",
                                 "e\u0301"]), min_size=160, max_size=260), st.integers(0, 1000))
def test_quote_context_is_cut_to_terminal_cells(parts, at):
    """`factex quote` cuts a passage's line to 60 terminal cells each side, not 60 characters: a
    line of Japanese (two cells a character) was printed twice as wide as a line of English."""
    from explorer.core.anchoring.sources import Source
    from explorer.core.authoring import Passage, context

    text = "x" + "".join(parts)
    start = 70 + at % (len(text) - 150)
    while unicodedata.category(text[start])[0] == "M":
        start += 1
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    before, _, after = context(Passage(source, start, start + 1, 1, 1, 1, 1))
    wcwidth = {c: 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.category(c) in ("Mn", "Me") else 1
               for c in text}
    assert sum(wcwidth[c] for c in before.lstrip("\u2026")) <= 60 + 2  # (a letter's marks stay with it)
    assert sum(wcwidth[c] for c in after.rstrip("\u2026")) <= 60 + 2
    if before.startswith("\u2026"):  # and a cut line is cut near its width, whatever the script
        assert sum(wcwidth[c] for c in before[1:]) >= 58


@pytest.mark.parametrize("given", ["kim.yaml", "kim.YML", "kim.yml"])
def test_an_id_given_as_a_file_name_is_refused_with_the_id(given, tmp_path):
    """`factex new ... --id kim.yaml` wrote facts/entities/kim.yaml.yaml; now it says what the id is."""
    from explorer.core.layout import check_id

    with pytest.raises(AuthoringError, match="did you mean 'kim'"):
        check_id(given)
    assert check_id("v1.2") == "v1.2"  # (a dot is still allowed in an id)


# What a card may have become since it was loaded, before `E` on a carded person's surname opens it
# at its `aliases:` (explorer.core.authoring.key_line): the app read it with Path.read_text, which
# blocked the app for good on a pipe and read /dev/zero through a link until memory ran out.
CARD_BECAME = {
    "pipe": lambda p: os.mkfifo(p),
    "link to /dev/zero": lambda p: os.symlink("/dev/zero", p),
    "link out": lambda p: os.symlink("/etc/passwd", p),
    "dangling link": lambda p: os.symlink("/nonexistent/x", p),
    "folder": lambda p: os.mkdir(p),
    "nothing": lambda p: None,
    "2 MB": lambda p: p.write_bytes(b"name: x\n" * (1 << 18)),
    "not UTF-8": lambda p: p.write_bytes(b"kind: entity\n\xff\xfe\nname: X\n"),
}


@pytest.mark.parametrize("became", sorted(CARD_BECAME))
def test_the_line_to_add_an_alias_at_is_read_without_blocking_or_following_a_link(tmp_path, became):
    import threading

    from explorer.core.authoring import key_line

    card = tmp_path / "facts" / "entities" / "kim.yaml"
    card.parent.mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    card.write_text("kind: entity\ntype: person\nname: Kim\naliases: [K]\n", encoding="utf-8")
    assert key_line(tmp_path, "facts/entities/kim.yaml") == 4
    card.unlink()
    CARD_BECAME[became](card)
    got = []
    reader = threading.Thread(target=lambda: got.append(key_line(tmp_path, "facts/entities/kim.yaml")), daemon=True)
    reader.start()
    reader.join(120)  # (a hang guard: it blocked for good on the pipe)
    assert got == [3 if became == "not UTF-8" else 1]
