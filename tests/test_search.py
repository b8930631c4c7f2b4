"""The search engine (`explorer.core.search`) and `factex search`."""

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.search import Hit, QueryError, Results, SearchIndex, parse_query
from explorer.core.loading.loader import Loader

from conftest import REPO


@pytest.fixture(scope="module")
def article():
    """The index of the shipped workspace (the Kim Jong Un article), built once."""
    base = Loader(REPO).load()
    assert not base.errors
    return SearchIndex(base)


def spelled(hit: Hit) -> str:
    return "".join(hit.text[i] for i in hit.positions)


def ids(results: Results, kind: str | None = None) -> list:
    return [h.card for h in results.hits if kind is None or h.kind == kind]


# -- ranking on the article's facts ---------------------------------------------------------------


def test_peskov_puts_dmitry_peskov_first(article):
    results = article.search("peskov")
    first = results.hits[0]
    assert (first.kind, first.card, first.text) == ("entity", "dmitry-peskov", "Dmitry Peskov")
    assert spelled(first) == "Peskov"


def test_kcna_finds_the_agency_and_the_relations_it_is_cited_for(article):
    base = article.base
    results = article.search("kcna", limit=500)
    assert results.hits[0].card == "kcna" and results.hits[0].kind == "entity"
    attributed = {r.id for r in base.relations.values() if r.attribution == "kcna"}
    assert len(attributed) >= 3
    found = set(ids(results, "relation"))
    assert attributed <= found
    # the relations come right after the agency, above ones that merely spell k-c-n-a somewhere
    relations = [h for h in results.hits if h.kind == "relation"]
    top = {h.card for h in relations[: len(attributed)]}
    assert top <= attributed | {"kcna-official-news-agency-of-north-korea", "kcna-first-highlighted-aurus-gift"}
    hit = next(h for h in relations if h.card in attributed)
    assert "Korean Central News Agency" in hit.detail


def test_type_person_kim_ranks_the_four_kims_first_and_shows_only_persons(article):
    base = article.base
    results = article.search("type:person kim")
    kims = {"kim-jong-un", "kim-yo-jong", "kim-jong-il", "kim-il-sung"}
    assert {h.card for h in results.hits[:4]} == kims
    assert all(h.kind == "entity" and base.entities[h.card].type == "person" for h in results.hits)
    assert min(h.score for h in results.hits[:4]) > max(h.score for h in results.hits[4:])
    assert results.total == len(results.hits) == results.counts["entity"]
    # the others matched through their description, and say so
    assert all("description:" in h.detail or "alias:" in h.detail for h in results.hits[4:])


def test_results_are_grouped_in_kind_order_and_counted(article):
    results = article.search("aurus", limit=40)
    groups = results.groups()
    assert list(groups) == ["entity", "relation", "quote", "passage"]
    assert sum(len(v) for v in groups.values()) == len(results.hits) == 40
    assert results.total == sum(results.counts.values()) > 40
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    for kind, hits in groups.items():
        assert all(h.kind == kind for h in hits)


def test_hits_carry_what_the_app_needs(article):
    base = article.base
    results = article.search("luxury car collection", limit=200)
    quote = next(h for h in results.hits if h.kind == "quote")
    card = base.card(quote.card)
    ev = card.evidence[quote.evidence]
    assert (quote.source, quote.start, quote.end) == (ev.anchor.source, ev.anchor.start, ev.anchor.end)
    assert quote.detail.startswith(quote.card)
    passage = next(h for h in results.hits if h.kind == "passage")
    text = base.sources[passage.source].text
    assert passage.card is None and passage.evidence is None
    assert " ".join(text[passage.start : passage.end].split()) == passage.text
    assert passage.detail.startswith(f"{passage.source}:")
    relation = next(h for h in results.hits if h.kind == "relation")
    assert relation.text == base.sentence(base.relations[relation.card])
    assert relation.source is relation.start is relation.evidence is None


def test_an_alias_match_says_so(article):
    results = article.search("north korean premier", kinds={"entity"})
    hit = results.hits[0]
    assert hit.card == "kim-jong-un"
    assert hit.positions == ()
    assert "alias: the North Korean premier" in hit.detail


# -- matching ---------------------------------------------------------------------------------------


@pytest.fixture
def small(ws):
    """A workspace made for the operators: names, a relation with attribution, typography."""
    ws.source("news.txt", (
        "Harbour Notes\n"
        "\n"
        "Alice Smith met Bob Jones in Pyŏngyang on March 3. Alice\u00a0gave Bob a red scarf.\n"
        "\n"
        "Bob\u2019s cardigan is blue. The Daily Courier reported that Alice sold the card shop to Carol.\n"
        "\n"
        "Carol Smithers may own a boat.\n"
    ))
    ws.card("alice.yaml", """
        kind: entity
        name: Alice Smith
        type: person
        aliases: [Ali]
        description: A painter from the coast.
        evidence: [Alice Smith met Bob Jones]
    """)
    ws.card("bob.yaml", """
        kind: entity
        name: Bob Jones
        type: person
        evidence: [Bob Jones in]
    """)
    ws.card("carol.yaml", """
        kind: entity
        name: Carol Smithers
        type: person
        evidence: [Carol Smithers may own]
    """)
    ws.card("courier.yaml", """
        kind: entity
        name: The Daily Courier
        type: media
        evidence: [The Daily Courier]
    """)
    ws.card("pyongyang.yaml", """
        kind: entity
        name: Pyongyang
        type: place
        evidence: [Pyŏngyang]
    """)
    ws.card("shop.yaml", """
        kind: entity
        name: card shop
        type: organization
        evidence: [the card shop]
    """)
    ws.card("alice-sold-shop.yaml", """
        kind: relation
        subject: alice
        predicate: sold
        object: shop
        qualifiers:
          buyer: carol
        certainty: reported
        attribution: courier
        evidence:
          - quote: Alice sold the card shop to Carol
            note: the Courier's words
    """)
    ws.card("carol-owns-boat.yaml", """
        kind: relation
        subject: carol
        predicate: may own a boat, says
        object: bob
        certainty: hedged
        evidence: [Carol Smithers may own a boat]
    """)
    base = ws.load()
    assert not base.errors, [p.format() for p in base.problems]
    return SearchIndex(base)


def texts(results, kind=None):
    return [h.text for h in results.hits if kind is None or h.kind == kind]


def test_fuzzy_letters_in_order(small):
    assert "Alice Smith" in texts(small.search("alsmi"))
    assert "Alice Smith" not in texts(small.search("htims"))
    hit = next(h for h in small.search("alsmi").hits if h.text == "Alice Smith")
    assert spelled(hit).lower() == "alsmi"


def test_word_starts_and_runs_rank_higher(small):
    # "smith": a whole word in Alice Smith, a word start in Carol Smithers
    hits = small.search("smith", kinds={"entity"}).hits
    assert [h.text for h in hits[:2]] == ["Alice Smith", "Carol Smithers"]
    # "csmi": the initials of Carol Smithers and a run beat the c inside Alice
    hits = small.search("csmi", kinds={"entity"}).hits
    assert [h.text for h in hits] == ["Carol Smithers", "Alice Smith"]
    assert hits[0].positions == (0, 6, 7, 8)


def test_smart_case(small):
    assert "Alice Smith" in texts(small.search("alice"))
    assert "Alice Smith" in texts(small.search("Alice"))
    assert "Alice Smith" not in texts(small.search("ALICE"))
    assert small.search("aLICE").total == 0


def test_all_terms_must_match_possibly_in_different_fields(small):
    results = small.search("alice painter", kinds={"entity"})
    assert texts(results) == ["Alice Smith"]
    assert "description: A painter from the coast." in results.hits[0].detail
    assert small.search("alice zebra").total == 0


def test_exact_prefix_suffix_and_boundary(small):
    fuzzy = texts(small.search("crd", kinds={"entity"}))
    assert "card shop" in fuzzy
    assert small.search("'crd").total == 0
    assert texts(small.search("'card", kinds={"entity"})) == ["card shop"]
    assert "card shop" in texts(small.search("^card", kinds={"entity"}))
    assert "The Daily Courier" not in texts(small.search("^courier", kinds={"entity"}))
    assert texts(small.search("courier$", kinds={"entity"})) == ["The Daily Courier"]
    assert texts(small.search("^bob\\ jones$", kinds={"entity"})) == ["Bob Jones"]
    assert small.search("^bob$", kinds={"entity"}).total == 0
    # 'word' matches at word boundaries only: not in "cardigan", "scarf"
    boundary = texts(small.search("'card'", kinds={"passage"}))
    assert boundary and all("card shop" in t for t in boundary)
    plain = texts(small.search("'card", kinds={"passage"}))
    assert any("cardigan" in t for t in plain)


def test_negation_excludes_records_whose_text_has_the_word(small):
    results = small.search("smith !carol", kinds={"entity"})
    assert texts(results) == ["Alice Smith"]
    # it is exact, like fzf: !crl does not exclude Carol
    assert "Carol Smithers" in texts(small.search("smith !crl", kinds={"entity"}))
    # negation alone lists everything else
    everything = small.search("!zzz", kinds={"entity"}, limit=100)
    assert everything.total == 6
    assert "Bob Jones" not in texts(small.search("!bob", kinds={"entity"}))
    # !^ and !$
    assert "Bob Jones" not in texts(small.search("!^bob", kinds={"entity"}))
    assert "Bob Jones" not in texts(small.search("!jones$", kinds={"entity"}))
    assert "Bob Jones" in texts(small.search("!^jones", kinds={"entity"}))


def test_or(small):
    results = small.search("^bob | ^carol", kinds={"entity"})
    assert sorted(texts(results)) == ["Bob Jones", "Carol Smithers"]
    # OR binds tighter than AND: (alice | bob) and jones
    assert texts(small.search("alice | bob jones$", kinds={"entity"})) == ["Bob Jones"]
    # an alternative may be negated
    assert "Alice Smith" in texts(small.search("!alice | smith", kinds={"entity"}))
    assert "Bob Jones" in texts(small.search("!alice | smith", kinds={"entity"}))


def test_filters(small):
    base = small.base
    persons = small.search("type:person", limit=100)
    assert sorted(texts(persons)) == ["Alice Smith", "Bob Jones", "Carol Smithers"]
    assert persons.total == 3 and all(h.score == 0 for h in persons.hits)
    assert texts(small.search("type:person,place", limit=100), "entity") == ["Alice Smith", "Bob Jones", "Carol Smithers", "Pyongyang"]
    assert "Alice Smith" not in texts(small.search("!type:person", limit=100))
    hedged = small.search("certainty:hedged", limit=100)
    assert {(h.kind, h.card) for h in hedged.hits} == {("relation", "carol-owns-boat"), ("quote", "carol-owns-boat")}
    by = small.search("by:courier", limit=100)
    assert {(h.kind, h.card) for h in by.hits} == {("relation", "alice-sold-shop"), ("quote", "alice-sold-shop")}
    # by: takes the entity's name too
    assert small.search("by:the\\ daily\\ courier").total == by.total
    assert small.search("kind:relation sold").hits[0].card == "alice-sold-shop"
    assert {h.kind for h in small.search("kind:quote,passage alice", limit=100).hits} == {"quote", "passage"}
    assert {h.kind for h in small.search("!kind:passage alice", limit=100).hits} == {"entity", "relation", "quote"}
    source = small.search("source:news", limit=100)
    assert source.total == len(base.entities) + len(base.relations) + sum(
        len(c.evidence) for c in (*base.entities.values(), *base.relations.values())) + source.counts["passage"]
    assert source.counts["passage"] >= 5
    # filters and terms together, and the kinds argument
    assert texts(small.search("type:person ^c")) == ["Carol Smithers"]
    assert small.search("alice", kinds={"passage"}).counts["entity"] == 0


def test_a_listing_with_filters_follows_the_article(small):
    passages = small.search("kind:passage", limit=100).hits
    assert [h.start for h in passages] == sorted(h.start for h in passages)
    assert passages[0].text == "Harbour Notes"
    entities = texts(small.search("kind:entity", limit=100))
    assert entities == sorted(entities, key=str.casefold)


def test_other_fields_are_searched(small):
    # qualifiers (by the linked entity's name), the attribution, quote notes, entity types
    assert small.search("buyer carol", kinds={"relation"}).hits[0].card == "alice-sold-shop"
    assert "qualifier: buyer: Carol Smithers" in small.search("buyer", kinds={"relation"}).hits[0].detail
    assert small.search("buyer\\: carol", kinds={"relation"}).total == 1
    hit = small.search("daily courier", kinds={"relation"}).hits[0]
    assert hit.card == "alice-sold-shop" and "by The Daily Courier" in hit.detail
    note = small.search("'courier's words", kinds={"quote"}).hits[0]
    assert note.card == "alice-sold-shop" and "note: the Courier's words" in note.detail
    assert sorted(texts(small.search("^media$", kinds={"entity"}))) == ["The Daily Courier"]


def test_empty_query_gives_nothing(small):
    for q in ("", "   ", "\u200b"):
        results = small.search(q)
        assert results.hits == [] and results.total == 0


def test_limit(small):
    results = small.search("a", limit=3)
    assert len(results.hits) == 3 and results.total > 3
    assert small.search("a", limit=0).hits == []


# -- typography and accents -------------------------------------------------------------------------


def test_straight_apostrophe_finds_curly(article):
    results = article.search("'Russia's urgent", limit=100)
    passage = next(h for h in results.hits if h.kind == "passage")
    assert "Russia\u2019s urgent" in passage.text
    assert spelled(passage) == "Russia\u2019surgent"  # two terms: the space is not highlighted
    exact = article.search("'Russia's", limit=100).hits
    for hit in exact:
        assert spelled(hit) in ("Russia's", "Russia\u2019s") or "Russia's" in hit.detail
    assert any(spelled(h) == "Russia\u2019s" for h in exact)


def test_a_space_finds_a_non_breaking_space(article):
    text = article.base.sources["kim-aurus-gift"].text
    assert "In 2018,\u00a0Trump famously" in text
    results = article.search("In 2018, Trump famously", kinds={"passage"})
    assert results.total == 1 and "Trump famously" in results.hits[0].text
    exact = article.search("'In\\ 2018,\\ Trump\\ famously")
    assert exact.total >= 2  # the passage and the quotes
    for hit in exact.hits:
        assert spelled(hit) == hit.text[hit.positions[0] : hit.positions[-1] + 1]
        assert spelled(hit).replace("\u00a0", " ") == "In 2018, Trump famously"


def test_accents_fold_both_ways(small):
    assert "Pyongyang" in texts(small.search("Pyŏngyang", kinds={"entity"}))
    results = small.search("'pyongyang", kinds={"passage"})
    assert results.total == 1
    hit = results.hits[0]
    assert spelled(hit) == "Pyŏngyang"


def test_typography_in_the_query_folds_too(small):
    assert small.search("'bob\u2019s").total == small.search("'bob's").total >= 1
    assert small.search("'Bob's cardigan", kinds={"passage"}).hits[0].text.startswith("Bob\u2019s cardigan")


# -- highlights -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["peskov", "kcna", "aurus senat", "kju", "putin", "'missile", "^kim", "limousine$", "nk"])
def test_highlights_spell_the_query(article, query):
    results = article.search(query, limit=100)
    assert results.hits
    letters = query.replace("'", "").replace("^", "").replace("$", "").replace(" ", "").lower()
    checked = 0
    for hit in results.hits:
        assert list(hit.positions) == sorted(set(hit.positions))
        assert all(0 <= i < len(hit.text) for i in hit.positions)
        if not hit.positions:
            continue  # matched in another field, which `detail` names
        got = spelled(hit).lower()
        if " " not in query:
            assert got == letters, (query, hit.text, hit.positions)
        else:
            # letters of every term, each term in order
            it = iter(got)
            assert all(any(c == g for g in it) for c in letters) or set(letters) >= set(got)
        checked += 1
    assert checked


def test_highlight_of_a_prefix_query_is_at_the_start(article):
    for hit in article.search("^kim", limit=50).hits:
        if hit.positions:
            assert hit.positions == (0, 1, 2)


# -- malformed queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("query, words", [
    ("!", "lone `!`"),
    ("kim !", "lone `!`"),
    ("'", "lone `'`"),
    ("^", "lone `^`"),
    ("$", "lone `$`"),
    ("| kim", "`|`"),
    ("kim |", "`|`"),
    ("kim | | jong", "`|`"),
    ("type:person | kim", "`|`"),
    ("foo:bar", "unknown field 'foo:'"),
    ("typ:person", "did you mean 'type:'"),
    ("certainty:maybe", "unknown certainty 'maybe'"),
    ("certainty:hedge", "did you mean 'hedged'"),
    ("kind:people", "unknown kind"),
    ("type:", "needs a value"),
])
def test_malformed_queries_get_a_hint(small, query, words):
    with pytest.raises(QueryError) as exc:
        small.search(query)
    assert words in exc.value.hint
    assert isinstance(exc.value, ValueError)
    assert exc.value.position is None or 0 <= exc.value.position < len(query)
    assert "\n" not in exc.value.hint and len(exc.value.hint) < 200


def test_unknown_field_hint_lists_the_fields(small):
    with pytest.raises(QueryError) as exc:
        parse_query("kim foo:bar")
    assert exc.value.position == 4
    for field in ("type:", "certainty:", "by:", "source:", "kind:"):
        assert field in exc.value.hint


@pytest.mark.parametrize("query, words", [
    ("type:persn", "did you mean 'person'"),
    ("source:nws", "unknown source 'nws'"),
    ("by:nobody", "no entity 'nobody' for `by:`"),
])
def test_filter_values_that_name_nothing(small, query, words):
    with pytest.raises(QueryError) as exc:
        small.search(query)
    assert words in exc.value.hint


def test_escapes_make_operators_literal(small):
    assert parse_query("\\!alice").groups[0][0].negate is False
    assert small.search("'\\$245") is not None
    q = parse_query("foo\\:bar")  # not a field
    assert q.groups[0][0].text == "foo:bar" and not q.filters
    assert parse_query("'foo:bar").groups[0][0].mode == "exact"


def test_parse_query_structure():
    q = parse_query("Kim 'jong ^a b$ ^c$ !d !^e !'f g | h type:person,place !kind:quote 'x'")
    modes = [[(t.mode, t.negate, t.text) for t in g] for g in q.groups]
    assert modes == [
        [("fuzzy", False, "Kim")], [("exact", False, "jong")], [("prefix", False, "a")],
        [("suffix", False, "b")], [("equal", False, "c")], [("exact", True, "d")],
        [("prefix", True, "e")], [("fuzzy", True, "f")], [("fuzzy", False, "g"), ("fuzzy", False, "h")],
        [("boundary", False, "x")],
    ]
    assert q.groups[0][0].case_sensitive and not q.groups[1][0].case_sensitive
    assert [(f.field, f.values, f.negate) for f in q.filters] == [
        ("type", ("person", "place"), False), ("kind", ("quote",), True)]


# -- speed: the pathological queries finish (no timing asserted) -------------------------------------


def test_pathological_queries_finish(ws):
    para = ("Aaron and Anna sat at a table as a band played a bar, and an alarm rang at a " * 40).strip()
    ws.source("long.txt", "Long\n\n" + para + "\n\n" + ("e " * 3000) + "end.\n")
    ws.card("aaron.yaml", f"""
        kind: entity
        name: Aaron
        type: person
        evidence:
          - quote: {para[:para.rfind(" ", 0, 1500)]}
            occurrence: 1
    """)
    index = SearchIndex(ws.load())
    for query in ("aaaaaaa", "eeeeeee", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
                  "a a a a a a a", "'aaaaaaa", "!aaaaaaa", "e | a | b", "ababababababababab"):
        results = index.search(query, limit=20)
        assert isinstance(results, Results)
    # letters scattered over prose are no match; words in a row are
    assert index.search("aaaaaaa").total == 0
    assert index.search("aaronand").counts["passage"] >= 1


def test_build_is_not_quadratic(ws):
    # hundreds of cards build in well under the time a quadratic build would take
    sentences = [f"Person{n} Surname{n} met Other{n} in Town{n}." for n in range(400)]
    ws.source("many.txt", "Many\n\n" + " ".join(sentences) + "\n")
    for n in range(400):
        ws.card(f"p{n}.yaml", f"kind: entity\nname: Person{n} Surname{n}\ntype: person\nevidence: [Person{n} Surname{n} met]\n")
    base = ws.load()
    t = time.perf_counter()
    index = SearchIndex(base)
    elapsed = time.perf_counter() - t
    assert elapsed < 5
    assert index.search("person123 surname123").hits[0].card == "p123"


# -- factex search ----------------------------------------------------------------------------------


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_grouped_results(small, ws, capsys):
    code, out, err = run(["search", "alice", str(ws.root)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Entities (")
    assert "  Alice Smith  person" in lines
    assert any(line.startswith("Quotes (") for line in lines)
    assert any(line.startswith("Article passages (") for line in lines)
    assert "\x1b" not in out  # not a terminal: plain


def test_cli_exit_codes(small, ws, capsys, monkeypatch):
    assert run(["search", "zzqqxx", str(ws.root)], capsys)[0] == 1
    code, out, err = run(["search", "foo:bar", str(ws.root)], capsys)
    assert code == 2 and "unknown field" in err and out == ""
    code, out, err = run(["search", "!", str(ws.root)], capsys)
    assert code == 2 and "lone" in err
    assert run(["search", "alice", str(ws.root / "nope")], capsys)[0] == 2
    assert run(["search", "  ", str(ws.root)], capsys)[0] == 2
    monkeypatch.chdir(ws.root / "facts")
    assert run(["search", "type:person"], capsys)[0] == 0
    with pytest.raises(SystemExit) as exc:
        main(["search", "alice", "--kind", "people"])
    assert exc.value.code == 2


def test_cli_kind_and_limit(small, ws, capsys):
    code, out, _ = run(["search", "a", str(ws.root), "--kind", "entity", "--limit", "2"], capsys)
    assert code == 0
    body = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(body) == 2
    assert "Relations" not in out and "matches shown" in out


def test_cli_json(small, ws, capsys):
    code, out, _ = run(["search", "alice", str(ws.root), "--format", "json", "--kind", "entity,relation"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "alice" and data["total"] >= 2
    first = data["results"][0]
    assert set(first) >= {"kind", "card", "evidence", "source", "start", "end", "text", "detail", "positions", "score"}
    assert first["card"] == "alice" and first["positions"] == [0, 1, 2, 3, 4]
    assert {r["kind"] for r in data["results"]} <= {"entity", "relation"}
    code, out, _ = run(["search", "zzqqxx", str(ws.root), "--format", "json"], capsys)
    assert code == 1 and json.loads(out)["results"] == []


def test_cli_never_prints_escape_sequences(ws, capsys, monkeypatch):
    ws.basic()
    ws.card("evil.yaml", 'kind: entity\nname: "\\e[2JEvil \\e]52;c;cHduZWQ=\\a Corp"\ntype: organization\n'
                         'aliases: ["\\e[31mred"]\nevidence: [Bob said]\n')
    assert not ws.load().errors
    for argv in (["search", "evil", str(ws.root)], ["search", "red", str(ws.root)],
                 ["search", "evil", str(ws.root), "--format", "json"]):
        code, out, err = run(argv, capsys)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\x1b" not in err
    code, out, _ = run(["search", "evil", str(ws.root)], capsys)
    assert "\u241b[2JEvil" in out


def test_cli_highlights_on_a_terminal_only(small, ws, capsys, monkeypatch):
    import sys

    from explorer.cli import search as search_cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    code, out, _ = run(["search", "bob", str(ws.root), "--kind", "entity"], capsys)
    assert code == 0 and "\x1b[1;33mBob\x1b[0m Jones" in out
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(["search", "bob", str(ws.root), "--kind", "entity"], capsys)
    assert "\x1b" not in out
    assert search_cli.highlight("a\x1bb", (0, 1, 2), "<", ">", lambda s: s.replace("\x1b", "?")) == "<a?b>"


def test_batch_folding_is_fold():
    from explorer.core.search.lines import fold_all as _fold_all
    from explorer.core.text import fold

    texts = ["plain", "Russia\u2019s  war\u00a0x", "Py\u014fngyang \u2014 caf\u00e9", "tab\there", "`tick`",
             "\u2026end", "  lead", "x\u200by", "", "\u0130stanbul", "\ufb01ne \u00bd", "esc\x1b[2J"]
    for batch in (texts, texts + ["nul\x00inside"]):
        assert _fold_all(batch) == [fold(t).replace("\x1b", " ").replace("\x00", " ") for t in batch]


def test_unknown_kind_argument(small):
    with pytest.raises(QueryError):
        small.search("alice", kinds={"people"})
    assert small.search("alice", kinds=set()).total == 0


@given(st.integers(1, 5), st.data())
def test_tags_are_the_numbers_in_their_digits(width, data):
    """A record's tag is its number written in the tag digits, `width` of them, in order."""
    from explorer.core.search.lines import _DIGITS, tag_number, tags

    top = 16**width
    first = data.draw(st.integers(0, top - 1))
    count = data.draw(st.integers(0, min(top - first, 3000)))
    got = tags(first, count, width)
    assert [tag_number(t) for t in got] == list(range(first, first + count))
    assert all(len(t) == width and set(t) <= set(_DIGITS) for t in got)
