"""Quotes in a workspace of several sources stay put: card-level `source:`, quotes found in several
sources placed deterministically, `factex new` pinning its source, `factex check` saying how."""

from __future__ import annotations

import json
import shutil

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.loading.corpus import name_key
from explorer.core.loading.loader import Loader

from conftest import REPO, SOURCE_TEXT


def anchors(base, card_id):
    return [ev.anchor.source for ev in base.card(card_id).evidence]


def test_card_level_source_is_inherited_and_a_quote_may_override_it(ws):
    ws.basic()
    ws.source("copy.txt", SOURCE_TEXT)
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nsource: copy\nevidence:\n"
                          "  - Alice Smith met Bob Jones\n  - quote: Alice Smith is a painter\n    source: article\n")
    base = ws.load()
    assert [p for p in base.problems if p.card == "alice"] == []
    assert anchors(base, "alice") == ["copy", "article"]
    assert [ev.resolved for ev in base.card("alice").evidence] == ["card", None]


def test_an_unknown_card_source_is_one_error_at_its_line(ws):
    ws.basic()
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nsource: artcle\nevidence:\n  - Alice Smith met Bob Jones\n")
    mine = [p.format() for p in ws.load().problems if p.card == "alice"]
    assert mine == ["facts/alice.yaml:4:9: error: unknown source 'artcle'; did you mean 'article'?"]


def test_a_quote_in_several_sources_goes_where_the_cards_other_quotes_are(ws):
    ws.basic()
    ws.source("other.txt", "Other Story\n\nAlice Smith met Bob Jones at a party. Nothing else happened.\n")
    # "Alice Smith met Bob Jones" is in both; "Alice Smith is a painter" only in article.
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n"
                          "  - Alice Smith met Bob Jones\n  - Alice Smith is a painter\n")
    # "Nothing else happened" is only in other: the shared quote follows it there.
    ws.card("party.yaml", "kind: entity\nname: The party\ntype: event\nevidence:\n"
                          "  - Alice Smith met Bob Jones\n  - Nothing else happened\n")
    base = ws.load()
    assert [p.format() for p in base.problems if p.card in ("alice", "party")] == []
    assert anchors(base, "alice") == ["article", "article"]
    assert anchors(base, "party") == ["other", "other"]
    assert base.card("alice").evidence[0].resolved == "card-quotes"


def test_an_unsettled_quote_is_taken_from_the_earliest_published_with_one_summary_warning_and_its_fix(ws):
    ws.basic()
    ws.source("article.yaml", "published: '2024-03-01'\n")
    ws.source("older.txt", SOURCE_TEXT)
    ws.source("older.yaml", "published: '2024-02-01'\n")
    base = ws.load()
    assert base.errors == []
    assert anchors(base, "bob") == ["older"]
    assert [p for p in base.problems if p.card is not None] == []  # the cards stay quiet: the choice is deterministic
    assert [p.format() for p in base.warnings] == [
        "seeds/article.txt:1:1: warning: 3 quotes of 3 cards (e.g. facts/alice-gave-bob-car.yaml) are also in article: taken "
        "from older, the earliest published. To take a card's quotes from article instead, add `source: article` to it"]
    # The fix it names works: pinned, the quote moves, and the warning counts one card less.
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\nsource: article\nevidence:\n  - Bob said\n")
    base = ws.load()
    assert anchors(base, "bob") == ["article"]
    assert [p.message.split(" (")[0] for p in base.warnings] == ["2 quotes of 2 cards"]


def test_adding_an_overlapping_revision_of_the_shipped_article_breaks_no_card(tmp_path):
    shutil.copytree(REPO / "facts", tmp_path / "facts")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    before = Loader(tmp_path, use_cache=False).load()
    assert before.errors == []
    text = (REPO / "seeds" / "kim-aurus-gift.txt").read_text(encoding="utf-8")
    revision = text.replace("Pal Putin", "Pal Putin (Updated)", 1).replace(
        "In the meantime,", "UPDATE: KCNA has since shown the car.\n\nIn the meantime,")
    (tmp_path / "seeds" / "kim-aurus-gift-updated.txt").write_text(revision, encoding="utf-8")
    (tmp_path / "seeds" / "kim-aurus-gift-updated.yaml").write_text("published: '2024-02-21'\n", encoding="utf-8")
    after = Loader(tmp_path, use_cache=False).load()
    assert after.errors == []
    assert set(after.entities) == set(before.entities) and set(after.relations) == set(before.relations)
    for card in (*after.entities.values(), *after.relations.values()):
        old = before.card(card.id)
        assert [ev.anchor for ev in card.evidence] == [ev.anchor for ev in old.evidence], card.id
    # Not one warning per card: one, on the revision, saying how many quotes were taken from where.
    assert [(p.file, p.line) for p in after.warnings] == [("seeds/kim-aurus-gift-updated.txt", 1)]
    (warning,) = after.warnings
    assert "taken from kim-aurus-gift, the earliest published" in warning.message
    assert "add `source: kim-aurus-gift-updated` to it" in warning.message
    n = sum(1 for c in (*after.entities.values(), *after.relations.values()) if any(ev.resolved == "earliest" for ev in c.evidence))
    assert n > 100 and f"of {n} cards" in warning.message


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=8), st.booleans())
def test_adding_any_revision_never_adds_an_error(tmp_path_factory, picks, reorder):
    """A revision made of some of the article's paragraphs, repeated or reordered, added to a
    workspace whose cards check clean: still no error, every card still valid."""
    from conftest import Workspace

    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.basic()
    before = ws.load()
    paragraphs = [p for p in SOURCE_TEXT.split("\n\n") if p.strip()]
    chosen = [paragraphs[i % len(paragraphs)] for i in picks]
    if reorder:
        chosen.reverse()
    ws.source("revision.txt", "\n\n".join(["A Revision", *chosen]) + "\n")
    after = ws.load()
    assert after.errors == []
    assert set(after.entities) == set(before.entities) and set(after.relations) == set(before.relations)


def test_factex_new_pins_the_source_when_there_are_several(ws, capsys):
    ws.basic()
    assert main(["new", "entity", "Bob Jones", "--type", "person", "--quote", "Bob said", "--id", "bob2", "-w", str(ws.root)]) == 0
    assert "\nsource:" not in (ws.root / "facts" / "entities" / "bob2.yaml").read_text()  # one source: nothing to pin
    ws.source("second.txt", "Second\n\nCarol Danvers flew to Rome.\n")
    assert main(["new", "entity", "Carol Danvers", "--type", "person", "--quote", "Carol Danvers flew", "-w", str(ws.root)]) == 0
    text = (ws.root / "facts" / "entities" / "carol-danvers.yaml").read_text()
    assert "\nsource: second\nevidence:" in text
    capsys.readouterr()
    # Later, a revision repeating the sentence: the pinned card stays where it was, with no warning.
    ws.source("third.txt", "Third\n\nCarol Danvers flew to Rome.\n")
    base = ws.load()
    assert [p for p in base.problems if p.card == "carol-danvers"] == []
    assert anchors(base, "carol-danvers") == ["second"]


def test_check_says_how_quote_sources_were_chosen(ws, capsys):
    ws.basic()
    ws.source("copy.txt", SOURCE_TEXT)
    assert main(["check", str(ws.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("Quote sources: 3 quotes were in several sources and were taken from the earliest published")
    assert out[-1][0].isdigit()
    assert main(["check", str(ws.root), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["quote_sources"] == {"card": 0, "card-quotes": 0, "earliest": 3}


# -- one real thing, carded twice ----------------------------------------------------------------


def test_two_entities_sharing_a_name_or_alias_are_a_warning_naming_both_files(ws):
    ws.basic()
    ws.card("places/paris.yaml", "kind: entity\nname: Paris\ntype: place\nevidence: [in Paris on March 3]\n")
    ws.card("other/city.yaml", "kind: entity\nname: City of light\ntype: place\naliases: [PARIS]\nevidence: [Alice Smith lives in Paris]\n")
    ws.card("people/alice2.yaml", "kind: entity\nname: alice  SMITH\ntype: person\nevidence: [Alice Smith is a painter]\n")
    base = ws.load()
    assert base.errors == []
    found = [p.format() for p in base.warnings]
    assert ("facts/people/alice2.yaml:2:7: warning: name 'alice  SMITH' is also the name of alice (facts/alice.yaml): "
            "if they are one real thing, merge the two cards into one (its evidence may come from several sources); "
            "if not, give each a different `same_as:` (e.g. a Wikidata id)") in found
    assert any(p.startswith("facts/places/paris.yaml:") and "'Paris' is also an alias of city (facts/other/city.yaml)" in p
               and "drop the alias" in p for p in found), found
    assert len(found) == 2
    # Cards that say they are different things are not paired; cards that say they are one are.
    ws.card("places/paris.yaml", "kind: entity\nname: Paris\ntype: place\nsame_as: Q90\nevidence: [in Paris on March 3]\n")
    ws.card("other/city.yaml", "kind: entity\nname: City of light\ntype: place\nsame_as: Q167646\naliases: [PARIS]\nevidence: [Alice Smith lives in Paris]\n")
    assert not [p for p in ws.load().warnings if "paris" in p.file or "city" in p.file]
    ws.card("other/city.yaml", "kind: entity\nname: City of light\ntype: place\nsame_as: Q90\nevidence: [Alice Smith lives in Paris]\n")
    found = [p.format() for p in ws.load().warnings]
    assert any("`same_as: Q90` is also on " in p and "merge them into one" in p for p in found), found


@pytest.mark.parametrize("a, b", [
    ("Workers' Party of Korea", "Workers\u2019 Party of Korea"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("Pyongyang", "Py\u014fngyang"),
    ("U.N.", "u n"),
])
def test_names_compare_folded(a, b):
    assert name_key(a) == name_key(b)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.text(st.sampled_from("aZk09 -_.'\t\u2019\u2013\u00e9\u0301\u014f\u00df\u0130\u1e9e\uff21\u00bd\u0416\u4eac\u200d"), max_size=20))
def test_a_name_key_the_quick_way_is_the_general_ways(name):
    from explorer.core.loading.corpus import _name_key
    from explorer.core.text import fold

    assert name_key.__wrapped__(name) == _name_key(fold(name))


def test_same_as_is_exported(ws):
    ws.basic()
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nsame_as: Q1\nevidence: [Alice Smith met Bob Jones]\n")
    data = ws.load().to_json()
    assert {e["id"]: e["same_as"] for e in data["entities"]} == {"alice": "Q1", "bob": None}


def test_the_shipped_fact_base_fixes():
    base = Loader(REPO, use_cache=False).load()
    assert base.problems == []  # no same-name warning left either
    assert "Pyongyang" not in base.entities["north-korea"].aliases
    opportunity = base.relations["russias-need-for-weapons-gave-north-korea-sanctions-opportunity"]
    assert opportunity.subject == "russia" and "desperate need for weaponry" in opportunity.evidence[0].quote
    fired = base.relations["russia-fired-north-korean-ballistic-missiles"]
    assert "date" not in fired.qualifiers and fired.qualifiers["confirmed"] == "January"
    for rel_id in ("kim-yo-jong-received-aurus", "pak-jong-chon-received-aurus"):
        assert base.relations[rel_id].object == "kim-jong-un"
    thanks = base.relations["kim-yo-jong-conveyed-kim-thanks-to-putin"]
    assert thanks.object == "russia" and thanks.qualifiers["thanked"] == "vladimir-putin"
    assert base.entities["maybach"].type == "organization"
    source = base.sources["kim-aurus-gift"]
    for ev in base.entities["vladimir-putin"].evidence:
        assert "Putin" in source.text[ev.anchor.start : ev.anchor.end]


# -- corroboration -----------------------------------------------------------------------------------


def corroborated(ws):
    ws.basic()
    ws.source("wire.txt", "Wire Story\n\nAlice gave Bob a red car, the agency said. Carol saw it.\n")
    ws.card("alice-gave-bob-car.yaml", "kind: relation\nsubject: alice\npredicate: gave a red car to\nobject: bob\n"
                                       "evidence:\n  - quote: Alice gave Bob a red car \u2014 a gift\n"
                                       "  - quote: Alice gave Bob a red car, the agency said\n")
    ws.card("bob-said.yaml", "kind: relation\nsubject: bob\npredicate: praised the car of\nobject: alice\n"
                             "evidence: [\"Bob said: \u201cIt\u2019s the best car\"]\n")
    return ws.load()


def test_how_many_sources_back_a_fact_is_counted_shown_and_exported(ws):
    base = corroborated(ws)
    assert base.errors == []
    assert base.relations["alice-gave-bob-car"].backing_sources == ["article", "wire"]
    assert base.relations["bob-said"].backing_sources == ["article"]
    data = {r["id"]: r for r in base.to_json()["relations"]}
    assert data["alice-gave-bob-car"]["sources"] == ["article", "wire"] and data["bob-said"]["sources"] == ["article"]
    from explorer.core.export import export

    rows = export(base, "csv").splitlines()
    assert rows[0].endswith(",file,source_count")
    assert all(r.endswith(",2") for r in rows[1:] if r.startswith("alice-gave-bob-car,"))
    assert "e_source_count" in export(base, "graphml") and "[2 sources]" in export(base, "dot")
    from explorer.app.render import evidence_blocks, relation_row

    assert relation_row(base, base.relations["alice-gave-bob-car"])[1].plain == "2 sources"
    assert relation_row(base, base.relations["bob-said"])[1].plain == "1 source"
    assert "backed by 2 sources: A Test Article, Wire Story" in evidence_blocks(base, base.relations["alice-gave-bob-car"]).plain


def test_search_filters_by_how_many_sources_back_a_fact(ws):
    from explorer.core.search import QueryError, SearchIndex

    index = SearchIndex(corroborated(ws))
    ids = lambda q: {h.card for h in index.search(q, kinds={"relation"}).hits}  # noqa: E731
    assert ids("sources:>1") == {"alice-gave-bob-car"}
    assert ids("sources:1") == {"bob-said"}
    assert ids("sources:1,2") == {"alice-gave-bob-car", "bob-said"}
    assert ids("!sources:1") == {"alice-gave-bob-car"}
    assert ids("sources:>5") == set()
    with pytest.raises(QueryError, match="sources:1 or sources:>1"):
        index.search("sources:many")
