"""What a person means by a query: the ranking written down as a table (issue 13, item 3).

For each query: what must come first, and what must not appear at all. Fuzzy matching finds the
letters of a query in order; in prose that is true of almost any word somewhere in a paragraph,
so there only tight matches count (see `explorer.core.search.score.tight`). Run on the shipped article
and on a second real article (tests/articles/README.md says where it comes from).
"""

from __future__ import annotations

import shutil
import textwrap

import pytest

from explorer.core.search import SearchIndex
from explorer.core.loading.loader import Loader

from conftest import REPO

ARTICLES = REPO / "tests" / "articles"


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    return SearchIndex(Loader(REPO, use_cache=False).load())


TOWER_CARDS = {
    "ronald-reagan": "kind: entity\nname: Ronald Reagan\ntype: person\naliases: [Reagan, President Reagan]\n"
                     "evidence: [President Reagan was ignorant]\n",
    "john-tower": "kind: entity\nname: John Tower\ntype: person\ndescription: Chairman of the review board.\n"
                  "evidence: [board chairman John Tower]\n",
    "tower-commission": "kind: entity\nname: Tower Commission\ntype: organization\n"
                        "evidence: [The Tower Commission report]\n",
    "stephen-hess": "kind: entity\nname: Stephen Hess\ntype: person\nevidence: [analyst Stephen Hess]\n",
    "reuters": "kind: entity\nname: Reuters\ntype: organization\nevidence: [told Reuters]\n",
    "donald-regan": "kind: entity\nname: Donald Regan\ntype: person\nevidence: [chief of staff Donald Regan]\n",
    "george-shultz": "kind: entity\nname: George Shultz\ntype: person\n"
                     "evidence: [Secretary of State George Shultz]\n",
    "caspar-weinberger": "kind: entity\nname: Caspar Weinberger\ntype: person\n"
                         "evidence: [Defense Secretary Caspar Weinberger]\n",
    "iran": "kind: entity\nname: Iran\ntype: country\nevidence: [the Iran arms deal]\n",
    "texas": "kind: entity\nname: Texas\ntype: place\nevidence: [senator from Texas]\n",
    "john-tower-supports-reagan": "kind: relation\nsubject: john-tower\npredicate: is a longtime supporter of\n"
                                  "object: ronald-reagan\nevidence: [a longtime Reagan supporter]\n",
    "hess-told-reuters": "kind: relation\nsubject: stephen-hess\npredicate: spoke to\nobject: reuters\n"
                         "evidence: [Stephen Hess told Reuters]\n",
    "commission-criticized-regan": "kind: relation\nsubject: tower-commission\npredicate: criticized\n"
                                   "object: donald-regan\nevidence: [scathing comments on President Reagan's "
                                   "embattled chief of staff Donald Regan]\n",
}


@pytest.fixture(scope="module")
def tower(tmp_path_factory) -> SearchIndex:
    root = tmp_path_factory.mktemp("tower")
    (root / "seeds").mkdir()
    (root / "facts").mkdir()
    shutil.copy(ARTICLES / "tower-commission.txt", root / "seeds" / "tower-commission.txt")
    for name, text in TOWER_CARDS.items():
        (root / "facts" / f"{name}.yaml").write_text(text, encoding="utf-8")
    base = Loader(root, use_cache=False).load()
    assert not base.problems, [p.format() for p in base.problems]
    return SearchIndex(base)


# (query, what comes first, texts that must not be among the hits at all)
SHIPPED = [
    ("peskov", "Dmitry Peskov", ["Vostochny Cosmodrome meeting", "Central Committee of the Workers' Party of Korea"]),
    ("aurus", "Aurus", ["artillery shells", "Vostochny Cosmodrome", "TASS is a state media outlet of Russia"]),
    ("tass | kcna", "TASS", ["artillery shells", "North Korea sent to Russia artillery shells",
                             "the Aurus Senat Limousine model"]),
    ("kcna", "Korean Central News Agency", ["the Aurus Senat Limousine model"]),
    ("kim", "Kim Jong Un", ["U.N. sanctions against North Korea are imposed by United Nations"]),
    ("senat", "Aurus Senat", ["John Kirby is top spokesperson for National Security Council",
                              "the White House's National Security Council (NSC)"]),
    ("limo", "Putin's Aurus Senat limousine", ["North Korea", "like many people, Kim liked this car"]),
    ("putin", "Vladimir Putin", ["Singapore", "the gifted Aurus was presented for personal use to Kim Jong Un"]),
    ("kirby", "John Kirby", []),
    ("kmjn", "Kim Jong Il", []),  # letters of a name: found in names, as fzf would
]

TOWER = [
    ("reagan", "Ronald Reagan", ["Donald Regan"]),
    ("hess", "Stephen Hess", ["\"It's as if he went before a professional licensing board and was denied credentials.\""]),
    ("shultz", "George Shultz", []),
    ("weinberger", "Caspar Weinberger", []),
    ("tower", "John Tower", []),
    ("regan", "Donald Regan", []),
    ("texas", "Texas", []),
    ("iran arms", "the Iran arms deal", ["Iran"]),  # both words: the quote, not the country
    ("tc", "Tower Commission", []),  # two letters, in a name
]


def _check(index: SearchIndex, query: str, first: str, absent: list[str]) -> None:
    results = index.search(query, limit=500)
    texts = [h.text for h in results.hits]
    assert texts, f"{query!r} found nothing"
    assert texts[0] == first, f"{query!r}: first is {texts[0]!r}, wanted {first!r}; top 5: {texts[:5]}"
    for text in absent:
        assert text not in texts, f"{query!r} matched {text!r} (position {texts.index(text) + 1})"


@pytest.mark.parametrize("query,first,absent", SHIPPED, ids=[q for q, _, _ in SHIPPED])
def test_shipped_article(shipped, query, first, absent):
    _check(shipped, query, first, absent)


@pytest.mark.parametrize("query,first,absent", TOWER, ids=[q for q, _, _ in TOWER])
def test_second_article(tower, query, first, absent):
    _check(tower, query, first, absent)


def test_an_either_query_matches_only_what_names_either(shipped):
    """`tass | kcna` gave 280 hits matching 54 of 61 entities: letters scattered over descriptions."""
    results = shipped.search("tass | kcna", limit=500)
    entities = {h.card for h in results.hits if h.kind == "entity"}
    assert {"tass", "kcna"} <= entities
    assert len(entities) <= 8, sorted(entities)
    assert results.total <= 40


def test_names_and_aliases_rank_above_prose(shipped, tower):
    for index, query in ((shipped, "peskov"), (shipped, "kirby"), (tower, "shultz"), (tower, "hess")):
        hits = index.search(query, limit=50).hits
        assert hits[0].kind == "entity"
        # every entity matched by its name (highlighted) or an alias, before any quote or passage
        by_name = [n for n, h in enumerate(hits) if h.kind == "entity" and (h.positions or "alias:" in h.detail)]
        prose = [n for n, h in enumerate(hits) if h.kind in ("quote", "passage")]
        assert by_name and prose and max(by_name) < min(prose), [(h.kind, h.text) for h in hits]


@pytest.mark.parametrize("prose,query,matches", [
    ("the Korean Central News Agency said", "kcna", True),  # an acronym: word starts in a row
    ("Kim Jong Un arrived", "kimjong", True),  # runs at word starts
    ("Kim Yo Jong arrived", "kimjong", True),  # (a short word between)
    ("artillery shells and other materiel from Russia", "aurus", False),
    ("the tanks and ships sailed", "tass", False),  # one letter at a time is not a run
    ("the TASS news agency", "tass", True),
    ("a bank of the river", "kim", False),  # three letters: one run at a word start
    ("they were skimming", "kim", False),
    ("skimming", "kimm", True),  # four letters or more: one run anywhere
    ("Korea is more", "kim", False),
])
def test_what_counts_as_a_tight_match_in_prose(ws, prose, query, matches):
    ws.source("a.txt", f"Title\n\n{prose}\n")
    index = SearchIndex(ws.load())
    assert bool(index.search(f"kind:passage {query}").hits) is matches


WORDS = ["Kim", "Lee", "Park", "Smith", "Rossi", "Müller", "García", "Ng", "Tass", "Nato"]
OTHERS = ["Jong", "Il", "Sung", "Anna", "Marco", "Chen", "Bureau", "Group"]


@pytest.mark.parametrize("n", range(12))
def test_a_query_that_is_a_whole_alias_ranks_its_entity_first(tmp_path, n):
    """A query equal to a name or alias ("kim" for Kim Jong Un, whose alias is Kim) means that entity,
    above the names that only start with it (Kim Il Sung, Kim Jong Il ranked first by their shorter
    field). Generated: a word W, entities named 'W X' and 'W Y Z', and one whose alias is W."""
    import random

    rng = random.Random(n)
    w = rng.choice(WORDS)
    a, b, c = rng.sample(OTHERS, 3)
    named = [f"{w} {a}", f"{w} {b} {c}"]
    target = f"{rng.choice(['Jo', 'Al', 'Ed'])} {c} {w}"
    sentences = [f"Here {name} spoke at length today." for name in named + [target]]
    sentences.append(f"Later {w} said nothing more.")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds" / "story.txt").write_text("A story\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    order = list(range(3))
    rng.shuffle(order)  # the file order must not decide
    for k in order:
        name = (named + [target])[k]
        alias = f"aliases: [{w}]\n" if name == target else ""
        quote = f"{w} said nothing" if name == target else name
        (tmp_path / "facts" / f"e{k}.yaml").write_text(
            f"kind: entity\nname: {name}\ntype: person\n{alias}evidence: ['{quote}']\n", encoding="utf-8")
    base = Loader(tmp_path, use_cache=False).load()
    assert not base.problems, [p.format() for p in base.problems]
    index = SearchIndex(base)
    for query in (w.lower(), w, f"'{w.lower()}"):
        hits = [h for h in index.search(query, limit=50).hits if h.kind == "entity"]
        assert hits and hits[0].text == target, (query, [h.text for h in hits])
